/// The byte-level engine behind ``JSONReader`` and ``RecordFields``: a cursor over bytes that
/// someone else keeps alive (an `Array`'s storage, or ``FolderReader``'s per-worker buffer).
///
/// Every hot loop reads through an `UnsafeBufferPointer` (no bounds checks in release builds);
/// every read is still guarded by `offset < count`, so no input can read outside the buffer.
/// Nothing recurses: nesting is tracked in a bounded stack.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The position of the next unread byte.
    var offset: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var count: Int { bytes.count }

    // MARK: - Position

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return offset >= bytes.count
    }

    mutating func skipPastNextNewline() {
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n") { return }
        }
    }

    mutating func peekKind() throws(JSONSyntaxError) -> JSONValueKind {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
            return .number
        default:
            throw error("unexpected \(describeByte(bytes[offset])), expected a value")
        }
    }

    /// Whether a number starts at the next non-blank byte: a digit or `-` quickly, else
    /// through ``peekKind()`` (which throws at the end of the input or an invalid byte).
    @inline(__always)
    mutating func isAtNumber() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if offset < bytes.count {
            let byte = bytes[offset]
            if byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") { return true }
        }
        return try peekKind() == .number
    }

    // MARK: - Containers

    mutating func beginObject() throws(JSONSyntaxError) -> JSONReader.Container {
        try expect(UInt8(ascii: "{"), "expected '{'")
        return JSONReader.Container()
    }

    mutating func nextKey(in container: inout JSONReader.Container) throws(JSONSyntaxError) -> String? {
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

    mutating func beginArray() throws(JSONSyntaxError) -> JSONReader.Container {
        try expect(UInt8(ascii: "["), "expected '['")
        return JSONReader.Container()
    }

    @inline(__always)
    mutating func nextElement(in container: inout JSONReader.Container) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of input inside an array") }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        if container.count > 0 {
            guard byte == UInt8(ascii: ",") else {
                throw error("unexpected \(describeByte(byte)), expected ',' or ']' after an array element")
            }
            offset += 1
        }
        container.count += 1
        return true
    }

    // MARK: - Scalars

    mutating func readNull() throws(JSONSyntaxError) {
        try readLiteral("null")
    }

    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "t") {
            try readLiteral("true")
            return true
        }
        try readLiteral("false")
        return false
    }

    /// Reads a number, including `NaN`, `Infinity` and `-Infinity`, correctly rounded: the
    /// grammar is checked and the significand gathered in the same pass, then
    /// ``DecimalParsing`` converts it (`strtod` only when no exact fast path applies).
    @inline(__always)
    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        skipWhitespace()
        let start = offset
        let end = bytes.count
        var position = start
        var negative = false
        if position < end, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < end, bytes[position] &- UInt8(ascii: "0") < 10 else {
            return try readNonFiniteNumber()
        }
        var significand: UInt64 = 0
        var digits = 0  // significant digits in `significand`
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, bytes[position] &- UInt8(ascii: "0") < 10 {
                offset = position
                throw error("a number may not have a leading zero")
            }
        } else {
            while position < end {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                significand = significand &* 10 &+ UInt64(digit)
                digits &+= 1
                position += 1
            }
        }
        var exponent = 0
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            if significand == 0 {
                // Zeros right after "0." are not significant digits.
                while position < end, bytes[position] == UInt8(ascii: "0") { position += 1 }
            }
            // Python writes up to 17 significant digits: eight at a time, then one by one.
            while position + 8 <= end {
                let word = UInt64(
                    littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
                guard Self.isEightDigits(word) else { break }
                significand = significand &* 100_000_000 &+ Self.eightDigitsValue(word)
                digits &+= 8
                position += 8
            }
            while position < end {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                significand = significand &* 10 &+ UInt64(digit)
                digits &+= 1
                position += 1
            }
            guard position > fractionStart else {
                offset = position
                throw error("expected a digit after the decimal point")
            }
            exponent = fractionStart - position
        }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var negativeExponent = false
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                negativeExponent = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < end, bytes[position] &- UInt8(ascii: "0") < 10 else {
                offset = position
                throw error("expected a digit in the exponent")
            }
            var written = 0
            while position < end {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if written < 1_000_000 { written = written * 10 + Int(digit) }
                position += 1
            }
            exponent += negativeExponent ? -written : written
        }
        let length = position - start
        guard length <= JSONReader.maximumNumberLength else {
            offset = start
            throw error("a number longer than \(JSONReader.maximumNumberLength) characters")
        }
        offset = position
        if digits <= 19, let value = DecimalParsing.fastValue(significand: significand, exponent: exponent) {
            return negative ? -value : value
        }
        return DecimalParsing.strtodValue(bytes, start: start, length: length)
    }

    /// The next array element as a number, or nil when it is not one (only blanks consumed):
    /// ``isAtNumber()`` and ``readNumber()`` in one, with a fast path for the form Python writes
    /// per-request times in.
    @inline(__always)
    mutating func readNumberElement() throws(JSONSyntaxError) -> Double? {
        skipWhitespace()
        if offset + 26 <= bytes.count, let value = readShortFraction() { return value }
        guard try isAtNumber() else { return nil }
        return try readNumber()
    }

    /// `0.` and 16 to 23 digits with at most 19 significant ones, then no exponent: the ITLs and
    /// other times below a second that Python writes with 15 to 17 significant digits, most of a
    /// detailed result's numbers. The digits are taken as three words and converted without a
    /// loop or a data-dependent branch, by Eisel–Lemire (exact, as ``readNumber()`` is). Nil,
    /// with nothing consumed, for any other text; the caller makes sure that 26 bytes are left.
    @inline(__always)
    private mutating func readShortFraction() -> Double? {
        let base = bytes.baseAddress! + offset
        guard base[0] == UInt8(ascii: "0"), base[1] == UInt8(ascii: ".") else { return nil }
        let first = Self.word(base + 2)
        let second = Self.word(base + 10)
        let third = Self.word(base + 18)
        let rest = Self.leadingDigitCount(third)
        let zeros = Self.leadingZeroDigitCount(first)
        let digits = 16 + rest
        guard Self.leadingDigitCount(first) == 8, Self.leadingDigitCount(second) == 8, rest < 8, zeros < 8,
            digits - zeros <= 19, base[2 + digits] | 0x20 != UInt8(ascii: "e")
        else { return nil }
        // At most 19 significant digits: below 10^19, so no overflow.
        let significand =
            (Self.eightDigitsValue(first) &* 100_000_000 &+ Self.eightDigitsValue(second))
            &* Self.powersOfTen[rest] &+ Self.leadingDigitsValue(third, count: rest)
        // Not zero (a digit of the first word is not 0); nil only for the rare inconclusive product.
        guard let value = DecimalParsing.eiselLemire(significand, -digits) else { return nil }
        offset += 2 + digits
        return value
    }

    /// The eight bytes at `address`, the first in the lowest byte.
    @inline(__always)
    private static func word(_ address: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(address).loadUnaligned(as: UInt64.self))
    }

    /// 10^0 … 10^7.
    private static let powersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000]

    /// How many bytes of the word, from the first, are ASCII digits (0 … 8). fast_float's test
    /// per byte: a byte's addition carries into the next one only from a byte that is not a
    /// digit, so the count is exact.
    @inline(__always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let digitBytes = (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4)
        return (digitBytes ^ 0x3333_3333_3333_3333).trailingZeroBitCount >> 3
    }

    /// How many bytes of the word, from the first, are `0` (0 … 8).
    @inline(__always)
    static func leadingZeroDigitCount(_ word: UInt64) -> Int {
        (word ^ 0x3030_3030_3030_3030).trailingZeroBitCount >> 3
    }

    /// The value of the word's first `count` (0 … 7) bytes as ASCII digits: they are moved to
    /// the end of the word and `0`s put before them.
    @inline(__always)
    static func leadingDigitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // A shift by 64 or more gives 0: no digits.
        let aligned = (word << UInt64(64 - 8 * count)) | (0x3030_3030_3030_3030 >> UInt64(8 * count))
        return eightDigitsValue(aligned)
    }

    /// Whether the eight bytes of a little-endian word are all ASCII digits (fast_float's test).
    @inline(__always)
    static func isEightDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits, the first in the lowest byte (three multiplications).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let multiplier1: UInt64 = 100 + (1_000_000 << 32)
        let multiplier2: UInt64 = 1 + (10_000 << 32)
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        return ((value & mask) &* multiplier1 &+ ((value >> 16) & mask) &* multiplier2) >> 32
    }

    /// `NaN`, `Infinity` or `-Infinity` at the reader's position, else an error there.
    private mutating func readNonFiniteNumber() throws(JSONSyntaxError) -> Double {
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
        throw error("expected a number")
    }

    /// Reads a string, decoding escapes. Invalid UTF-8 and lone surrogates become U+FFFD.
    mutating func readString() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        try expect(UInt8(ascii: "\""), "expected a string")
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
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

    /// Skips a string without decoding it; returns whether it was empty (`""`).
    @discardableResult
    mutating func skipString() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        try expect(UInt8(ascii: "\""), "expected a string")
        let start = offset
        let end = bytes.count
        var position = offset
        while true {
            // Eight bytes at a time while none of them is a quote, a backslash or a control
            // character (the usual case for generated texts), then straight to the first that is.
            while position + 8 <= end {
                let special = Self.specialBytes(Self.word(bytes.baseAddress! + position))
                if special != 0 {
                    position += special.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < end else { break }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                offset = position + 1
                return position == start
            case UInt8(ascii: "\\"):
                position += 2
            case 0..<0x20:
                offset = position
                throw error("a control character inside a string")
            default:
                position += 1
            }
        }
        offset = end
        throw error("unexpected end of input inside a string")
    }

    /// The high bit of each byte of `word` (the first in the lowest byte) that is `"`, `\` or
    /// below 0x20 (SWAR: a zero byte after XOR marks a match). No match is missed, and a false
    /// one can only come from a borrow out of a real match below it, so the lowest bit set is
    /// always the first special byte.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return hasQuote | hasBackslash | hasControl
    }

    /// Skips one whole value of any kind, without recursion.
    mutating func skipValue() throws(JSONSyntaxError) {
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
                guard closers.count < JSONReader.maximumDepth else {
                    throw error("containers nested deeper than \(JSONReader.maximumDepth) levels")
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

    func error(_ message: String) -> JSONSyntaxError {
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

    func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for index in 0..<count where bytes[offset + index] != literalBytes[index] {
                return false
            }
            return true
        }
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
