import Testing

@testable import ReportModel

@Suite struct JSONReaderTests {
    private func number(_ text: String) throws -> Double {
        var reader = JSONReader(bytes: Array(text.utf8))
        return try reader.readNumber()
    }

    /// Swift's literals are correctly rounded by the compiler: an oracle independent of strtod.
    @Test(arguments: [
        ("0.9266724431082869", 0.9266724431082869),
        ("215.82599276304245", 215.82599276304245),
        ("7.1091228867570555", 7.1091228867570555),
        ("0.1", 0.1),
        ("1e23", 1e23),
        ("9007199254740993", 9_007_199_254_740_992.0),
        ("2.2250738585072011e-308", 2.2250738585072011e-308),
        ("5e-324", 5e-324),
        ("1.7976931348623157e308", 1.7976931348623157e308),
        ("-0.0", -0.0),
        ("1E+2", 100.0),
        ("43560", 43560.0),
        ("0.30000000000000004", 0.30000000000000004),
    ])
    func numbersAreCorrectlyRounded(text: String, expected: Double) throws {
        let value = try number(text)
        #expect(value.bitPattern == expected.bitPattern)
    }

    @Test func pythonNonFiniteTokensAreAccepted() throws {
        #expect(try number("NaN").isNaN)
        #expect(try number("Infinity") == .infinity)
        #expect(try number("-Infinity") == -.infinity)
        #expect(try number("1e309") == .infinity)
    }

    @Test(arguments: ["01", "1.", "-", ".5", "1e", "+1", "1.e5", "--1", "nan"])
    func invalidNumbersAreErrors(text: String) {
        #expect(throws: JSONSyntaxError.self) { try number(text) }
    }

    @Test func stringsDecodeEscapesAndSurrogates() throws {
        var reader = JSONReader(bytes: Array(#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x""#.utf8))
        #expect(try reader.readString() == "a\"b\\c/d\né😀\u{FFFD}x")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var reader = JSONReader(bytes: [0x22, 0x61, 0xFF, 0xFE, 0x62, 0x22])
        #expect(try reader.readString() == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func errorsCarryTheirByteOffset() {
        var reader = JSONReader(bytes: Array(#"{"a": 1, "b": }"#.utf8))
        do {
            _ = try RecordFields.read(from: &reader)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 14)
            #expect(error.message.contains("'}'"))
        }
    }

    @Test func truncatedInputIsAnErrorAtTheEnd() {
        let text = #"{"avg_latency": 1.5, "latencies": [1.4, 1."#
        var reader = JSONReader(bytes: Array(text.utf8))
        #expect(throws: JSONSyntaxError.self) { _ = try RecordFields.read(from: &reader) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let text = #"{"x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        var reader = JSONReader(bytes: Array(text.utf8))
        do {
            _ = try RecordFields.read(from: &reader)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("nested deeper"))
        }
    }

    @Test func skipValueSkipsEveryKind() throws {
        let text = #"[{"a": [1, {"b": null}], "c": "x\"]"}, true, false, -2.5e3, [], {}] 7"#
        var reader = JSONReader(bytes: Array(text.utf8))
        try reader.skipValue()
        #expect(try reader.readNumber() == 7)
        let atEnd = reader.isAtEnd()
        #expect(atEnd)
    }

    @Test func recordFieldsKeepTheShapesAReportNeeds() throws {
        let text = """
            {"n": 1.5, "s": "x", "b": true, "z": null, "ttfts": [0.1, 0.2], "itls": [[0.01, 0.02], [], [0.03]],
             "errors": ["", "boom", ""], "percentiles": {"50": 1.0, "99": 2.0}, "mixed": [1, "a"],
             "events": [{"rps": 1}], "empty": [], "n": 2.5}
            """
        var reader = JSONReader(bytes: Array(text.utf8))
        let fields = try RecordFields.read(from: &reader)
        #expect(fields["n"] == .number(2.5))  // a repeated key keeps its last value
        #expect(fields.keys.filter { $0 == "n" }.count == 1)
        #expect(fields["s"] == .string("x"))
        #expect(fields["b"] == .bool(true))
        #expect(fields["z"] == .null)
        #expect(fields["ttfts"] == .numbers([0.1, 0.2]))
        #expect(
            fields["itls"]
                == .nestedNumbers(pooled: [0.01, 0.02, 0.03], counts: [2, 0, 1], sums: [0.01 + 0.02, 0, 0.03]))
        #expect(fields["errors"] == .strings(count: 3, nonEmptyIndices: [1], firstNonEmpty: "boom"))
        #expect(fields["percentiles"] == .numberObject(["50": 1.0, "99": 2.0]))
        #expect(fields["mixed"] == .other(.array))
        #expect(fields["events"] == .other(.array))
        #expect(fields["empty"] == .numbers([]))
    }

    @Test func topLevelMustBeAnObject() {
        for text in ["[1, 2]", "\"text\"", "null", "42"] {
            var reader = JSONReader(bytes: Array(text.utf8))
            #expect(throws: JSONSyntaxError.self) { _ = try RecordFields.read(from: &reader) }
        }
    }
}
