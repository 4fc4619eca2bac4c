/// E-divisive means' divergence (Matteson and James 2014, α = 1) at every split of one segment:
/// for left side X = z[0..<τ] and right side Y = z[τ..<n], with m = τ and k = n − τ,
///
///     Ê = 2/(m·k)·Σ|xᵢ − yⱼ| − Σ_{i<i′}|xᵢ − xᵢ′|/C(m, 2) − Σ_{j<j′}|yⱼ − yⱼ′|/C(k, 2)
///     Q̂(τ) = m·k/n · Ê = 2/n · (cross − k·within(X)/(m − 1) − m·within(Y)/(k − 1))
///
/// The right side always runs to the end of the segment (κ = n), as in MongoDB's and Hunter's
/// implementations, rather than also searching over κ as the paper does.
///
/// One scan of all splits is O(n log n): the distances from each value to those before it are
/// counts and sums below and above its rank, kept in a Fenwick tree over the ranks, and those to
/// the ones after it are its distances to all less those. Prefix sums of these rows give both
/// sides' within-sums, and the cross-sum is the total less the two. A permutation only reorders
/// the ranks, so the sorted values and the distances to all are computed once per segment.
struct EnergyDivergence: Sendable {
    /// The segment's values less their minimum, sorted ascending: a rank's value. Subtracting the
    /// minimum keeps the sums of distances from cancelling digits of a large common level.
    private let sortedValues: [Double]
    /// Each value's rank in `sortedValues`, in series order (ties by position).
    let ranks: [Int]
    /// The fewest values a side may have; at least 2 (a side's within-sum divides by m − 1).
    let minimumSide: Int

    /// Σᵢ|v − zᵢ| over the whole segment for the value v of each rank: the same in every order.
    private let distanceSums: [Double]
    /// Scratch, reused by every scan: the Fenwick tree's counts and sums, the rows to the left,
    /// and the right sides' within-sums.
    private var treeCounts: [Double]
    private var treeSums: [Double]
    private var leftRows: [Double]
    private var rightWithin: [Double]

    /// Prepares the scans of `segment`, whose values must be finite.
    init(segment: ArraySlice<Double>, minimumSide: Int) {
        precondition(minimumSide >= 2, "a side needs at least 2 values, not \(minimumSide)")
        let values = Array(segment)
        let lowest = values.min() ?? 0
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Int](repeating: 0, count: values.count)
        for (rank, index) in order.enumerated() { ranks[index] = rank }
        self.ranks = ranks
        let sortedValues = order.map { values[$0] - lowest }
        self.sortedValues = sortedValues
        let total = sortedValues.reduce(0, +)
        var below = 0.0
        var distanceSums: [Double] = []
        for (rank, value) in sortedValues.enumerated() {
            let above = total - below - value
            distanceSums.append((value * Double(rank) - below) + (above - value * Double(values.count - rank - 1)))
            below += value
        }
        self.distanceSums = distanceSums
        self.minimumSide = minimumSide
        treeCounts = [Double](repeating: 0, count: values.count + 1)
        treeSums = [Double](repeating: 0, count: values.count + 1)
        leftRows = [Double](repeating: 0, count: values.count)
        rightWithin = [Double](repeating: 0, count: values.count + 1)
    }

    /// The number of values in the segment.
    var count: Int { ranks.count }

    /// The splits scanned: τ with at least `minimumSide` values on each side; empty when the
    /// segment is shorter than twice that.
    var splits: Range<Int> {
        count >= 2 * minimumSide ? minimumSide..<(count - minimumSide + 1) : 0..<0
    }

    /// Q̂(τ) for every τ in `splits`, the values taken in the order of `order` (a permutation
    /// of `ranks`).
    mutating func statistics(order: [Int]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(splits.count)
        scan(order: order) { _, statistic in result.append(statistic) }
        return result
    }

    /// The split with the largest Q̂ (the first of equals) and that Q̂.
    mutating func best(order: [Int]) -> (split: Int, statistic: Double) {
        var best = (split: splits.lowerBound, statistic: -Double.infinity)
        scan(order: order) { split, statistic in
            if statistic > best.statistic { best = (split, statistic) }
        }
        return best
    }

    /// Calls `body(τ, Q̂(τ))` for every τ in `splits`, in order.
    private mutating func scan(order: [Int], _ body: (Int, Double) -> Void) {
        precondition(order.count == count, "the order must hold every rank once")
        let n = count
        guard !splits.isEmpty else { return }
        fillLeftRows(order: order)
        // within(Y) for Y = z[τ..<n], τ = n down to 0, from the rows to the right: a value's
        // distances to all others less those to its left.
        rightWithin[n] = 0
        for index in stride(from: n - 1, through: 0, by: -1) {
            rightWithin[index] = rightWithin[index + 1] + (distanceSums[order[index]] - leftRows[index])
        }
        let total = rightWithin[0]
        var leftWithin = 0.0
        let size = Double(n)
        for split in 0..<splits.upperBound {
            if split >= splits.lowerBound {
                let m = Double(split)
                let k = size - m
                let cross = total - leftWithin - rightWithin[split]
                body(split, 2 / size * (cross - k * leftWithin / (m - 1) - m * rightWithin[split] / (k - 1)))
            }
            leftWithin += leftRows[split]
        }
    }

    /// `leftRows[t] = Σ_{i<t}|zₜ − zᵢ|`. Run once per split scan and permutation, so it works on
    /// raw buffers: with bounds checks a debug build is several times slower.
    private mutating func fillLeftRows(order: [Int]) {
        let n = count
        var rows = leftRows
        // Moved out so the buffer below is the only reference (no copy on write).
        leftRows = []
        defer { leftRows = rows }
        treeCounts.withUnsafeMutableBufferPointer { counts in
            treeSums.withUnsafeMutableBufferPointer { sums in
                rows.withUnsafeMutableBufferPointer { rows in
                    sortedValues.withUnsafeBufferPointer { sortedValues in
                        order.withUnsafeBufferPointer { order in
                            counts.update(repeating: 0)
                            sums.update(repeating: 0)
                            var insertedCount = 0.0
                            var insertedSum = 0.0
                            for step in 0..<n {
                                let rank = order[step]
                                let value = sortedValues[rank]
                                // Count and sum of the inserted ranks below `rank`.
                                var belowCount = 0.0
                                var belowSum = 0.0
                                var node = rank
                                while node > 0 {
                                    belowCount += counts[node]
                                    belowSum += sums[node]
                                    node &= node - 1
                                }
                                let aboveCount = insertedCount - belowCount
                                let aboveSum = insertedSum - belowSum
                                rows[step] = (value * belowCount - belowSum) + (aboveSum - value * aboveCount)
                                node = rank + 1
                                while node <= n {
                                    counts[node] += 1
                                    sums[node] += value
                                    node += node & -node
                                }
                                insertedCount += 1
                                insertedSum += value
                            }
                        }
                    }
                }
            }
        }
    }
}
