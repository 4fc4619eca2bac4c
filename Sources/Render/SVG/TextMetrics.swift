internal import Foundation

/// Estimated text widths, for laying out labels without a font engine.
enum TextMetrics {
    /// Average advance per character in em; generous, so wide fonts (DejaVu Sans) still fit.
    static let averageAdvance = 0.62
    /// The advance of a wide character (CJK, Hangul, full-width forms, emoji): a full em.
    static let wideAdvance = 1.0

    /// How far a line of text reaches above and below its baseline, in em: one em in all.
    static let ascent = 0.8
    static let descent = 0.2

    static func width(of text: String, fontSize: Double) -> Double {
        text.reduce(0) { $0 + advance($1) } * fontSize
    }

    static func width(of character: Character, fontSize: Double) -> Double {
        advance(character) * fontSize
    }

    /// In em: a name in Chinese or Japanese takes about twice the room of one in Latin letters.
    private static func advance(_ character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first?.value, scalar >= 0x1100 else { return averageAdvance }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(scalar) } ? wideAdvance : averageAdvance
    }

    /// The box a line of text takes when it ends at `right` (`text-anchor="end"`) on `baseline`.
    static func box(of text: String, right: Double, baseline: Double, fontSize: Double) -> ScreenRect {
        ScreenRect(
            left: right - width(of: text, fontSize: fontSize), top: baseline - fontSize * ascent, right: right,
            bottom: baseline + fontSize * descent)
    }

    /// The text cut in the middle with "…" so that it fits `width`: the start and the end of a
    /// name (`latency_llama8B_tp1`, a unit in brackets) usually tell it apart from its neighbours.
    /// At least a character of each is kept.
    static func truncated(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard self.width(of: text, fontSize: fontSize) > width else { return text }
        let characters = Array(text)
        var budget = width - self.width(of: "…", fontSize: fontSize)
        var (front, back) = (0, characters.count)
        // A character from the start, then one from the end, while they fit.
        while front < back {
            let next = (front + characters.count - back).isMultiple(of: 2) ? front : back - 1
            let advance = self.width(of: characters[next], fontSize: fontSize)
            guard advance <= budget || front + characters.count - back < 2 else { break }
            budget -= advance
            if next == front { front += 1 } else { back -= 1 }
        }
        return String(characters[..<front]) + "…" + String(characters[back...])
    }

    /// The text in lines that each fit `width`, broken at spaces; a word wider than a line is
    /// broken where it reaches the edge.
    static func wrapped(_ text: String, toWidth width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let joined = line.isEmpty ? String(word) : line + " " + word
            if self.width(of: joined, fontSize: fontSize) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if !line.isEmpty, self.width(of: line + String(character), fontSize: fontSize) > width {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
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
