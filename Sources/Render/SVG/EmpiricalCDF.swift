/// A point on an empirical CDF: the fraction of samples at or below a value.
public struct CDFPoint: Sendable, Hashable {
    /// A sample.
    public var value: Double
    /// The fraction of all samples at or below it, in (0, 1].
    public var fraction: Double

    public init(value: Double, fraction: Double) {
        self.value = value
        self.fraction = fraction
    }
}

/// The empirical distribution of a set of samples: quantiles, and the few points that draw it.
public struct EmpiricalCDF: Sendable, Hashable {
    /// The finite samples, ascending.
    public let sortedSamples: [Double]

    /// Drops NaN and infinities; sorts only when the samples are not already in order.
    public init(samples: [Double]) {
        let finite = samples.filter(\.isFinite)
        let isSorted = zip(finite, finite.dropFirst()).allSatisfy { $0 <= $1 }
        sortedSamples = isSorted ? finite : finite.sorted()
    }

    /// How many finite samples there are.
    public var count: Int { sortedSamples.count }

    /// The smallest sample with at least the fraction `p` of all samples at or below it (the
    /// inverted CDF), so a marker at (quantile, p) sits exactly on the drawn step line.
    public func quantile(_ p: Double) -> Double? {
        guard !sortedSamples.isEmpty else { return nil }
        return sortedSamples[quantileIndex(p)]
    }

    /// At most `maximumCount` points whose step line is the CDF's: every point is a sample with its
    /// exact fraction; the minimum, the maximum and the quantiles `keeping` are always among them,
    /// and no step of the CDF is more than about 1 / `maximumCount` high that is not drawn.
    public func drawingPoints(maximumCount: Int = 200, keeping quantiles: [Double] = [0.5, 0.9, 0.99]) -> [CDFPoint] {
        let count = sortedSamples.count
        guard count > 0 else { return [] }
        var indices: [Int]
        if count <= max(maximumCount, 2) {
            indices = Array(0..<count)
        } else {
            // Evenly spaced in fraction, so the error in height is bounded whatever the spread in value.
            let evenCount = max(2, maximumCount - quantiles.count)
            var chosen = Set(
                (0..<evenCount).map { Int((Double($0) * Double(count - 1) / Double(evenCount - 1)).rounded()) })
            chosen.formUnion([0, count - 1])
            chosen.formUnion(quantiles.map(quantileIndex))
            indices = chosen.sorted()
        }
        return indices.map { CDFPoint(value: sortedSamples[$0], fraction: Double($0 + 1) / Double(count)) }
    }

    private func quantileIndex(_ p: Double) -> Int {
        // The tolerance keeps 0.99 × 100 = 99.00000000000001 from becoming index 99.
        let rank = Int((min(max(p, 0), 1) * Double(sortedSamples.count) - 1e-9).rounded(.up))
        return min(max(rank - 1, 0), sortedSamples.count - 1)
    }
}
