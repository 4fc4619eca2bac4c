/// Linear or log: one rule per kind of chart, the same for every model, sweep and page, so
/// neighbouring charts never differ in scale because their data happened to differ.
///
/// - A metric by request rate or concurrency: linear from zero. `inf` sits in its own panel
///   with its own scale, so it no longer squeezes the finite rates, and zero keeps changes
///   proportional to the height of the line.
/// - The latency–throughput curve: linear on both axes, so the knee looks like a knee; `inf`
///   sits in a band above the plot with its own latency scale (same throughput scale), so its
///   latency does not press the knee flat.
/// - Per-request distributions (TTFT, ITL CDFs): log, because request latencies are skewed and
///   their tails (p99) span decades; a log axis keeps body and tail readable at once.
/// - Per-iteration latency of a latency test: linear; iterations of one batch vary by percents.
enum ChartScales {
    static let byRate: ScaleChoice = .linear
    static let curve: ScaleChoice = .linear
    static let requestDistribution: ScaleChoice = .log
    static let iterationDistribution: ScaleChoice = .linear
}
