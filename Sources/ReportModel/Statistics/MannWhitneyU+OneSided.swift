extension MannWhitneyU {
    /// One-sided Mann–Whitney p-values, for the unpaired mean and median verdicts.
    struct OneSided: Sendable, Equatable {
        /// U of the head sample: the (head, base) pairs in which head is larger, a tie counting
        /// one half; SciPy's `statistic` for `mannwhitneyu(head, base)`.
        var headU: Double
        /// P(U this large or larger) under no shift: small when head is stochastically greater.
        var pGreater: Double
        /// P(U this small or smaller) under no shift: small when head is stochastically smaller.
        var pLess: Double
    }

    /// Both one-sided p-values of head against base from the normal approximation with the tie
    /// and continuity corrections, as SciPy's `mannwhitneyu(head, base, alternative="greater"`
    /// or `"less", method="asymptotic")` give them. Samples need not be sorted.
    ///
    /// When every sample is equal there is no spread and no evidence either way: both are 0.5
    /// (SciPy gives NaN), which a Stouffer combination reads as neutral.
    ///
    /// - Throws: `NotTestable` when a side has fewer than `minimumSamples` samples or holds a NaN
    ///   or an infinity.
    static func oneSided(base: [Double], head: [Double]) throws(NotTestable) -> OneSided {
        try NotTestable.check(base: base, head: head, minimum: minimumSamples)
        let base = Statistics.sortedAscending(base)
        let head = Statistics.sortedAscending(head)
        let ranks = RankSummary(base: base, head: head)
        let pairs = Double(base.count) * Double(head.count)
        let headU = pairs - ranks.baseU
        let mean = pairs / 2
        let total = base.count + head.count
        // SciPy's `_get_mwu_z` variance, in its order of operations.
        let variance =
            Double(base.count * head.count) / 12
            * (Double(total + 1) - ranks.tieTerm / Double(total * (total - 1)))
        guard variance > 0 else { return OneSided(headU: headU, pGreater: 0.5, pLess: 0.5) }
        let deviation = variance.squareRoot()
        return OneSided(
            headU: headU,
            pGreater: NormalDistribution.survival((headU - mean - 0.5) / deviation),
            pLess: NormalDistribution.survival((ranks.baseU - mean - 0.5) / deviation))
    }
}
