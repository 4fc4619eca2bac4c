/// One value of a result object's top level, reduced to what a report can use.
///
/// Arrays of numbers (per-request samples) are kept; arrays of strings (generated texts, errors)
/// are reduced to counts; other containers are skipped and only their kind is remembered.
public enum FieldValue: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    /// A flat array of numbers, e.g. `ttfts` or `latencies`.
    case numbers([Double])
    /// An array of arrays of numbers, e.g. `itls`: all values pooled, and each inner count.
    case nestedNumbers(pooled: [Double], counts: [Int], sums: [Double])
    /// An array of strings, e.g. `errors`: how many, the positions of the non-empty ones, and
    /// the first non-empty one (shortened). The texts themselves are not kept.
    case strings(count: Int, nonEmptyIndices: [Int], firstNonEmpty: String?)
    /// An object whose values are all numbers, e.g. latency `percentiles`.
    case numberObject([String: Double])
    /// Anything else, skipped: a mixed array, an array of objects, a nested object.
    case other(JSONValueKind)

    /// The JSON kind, for error messages.
    public var kind: JSONValueKind {
        switch self {
        case .number: .number
        case .string: .string
        case .bool: .bool
        case .null: .null
        case .numbers, .nestedNumbers, .strings: .array
        case .numberObject: .object
        case .other(let kind): kind
        }
    }
}

/// The top-level members of one JSON object, in file order; a repeated key keeps its last
/// value, as Python's `json` does.
public struct RecordFields: Sendable {
    public private(set) var values: [String: FieldValue] = [:]
    public private(set) var keys: [String] = []

    public init() {}

    public subscript(key: String) -> FieldValue? { values[key] }

    mutating func set(_ key: String, _ value: FieldValue) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    /// Longest error text kept from an `errors` array.
    static let maximumKeptStringLength = 300

    /// Reads one object, starting at the reader's position.
    public static func read(from reader: inout JSONReader) throws(JSONSyntaxError) -> RecordFields {
        try reader.withScanner { scanner throws(JSONSyntaxError) in try read(from: &scanner) }
    }

    /// Reads one object in a single pass over the scanner's bytes.
    static func read(from reader: inout JSONScanner) throws(JSONSyntaxError) -> RecordFields {
        let kind = try reader.peekKind()
        guard kind == .object else {
            throw reader.error("expected an object at the top level, found \(kind.article)")
        }
        var fields = RecordFields()
        var object = try reader.beginObject()
        while let key = try reader.nextKey(in: &object) {
            fields.set(key, try readValue(from: &reader))
        }
        return fields
    }

    private static func readValue(from reader: inout JSONScanner) throws(JSONSyntaxError) -> FieldValue {
        switch try reader.peekKind() {
        case .number: return .number(try reader.readNumber())
        case .string: return .string(try reader.readString())
        case .bool: return .bool(try reader.readBool())
        case .null:
            try reader.readNull()
            return .null
        case .array: return try readArray(from: &reader)
        case .object: return try readObject(from: &reader)
        }
    }

    /// Reads an array whose shape is decided by its first element; a later element of another
    /// shape turns the whole array into `.other(.array)`.
    private static func readArray(from reader: inout JSONScanner) throws(JSONSyntaxError) -> FieldValue {
        var array = try reader.beginArray()
        guard try reader.nextElement(in: &array) else { return .numbers([]) }
        switch try reader.peekKind() {
        case .number:
            var numbers = NumberAccumulator()
            repeat {
                guard let number = try reader.readNumberElement() else { return try skipRest(of: &array, &reader) }
                numbers.append(number)
            } while try reader.nextElement(in: &array)
            return .numbers(numbers.array())
        case .array:
            var pooled = NumberAccumulator()
            var counts: [Int] = []
            var sums: [Double] = []
            repeat {
                guard try reader.peekKind() == .array else { return try skipRest(of: &array, &reader) }
                var inner = try reader.beginArray()
                var count = 0
                var sum = 0.0
                while try reader.nextElement(in: &inner) {
                    guard let value = try reader.readNumberElement() else {
                        try skipRest(of: &inner, &reader)
                        try skipRemaining(of: &array, &reader)
                        return .other(.array)
                    }
                    pooled.append(value)
                    count += 1
                    sum += value
                }
                counts.append(count)
                sums.append(sum)
            } while try reader.nextElement(in: &array)
            return .nestedNumbers(pooled: pooled.array(), counts: counts, sums: sums)
        case .string:
            var count = 0
            var nonEmptyIndices: [Int] = []
            var first: String?
            repeat {
                guard try reader.peekKind() == .string else { return try skipRest(of: &array, &reader) }
                if first == nil {
                    let text = try reader.readString()
                    if !text.isEmpty {
                        nonEmptyIndices.append(count)
                        first = String(text.prefix(maximumKeptStringLength))
                    }
                } else if try !reader.skipString() {
                    nonEmptyIndices.append(count)
                }
                count += 1
            } while try reader.nextElement(in: &array)
            return .strings(count: count, nonEmptyIndices: nonEmptyIndices, firstNonEmpty: first)
        default:
            return try skipRest(of: &array, &reader)
        }
    }

    /// Skips the element the reader stopped at, unread, and every element after it.
    @discardableResult
    private static func skipRest(
        of array: inout JSONReader.Container, _ reader: inout JSONScanner
    ) throws(JSONSyntaxError) -> FieldValue {
        try reader.skipValue()
        try skipRemaining(of: &array, &reader)
        return .other(.array)
    }

    /// Skips the elements after the current, already consumed, one.
    private static func skipRemaining(
        of array: inout JSONReader.Container, _ reader: inout JSONScanner
    ) throws(JSONSyntaxError) {
        while try reader.nextElement(in: &array) { try reader.skipValue() }
    }

    private static func readObject(from reader: inout JSONScanner) throws(JSONSyntaxError) -> FieldValue {
        var object = try reader.beginObject()
        var numbers: [String: Double] = [:]
        var allNumbers = true
        while let key = try reader.nextKey(in: &object) {
            if allNumbers, try reader.peekKind() == .number {
                numbers[key] = try reader.readNumber()
            } else {
                allNumbers = false
                try reader.skipValue()
            }
        }
        return allNumbers ? .numberObject(numbers) : .other(.object)
    }
}

/// A growing buffer of numbers, for the arrays of a detailed result (tens of thousands of ITLs):
/// appending to it skips the uniqueness check an `Array` append makes on every element, a few
/// per cent of the reading time; ``array()`` copies the numbers out once at the end.
private struct NumberAccumulator: ~Copyable {
    private var storage: UnsafeMutablePointer<Double>
    private var capacity = 1024
    private var count = 0

    init() {
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    mutating func append(_ value: Double) {
        if count == capacity { grow() }
        storage[count] = value
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Double>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }

    /// The numbers, as an array.
    consuming func array() -> [Double] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }
}
