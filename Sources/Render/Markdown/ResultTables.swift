import ReportModel

/// A column of a results table: a header, and the cell text for each result (nil where the
/// result has no value). Columns without a value in any row are left out.
struct ResultColumn: Sendable {
    var header: String
    var alignment: MarkdownTable.Alignment = .right
    var cell: @Sendable (BenchmarkResult) -> String?
    /// For a metric column: made again for the rows it shows, in the unit their values call for.
    var fitted: (@Sendable ([BenchmarkResult]) -> ResultColumn)?

    /// A metric with the unit from the metric table, scaled to the column's values
    /// (``DisplayUnit``): ms become s past 10,000 ms.
    static func metric(_ key: String, _ header: String) -> ResultColumn {
        let unit = MetricCatalog.info(for: key)?.unit ?? .dimensionless
        @Sendable func column(_ shown: DisplayUnit) -> ResultColumn {
            ResultColumn(header: "\(header) (\(shown.name))") { result in result.metrics[key].map(shown.text) }
        }
        var plain = column(DisplayUnit.fitting([], unit: unit))
        plain.fitted = { results in column(DisplayUnit.fitting(results.compactMap { $0.metrics[key] }, unit: unit)) }
        return plain
    }

    /// A latency file's seconds, shown in milliseconds.
    static func latencyMilliseconds(_ key: String, _ header: String) -> ResultColumn {
        ResultColumn(header: "\(header) (ms)") { result in
            result.metrics[key].map { NumberText.fixed($0 * 1000, decimals: 2) }
        }
    }

    /// Renders the columns that have data in `columnsFrom` for the rows `results`.
    static func table(
        _ columns: [ResultColumn], results: [BenchmarkResult], columnsFrom: [BenchmarkResult]
    ) -> String {
        let shown = columns.filter { column in columnsFrom.contains { column.cell($0) != nil } }
            .map { $0.fitted?(columnsFrom) ?? $0 }
        let table = MarkdownTable(
            columns: shown.map { MarkdownTable.Column($0.header, $0.alignment) },
            rows: results.map { result in shown.map { $0.cell(result) ?? "–" } })
        return table.render()
    }
}

/// The serving table of one sweep: a row per request rate and concurrency.
struct ServingTable {
    var results: [BenchmarkResult]
    /// The whole sweep, so every part of a split table has the same columns.
    var columnsFrom: [BenchmarkResult]

    static let columns: [ResultColumn] = {
        var columns: [ResultColumn] = [
            ResultColumn(header: "Rate (req/s)") { $0.requestRate?.description },
            ResultColumn(header: "Max conc.") { $0.maxConcurrency.map(String.init) },
            ResultColumn(header: "Completed / failed") { result in
                guard let completed = result.metrics["completed"] else { return nil }
                let failed = result.failedRequests.map { NumberText.fixed($0, decimals: 0) } ?? "?"
                return "\(NumberText.fixed(completed, decimals: 0)) / \(failed)"
            },
            .metric("request_throughput", "Throughput"),
            .metric("request_goodput", "Goodput"),
            .metric("output_throughput", "Output"),
            .metric("total_token_throughput", "Total"),
            .metric("input_throughput", "Input"),
        ]
        for family in [LatencyFamily.ttft, .tpot, .itl, .e2el] {
            for statistic in ["median", "p99"] {
                columns.append(.metric(family.key(statistic), "\(family.displayName) \(statistic)"))
            }
        }
        return columns
    }()

    func render() -> String {
        ResultColumn.table(Self.columns, results: results, columnsFrom: columnsFrom)
    }
}

/// Latency results: a row per test, in milliseconds (the files hold seconds).
enum LatencyTable {
    static let columns: [ResultColumn] = [
        ResultColumn(header: "Test", alignment: .left) { $0.test },
        ResultColumn(header: "Iterations") { result in result.samples[.latency].map { String($0.count) } },
        .latencyMilliseconds("avg_latency", "Mean"),
        .latencyMilliseconds("p50_latency", "Median"),
        .latencyMilliseconds("p90_latency", "P90"),
        .latencyMilliseconds("p99_latency", "P99"),
        .latencyMilliseconds("std_latency", "Std"),
    ]

    static func render(_ results: [BenchmarkResult]) -> String {
        ResultColumn.table(columns, results: results, columnsFrom: results)
    }
}

/// Throughput results: a row per test.
enum ThroughputTable {
    static let columns: [ResultColumn] = [
        ResultColumn(header: "Test", alignment: .left) { $0.test },
        ResultColumn(header: "Requests") { result in
            result.metrics["num_requests"].map { NumberText.fixed($0, decimals: 0) }
        },
        ResultColumn(header: "Total tokens") { result in
            result.metrics["total_num_tokens"].map { NumberText.fixed($0, decimals: 0) }
        },
        .metric("elapsed_time", "Elapsed"),
        .metric("requests_per_second", "Throughput"),
        .metric("tokens_per_second", "Tokens"),
    ]

    static func render(_ results: [BenchmarkResult]) -> String {
        ResultColumn.table(columns, results: results, columnsFrom: results)
    }
}
