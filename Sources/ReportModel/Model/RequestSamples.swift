/// A serving result's per-request values in request order: what a diff needs to test with the
/// request as the unit, and to pair request *i* of base with request *i* of head.
///
/// `vllm bench serve` writes every per-request array in the order the requests were sent, and
/// two runs with the same `--seed` and dataset send the same requests in the same order; equal
/// `inputLengths` (and `outputLengths`) show that they did. Every array has one entry per
/// dispatched request; a value that does not exist (a failed request, a TPOT of a one-token
/// answer, the gaps of a request without any) is NaN.
public struct RequestSamples: Sendable, Equatable {
    /// The most requests a result keeps values of: beyond it, only the thinned samples are kept.
    public static let maximumRequests = 100_000

    /// `input_lens`, when the file has it.
    public var inputLengths: [Double]?
    /// `output_lens`, when the file has it.
    public var outputLengths: [Double]?
    /// Whether each request succeeded (its `errors` entry is empty, or the file has none).
    public var succeeded: [Bool]
    /// Seconds.
    public var ttft: [Double]?
    /// Seconds.
    public var e2el: [Double]?
    /// Seconds per output token after the first, as vLLM defines it.
    public var tpot: [Double]?
    /// Each request's mean gap between tokens, in seconds.
    public var itlMean: [Double]?
    /// Each request's median gap, in seconds.
    public var itlMedian: [Double]?
    /// Each request's number of gaps.
    public var itlCount: [Int]?
    /// The largest gaps of each request: enough to count, per request, the gaps above any cut
    /// at or above ``ITLTail/floor``.
    public var itlTail: ITLTail?

    /// The number of dispatched requests.
    public var count: Int { succeeded.count }

    public init(
        inputLengths: [Double]? = nil, outputLengths: [Double]? = nil, succeeded: [Bool], ttft: [Double]? = nil,
        e2el: [Double]? = nil, tpot: [Double]? = nil, itlMean: [Double]? = nil, itlMedian: [Double]? = nil,
        itlCount: [Int]? = nil, itlTail: ITLTail? = nil
    ) {
        self.inputLengths = inputLengths
        self.outputLengths = outputLengths
        self.succeeded = succeeded
        self.ttft = ttft
        self.e2el = e2el
        self.tpot = tpot
        self.itlMean = itlMean
        self.itlMedian = itlMedian
        self.itlCount = itlCount
        self.itlTail = itlTail
    }
}

/// Every gap at or above `floor`, per request: the part of a run's ITLs that a tail test needs.
///
/// The floor is the run's own p90 gap. A diff's cut for p99 ITL is the p99 of both runs' gaps
/// pooled, which lies above each run's p90 unless one run has more than nine times the other's
/// gaps, so the counts above the cut are exact while a tenth of the gaps is kept.
public struct ITLTail: Sendable, Equatable {
    /// Seconds.
    public var floor: Double
    /// Request *i*'s kept gaps are `gaps[offsets[i]..<offsets[i + 1]]`; `count + 1` entries.
    public var offsets: [Int]
    /// Seconds, request by request.
    public var gaps: [Double]

    public init(floor: Double, offsets: [Int], gaps: [Double]) {
        self.floor = floor
        self.offsets = offsets
        self.gaps = gaps
    }

    /// How many of request `index`'s gaps exceed `cut`; nil when `cut` is below the floor.
    public func exceedances(of request: Int, above cut: Double) -> Int? {
        guard cut >= floor else { return nil }
        return gaps[offsets[request]..<offsets[request + 1]].count { $0 > cut }
    }
}
