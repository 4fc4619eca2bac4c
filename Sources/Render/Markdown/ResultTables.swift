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
    /// (``DisplayUnit``): ms become s past 10,000 ms. With `measuredOnSuccesses`, a run without a
    /// successful request shows "–": its 0.0 is vLLM's value for no samples, not a measurement.
    static func metric(_ key: String, _ header: String, measuredOnSuccesses: Bool = false) -> ResultColumn {
        let unit = MetricCatalog.info(for: key)?.unit ?? .dimensionless
        @Sendable func column(_ shown: DisplayUnit) -> ResultColumn {
            ResultColumn(header: "\(header) (\(shown.name))") { result in
                if measuredOnSuccesses && result.hasNoSuccessfulRequest { return nil }
                return result.metrics[key].map(shown.text)
            }
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
                let warning = (result.failedRequests ?? 0) > 0 || completed == 0 ? " ⚠️" : ""
                return "\(NumberText.fixed(completed, decimals: 0)) / \(failed)\(warning)"
            },
            .metric("request_throughput", "Throughput"),
            .metric("request_goodput", "Goodput"),
            .metric("output_throughput", "Output"),
            .metric("total_token_throughput", "Total"),
            .metric("input_throughput", "Input"),
        ]
        for family in [LatencyFamily.ttft, .tpot, .itl, .e2el] {
            for statistic in ["median", "p99"] {
                columns.append(
                    .metric(family.key(statistic), "\(family.displayName) \(statistic)", measuredOnSuccesses: true))
            }
        }
        return columns
    }()

    /// The table, then a line naming the rows with failed requests, if any.
    func render() -> String {
        let table = ResultColumn.table(Self.columns, results: results, columnsFrom: columnsFrom)
        guard let note = failureNote() else { return table }
        return table + "\n" + note + "\n"
    }

    /// "⚠️ Failed requests: 2 of 200 at inf req/s; no request succeeded at 16 req/s, so no
    /// latency is shown." Nil when every request of these rows succeeded.
    func failureNote() -> String? {
        var failures: [String] = []
        var nothingSucceeded: [String] = []
        let showsConcurrency = Set(results.map(\.maxConcurrency)).count > 1
        for result in results {
            let rate = Self.rowName(result, showsConcurrency: showsConcurrency)
            if result.hasNoSuccessfulRequest {
                nothingSucceeded.append(rate)
            } else if let failed = result.failedRequests, failed > 0 {
                let completed = result.metrics["completed"] ?? 0
                failures.append(
                    "\(NumberText.fixed(failed, decimals: 0)) of \(NumberText.fixed(failed + completed, decimals: 0)) at \(rate)"
                )
            }
        }
        var parts: [String] = []
        if !failures.isEmpty { parts.append("failed requests: " + failures.joined(separator: ", ")) }
        if !nothingSucceeded.isEmpty {
            parts.append(
                "no request succeeded at \(nothingSucceeded.joined(separator: ", ")), so no latency is shown")
        }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: "; ")
        return "⚠️ " + text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// A row as the note names it: `inf req/s`, `4 req/s (concurrency 8)` when the rows differ
    /// in concurrency, or its test.
    private static func rowName(_ result: BenchmarkResult, showsConcurrency: Bool) -> String {
        let concurrency = showsConcurrency ? result.maxConcurrency : nil
        switch (result.requestRate, concurrency) {
        case (let rate?, let concurrency?): return "\(rate.description) req/s (concurrency \(concurrency))"
        case (let rate?, nil): return "\(rate.description) req/s"
        case (nil, let concurrency?): return "concurrency \(concurrency)"
        case (nil, nil): return Escape.markdown(result.test)
        }
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
