internal import Foundation

/// Estimated text widths, for laying out labels without a font engine.
enum TextMetrics {
    /// Average advance per character in em; generous, so wide fonts (DejaVu Sans) still fit.
    static let averageAdvance = 0.62

    /// How far a line of text reaches above and below its baseline, in em: one em in all.
    static let ascent = 0.8
    static let descent = 0.2

    static func width(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * averageAdvance
    }

    /// The box a line of text takes when it ends at `right` (`text-anchor="end"`) on `baseline`.
    static func box(of text: String, right: Double, baseline: Double, fontSize: Double) -> ScreenRect {
        ScreenRect(
            left: right - width(of: text, fontSize: fontSize), top: baseline - fontSize * ascent, right: right,
            bottom: baseline + fontSize * descent)
    }

    /// The text cut in the middle with "…" so that it fits `width`: the start and the end of a
    /// name (`latency_llama8B_tp1`, a unit in brackets) usually tell it apart from its neighbours.
    static func truncated(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard self.width(of: text, fontSize: fontSize) > width else { return text }
        let kept = max(2, Int(width / (fontSize * averageAdvance)) - 1)
        return String(text.prefix((kept + 1) / 2)) + "…" + String(text.suffix(kept / 2))
    }
}

/// Numbers in tooltips and descriptions: about four significant digits ("544.3", "22.38", "6677").
func readableNumber(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return NumberText.fixed(value, decimals: 0) }
    let magnitude = Int(log10(abs(value)).rounded(.down))
    return NumberText.fixed(value, decimals: min(6, max(0, 3 - magnitude)))
}

/// "1", "2.5", "1e-05": the shortest text that reads back as the same number.
func shortestNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
}
