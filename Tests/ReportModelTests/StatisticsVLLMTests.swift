import Foundation
import Testing

@testable import ReportModel

/// The summaries that vLLM wrote into its files (NumPy on the per-request arrays, times 1000 for
/// ms) are what `Statistics` computes from the samples the reader takes from them (all of them
/// here: a report keeps at most 4,096 per series, see `ReaderSampleTests`): percentiles and
/// medians bit for bit; means and standard deviations to 1e-12, since the model sorts the
/// samples and NumPy summed them in request order.
@Suite struct StatisticsVLLMTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled base example (head is made the same way), and the real results beside the repository when they are there.
    static var folders: [String] {
        let candidates = [
            repository.appendingPathComponent("Examples/base").path,
            repository.appendingPathComponent("../shared/corpus/real").standardized.path,
        ]
        return candidates.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// A summary key split into its statistic and series: `p99.9_ttft_ms` → (`p99.9`, `ttft`, 1000),
    /// `avg_latency` → (`mean`, `latency`, 1).
    static func parse(_ key: String) -> (statistic: ComparedStatistic, series: SampleSeries, scale: Double)? {
        var parts = key.split(separator: "_").map(String.init)
        var scale = 1.0
        if parts.last == "ms" {
            parts.removeLast()
            scale = 1000
        }
        guard parts.count == 2, let series = SampleSeries(rawValue: parts[1]) else { return nil }
        switch parts[0] {
        case "mean", "avg": return (.mean, series, scale)
        case "median": return (.median, series, scale)
        case let name where name.hasPrefix("p"):
            guard let p = Double(name.dropFirst()) else { return nil }
            return (.percentile(p), series, scale)
        default: return nil
        }
    }

    @Test func summariesInTheFilesAreRecomputedFromTheSamples() throws {
        var checked = 0
        for folder in Self.folders {
            for result in try FolderReader.read(folder, sampleLimit: .max).results {
                for (key, fileValue) in result.metrics {
                    guard let (statistic, series, scale) = Self.parse(key), let samples = result.samples[series]
                    else { continue }
                    let ours = statistic.value(of: samples)! * scale
                    if statistic == .mean {
                        #expect(abs(ours - fileValue) <= 1e-12 * abs(fileValue), "\(result.file): \(key)")
                    } else {
                        #expect(ours == fileValue, "\(result.file): \(key)")
                    }
                    checked += 1
                }
                for (key, fileValue) in result.metrics where key.hasPrefix("std_") {
                    guard let (_, series, scale) = Self.parse("mean" + key.dropFirst(3)),
                        let samples = result.samples[series]
                    else { continue }
                    let ours = Statistics.standardDeviation(of: samples)! * scale
                    #expect(abs(ours - fileValue) <= 1e-12 * abs(fileValue), "\(result.file): \(key)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)  // 78 in the example alone; more with the shared corpus
    }
}
