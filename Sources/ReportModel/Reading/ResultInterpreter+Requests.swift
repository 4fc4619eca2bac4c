extension ResultInterpreter {
    /// The per-request values of a serving result in request order, or nil when the file has
    /// no per-request arrays, they disagree in length (already reported by ``samples(from:kind:)``),
    /// or there are more than ``RequestSamples/maximumRequests``.
    ///
    /// `itlFloor` is the run's p90 gap: the gaps at or above it are kept per request.
    static func requestSamples(from arrays: PerRequestArrays, itlFloor: Double?) -> RequestSamples? {
        let counts = [
            arrays.ttfts?.count, arrays.latencies?.count, arrays.inputLengths?.count, arrays.outputLengths?.count,
            arrays.itls?.counts.count, arrays.errorCount,
        ]
        .compactMap { $0 }
        guard let count = counts.first, count > 0, count <= RequestSamples.maximumRequests,
            counts.allSatisfy({ $0 == count }), arrays.ttfts != nil || arrays.latencies != nil || arrays.itls != nil
        else { return nil }

        let succeeded = (0..<count).map { !arrays.failed.contains($0) }
        func ifSucceeded(_ values: [Double]?) -> [Double]? {
            values.map { values in values.indices.map { succeeded[$0] ? values[$0] : .nan } }
        }
        var requests = RequestSamples(
            inputLengths: arrays.inputLengths, outputLengths: arrays.outputLengths, succeeded: succeeded,
            ttft: ifSucceeded(arrays.ttfts))
        let endToEnd = arrays.endToEnd
        requests.e2el = ifSucceeded(endToEnd)
        if let endToEnd, let ttfts = arrays.ttfts, let outputLengths = arrays.outputLengths {
            requests.tpot = (0..<count).map { index in
                guard succeeded[index] else { return .nan }
                return PerRequestArrays.tpot(
                    endToEnd: endToEnd[index], ttft: ttfts[index], outputLength: outputLengths[index]) ?? .nan
            }
        }
        if let itls = arrays.itls {
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
