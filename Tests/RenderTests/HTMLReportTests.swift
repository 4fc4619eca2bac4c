import Foundation
import ReportModel
import Testing

@testable import Render

@Suite struct HTMLReportTests {
    static let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")

    /// The templates compiled into the binary are exactly the files in `templates/`
    /// (`python3 scripts/embed-templates.py` brings them in step).
    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templatesFolder.path)
            .filter { $0.hasSuffix(".mustache") }
        #expect(Set(files.map { String($0.dropLast(".mustache".count)) }) == Set(DefaultTemplates.all.keys))
        for file in files {
            let text = try String(contentsOf: Self.templatesFolder.appendingPathComponent(file), encoding: .utf8)
            #expect(DefaultTemplates.all[String(file.dropLast(".mustache".count))] == text, "\(file) is out of date")
        }
        #expect(Set(PageTemplates.names) == Set(DefaultTemplates.all.keys))
    }

    @Test func templateErrorsNameFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-templates-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<html>\n<body>\n  {{#models}}\n</body>\n".utf8).write(
            to: folder.appendingPathComponent("page.mustache"))
        do {
            _ = try PageTemplates.load(from: folder.path)
            Issue.record("expected a template error")
        } catch {
            #expect(error.path.hasSuffix("page.mustache"))
            #expect(error.line != nil && error.column != nil)
            #expect(error.description.contains("page.mustache:"))
            #expect(error.message == "a section is not closed")
        }
        #expect(throws: TemplateError.self) { try PageTemplates.load(from: folder.path + "/missing") }
    }

    @Test func aUserTemplateReplacesOnlyItsOwnPart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-own-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("body { color: teal; }\n".utf8).write(to: folder.appendingPathComponent("style.mustache"))
        let page = HTMLReport(
            report: Self.report(), templates: try PageTemplates.load(from: folder.path), generator: "t"
        )
        .render()
        #expect(page.contains("body { color: teal; }"))
        #expect(page.contains("<h1>vLLM benchmark results</h1>"))
    }

    static func report(model: String = "org/model", test: String = "serving_m") -> Report {
        let rates: [RequestRate] = [.perSecond(1), .perSecond(4), .infinite]
        let results = rates.map { rate in
            BenchmarkResult(
                file: "\(test)_qps_\(rate).json", kind: .serving, test: "\(test)_qps_\(rate)", series: test,
                model: model,
                modelSource: .result, requestRate: rate,
                metrics: ["request_throughput": 1, "output_throughput": 100, "median_ttft_ms": 20, "p99_ttft_ms": 40])
        }
        let other = BenchmarkResult(
            file: "latency_x.json", kind: .latency, test: "latency_x", series: "latency_x", model: "other/model",
            modelSource: .result, metrics: ["avg_latency": 1.5])
        return Report(folder: ResultFolder(path: "r", results: results + [other]))
    }

    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "a|b\n\n# heading", "[x](javascript:alert(1))",
        "<!-- c --><style>body{display:none}</style>",
    ]

    @Test(arguments: hostile)
    func hostileTextFromResultFilesStaysText(text: String) {
        let page = HTMLReport(report: Self.report(model: text, test: text), generator: "t").render()
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("href=\"javascript:"))
        #expect(page.components(separatedBy: "<style>").count == 2)  // only the page's own
        #expect(!page.contains("\n<h1>heading"))
    }

    /// A report over the size limit becomes an index with links and one page per model, each
    /// with only its own model; under the limit it stays one page.
    @Test func aLargeReportIsSplitIntoAPagePerModel() throws {
        let report = HTMLReport(report: Self.report(), generator: "t")
        #expect(Array(report.files().keys) == ["index.html"])
        let files = report.files(maximumPageBytes: 1000)
        #expect(files.keys.sorted() == ["index.html", "models/orgmodel.html", "models/othermodel.html"])
        let index = try #require(files["index.html"])
        #expect(index.contains("href=\"models/orgmodel.html\"") && index.contains("href=\"models/othermodel.html\""))
        #expect(!index.contains("<svg"))
        let page = try #require(files["models/orgmodel.html"])
        #expect(page.contains("href=\"../index.html\"") && page.contains("<svg"))
        #expect(!page.contains("latency_x"))
        for (name, text) in files { #expect(RenderingInvariants.page(text).isEmpty, "\(name)") }
    }

    @Test func pageFileNamesAreSafeAndUnique() {
        var taken = Set<String>()
        #expect(HTMLReport.fileName("café-model", taken: &taken) == "caf-model")
        #expect(HTMLReport.fileName("café-model", taken: &taken) == "caf-model-1")
        #expect(HTMLReport.fileName("../..", taken: &taken) == "model")
        #expect(HTMLReport.fileName(String(repeating: "a", count: 300), taken: &taken).count == 80)
    }

    /// Sweeps on the same rates, prompts and dataset are compared in one chart per metric, a line
    /// each; a sweep on other rates is not.
    @Test func sweepsOnOneWorkloadAreCompared() throws {
        func sweep(_ model: String, rates: [RequestRate], output: Double) -> [BenchmarkResult] {
            rates.map { rate in
                BenchmarkResult(
                    file: "\(model)_\(rate).json", kind: .serving, test: "serving_\(model)_qps_\(rate)",
                    series: "serving_\(model)", model: "org/\(model)", modelSource: .result, requestRate: rate,
                    metrics: ["num_prompts": 200, "output_throughput": output, "p99_ttft_ms": 40, "completed": 200])
            }
        }
        let shared: [RequestRate] = [.perSecond(1), .perSecond(4), .infinite]
        let results =
            sweep("a", rates: shared, output: 100) + sweep("b", rates: shared, output: 200)
            + sweep("c", rates: [.perSecond(2), .perSecond(8)], output: 300)
        let report = Report(folder: ResultFolder(path: "r", results: results))
        let figures = ComparisonCharts(report: report).figures()
        #expect(figures.map(\.id) == ["compare-1-output_throughput", "compare-1-p99_ttft_ms"])
        let svg = try #require(figures.first?.svg)
        #expect(svg.contains("org/a") && svg.contains("org/b") && !svg.contains("org/c"))
        let page = HTMLReport(report: report, generator: "t").render()
        #expect(page.contains("Compared on the same workload"))
        let alone = Report(folder: ResultFolder(path: "r", results: sweep("a", rates: shared, output: 1)))
        #expect(ComparisonCharts(report: alone).figures().isEmpty)
    }

    @Test func pageIsSelfContained() {
        let page = HTMLReport(report: Self.report(), generator: "t").render()
        #expect(!page.contains("<script"))
        let withoutNamespace = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!page.contains("<link") && !page.contains("@import") && !page.contains("url("))
    }

    @Test func cmarkRendersGitHubTablesInSafeMode() {
        let html = GitHubMarkdown.html(
            from: "| a | b |\n|:---|---:|\n| x | 1 |\n\n<b>raw</b> ~~gone~~ www.example.org\n")
        #expect(html.contains("<th style=\"text-align: left\">a</th>"))
        #expect(html.contains("<td style=\"text-align: right\">1</td>"))
        #expect(html.contains("<!-- raw HTML omitted -->raw<!-- raw HTML omitted -->"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.org\">"))
    }

    /// cmark-gfm keeps the inline extensions' trigger characters (`~`, `w`, `:`) in a table shared
    /// by the whole process, and each parser removes them when it finishes: two pages rendered at
    /// once (as the test runner and a threaded caller do) lost each other's strikethrough and links.
    @Test func cmarkIsSafeToCallFromManyThreads() async {
        let markdown = "~~gone~~ www.example.org and *kept*\n"
        let rendered = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).map { _ in GitHubMarkdown.html(from: markdown) }.joined()
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        let one = GitHubMarkdown.html(from: markdown)
        #expect(one.contains("<del>gone</del>") && one.contains("<a href=\"http://www.example.org\">"))
        #expect(rendered.allSatisfy { $0 == String(repeating: one, count: 200) })
    }

    @Test func slugsAreGitHubsAndUnique() {
        var slugger = Slugger()
        #expect(slugger.slug("Qwen/Qwen2.5-7B-Instruct") == "qwenqwen25-7b-instruct")
        #expect(slugger.slug("meta-llama/Llama 3") == "meta-llamallama-3")
        #expect(slugger.slug("Qwen/Qwen2.5-7B-Instruct") == "qwenqwen25-7b-instruct-1")
        #expect(slugger.slug("<>") == "section")
    }
}
