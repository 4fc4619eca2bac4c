/// The knobs of change-point detection, with defaults chosen for benchmark histories: at most
/// about one false alarm per thousand series of pure noise from the test, and no step too small
/// to act on.
public struct ChangePointOptions: Sendable, Hashable {
    /// A split is accepted when its permutation p-value is at most this. 0.001: a history is
    /// rerun on every commit and read by people, so false alarms must be rare; with the step
    /// rule too, none were seen in 1,000 series of 100 noisy runs (docs/change-points.md).
    public var significanceLevel: Double
    /// The number P of permutations per test. 999 is the fewest for which p can reach 0.001;
    /// a test that cannot reach the level any more stops early, so noise costs a few.
    public var permutations: Int
    /// The fewest runs a segment may have, so a change point is at least this far from the ends
    /// and from its neighbours. 5: fewer gives one or two odd runs a say.
    public var minimumSegmentLength: Int
    /// A change whose relative step of the segment means, |after − before|/|before|, is below
    /// this is dropped, and its two segments merge. 0.05: run-to-run noise of vLLM benchmarks is
    /// 2–4% (docs/diff.md), and a smaller step is seldom worth a bisection.
    public var minimumRelativeStep: Double
    /// The seed of the permutations, so the same series gives the same change points.
    public var seed: UInt64

    /// The defaults above, or others.
    public init(
        significanceLevel: Double = 0.001, permutations: Int = 999, minimumSegmentLength: Int = 5,
        minimumRelativeStep: Double = 0.05, seed: UInt64 = SplitMix64.defaultSeed
    ) {
        precondition(significanceLevel > 0 && significanceLevel < 1, "the level is in (0, 1)")
        precondition(permutations > 0, "the test needs at least one permutation")
        precondition(minimumSegmentLength >= 2, "a segment needs at least 2 runs")
        precondition(minimumRelativeStep >= 0, "the minimum step is not negative")
        self.significanceLevel = significanceLevel
        self.permutations = permutations
        self.minimumSegmentLength = minimumSegmentLength
        self.minimumRelativeStep = minimumRelativeStep
        self.seed = seed
    }
}
