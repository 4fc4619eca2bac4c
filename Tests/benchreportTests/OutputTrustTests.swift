import Foundation
import Render
import Testing

/// Text from result files never becomes markup, and output depends only on the files' contents.
@Suite struct OutputTrustTests {
    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "[click](javascript:alert(1))", "a|b|c", "line\nbreak", "`code`", "<!-- hidden -->", "</details>",
        "<details open>", "**bold**", "# heading", "&lt;entity&gt;", "']]><x>",
    ]

    /// A folder whose every text field carries a payload: model id, metadata, commands, GPU name,
    /// generated texts, errors, and the file names themselves (as far as a file name can).
    static func hostileFolder(variant: Double = 1) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, payload) in payloads.enumerated() {
            let quoted = jsonString(payload)
            let name = "serving_\(payload.replacingOccurrences(of: "/", with: "∕"))_tp1_qps_\(index + 1)"
            let result = """
                {"date": \(quoted), "backend": \(quoted), "model_id": \(quoted), "num_prompts": 2, \
                \(quoted): \(quoted), "request_rate": \(index + 1).0, "max_concurrency": null, "completed": 2, \
                "request_throughput": \(variant * 1.5), "output_throughput": \(variant * 100.0), \
                "ttfts": [0.01, 0.02], "itls": [[0.001], [0.002]], "output_lens": [2, 2], \
                "generated_texts": [\(quoted), \(quoted)], "errors": ["", ""], \
                "median_ttft_ms": \(variant * 15.0), "p99_ttft_ms": 19.9}
                """
            try Data(result.utf8).write(to: folder.appendingPathComponent(name + ".json"))
            let commands = """
                {"server_command": "vllm serve \(payload.replacingOccurrences(of: "\"", with: "'")) --tensor-parallel-size 1", \
                "client_command": \(quoted), "gpu_type": \(quoted)}
                """
            try Data(commands.utf8).write(to: folder.appendingPathComponent(name + ".commands"))
        }
        return folder
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast()
            .description
    }

    /// What must never appear in HTML made from the payloads: any tag or attribute they carry.
    static let forbiddenInHTML = ["<script", "<img", "<svg onload", "<x>", "href=\"javascript:", "<details open>"]

    @Test func payloadsStayTextInEveryFormat() throws {
        let folder = try Self.hostileFolder()
        let head = try Self.hostileFolder(variant: 0.5)
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: head)
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-hostile-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }

        // JSON: parses, and gives the payloads back exactly.
        let json = try CommandLineTests.run(["json", folder.path])
        #expect(json.status == 0, "\(json.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let models = Set(((object?["results"] as? [[String: Any]]) ?? []).compactMap { $0["model"] as? String })
        #expect(models == Set(Self.payloads))

        // Markdown: every table row keeps its columns, and GitHub's renderer makes no markup of it.
        let markdown = try CommandLineTests.run(["markdown", folder.path])
        #expect(markdown.status == 0)
        Self.expectSafeMarkdown(markdown.standardOutput)

        // HTML report and its SVG charts.
        let html = try CommandLineTests.run(["html", folder.path, "-o", out.path + "/report"])
        #expect(html.status == 0)
        Self.expectSafeHTML(try String(contentsOf: out.appendingPathComponent("report/index.html"), encoding: .utf8))

        // The diff in all three formats.
        let diffMarkdown = try CommandLineTests.run(["diff", folder.path, head.path])
        #expect(diffMarkdown.status == 1)
        Self.expectSafeMarkdown(diffMarkdown.standardOutput)
        let diffJSON = try CommandLineTests.run(["diff", folder.path, head.path, "--format", "json"])
        #expect((try? JSONSerialization.jsonObject(with: Data(diffJSON.standardOutput.utf8))) != nil)
        _ = try CommandLineTests.run(["diff", folder.path, head.path, "--format", "html", "-o", out.path + "/diff"])
        Self.expectSafeHTML(try String(contentsOf: out.appendingPathComponent("diff/index.html"), encoding: .utf8))
    }

    static func expectSafeMarkdown(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        // Every line of a table has as many cell separators as its header.
        var columns: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let cells = RenderingInvariants.unescapedPipes(line)
            if let columns { #expect(cells == columns, "\(line)", sourceLocation: sourceLocation) }
            columns = columns ?? cells
        }
        // Raw HTML outside our own tags would show up as HTML blocks or inline HTML.
        let ownTags = ["<details>", "</details>", "<summary>", "</summary>", "<b>", "</b>", "<!-- benchreport -->"]
        var stripped = markdown
        for tag in ownTags { stripped = stripped.replacingOccurrences(of: tag, with: "") }
        let html = GitHubMarkdown.html(from: stripped)
        #expect(!html.contains("raw HTML omitted"), "input became raw HTML", sourceLocation: sourceLocation)
        for forbidden in forbiddenInHTML {
            #expect(!html.contains(forbidden), "\(forbidden)", sourceLocation: sourceLocation)
        }
    }

    static func expectSafeHTML(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for forbidden in forbiddenInHTML {
            #expect(!html.contains(forbidden), "\(forbidden)", sourceLocation: sourceLocation)
        }
        #expect(html.components(separatedBy: "<details").count == html.components(separatedBy: "</details>").count)
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
        #expect(html.contains("&lt;script&gt;"), sourceLocation: sourceLocation)
    }

    /// The same files give the same bytes, whatever order the file system lists them in and
    /// whatever their modification times; and reading never writes into the results folder.
    @Test func outputDependsOnlyOnContent() throws {
        let source = CommandLineTests.packageRoot.appendingPathComponent("Examples/base")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path)
        let copies = try [names.sorted(), names.sorted().reversed()].map { order -> URL in
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-order-\(UUID())")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            for (index, name) in order.enumerated() {
                try FileManager.default.copyItem(
                    at: source.appendingPathComponent(name), to: copy.appendingPathComponent(name))
                let date = Date(timeIntervalSince1970: Double(1_000_000 + index * 7919))
                try FileManager.default.setAttributes(
                    [.modificationDate: date], ofItemAtPath: copy.appendingPathComponent(name).path)
            }
            return copy
        }
        defer { for copy in copies { try? FileManager.default.removeItem(at: copy) } }

        for command in ["markdown", "json"] {
            let original = try CommandLineTests.run([command, "Examples/base"]).standardOutput
            for copy in copies {
                #expect(try CommandLineTests.run([command, copy.path]).standardOutput == original, "\(command)")
            }
        }
        let pages = try copies.map { copy -> String in
            let out = copy.appendingPathExtension("report")
            defer { try? FileManager.default.removeItem(at: out) }
            _ = try CommandLineTests.run(["html", copy.path, "-o", out.path])
            return try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        }
        #expect(pages[0] == pages[1])
        for copy in copies {
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: copy.path)) == Set(names))
        }
    }
}
