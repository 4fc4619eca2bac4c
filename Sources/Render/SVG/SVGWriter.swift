/// Builds SVG markup one element per line. Every attribute value and text is escaped here, so
/// no caller text can become markup. An attribute with an empty value is left out.
struct SVGWriter {
    private(set) var output = ""
    private var depth = 0

    /// Opens an element that will hold others; close it with `close(_:)`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(Self.attributeText(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An empty element, or one that holds only text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        if let text {
            line("<\(name)\(Self.attributeText(attributes))>\(Escape.html(text))</\(name)>")
        } else {
            line("<\(name)\(Self.attributeText(attributes))/>")
        }
    }

    /// An empty element with a tooltip: browsers show a child `<title>` on hover.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, tooltip: String) {
        open(name, attributes)
        element("title", text: tooltip)
        close(name)
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: depth) + text + "\n"
    }

    private static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        var text = ""
        for (name, value) in attributes where !value.isEmpty {
            text += " \(name)=\"\(Escape.html(value))\""
        }
        return text
    }
}

/// A coordinate or length with one decimal, so output is byte-stable: "12.5", "0.0".
func svgNumber(_ value: Double) -> String {
    NumberText.ungrouped(value, decimals: 1)
}

/// SVG path data from absolute commands.
struct PathData {
    private(set) var text = ""

    mutating func move(_ x: Double, _ y: Double) {
        text += "M\(svgNumber(x)),\(svgNumber(y))"
    }

    mutating func line(_ x: Double, _ y: Double) {
        text += "L\(svgNumber(x)),\(svgNumber(y))"
    }

    mutating func horizontal(_ x: Double) {
        text += "H\(svgNumber(x))"
    }

    mutating func vertical(_ y: Double) {
        text += "V\(svgNumber(y))"
    }

    mutating func closePath() {
        text += "Z"
    }

    /// A polyline through the points, or empty for none.
    static func polyline(_ points: [(x: Double, y: Double)]) -> PathData {
        var path = PathData()
        for (index, point) in points.enumerated() {
            if index == 0 { path.move(point.x, point.y) } else { path.line(point.x, point.y) }
        }
        return path
    }
}
