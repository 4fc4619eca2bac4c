internal import Foundation

/// The `<svg>` element around a chart: its size, accessible name and description, and fonts.
struct ChartDocument: Sendable {
    var id: String
    var size: ChartSize
    var title: String
    /// The caller's description followed by a one-line summary of the data.
    var description: String

    init(id: String, size: ChartSize, title: String, description: String, summary: String) {
        self.id = Self.sanitisedID(id)
        self.size = size
        self.title = title
        let trimmed = description.trimmingCharacters(in: .whitespacesAndNewlines)
        self.description = trimmed.isEmpty ? summary : "\(trimmed) \(summary)"
    }

    /// Opens the `<svg>` and writes `<title>` first, then `<desc>`: screen readers announce both
    /// through `aria-labelledby`. No width or height: the page scales the viewBox to its column.
    func begin(_ writer: inout SVGWriter) {
        writer.open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(size.width) \(size.height)", "role": "img",
                "aria-labelledby": "\(id)-title \(id)-desc", "class": "chart", "font-family": "system-ui, sans-serif",
                "font-size": NumberText.fixed(ChartMetrics.fontSize, decimals: 0),
                "style": "font-variant-numeric: tabular-nums",
            ])
        writer.element("title", ["id": "\(id)-title"], text: title)
        writer.element("desc", ["id": "\(id)-desc"], text: description)
    }

    func end(_ writer: inout SVGWriter) {
        writer.close("svg")
    }

    /// The whole SVG for a chart without a single value to draw.
    func noData() -> String {
        var writer = SVGWriter()
        begin(&writer)
        writer.element(
            "rect",
            [
                "x": "0.5", "y": "0.5", "width": svgNumber(Double(size.width) - 1),
                "height": svgNumber(Double(size.height) - 1), "fill": "none", "stroke": "currentColor",
                "stroke-opacity": "0.1",
            ])
        writer.element(
            "text",
            [
                "class": "no-data", "x": svgNumber(Double(size.width) / 2), "y": svgNumber(Double(size.height) / 2),
                "dy": "0.32em", "text-anchor": "middle", "fill": "currentColor", "fill-opacity": "0.7",
            ], text: "No data")
        end(&writer)
        return writer.output
    }

    /// Lower-case letters, digits and single hyphens; never empty, never starting with a digit
    /// (an XML name may not).
    static func sanitisedID(_ raw: String) -> String {
        var result = ""
        for scalar in raw.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        if result.isEmpty || result.first!.isNumber { result = "chart-" + result }
        return result.hasSuffix("-") ? String(result.dropLast()) : result
    }
}

/// "2 series (median, p99)": how many there are and what they are called, for the description.
func namedCount(_ names: [String], noun: String = "series", pluralNoun: String = "series") -> String {
    let listed = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", …" : "")
    return "\(names.count) \(names.count == 1 ? noun : pluralNoun) (\(listed))"
}

/// "4 points each" or "3 to 5 points per series".
func countSummary(_ counts: [Int], noun: String) -> String {
    guard let smallest = counts.min(), let largest = counts.max() else { return "no \(noun)s" }
    let plural = largest == 1 ? noun : noun + "s"
    if counts.count == 1 { return "\(largest) \(plural)" }
    return smallest == largest ? "\(largest) \(plural) each" : "\(smallest) to \(largest) \(noun)s per series"
}
