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
/// skipping the rest without allocating. Numbers are correctly rounded (an exact fast path,
/// `strtod` otherwise), so every `Double` is the one Python's `json` wrote. Python's extensions
/// `NaN`, `Infinity` and `-Infinity` are accepted. Nesting is limited and skipping is
/// iterative, so no input can overflow the stack. The work is done by `JSONScanner` over the
/// array's storage; ``RecordFields/read(from:)`` runs a whole record in one such pass.
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

    /// Runs `body` on a scanner over the bytes from the current offset, and moves to where it
    /// stopped, also when it throws.
    @discardableResult
    mutating func withScanner<Result>(
        _ body: (inout JSONScanner) throws(JSONSyntaxError) -> Result
    ) throws(JSONSyntaxError) -> Result {
        let bytes = self.bytes
        var reached = offset
        defer { offset = reached }
        return try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var scanner = JSONScanner(buffer, offset: reached)
            defer { reached = scanner.offset }
            return try body(&scanner)
        }
    }

    /// The same without errors.
    private mutating func withNonThrowingScanner<Result>(_ body: (inout JSONScanner) -> Result) -> Result {
        let bytes = self.bytes
        var reached = offset
        defer { offset = reached }
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, offset: reached)
            defer { reached = scanner.offset }
            return body(&scanner)
        }
    }

    // MARK: - Position

    /// Whether only white space is left.
    public mutating func isAtEnd() -> Bool {
        withNonThrowingScanner { $0.isAtEnd() }
    }

    public mutating func skipWhitespace() {
        withNonThrowingScanner { $0.skipWhitespace() }
    }

    /// Moves to the first byte after the next newline (or to the end), for resynchronising
    /// a JSON Lines file after a bad line.
    public mutating func skipPastNextNewline() {
        withNonThrowingScanner { $0.skipPastNextNewline() }
    }

    /// The kind of the next value, without consuming it.
    public mutating func peekKind() throws(JSONSyntaxError) -> JSONValueKind {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.peekKind() }
    }

    // MARK: - Containers

    /// Tracks the members of one object or array being walked.
    public struct Container: Sendable {
        var count = 0
    }

    /// Consumes `{` and returns the cursor to pass to ``nextKey(in:)``.
    public mutating func beginObject() throws(JSONSyntaxError) -> Container {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.beginObject() }
    }

    /// Reads the next key and its colon, or consumes `}` and returns nil.
    public mutating func nextKey(in container: inout Container) throws(JSONSyntaxError) -> String? {
        var walked = container
        defer { container = walked }
        return try withScanner { scanner throws(JSONSyntaxError) in try scanner.nextKey(in: &walked) }
    }

    /// Consumes `[` and returns the cursor to pass to ``nextElement(in:)``.
    public mutating func beginArray() throws(JSONSyntaxError) -> Container {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.beginArray() }
    }

    /// Moves to the next element and returns true, or consumes `]` and returns false.
    public mutating func nextElement(in container: inout Container) throws(JSONSyntaxError) -> Bool {
        var walked = container
        defer { container = walked }
        return try withScanner { scanner throws(JSONSyntaxError) in try scanner.nextElement(in: &walked) }
    }

    // MARK: - Scalars

    /// Reads `null`.
    public mutating func readNull() throws(JSONSyntaxError) {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.readNull() }
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(JSONSyntaxError) -> Bool {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.readBool() }
    }

    /// Reads a number, including `NaN`, `Infinity` and `-Infinity`, correctly rounded.
    public mutating func readNumber() throws(JSONSyntaxError) -> Double {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.readNumber() }
    }

    /// Reads a string, decoding escapes. Invalid UTF-8 and lone surrogates become U+FFFD.
    public mutating func readString() throws(JSONSyntaxError) -> String {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.readString() }
    }

    /// Skips a string without decoding it.
    public mutating func skipString() throws(JSONSyntaxError) {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.skipString() }
    }

    /// Skips one whole value of any kind, without recursion.
    public mutating func skipValue() throws(JSONSyntaxError) {
        try withScanner { scanner throws(JSONSyntaxError) in try scanner.skipValue() }
    }

    // MARK: - Helpers

    /// An error at the current position.
    public func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, message: message)
    }
}
