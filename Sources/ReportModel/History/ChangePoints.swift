/// Change-point detection in a metric's history: E-divisive means (Matteson and James 2014) by
/// binary segmentation with a permutation test, as MongoDB's CI (Daly et al., ICPE 2020) and
/// Hunter / Apache Otava (Fleming et al., ICPE 2023) use it. docs/change-points.md.
public enum ChangePoints {
    /// The change points of `series` (one metric over runs in commit order), sorted by index.
    ///
    /// 1. In a segment (at first the whole series), the split τ with the largest divergence
    ///    Q̂(τ) (`EnergyDivergence`) between the runs before and from τ is the candidate; splits
    ///    leave at least `minimumSegmentLength` runs a side.
    /// 2. The segment is shuffled P times; p = (#{max Q̂* ≥ Q̂(τ)} + 1)/(P + 1). At
    ///    p ≤ `significanceLevel` the split is kept and both sides are searched the same way.
    ///    Each segment is tested on its own at that level, with permutations seeded by the seed
    ///    and the segment's bounds, so the result does not depend on the order of the search.
    /// 3. While a kept split's step between its neighbouring segments' means is below
    ///    `minimumRelativeStep`, the smallest such is dropped and its segments merge.
    ///
    /// A constant segment, and a series shorter than twice the minimum segment, has none.
    ///
    /// - Throws: `NotTestable.nonFiniteRuns` when a value is NaN or infinite: a missing run is
    ///   the caller's to drop or fill, since the index must name a run.
    public static func detect(in series: [Double], options: ChangePointOptions = ChangePointOptions())
        throws(NotTestable)
        -> [ChangePoint]
    {
        let nonFinite = series.indices.filter { !series[$0].isFinite }
        if let first = nonFinite.first { throw .nonFiniteRuns(count: nonFinite.count, first: first) }
        let accepted = significantSplits(in: series, options: options)
        return steps(of: series, splits: accepted, minimumRelativeStep: options.minimumRelativeStep)
    }

    /// Steps 1 and 2: the splits the permutation tests keep, sorted by index, with p-values.
    static func significantSplits(in series: [Double], options: ChangePointOptions) -> [(index: Int, pValue: Double)] {
        var accepted: [(index: Int, pValue: Double)] = []
        var pending = [0..<series.count]
        while let segment = pending.popLast() {
            guard segment.count >= 2 * options.minimumSegmentLength else { continue }
            guard let (split, pValue) = test(series[segment], options: options) else {
                continue
            }
            accepted.append((segment.lowerBound + split, pValue))
            pending.append(segment.lowerBound..<(segment.lowerBound + split))
            pending.append((segment.lowerBound + split)..<segment.upperBound)
        }
        return accepted.sorted { $0.index < $1.index }
    }

    /// The best split of one segment (counted from the segment's start) and its p-value, or
    /// `nil` when the test does not reach the level. The shuffles stop once the p-value cannot reach it any more.
    static func test(_ segment: ArraySlice<Double>, options: ChangePointOptions) -> (
        split: Int, pValue: Double
    )? {
        guard let lowest = segment.min(), let highest = segment.max(), lowest < highest else { return nil }
        var divergence = EnergyDivergence(segment: segment, minimumSide: options.minimumSegmentLength)
        let observed = divergence.best(order: divergence.ranks)
        // Reordering the same values changes the sums' rounding: a permutation within 1e-12 of
        // the observed statistic counts as reaching it.
        let reach = observed.statistic - 1e-12 * abs(observed.statistic)
        // p ≤ α ⟺ #{reaching} ≤ α·(P + 1) − 1.
        let allowed = (options.significanceLevel * Double(options.permutations + 1) - 1).rounded(.down)
        guard allowed >= 0 else { return nil }
        var generator = SplitMix64(seed: segmentSeed(options.seed, segment.startIndex, segment.endIndex))
        var order = divergence.ranks
        var reaching = 0
        for _ in 0..<options.permutations {
            // Fisher–Yates, from the previous permutation: a uniform permutation all the same.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, generator.nextInt(below: index + 1))
            }
            if divergence.best(order: order).statistic >= reach {
                reaching += 1
                if Double(reaching) > allowed { return nil }
            }
        }
        return (observed.split, Double(reaching + 1) / Double(options.permutations + 1))
    }

    /// A seed for one segment's permutations from the caller's seed and the segment's bounds.
    static func segmentSeed(_ seed: UInt64, _ lower: Int, _ upper: Int) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(lower) &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next() ^ (UInt64(upper) &* 0xC2B2_AE3D_27D4_EB4F)
    }

    /// Step 3: the kept splits with their segment means, after dropping, smallest step first,
    /// those whose step between the neighbouring segments is below `minimumRelativeStep`.
    static func steps(of series: [Double], splits: [(index: Int, pValue: Double)], minimumRelativeStep: Double)
        -> [ChangePoint]
    {
        var splits = splits
        while true {
            let points = changePoints(of: series, splits: splits)
            let smallest = points.indices.min { abs(points[$0].relativeStep) < abs(points[$1].relativeStep) }
            guard let smallest, abs(points[smallest].relativeStep) < minimumRelativeStep else { return points }
            splits.remove(at: smallest)
        }
    }

    /// The change points at `splits` (sorted), with the means of the segments between them.
    private static func changePoints(of series: [Double], splits: [(index: Int, pValue: Double)]) -> [ChangePoint] {
        guard !splits.isEmpty else { return [] }
        let bounds = [0] + splits.map(\.index) + [series.count]
        let means = zip(bounds, bounds.dropFirst()).map { Statistics.mean(of: Array(series[$0..<$1]))! }
        return splits.indices.map { (i: Int) -> ChangePoint in
            ChangePoint(
                index: splits[i].index, pValue: splits[i].pValue, meanBefore: means[i], meanAfter: means[i + 1])
        }
    }
}
