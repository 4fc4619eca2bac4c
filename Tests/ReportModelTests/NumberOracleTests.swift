import Foundation
import Testing

@testable import ReportModel

/// Every number the reader takes from a real or example file must be the `Double` that an
/// independent exact parser (Foundation's `JSONDecoder`) reads from the same text.
@Suite struct NumberOracleTests {
    /// Any JSON value, as JSONDecoder reads it.
    enum Value: Decodable {
        case number(Double)
        case numbers([String: Double])
        case other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let numbers = try? container.decode([String: Double].self) {
                self = .numbers(numbers)
            } else {
                self = .other
            }
        }
    }

    static func topLevelNumbers(ofFile path: String) throws -> [String: Double] {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // for NaN and Infinity
        let object = try decoder.decode([String: Value].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var numbers: [String: Double] = [:]
        for (key, value) in object {
            switch value {
            case .number(let number): numbers[MetricCatalog.currentKey(key)] = number
            case .numbers(let percentiles) where key == "percentiles":
                for (percentile, number) in percentiles { numbers["p\(percentile)_latency"] = number }
            default: break
            }
        }
        return numbers
    }

    static func check(folderAt path: String) throws -> Int {
        let folder = try FolderReader.read(path)
        var compared = 0
        for result in folder.results {
            let expected = try topLevelNumbers(ofFile: path + "/" + result.file)
            for (key, value) in expected where key != "request_rate" && key != "max_concurrency" {
                #expect(result.metrics[key]?.bitPattern == value.bitPattern, "\(result.file): \(key)")
                compared += 1
            }
        }
        return compared
    }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples").path

    @Test func exampleNumbersMatchJSONDecoder() throws {
        #expect(try Self.check(folderAt: Self.examples + "/base") > 300)
        #expect(try Self.check(folderAt: Self.examples + "/head") > 300)
    }

    @Test(.enabled(if: SharedCorpus.path != nil, "../shared/corpus/real is not here"))
    func corpusNumbersMatchJSONDecoder() throws {
        #expect(try Self.check(folderAt: try #require(SharedCorpus.path)) > 450)
    }
}
