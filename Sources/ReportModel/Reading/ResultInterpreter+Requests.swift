extension ResultInterpreter {
    /// The per-request values of a serving result in request order, or nil when the file has
    /// no per-request arrays, they disagree in length (already reported by ``samples(from:kind:)``),
    /// or there are more than ``RequestSamples/maximumRequests``.
    ///
    /// `itlFloor` is the run's p90 gap: the gaps at or above it are kept per request.
    static func requestSamples(from fields: RecordFields, itlFloor: Double?) -> RequestSamples? {
        let ttfts = fields["ttfts"].flatMap(\.numbers)
        let latencies = fields["latencies"].flatMap(\.numbers)
        let inputLengths = fields["input_lens"].flatMap(\.numbers)
        let outputLengths = fields["output_lens"].flatMap(\.numbers)
        var itls: (pooled: [Double], counts: [Int], sums: [Double])?
        if case .nestedNumbers(let pooled, let counts, let sums) = fields["itls"] { itls = (pooled, counts, sums) }
        var failed: Set<Int> = []
        var errorCount: Int?
        if case .strings(let count, let nonEmpty, _) = fields["errors"] {
            failed = Set(nonEmpty)
            errorCount = count
        }
        let counts = [
            ttfts?.count, latencies?.count, inputLengths?.count, outputLengths?.count, itls?.counts.count, errorCount,
        ]
        .compactMap { $0 }
        guard let count = counts.first, count > 0, count <= RequestSamples.maximumRequests,
            counts.allSatisfy({ $0 == count }), ttfts != nil || latencies != nil || itls != nil
        else { return nil }

        let succeeded = (0..<count).map { !failed.contains($0) }
        func ifSucceeded(_ values: [Double]?) -> [Double]? {
            values.map { values in values.indices.map { succeeded[$0] ? values[$0] : .nan } }
        }
        var requests = RequestSamples(
            inputLengths: inputLengths, outputLengths: outputLengths, succeeded: succeeded, ttft: ifSucceeded(ttfts))
        // As in ``samples(from:kind:)``: the gaps add up to the time after the first token.
        let endToEnd = latencies ?? ttfts.flatMap { ttfts in itls.map { zip(ttfts, $0.sums).map { $0 + $1 } } }
        requests.e2el = ifSucceeded(endToEnd)
        if let endToEnd, let ttfts, let outputLengths {
            requests.tpot = (0..<count).map { index in
                let tokens = outputLengths[index]
                guard succeeded[index], tokens > 1 else { return .nan }
                return (endToEnd[index] - ttfts[index]) / (tokens - 1)
            }
        }
        if let itls {
            var means: [Double] = []
            var medians: [Double] = []
            var offsets = [0]
            var tail: [Double] = []
            means.reserveCapacity(count)
            medians.reserveCapacity(count)
            offsets.reserveCapacity(count + 1)
            var start = 0
            for index in 0..<count {
                let gaps = itls.pooled[start..<start + itls.counts[index]]
                start += gaps.count
                let valid = succeeded[index] && !gaps.isEmpty
                means.append(valid ? itls.sums[index] / Double(gaps.count) : .nan)
                medians.append(valid ? Statistics.median(of: gaps.sorted()) ?? .nan : .nan)
                if let itlFloor, valid { tail += gaps.filter { $0 >= itlFloor } }
                offsets.append(tail.count)
            }
            requests.itlMean = means
            requests.itlMedian = medians
            requests.itlCount = (0..<count).map { succeeded[$0] ? itls.counts[$0] : 0 }
            if let itlFloor { requests.itlTail = ITLTail(floor: itlFloor, offsets: offsets, gaps: tail) }
        }
        return requests
    }
}
