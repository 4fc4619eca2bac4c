/// The per-request arrays of a detailed serving result (`--save-detailed`), taken from its fields
/// once: what both the reader's sorted samples and a diff's per-request values are made from.
/// Every array has one entry per dispatched request, in request order.
struct PerRequestArrays {
    var ttfts: [Double]?
    var latencies: [Double]?
    var inputLengths: [Double]?
    var outputLengths: [Double]?
    /// `itls`: every gap pooled in request order, and each request's count and sum of gaps.
    var itls: (pooled: [Double], counts: [Int], sums: [Double])?
    /// The requests whose `errors` entry is not empty.
    var failed: Set<Int> = []
    /// The length of `errors`, when the file has it.
    var errorCount: Int?

    init(_ fields: RecordFields) {
        ttfts = fields["ttfts"].flatMap(\.numbers)
        latencies = fields["latencies"].flatMap(\.numbers)
        inputLengths = fields["input_lens"].flatMap(\.numbers)
        outputLengths = fields["output_lens"].flatMap(\.numbers)
        if case .nestedNumbers(let pooled, let counts, let sums) = fields["itls"] { itls = (pooled, counts, sums) }
        if case .strings(let count, let nonEmpty, _) = fields["errors"] {
            failed = Set(nonEmpty)
            errorCount = count
        }
    }

    /// Each request's end-to-end latency: `latencies`, else TTFT plus the gaps after it (they add
    /// up to the time after the first token).
    var endToEnd: [Double]? {
        latencies ?? ttfts.flatMap { ttfts in itls.map { zip(ttfts, $0.sums).map { $0 + $1 } } }
    }

    /// vLLM's TPOT of one request: (latency − ttft) / (output_len − 1), nil for output_len ≤ 1.
    static func tpot(endToEnd: Double, ttft: Double, outputLength: Double) -> Double? {
        outputLength > 1 ? (endToEnd - ttft) / (outputLength - 1) : nil
    }
}
