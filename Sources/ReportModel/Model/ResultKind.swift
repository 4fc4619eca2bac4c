/// The three kinds of vLLM benchmark result.
public enum ResultKind: String, Sendable, Hashable, Comparable, CaseIterable {
    /// `vllm bench serve` (or the old `benchmark_serving.py`): an online run against a server.
    case serving
    /// `vllm bench latency`: timed iterations of one offline batch.
    case latency
    /// `vllm bench throughput`: one offline run over many prompts.
    case throughput

    public static func < (lhs: ResultKind, rhs: ResultKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .serving: 0
        case .latency: 1
        case .throughput: 2
        }
    }
}
