/// The one place where text from result files is made safe for each output format.
///
/// Model ids, test names, metadata and command lines come from files anyone can write; none of
/// it may become markup.
public enum Escape {
    /// Text for Markdown prose, headings and table cells: line breaks become spaces (a line
    /// break would end a table row or a paragraph) and every character that Markdown, GFM
    /// tables or inline HTML could read as syntax is backslash-escaped.
    ///
    /// Runs of blanks (spaces, tabs, line breaks, other control characters) become one space:
    /// four of them after a list marker would start a code block.
    public static func markdown(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        var previousWasBlank = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case _ where scalar == " " || isBreakOrControl(scalar):
                // Control characters (tabs among them) have no business in a comment either.
                if !previousWasBlank { escaped.append(" ") }
                previousWasBlank = true
                continue
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#":
                escaped.append("\\")
                escaped.unicodeScalars.append(scalar)
            default:
                escaped.unicodeScalars.append(scalar)
            }
            previousWasBlank = false
        }
        return escaped
    }

    /// Text as a Markdown code span, for names a reader may copy (a branch, a folder): shown as
    /// it is, since backslash escapes do not work inside a code span. The fence is one backtick
    /// longer than any run of backticks in the text, padded with a space where the text starts
    /// or ends with one; a line break (`\r\n` too) or other control character becomes a space.
    /// Not for table cells, where `|` ends a cell even in code.
    public static func codeSpan(_ text: String) -> String {
        let oneLine = String(
            text.map { character in character.unicodeScalars.contains(where: isBreakOrControl) ? " " : character })
        var longest = 0
        var run = 0
        for character in oneLine {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = oneLine.hasPrefix("`") || oneLine.hasSuffix("`") ? " " : ""
        return fence + padding + oneLine + padding + fence
    }

    /// Text for HTML element content and attribute values. Line breaks become spaces: in a
    /// Markdown document a blank line would end the HTML block the text stands in.
    public static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append("&amp;")
            case "<": escaped.append("&lt;")
            case ">": escaped.append("&gt;")
            case "\"": escaped.append("&quot;")
            case "'": escaped.append("&#39;")
            case _ where isBreakOrControl(scalar):
                escaped.append(" ")
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A line break (`\n`, `\r`, NEL, the Unicode line and paragraph separators) or another
    /// control character (tab, DEL…): what none of the formats may keep as it is.
    static func isBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || scalar.value == 0x7F { return true }
        return scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A link destination for Markdown: only `http` and `https` URLs (nil otherwise), with
    /// every character that could end the destination or start markup percent-encoded.
    public static func linkDestination(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        var escaped = ""
        for byte in url.utf8 {
            switch byte {
            case 0...0x20, 0x7F...0xFF, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "|"):
                escaped += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return escaped
    }

    /// A JSON string literal, quotes included.
    public static func jsonString(_ text: String) -> String {
        if !needsJSONEscapes(text) { return "\"" + text + "\"" }
        var escaped = "\""
        escaped.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped.append("\\\"")
            case "\\": escaped.append("\\\\")
            case "\n": escaped.append("\\n")
            case "\r": escaped.append("\\r")
            case "\t": escaped.append("\\t")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                escaped.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        escaped.append("\"")
        return escaped
    }

    /// Whether ``jsonString(_:)`` changes anything but the quotes around `text`: a quote, a
    /// backslash or a control character in it (most keys and values have none).
    static func needsJSONEscapes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }
        }
    }
}

extension String {
    /// The text with zeros before it up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
