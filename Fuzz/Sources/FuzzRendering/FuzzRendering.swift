import Foundation
import Render
import ReportModel

/// libFuzzer's entry: the bytes become the text and numbers of a report
/// (``FuzzEntry/report(fromRenderingInput:)``), which is escaped and rendered as the PR comment,
/// the HTML page and JSON. A broken invariant stops the run through `fatalError`, which
/// libFuzzer reports as a crash with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    let (report, texts) = FuzzEntry.report(fromRenderingInput: input)
    var violations = texts.flatMap(RenderingInvariants.escaping)
    violations += RenderingInvariants.comment(ReportMarkdown(report: report).render())
    violations += RenderingInvariants.page(HTMLReport(report: report, generator: "fuzz").render())
    let json = ReportJSON.render(report.folder)
    if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
        violations.append("the JSON output does not parse")
    }
    if !violations.isEmpty { fatalError(violations.joined(separator: "\n")) }
    return 0
}
