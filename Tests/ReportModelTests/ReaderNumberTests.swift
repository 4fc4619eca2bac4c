import Foundation
import Testing

@testable import ReportModel

/// Every number the reader parses is the `Double` that `strtod` (correctly rounded, as Python's
/// `float()` is) makes of the same text: on every file of the examples and the shared corpus,
/// and on generated texts that reach every branch of the fast paths and the fallback.
@Suite struct ReaderNumberTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The C library's value of `text`.
    static func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    /// The reader's value of `text`, alone and as an element of arrays (the record path): last
    /// in a flat array, and followed by others in a flat and in a nested one, where there are
    /// bytes enough after it for the fast path of `0.` and many digits.
    static func readerValues(_ text: String) throws -> (alone: Double, inArrays: [Double]) {
        var reader = JSONReader(bytes: Array(text.utf8))
        let alone = try reader.readNumber()
        let atEnd = reader.isAtEnd()
        #expect(atEnd, "\(text): trailing bytes")
        var inArrays: [Double] = []
        for (json, index) in [
            (#"{"x": [0.5, \#(text)]}"#, 1), (#"{"x": [0.5, \#(text), 0.25, 0.125, 0.0625]}"#, 1),
            (#"{"x": [[\#(text),0.25,0.125], [0.0625]]}"#, 0),
        ] {
            var record = JSONReader(bytes: Array(json.utf8))
            switch try RecordFields.read(from: &record)["x"] {
            case .numbers(let numbers)?: inArrays.append(numbers[index])
            case .nestedNumbers(let pooled, _, _)?: inArrays.append(pooled[index])
            default: Issue.record("\(text): not read as an array of numbers in \(json)")
            }
        }
        return (alone, inArrays)
    }

    /// Compares one text; returns whether it matched, recording an issue if not.
    @discardableResult
    static func check(_ text: String) throws -> Bool {
        let expected = strtodValue(text)
        let (alone, inArrays) = try readerValues(text)
        let matches =
            alone.bitPattern == expected.bitPattern && inArrays.count == 3
            && inArrays.allSatisfy { $0.bitPattern == expected.bitPattern }
        #expect(matches, "\(text): reader \(alone) / \(inArrays), strtod \(expected)")
        return matches
    }

    /// The number tokens of a JSON text (outside strings).
    static func numberTokens(in bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let start = index
                while index < bytes.count, "0123456789+-.eE".utf8.contains(bytes[index]) { index += 1 }
                tokens.append(String(decoding: bytes[start..<index], as: UTF8.self))
                continue
            }
            index += 1
        }
        return tokens
    }

    /// Every number of every `.json` file below `folder`; returns how many were compared.
    static func checkFiles(below folder: String) throws -> Int {
        var compared = 0
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".json") || file.hasSuffix(".commands") {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
            var mismatches = 0
            for token in numberTokens(in: bytes) where mismatches < 5 {
                if try !check(token) { mismatches += 1 }
                compared += 1
            }
        }
        return compared
    }

    @Test func everyNumberOfTheExamplesMatchesStrtod() throws {
        let compared = try Self.checkFiles(below: Self.repository.appendingPathComponent("Examples").path)
        #expect(compared > 100_000)
    }

    @Test(.enabled(if: SharedCorpus.path != nil, "../shared/corpus/real is not here"))
    func everyNumberOfTheCorpusMatchesStrtod() throws {
        #expect(try Self.checkFiles(below: try #require(SharedCorpus.path)) > 500)
    }

    @Test(arguments: [
        // Clinger's path, Eisel–Lemire, and the edges of both.
        "0", "-0", "0.0", "-0.0", "1", "9007199254740992", "9007199254740993", "9007199254740995",
        "18014398509481985", "4503599627370497.5", "1e22", "1e23", "123456789012345678e-40",
        "0.1", "0.2", "0.30000000000000004", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "1e-400", "1e400", "-1e400", "1e-342", "1e-343", "1e308", "1e309", "9999999999999999999",
        "10000000000000000000", "18446744073709551615", "18446744073709551616", "1e-7", "7e-10",
        // Exactly halfway between two doubles, with 19 digits or fewer and with more.
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "9007199254740993.0", "90071992547409930e-1", "0.00000000000000000000000000000000001",
        "3.0000000000000001", "0.0065971570802503265", "47403.72901271832", "1E+2", "1e-0", "123e+0005",
        "0.000000000000000000000000000000000000000000000000000000000000000000000000000000001e81",
        "1" + String(repeating: "0", count: 400) + "e-400",
        // The fast path for `0.` and 16 to 23 digits, and the texts it leaves to the others.
        "0.1234567812345678", "0.12345678123456781", "0.0012345678901234567", "0.0001234567890123456789",
        "0.1234567890123456789", "0.12345678901234567890", "0.9999999999999999999", "0.99999999999999999999",
        "0.0000000100000000", "0.00000001234567890123", "0.00000000000000000000001", "0.0000000000000000",
        "0.12345678901234567e-5", "0.1234567890123456E+2", "0.008479791300487705", "0.0084797913004877050",
        "0.5000000000000000277", "0.50000000000000002776", "0.1000000000000000055511151231257827",
    ])
    func boundaryCasesMatchStrtod(text: String) throws {
        try Self.check(text)
    }

    /// A deterministic stream of texts of every shape: random digit strings with the point
    /// anywhere and exponents across the whole range (subnormals and overflow too), shortest
    /// round-trip forms of random doubles (what Python writes), and exact halfway points.
    @Test func generatedNumberTextsMatchStrtod() throws {
        var random = SplitMix64(seed: 0x5EED_1234)
        var mismatches = 0
        func check(_ text: String) throws {
            if mismatches < 10, try !Self.check(text) { mismatches += 1 }
        }
        func digits(_ count: Int) -> String {
            var text = String(Character(Unicode.Scalar(UInt8(ascii: "1") + UInt8(random.next() % 9))))
            for _ in 1..<max(1, count) {
                text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(random.next() % 10))))
            }
            return text
        }
        for _ in 0..<40_000 {
            // Random significands of 1 to 25 digits, the point anywhere, any exponent.
            let significand = digits(1 + Int(random.next() % 25))
            let point = Int(random.next() % UInt64(significand.count + 1))
            var text = significand
            if point < significand.count {
                text.insert(".", at: text.index(text.startIndex, offsetBy: point == 0 ? 0 : point))
                if point == 0 { text = "0" + text }
            }
            if random.next() % 2 == 0 {
                let exponent = Int(random.next() % 700) - 350
                text += (random.next() % 2 == 0 ? "e" : "E") + String(exponent)
            }
            try check(random.next() % 4 == 0 ? "-" + text : text)

            // Shortest forms of random doubles: every exponent, subnormals included.
            let bits = random.next() & ~(0x7FF << 52) | (random.next() % 0x7FF) << 52
            let value = Double(bitPattern: bits)
            if value.isFinite { try check("\(value)") }
            // Python's typical numbers: 17 digits below 1 and timestamps.
            try check("0.00" + digits(17))
            try check(digits(5) + "." + digits(11))

            // Halfway between two doubles: odd multiples of half a unit in the last place.
            let odd = (UInt64(1) << 53) | random.next() % (UInt64(1) << 53) | 1
            try check(String(odd))  // in [2^53, 2^54): spacing 2, so odd integers are halfway
            try check(String(odd) + "e-" + String(random.next() % 4))
            // odd / 2^k, written exactly: k fraction digits (fraction × 5^k).
            let k = 1 + Int(random.next() % 4)
            var power = 1
            for _ in 0..<k { power *= 5 }
            let fraction = String(Int(odd & (1 << k - 1)) * power)
            try check("\(odd >> k)." + String(repeating: "0", count: k - fraction.count) + fraction)
        }
        #expect(mismatches == 0)
    }
}
