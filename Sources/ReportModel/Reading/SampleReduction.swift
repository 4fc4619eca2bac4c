/// Per-request arrays reduced, as each file is read, to what a report keeps of them: at most
/// ``maximumKept`` samples per series, so memory does not grow with the size of the files.
///
/// A longer series keeps its evenly spaced order statistics: the smallest, the largest, and
/// ranks `round(i × (n − 1) / (maximumKept − 1))` between. That is a quantile-preserving
/// thinning: every percentile of the kept samples is within one original rank step of the
/// full series' (for the `itls` of a detailed run, a few hundred thousand values, the
/// difference is far below the run-to-run noise), and the kept samples are a deterministic
/// function of the file. Charts draw the kept samples; the diff tests per-request values
/// (``RequestSamples``) where the file has them and falls back to the kept samples only for
/// pooled ITL and latency-run series, so the `n` it reports there is the kept count, which is
/// the more cautious verdict. Summary tables never use samples: they show the file's own
/// `mean_*`, `median_*`, `p99_*` keys.
enum SampleReduction {
    /// The most samples kept per series and result (32 KiB of `Double`s).
    static let maximumKept = 4096

    /// `values` sorted ascending, or its evenly spaced order statistics when there are more
    /// than `limit`. Linear time for long series: a most-significant-digit radix selection on
    /// the values' bit patterns that only looks into the buckets holding a wanted rank.
    static func sortedAndThinned(_ values: [Double], limit: Int = maximumKept) -> [Double] {
        guard values.count > limit, limit >= 2 else { return values.sorted() }
        if values.count < Int(Int32.max), let kept = orderStatistics(values, count: limit) { return kept }
        // NaN has no rank; a result file never has one in a per-request array.
        let finite = values.filter { !$0.isNaN }
        guard finite.count > limit else { return finite.sorted() }
        guard finite.count < Int(Int32.max), let kept = orderStatistics(finite, count: limit) else {
            let sorted = finite.sorted()
            return thinnedRanks(of: sorted.count, count: limit).map { sorted[$0] }
        }
        return kept
    }

    /// The ranks `round(i × (n − 1) / (count − 1))`, for `i` in `0..<count` (at least 2), of
    /// `n` values: the quotient and remainder carried from one rank to the next, not a
    /// division each.
    static func thinnedRanks(of n: Int, count: Int) -> [Int] {
        let divisor = count - 1
        let (step, extra) = (n - 1).quotientAndRemainder(dividingBy: divisor)
        var rank = 0
        var remainder = divisor / 2
        return (0..<count).map { _ in
            defer {
                rank += step
                remainder += extra
                if remainder >= divisor {
                    rank += 1
                    remainder -= divisor
                }
            }
            return rank
        }
    }

    /// A key whose unsigned order is the order of the doubles (`-0.0` just below `+0.0`).
    @inline(__always)
    private static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 0 ? bits | 1 << 63 : ~bits
    }

    @inline(__always)
    private static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// Nil when a value is NaN.
    private static func orderStatistics(_ values: [Double], count: Int) -> [Double]? {
        let n = values.count
        let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer {
            keys.deallocate()
            scratch.deallocate()
        }
        var lowest = UInt64.max
        var highest = UInt64.min
        var hasNaN = false
        values.withUnsafeBufferPointer { values in
            for index in 0..<n {
                let converted = key(values[index])
                keys[index] = converted
                lowest = min(lowest, converted)
                highest = max(highest, converted)
                hasNaN = hasNaN || values[index].isNaN
            }
        }
        guard !hasNaN else { return nil }
        let ranks = thinnedRanks(of: n, count: count)
        return [Double](unsafeUninitializedCapacity: count) { output, initialized in
            ranks.withUnsafeBufferPointer { ranks in
                let selection = Selection(ranks: ranks, output: output)
                selection.select(keys, scratch, wanted: 0..<count, offset: 0, lowest: lowest, highest: highest)
            }
            // The selection wrote keys: make them values again.
            for index in 0..<count { output[index] = value(output[index].bitPattern) }
            initialized = count
        }
    }

    /// The ranks wanted, ascending, and where the key of each goes (as a bit pattern, until the
    /// end of ``orderStatistics(_:count:)``).
    private struct Selection {
        let ranks: UnsafeBufferPointer<Int>
        let output: UnsafeMutableBufferPointer<Double>

        /// Writes the keys of rank `ranks[i] − offset` in `keys`, for each `i` in `wanted` (ranks
        /// within `keys`); `lowest` and `highest` are the smallest and the largest key.
        ///
        /// Most significant digit first: keys are bucketed on the top bits of their distance from
        /// the smallest, and only the buckets that hold a wanted rank are looked into, the same
        /// way, until they are small enough to sort. Each level splits on at least four more bits,
        /// so it recurses at most 16 deep, whatever the input.
        func select(
            _ keys: UnsafeMutableBufferPointer<UInt64>, _ scratch: UnsafeMutableBufferPointer<UInt64>,
            wanted: Range<Int>, offset: Int, lowest: UInt64, highest: UInt64
        ) {
            let n = keys.count
            let span = highest - lowest
            guard span > 0 else {
                for index in wanted { output[index] = Double(bitPattern: lowest) }
                return
            }
            let spanBits = 64 - span.leadingZeroBitCount
            // Up to 32,768 keys (256 KB, within a core's cache: the ITLs of a file of a few
            // hundred requests) get about a bucket each, so that however unevenly the values
            // spread over their span most buckets need only a short insertion sort; more keys get
            // at most 2,048 buckets of about eight, since more buckets would make the scatter
            // below miss the cache on every key.
            let bucketBits =
                n <= 1 << 15
                ? min(15, spanBits, max(4, n.bitWidth - n.leadingZeroBitCount))
                : min(11, spanBits, max(4, (n / 8).bitWidth - (n / 8).leadingZeroBitCount))
            let shift = UInt64(spanBits - bucketBits)
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: (1 << bucketBits) + 1) { ends in
                ends.initialize(repeating: 0)
                selectInBuckets(
                    keys, scratch, wanted: wanted, offset: offset, lowest: lowest, shift: shift, ends: ends)
            }
        }

        /// The bucketing step of ``select(_:_:wanted:offset:lowest:highest:)``, with `ends` zeroed,
        /// one more than the buckets.
        private func selectInBuckets(
            _ keys: UnsafeMutableBufferPointer<UInt64>, _ scratch: UnsafeMutableBufferPointer<UInt64>,
            wanted: Range<Int>, offset: Int, lowest: UInt64, shift: UInt64, ends: UnsafeMutableBufferPointer<Int32>
        ) {
            // Fewer than Int32.max keys (see `sortedAndThinned`): no count overflows.
            for key in keys { ends[Int((key &- lowest) >> shift) + 1] &+= 1 }
            var total: Int32 = 0
            for bucket in 1..<ends.count {
                total &+= ends[bucket]
                ends[bucket] = total
            }
            // Scatter; afterwards `ends[b]` is where bucket b ends (and b + 1 starts).
            for key in keys {
                let bucket = Int((key &- lowest) >> shift)
                scratch[Int(ends[bucket])] = key
                ends[bucket] &+= 1
            }
            // Ranks ascend, so one walk over the buckets finds them all.
            var bucket = 0
            var first = wanted.lowerBound
            while first < wanted.upperBound {
                while Int(ends[bucket]) <= ranks[first] - offset { bucket += 1 }
                let start = bucket == 0 ? 0 : Int(ends[bucket - 1])
                let end = Int(ends[bucket])
                var last = first
                while last < wanted.upperBound, ranks[last] - offset < end { last += 1 }
                let inBucket = UnsafeMutableBufferPointer(rebasing: scratch[start..<end])
                if inBucket.count <= 48 {
                    SampleReduction.sortSmall(inBucket)
                    for index in first..<last {
                        output[index] = Double(bitPattern: inBucket[ranks[index] - offset - start])
                    }
                } else {
                    var smallest = UInt64.max
                    var largest = UInt64.min
                    for key in inBucket {
                        smallest = min(smallest, key)
                        largest = max(largest, key)
                    }
                    select(
                        inBucket, UnsafeMutableBufferPointer(rebasing: keys[start..<end]), wanted: first..<last,
                        offset: offset + start, lowest: smallest, highest: largest)
                }
                first = last
            }
        }
    }

    /// Sorts a bucket of up to 48 keys: by a sorting network up to 16, whose comparisons are
    /// `min` and `max` with no branch on the keys (a small insertion sort mispredicts about one
    /// branch a key), by insertion above.
    static func sortSmall(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        switch keys.count {
        case 0, 1: return
        case 2...8: sortingNetwork8(keys)
        case 9...16: sortingNetwork16(keys)
        default: insertionSort(keys)
        }
    }

    @inline(__always)
    private static func order(_ first: inout UInt64, _ second: inout UInt64) {
        let smaller = min(first, second)
        second = max(first, second)
        first = smaller
    }

    /// Batcher's odd–even merge sort network for 8 keys: 19 comparators, unrolled into the
    /// callers with the keys in registers.
    @inline(__always)
    private static func sortEight(
        _ k0: inout UInt64, _ k1: inout UInt64, _ k2: inout UInt64, _ k3: inout UInt64, _ k4: inout UInt64,
        _ k5: inout UInt64, _ k6: inout UInt64, _ k7: inout UInt64
    ) {
        order(&k0, &k1)
        order(&k2, &k3)
        order(&k0, &k2)
        order(&k1, &k3)
        order(&k1, &k2)
        order(&k4, &k5)
        order(&k6, &k7)
        order(&k4, &k6)
        order(&k5, &k7)
        order(&k5, &k6)
        order(&k0, &k4)
        order(&k2, &k6)
        order(&k2, &k4)
        order(&k1, &k5)
        order(&k3, &k7)
        order(&k3, &k5)
        order(&k1, &k2)
        order(&k3, &k4)
        order(&k5, &k6)
    }

    /// Batcher's odd–even merge sort network for 8 keys (19 comparators), for 2 to 8:
    /// the missing keys are taken as `UInt64.max`, which no key is above, so they end last.
    private static func sortingNetwork8(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        let count = keys.count
        var k0 = count > 0 ? keys[0] : .max
        var k1 = count > 1 ? keys[1] : .max
        var k2 = count > 2 ? keys[2] : .max
        var k3 = count > 3 ? keys[3] : .max
        var k4 = count > 4 ? keys[4] : .max
        var k5 = count > 5 ? keys[5] : .max
        var k6 = count > 6 ? keys[6] : .max
        var k7 = count > 7 ? keys[7] : .max
        sortEight(&k0, &k1, &k2, &k3, &k4, &k5, &k6, &k7)
        if count > 0 { keys[0] = k0 }
        if count > 1 { keys[1] = k1 }
        if count > 2 { keys[2] = k2 }
        if count > 3 { keys[3] = k3 }
        if count > 4 { keys[4] = k4 }
        if count > 5 { keys[5] = k5 }
        if count > 6 { keys[6] = k6 }
        if count > 7 { keys[7] = k7 }
    }

    /// Batcher's odd–even merge sort network for 16 keys (63 comparators: each half sorted by
    /// 19, then 25 merging them), for 9 to 16:
    /// the missing keys are taken as `UInt64.max`, which no key is above, so they end last.
    private static func sortingNetwork16(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        let count = keys.count
        var k0 = count > 0 ? keys[0] : .max
        var k1 = count > 1 ? keys[1] : .max
        var k2 = count > 2 ? keys[2] : .max
        var k3 = count > 3 ? keys[3] : .max
        var k4 = count > 4 ? keys[4] : .max
        var k5 = count > 5 ? keys[5] : .max
        var k6 = count > 6 ? keys[6] : .max
        var k7 = count > 7 ? keys[7] : .max
        var k8 = count > 8 ? keys[8] : .max
        var k9 = count > 9 ? keys[9] : .max
        var k10 = count > 10 ? keys[10] : .max
        var k11 = count > 11 ? keys[11] : .max
        var k12 = count > 12 ? keys[12] : .max
        var k13 = count > 13 ? keys[13] : .max
        var k14 = count > 14 ? keys[14] : .max
        var k15 = count > 15 ? keys[15] : .max
        sortEight(&k0, &k1, &k2, &k3, &k4, &k5, &k6, &k7)
        sortEight(&k8, &k9, &k10, &k11, &k12, &k13, &k14, &k15)
        // Batcher's merge of the two sorted halves.
        order(&k0, &k8)
        order(&k4, &k12)
        order(&k4, &k8)
        order(&k2, &k10)
        order(&k6, &k14)
        order(&k6, &k10)
        order(&k2, &k4)
        order(&k6, &k8)
        order(&k10, &k12)
        order(&k1, &k9)
        order(&k5, &k13)
        order(&k5, &k9)
        order(&k3, &k11)
        order(&k7, &k15)
        order(&k7, &k11)
        order(&k3, &k5)
        order(&k7, &k9)
        order(&k11, &k13)
        order(&k1, &k2)
        order(&k3, &k4)
        order(&k5, &k6)
        order(&k7, &k8)
        order(&k9, &k10)
        order(&k11, &k12)
        order(&k13, &k14)
        if count > 0 { keys[0] = k0 }
        if count > 1 { keys[1] = k1 }
        if count > 2 { keys[2] = k2 }
        if count > 3 { keys[3] = k3 }
        if count > 4 { keys[4] = k4 }
        if count > 5 { keys[5] = k5 }
        if count > 6 { keys[6] = k6 }
        if count > 7 { keys[7] = k7 }
        if count > 8 { keys[8] = k8 }
        if count > 9 { keys[9] = k9 }
        if count > 10 { keys[10] = k10 }
        if count > 11 { keys[11] = k11 }
        if count > 12 { keys[12] = k12 }
        if count > 13 { keys[13] = k13 }
        if count > 14 { keys[14] = k14 }
        if count > 15 { keys[15] = k15 }
    }

    private static func insertionSort(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        var index = 1
        while index < keys.count {
            let key = keys[index]
            var hole = index
            while hole > 0, keys[hole - 1] > key {
                keys[hole] = keys[hole - 1]
                hole -= 1
            }
            keys[hole] = key
            index += 1
        }
    }
}
