import ReportModel

/// The normalised model as JSON for other tools (schema version 1).
///
/// Keys come in a fixed order and numbers in their shortest exact form, so the same folder
/// always gives the same bytes. Non-finite numbers are `null`.
public enum ReportJSON {
    public static let schemaVersion = 1

    public static func render(_ folder: ResultFolder) -> String {
        let json = JSONWriter()
        json.object {
            json.member("schemaVersion") { json.number(Double(schemaVersion)) }
            json.member("results") {
                json.array(folder.results) { result in result.write(to: json) }
            }
            json.member("problems") {
                json.array(folder.problems) { problem in
                    json.object {
                        json.member("file") { json.string(problem.file) }
                        if let line = problem.line { json.member("line") { json.number(Double(line)) } }
                        json.member("message") { json.string(problem.message) }
                    }
                }
            }
            json.member("skipped") {
                json.array(folder.skipped) { skipped in
                    json.object {
                        json.member("file") { json.string(skipped.file) }
                        json.member("reason") { json.string(skipped.reason) }
                    }
                }
            }
        }
        return json.output + "\n"
    }
}

extension BenchmarkResult {
    /// The result as an object of `benchreport json` (and of a history run, which shares it).
    func write(to json: JSONWriter) {
        json.object {
            json.member("file") { json.string(self.file) }
            if let line = self.line { json.member("line") { json.number(Double(line)) } }
            json.member("kind") { json.string(self.kind.rawValue) }
            json.member("test") { json.string(self.test) }
            json.member("series") { json.string(self.series) }
            // `model` is the id as the file gave it (its meaning never changes);
            // `modelID` is the normalised id results are grouped by.
            json.member("model") { json.string(self.rawModel) }
            json.member("modelID") { json.string(self.model) }
            json.member("modelDisplayName") { json.string(self.modelDisplayName) }
            json.member("modelSource") { json.string(self.modelSource.rawValue) }
            json.member("requestRate") { json.requestRate(self.requestRate) }
            json.member("maxConcurrency") { json.optionalNumber(self.maxConcurrency.map(Double.init)) }
            json.member("tensorParallelSize") {
                json.optionalNumber(self.tensorParallelSize.map(Double.init))
            }
            json.member("hardware") { json.optionalString(self.hardware) }
            json.member("dataset") { json.optionalString(self.dataset) }
            json.member("metrics") { json.numberObject(self.metrics) }
            json.member("metadata") { json.stringObject(self.metadata) }
            json.member("sampleCounts") {
                json.numberObject(
                    Dictionary(
                        uniqueKeysWithValues: self.sampleCounts.map {
                            ($0.key.rawValue, Double($0.value))
                        }))
            }
        }
    }
}

/// An indenting JSON writer with members in the order they are written. A class, so that the
/// nested closures that write members can share it.
final class JSONWriter {
    private(set) var output = ""
    private var depth = 0
    private var needsComma = false

    private func startValue() {
        if needsComma { output += "," }
        needsComma = false
    }

    /// A newline and the indentation of each depth so far, made once.
    private var indentations = ["\n"]

    private func newline() {
        while indentations.count <= depth { indentations.append(indentations[indentations.count - 1] + "  ") }
        output += indentations[depth]
    }

    /// `text` as a JSON string literal, appended without an intermediate string when it needs
    /// no escapes.
    private func appendString(_ text: String) {
        if Escape.needsJSONEscapes(text) {
            output += Escape.jsonString(text)
        } else {
            output += "\""
            output += text
            output += "\""
        }
    }

    func object(_ body: () -> Void) {
        startValue()
        output += "{"
        depth += 1
        let before = output.utf8.count
        body()
        depth -= 1
        if output.utf8.count != before { newline() }
        output += "}"
        needsComma = true
    }

    func member(_ key: String, _ value: () -> Void) {
        if needsComma { output += "," }
        newline()
        appendString(key)
        output += ": "
        needsComma = false
        value()
        needsComma = true
    }

    func array<Element>(_ elements: [Element], _ body: (Element) -> Void) {
        startValue()
        output += "["
        depth += 1
        for (index, element) in elements.enumerated() {
            if index > 0 { output += "," }
            newline()
            needsComma = false
            body(element)
        }
        depth -= 1
        if !elements.isEmpty { newline() }
        output += "]"
        needsComma = true
    }

    func string(_ text: String) {
        startValue()
        appendString(text)
        needsComma = true
    }

    func number(_ value: Double) {
        startValue()
        output += value.isFinite ? formatShortest(value) : "null"
        needsComma = true
    }

    func bool(_ value: Bool) {
        startValue()
        output += value ? "true" : "false"
        needsComma = true
    }

    func null() {
        startValue()
        output += "null"
        needsComma = true
    }

    func optionalNumber(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    /// A number, `"inf"` or `null`.
    func requestRate(_ rate: RequestRate?) {
        switch rate {
        case nil: null()
        case .infinite: string("inf")
        case .perSecond(let value): number(value)
        }
    }

    func optionalString(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// An object with keys in byte order.
    func numberObject(_ values: [String: Double]) {
        object {
            for key in values.keys.sorted(by: byteOrder) { member(key) { number(values[key]!) } }
        }
    }

    func stringObject(_ values: [String: String]) {
        object {
            for key in values.keys.sorted(by: byteOrder) { member(key) { string(values[key]!) } }
        }
    }
}

/// Orders strings by their UTF-8 bytes, independent of locale and Unicode normalisation (over
/// their contiguous bytes: a JSON of hundreds of results sorts tens of thousands of keys).
func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in rhs.withUTF8 { right in left.lexicographicallyPrecedes(right) } }
}
