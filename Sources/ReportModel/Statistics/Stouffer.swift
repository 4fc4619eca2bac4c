/// Stouffer's combination of one-sided p-values, for the sweep rule: Z = Σ Φ⁻¹(1 − p_r)/√R.
enum Stouffer {
    /// p-values are clamped into this range first, so a p of 0 or 1 adds a finite ±8…37.
    static let clamp: ClosedRange<Double> = 1e-300...(1 - 1e-16)

    /// Z over R ≥ 1 one-sided p-values; large when they agree on the same direction. SciPy's
    /// `combine_pvalues(ps, method="stouffer").statistic` for p-values inside `clamp`.
    ///
    /// Φ⁻¹(1 − p) is taken as −Φ⁻¹(p), so a p of 1e-300 keeps its size instead of 1 − p
    /// rounding to 1.
    ///
    /// - Throws: `NotTestable.tooFewSamples` (both counts R) when there are none, and
    ///   `NotTestable.nonFiniteSamples` (both counts the NaNs) for a NaN p-value.
    static func combine(_ pValues: [Double]) throws(NotTestable) -> Double {
        let nans = pValues.count(where: { $0.isNaN })
        guard nans == 0 else { throw .nonFiniteSamples(base: nans, head: nans) }
        guard !pValues.isEmpty else { throw .tooFewSamples(base: 0, head: 0, minimum: 1) }
        var sum = 0.0
        for p in pValues {
            sum -= NormalDistribution.quantile(min(max(p, clamp.lowerBound), clamp.upperBound))
        }
        return sum / Double(pValues.count).squareRoot()
    }
}
