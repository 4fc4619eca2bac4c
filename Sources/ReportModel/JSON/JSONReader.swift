#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A syntax error in a JSON text, with the byte offset where reading stopped.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// Zero-based byte offset into the text.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// What kind of JSON value starts at the reader's position.
public enum JSONValueKind: String, Sendable {
    case object, array, string, number, bool, null

    /// The name used in error messages ("expected a number, found a string").
    var article: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A pull reader over the bytes of a JSON text, written for vLLM result files.
///
/// It builds no tree: callers walk objects and arrays and read only the values they need,
/// skipping the rest without allocating. Numbers are converted with `strtod`, so every
/// `Double` is the one Python's `json` wrote. Python's extensions `NaN`, `Infinity` and
/// `-Infinity` are accepted. Nesting is limited and skipping is iterative, so no input can
/// overflow the stack.
public struct JSONReader {
    /// Containers nested deeper than this are a syntax error (Python's own limit is about 1000).
    public static let maximumDepth = 512

    /// Numbers longer than this are a syntax error; no float needs more than a few dozen digits.
    static let maximumNumberLength = 1024

    public let bytes: [UInt8]
    /// The position of the next unread byte.
    public private(set) var offset: Int

    public init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    // MARK: - Position

    /// Whether only white space is left.
    public mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return offset >= bytes.count
    }

    public mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                offset += 1
            default:
                return
            }
        }
    }

    /// Moves to the first byte after the next newline (or to the end), for resynchronising
    /// a JSON Lines file after a bad line.
    public mutating func skipPastNextNewline() {
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n") { return }
        }
    }

    /// The kind of the next value, without consuming it.
    public mutating func peekKind() throws(JSONSyntaxError) -> JSONValueKind {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"),
            UInt8(ascii: "I"):
            return .number
        default:
            throw error("unexpected \(describeByte(bytes[offset])), expected a value")
        }
    }

    // MARK: - Containers

    /// Tracks the members of one object or array being walked.
    public struct Container: Sendable {
        fileprivate var count = 0
    }

    /// Consumes `{` and returns the cursor to pass to ``nextKey(in:)``.
    public mutating func beginObject() throws(JSONSyntaxError) -> Container {
        try expect(UInt8(ascii: "{"), "expected '{'")
        return Container()
    }

    /// Reads the next key and its colon, or consumes `}` and returns nil.
    public mutating func nextKey(in container: inout Container) throws(JSONSyntaxError) -> String? {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input inside an object") }
        if bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return nil
        }
        if container.count > 0 {
            try expect(UInt8(ascii: ","), "expected ',' or '}' after an object member")
            skipWhitespace()
        }
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw error("expected a string key")
        }
        let key = try readString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "expected ':' after key \"\(key)\"")
        container.count += 1
        return key
    }

    /// Consumes `[` and returns the cursor to pass to ``nextElement(in:)``.
    public mutating func beginArray() throws(JSONSyntaxError) -> Container {
        try expect(UInt8(ascii: "["), "expected '['")
        return Container()
    }

    /// Moves to the next element and returns true, or consumes `]` and returns false.
    public mutating func nextElement(in container: inout Container) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input inside an array") }
        if bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        if container.count > 0 {
            try expect(UInt8(ascii: ","), "expected ',' or ']' after an array element")
        }
        container.count += 1
        return true
    }

    // MARK: - Scalars

    /// Reads `null`.
    public mutating func readNull() throws(JSONSyntaxError) {
        try readLiteral("null")
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "t") {
            try readLiteral("true")
            return true
        }
        try readLiteral("false")
        return false
    }

    /// Reads a number, including `NaN`, `Infinity` and `-Infinity`, correctly rounded.
    public mutating func readNumber() throws(JSONSyntaxError) -> Double {
        skipWhitespace()
        let start = offset
        if matches("NaN") {
            offset += 3
            return .nan
        }
        if matches("Infinity") {
            offset += 8
            return .infinity
        }
        if matches("-Infinity") {
            offset += 9
            return -.infinity
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else {
            offset = start
            throw error("expected a number")
        }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, isDigit(bytes[offset]) {
                throw error("a number may not have a leading zero")
            }
        } else {
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else {
                throw error("expected a digit after the decimal point")
            }
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else {
                throw error("expected a digit in the exponent")
            }
            skipDigits()
        }
        let length = offset - start
        guard length <= Self.maximumNumberLength else {
            offset = start
            throw error("a number longer than \(Self.maximumNumberLength) characters")
        }
        return Self.parseDouble(bytes, start: start, length: length)
    }

    /// Converts validated JSON number text with the C library, which rounds correctly.
    private static func parseDouble(_ bytes: [UInt8], start: Int, length: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for index in 0..<length {
                buffer[index] = CChar(bitPattern: bytes[start + index])
            }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// Reads a string, decoding escapes. Invalid UTF-8 and lone surrogates become U+FFFD.
    public mutating func readString() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        try expect(UInt8(ascii: "\""), "expected a string")
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<offset], as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a control character inside a string") }
            offset += 1
        }
        var scalars = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try appendEscape(to: &scalars)
            case 0..<0x20:
                throw error("a control character inside a string")
            default:
                scalars.append(byte)
                offset += 1
            }
        }
        throw error("unexpected end of input inside a string")
    }

    /// Skips a string without decoding it.
    public mutating func skipString() throws(JSONSyntaxError) {
        skipWhitespace()
        try expect(UInt8(ascii: "\""), "expected a string")
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return
            case UInt8(ascii: "\\"):
                offset += 2
            case 0..<0x20:
                throw error("a control character inside a string")
            default:
                offset += 1
            }
        }
        throw error("unexpected end of input inside a string")
    }

    /// Skips one whole value of any kind, without recursion.
    public mutating func skipValue() throws(JSONSyntaxError) {
        // Open containers as their closing bytes, and whether each has had a member yet.
        var closers: [UInt8] = []
        var hasMember: [Bool] = []
        repeat {
            // Inside an open container: either close it, or move past the separator.
            if let closer = closers.last {
                skipWhitespace()
                guard offset < bytes.count else { throw error("unexpected end of input inside a container") }
                if bytes[offset] == closer {
                    offset += 1
                    closers.removeLast()
                    hasMember.removeLast()
                    continue
                }
                if hasMember[hasMember.count - 1] {
                    try expect(UInt8(ascii: ","), "expected ',' or '\(Character(Unicode.Scalar(closer)))'")
                }
                hasMember[hasMember.count - 1] = true
                if closer == UInt8(ascii: "}") {
                    skipWhitespace()
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                        throw error("expected a string key")
                    }
                    try skipString()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "expected ':' after a key")
                }
            }
            switch try peekKind() {
            case .object, .array:
                guard closers.count < Self.maximumDepth else {
                    throw error("containers nested deeper than \(Self.maximumDepth) levels")
                }
                closers.append(bytes[offset] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                hasMember.append(false)
                offset += 1
            case .string: try skipString()
            case .number: _ = try readNumber()
            case .bool: _ = try readBool()
            case .null: try readNull()
            }
        } while !closers.isEmpty
    }

    // MARK: - Helpers

    /// An error at the current position.
    public func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, message: message)
    }

    private mutating func expect(_ byte: UInt8, _ message: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input, \(message())") }
        guard bytes[offset] == byte else {
            throw error("unexpected \(describeByte(bytes[offset])), \(message())")
        }
        offset += 1
    }

    private mutating func readLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        skipWhitespace()
        guard matches(literal) else { throw error("expected '\(literal)'") }
        offset += literal.utf8CodeUnitCount
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for index in 0..<count where bytes[offset + index] != literalBytes[index] {
                return false
            }
            return true
        }
    }

    private mutating func skipDigits() {
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// Decodes the escape after a backslash into UTF-8.
    private mutating func appendEscape(to output: inout [UInt8]) throws(JSONSyntaxError) {
        guard offset < bytes.count else { throw error("unexpected end of input inside an escape") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexQuad()
            if (0xD800..<0xDC00).contains(scalar), matches("\\u") {
                let save = offset
                offset += 2
                let low = try readHexQuad()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    offset = save
                }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            output.append(contentsOf: String(character).utf8)
        default:
            offset -= 1
            throw error("an invalid escape '\\\(describeByte(byte))'")
        }
    }

    private mutating func readHexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("unexpected end of input inside \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected a hexadecimal digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
