/// A run where a metric's level steps: the first run of the new level, with the evidence.
public struct ChangePoint: Sendable, Hashable {
    /// The index in the series of the first run of the new level.
    public var index: Int
    /// The permutation p-value of the test that accepted the split, (#{Q̂* ≥ Q̂} + 1)/(P + 1),
    /// in the segment that was being split when it was found.
    public var pValue: Double
    /// The mean of the runs from the previous change point (or the start) up to `index`.
    public var meanBefore: Double
    /// The mean of the runs from `index` up to the next change point (or the end).
    public var meanAfter: Double

    /// The step as a relative change of the segment means, (after − before)/|before|:
    /// 0.1 is 10% up. ±∞ when the mean before is 0 and the one after is not.
    public var relativeStep: Double {
        ChangePoint.relativeStep(from: meanBefore, to: meanAfter)
    }

    /// (after − before)/|before|, with 0 for 0 → 0 and ±∞ from 0 to anything else.
    static func relativeStep(from before: Double, to after: Double) -> Double {
        if before == 0 { return after == 0 ? 0 : (after > 0 ? .infinity : -.infinity) }
        return (after - before) / abs(before)
    }
}
