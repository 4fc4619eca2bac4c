import ReportModel
import Testing

@testable import Render

@Suite struct ReportMarkdownTests {
    static func serving(
        model: String, series: String = "serving_m", rate: RequestRate, concurrency: Int? = nil,
        metrics: [String: Double] = [:]
    ) -> BenchmarkResult {
        let test = "\(series)_qps_\(rate)"
        return BenchmarkResult(
            file: test + ".json", kind: .serving, test: test, series: series, model: model, modelSource: .result,
            requestRate: rate, maxConcurrency: concurrency,
            metrics: [
                "completed": 200, "failed": 0, "request_throughput": 3.823331498134214,
                "output_throughput": 854.4572398605249, "total_token_throughput": 1687.1788401541567,
                "median_ttft_ms": 38.92, "p99_ttft_ms": 71.55, "median_tpot_ms": 14.61, "p99_tpot_ms": 18.94,
                "median_itl_ms": 14.02, "p99_itl_ms": 29.87,
            ].merging(metrics) { $1 })
    }

    /// A folder of 500 serving results across 100 models: the comment must stay within
    /// GitHub's limit, keep the headline, name what it left out and keep `<details>` balanced.
    @Test func fiveHundredResultsFitInOneComment() {
        var results: [BenchmarkResult] = []
        for model in 0..<100 {
            for rate in 1...5 {
                results.append(Self.serving(model: "org/model-\(model)", rate: .perSecond(Double(rate))))
            }
        }
        let markdown = ReportMarkdown(report: Report(folder: ResultFolder(path: "r", results: results))).render()
        #expect(CommentBudget.gitHubComment.fits(markdown))
        #expect(markdown.hasPrefix(ReportMarkdown.marker))
        #expect(markdown.contains("**100 models** · 500 results (500 serving)"))
        #expect(markdown.contains("left out to fit GitHub's comment limit"))
        #expect(
            markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
        // The first models are kept, the last ones dropped.
        #expect(markdown.contains("<b>org/model-0</b>"))
        #expect(markdown.contains("<b>org/model-9</b>"))  // before model-10: numbers in names sort by value
        #expect(!markdown.contains("<b>org/model-99</b>"))
    }

    /// One sweep of 1,000 concurrencies: the table is split in parts and only its tail is dropped.
    @Test func aVeryLongSweepLosesOnlyItsTail() {
        let results = (1...1000).map {
            Self.serving(model: "org/model", rate: .infinite, concurrency: $0, metrics: ["p99.9_ttft_ms": 1])
        }
        let markdown = ReportMarkdown(report: Report(folder: ResultFolder(path: "r", results: results))).render()
        #expect(CommentBudget.gitHubComment.fits(markdown))
        #expect(markdown.contains("| inf | 1 | 200 / 0 |"))
        #expect(!markdown.contains("| inf | 1000 | 200 / 0 |"))
        #expect(markdown.contains("rows 951–1000"))
    }

    @Test func hostileModelIdStaysText() {
        let model = "evil|model`x`<script>alert(1)</script>\n# heading"
        let results = [
            Self.serving(model: model, rate: .perSecond(1)), Self.serving(model: "other", rate: .perSecond(1)),
        ]
        let markdown = ReportMarkdown(report: Report(folder: ResultFolder(path: "r", results: results))).render()
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;"))  // in the <summary>, as HTML text
        #expect(markdown.contains(#"evil\|model\`x\`\<script\>"#))  // in the overview table
        #expect(!markdown.contains("\n# heading"))
    }

    /// vLLM writes 0.0 for every latency statistic of a run without a successful request: the
    /// tables show "–" there, the throughputs as they are, and name the runs with failures.
    @Test func noFakeZerosForARunWithoutASuccessfulRequest() {
        let zeros = [
            "completed": 0.0, "failed": 200, "request_throughput": 0, "output_throughput": 0,
            "total_token_throughput": 0, "median_ttft_ms": 0, "p99_ttft_ms": 0, "median_tpot_ms": 0,
            "p99_tpot_ms": 0, "median_itl_ms": 0, "p99_itl_ms": 0,
        ]
        let results = [
            Self.serving(model: "org/m", rate: .perSecond(1)),
            Self.serving(model: "org/m", rate: .perSecond(16), metrics: ["completed": 198, "failed": 2]),
            Self.serving(model: "org/m", rate: .infinite, metrics: zeros),
        ]
        let report = Report(folder: ResultFolder(path: "r", results: results))
        let markdown = ReportMarkdown(report: report).render()
        #expect(markdown.contains("| 1 | 200 / 0 | 3.82 | 854.5 | 1,687.2 | 38.92 | 71.55 |"))
        #expect(markdown.contains("| 16 | 198 / 2 ⚠️ | 3.82 |"))
        #expect(markdown.contains("| inf | 0 / 200 ⚠️ | 0.00 | 0.0 | 0.0 | – | – | – | – | – | – |"))
        #expect(
            markdown.contains(
                "⚠️ Failed requests: 2 of 200 at 16 req/s; no request succeeded at inf req/s, so no latency is shown."))
        let html = HTMLReport(report: report, generator: "t").render()
        #expect(html.contains("0 / 200 ⚠️"))
        #expect(html.contains("no request succeeded at inf req/s"))
        // JSON keeps the file's numbers, with `completed` beside them.
        let json = ReportJSON.render(report.folder)
        #expect(json.contains(#""completed": 0,"#) && json.contains(#""median_ttft_ms": 0,"#))
    }

    @Test func aSweepWithoutFailuresHasNoNote() {
        let results = [Self.serving(model: "org/m", rate: .perSecond(1))]
        let markdown = ReportMarkdown(report: Report(folder: ResultFolder(path: "r", results: results))).render()
        #expect(!markdown.contains("⚠️"))
    }

    @Test func onlyColumnsWithDataAreShown() {
        let result = BenchmarkResult(
            file: "s.json", kind: .serving, test: "s", series: "s", model: "m", modelSource: .result,
            requestRate: .perSecond(1), metrics: ["median_ttft_ms": 1, "p99_ttft_ms": 2])
        let markdown = ReportMarkdown(report: Report(folder: ResultFolder(path: "r", results: [result]))).render()
        #expect(
            markdown.contains(
                "| Rate (req/s) | TTFT median (ms) | TTFT p99 (ms) |\n|---:|---:|---:|\n| 1 | 1.00 | 2.00 |\n"))
    }

    @Test func problemsAreListedUpFront() {
        let folder = ResultFolder(
            path: "r", results: [Self.serving(model: "m", rate: .perSecond(1))],
            problems: [Problem(file: "serving_x.json", message: "not valid JSON: unexpected end of input (at byte 10)")]
        )
        let markdown = ReportMarkdown(report: Report(folder: folder)).render()
        #expect(markdown.contains("1 problem in 1 file"))
        #expect(markdown.contains("> - serving\\_x.json: not valid JSON: unexpected end of input (at byte 10)\n"))
    }
}
