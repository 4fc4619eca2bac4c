import Foundation
import Testing

@testable import ReportModel

/// How often a diff against a history's last runs fails CI, on synthetic histories: 10 runs of
/// main, one model's 4-rate sweep (1, 4, 16, inf req/s) with 14 judged metrics per rate, each
/// run with a run effect shared by its whole sweep and noise of its own per file and metric.
/// The figures in docs/diff.md ("Against a history") come from here; the run prints them.
@Suite struct HistoryBaselineRateTests {
    /// Run-to-run noise: one effect per sweep (every latency up, every throughput down
    /// together) and one per file and metric, as relative standard deviations.
    struct Noise {
        var perSweep: Double
        var perFile: Double
    }

    static let rates: [RequestRate] = [.perSecond(1), .perSecond(4), .perSecond(16), .infinite]
    static let latencies = ["ttft", "tpot", "itl", "e2el"].flatMap { family in
        ["mean", "median", "p99"].map { "\($0)_\(family)_ms" }
    }
    static let throughputs = ["request_throughput", "output_throughput"]

    /// Draws standard normal deviates from a fixed seed (Box–Muller).
    struct Normal {
        var generator: SplitMix64
        mutating func next() -> Double {
            let u = generator.nextOpenUnitInterval()
            let v = generator.nextOpenUnitInterval()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }

    /// One run of the sweep; latencies multiplied by `latencyFactor`.
    static func sweep(_ noise: Noise, latencyFactor: Double = 1, normal: inout Normal) -> [BenchmarkResult] {
        let runEffect = noise.perSweep * normal.next()
        return rates.enumerated().map { index, rate in
            var metrics: [String: Double] = ["completed": 200, "failed": 0, "num_prompts": 200]
            let load = 1 + 0.3 * Double(index)
            for (offset, key) in latencies.enumerated() {
                let level = 10 * load * (1 + Double(offset) / 4)
                metrics[key] = level * latencyFactor * (1 + runEffect) * (1 + noise.perFile * normal.next())
            }
            for key in throughputs {
                metrics[key] = 100 * load * (1 - runEffect) * (1 + noise.perFile * normal.next())
            }
            let name = "serving_model_qps_\(rate)"
            return BenchmarkResult(
                file: "\(name).json", kind: .serving, test: name, series: "serving_model", model: "org/model",
                modelSource: .result, requestRate: rate, metrics: metrics)
        }
    }

    /// The share of `cases` diffs that fail CI: a history of `runs` runs and a head `latencyFactor`
    /// slower, all drawn with `noise`.
    static func failingShare(
        cases: Int, runs: Int = 10, noise: Noise, latencyFactor: Double, options: DiffOptions, seed: UInt64
    ) -> Double {
        var normal = Normal(generator: SplitMix64(seed: seed))
        var failing = 0
        for index in 0..<cases {
            let history = (0..<runs).map { run in
                HistoryRun(
                    commit: String(format: "%040x", index * 100 + run), branch: "main",
                    date: String(format: "2026-11-%02dT02:00:00Z", run + 1),
                    results: sweep(noise, normal: &normal))
            }
            let baseline = HistoryBaseline(path: "history", branch: "main", runs: history, count: runs)!
            let head = ResultFolder(path: "head", results: sweep(noise, latencyFactor: latencyFactor, normal: &normal))
            if ResultDiff(baseline: baseline, head: head, options: options).failsCI { failing += 1 }
        }
        return Double(failing) / Double(cases)
    }

    /// Runs of the baseline that sent another workload (here: before `num_prompts` went from
    /// 100 to 200) are left out, named, and the pair is judged on the runs since.
    @Test func baselineRunsOfAnotherWorkloadAreLeftOutAndNamed() throws {
        var normal = Normal(generator: SplitMix64(seed: 11))
        let noise = Noise(perSweep: 0.01, perFile: 0.025)
        let runs = (0..<10).map { run in
            var results = Self.sweep(noise, normal: &normal)
            if run < 3 {
                for index in results.indices { results[index].metrics["num_prompts"] = 100 }
            }
            return HistoryRun(
                commit: String(format: "%040x", run), branch: "main",
                date: String(format: "2026-11-%02dT02:00:00Z", run + 1), results: results)
        }
        let baseline = try #require(HistoryBaseline(path: "history", branch: "main", runs: runs, count: 10))
        let head = ResultFolder(path: "head", results: Self.sweep(noise, normal: &normal))
        let diff = ResultDiff(baseline: baseline, head: head, options: Self.historyDefaults)
        #expect(diff.incomparable.isEmpty)
        #expect(diff.pairing.pairs.allSatisfy { $0.baseRuns.count == 7 })
        #expect(diff.leftOutRuns.count == 3 * 4)
        let first = try #require(diff.leftOutRuns.first)
        #expect(first.isBase)
        #expect(first.run.file.hasPrefix(runs[0].fileName + "/"))
        #expect(first.reasons == ["number of prompts differs: 100 → 200"])
        #expect(diff.changes.contains { $0.evidence?.method == "prediction interval of 7 base runs" })

        // When no base run served head's workload, the pair is incomparable, none left out.
        let other = ResultFolder(
            path: "head",
            results: Self.sweep(noise, normal: &normal).map { result in
                var result = result
                result.metrics["num_prompts"] = 50
                return result
            })
        let incomparable = ResultDiff(baseline: baseline, head: other, options: Self.historyDefaults)
        #expect(incomparable.leftOutRuns.isEmpty)
        #expect(incomparable.exitStatus == 2)
    }

    @Test func theRunsAreReplicatesAndTheSweepRuleCombinesTheRates() throws {
        var normal = Normal(generator: SplitMix64(seed: 7))
        let noise = Noise(perSweep: 0.01, perFile: 0.025)
        let runs = (0..<10).map { run in
            HistoryRun(
                commit: String(format: "%040x", run), branch: "main",
                date: String(format: "2026-11-%02dT02:00:00Z", run + 1), results: Self.sweep(noise, normal: &normal))
        }
        let baseline = try #require(HistoryBaseline(path: "history", branch: "main", runs: runs, count: 10))
        let head = ResultFolder(path: "head", results: Self.sweep(noise, latencyFactor: 1.10, normal: &normal))
        let diff = ResultDiff(baseline: baseline, head: head, options: Self.historyDefaults)
        #expect(diff.pairing.pairs.count == 4)
        #expect(diff.pairing.pairs.allSatisfy { $0.baseRuns.count == 10 && $0.headRuns.count == 1 })
        let row = try #require(diff.changes.first { $0.metric == "median_ttft_ms" })
        #expect(row.evidence?.method == "prediction interval of 10 base runs")
        let sweep = try #require(diff.sweeps.first { $0.metric == "median_ttft_ms" })
        #expect(sweep.testedRates == 4)
        #expect(sweep.verdict == .regression)
    }

    /// `--baseline-history`'s defaults: 5% for every metric, p90 and above included, α = 0.001.
    static let historyDefaults = DiffOptions(thresholdPercent: 5, tailThresholdPercent: 5, alpha: 0.001)

    @Test func nullHeadsRarelyFailAndASevenPercentStepIsCaught() {
        var lines: [String] = []
        var shares: [String: Double] = [:]
        for alpha in [0.01, 0.001] {
            let options = DiffOptions(thresholdPercent: 5, tailThresholdPercent: 5, alpha: alpha)
            for (perFile, seed) in [(0.025, UInt64(1)), (0.03, 10)] {
                let noise = Noise(perSweep: 0.01, perFile: perFile)
                for (name, factor, offset) in [("null", 1.0, UInt64(0)), ("+7%", 1.07, 1), ("+10%", 1.10, 2)] {
                    let share = Self.failingShare(
                        cases: 200, noise: noise, latencyFactor: factor, options: options, seed: seed + offset)
                    shares["\(alpha) \(perFile) \(name)"] = share
                    lines.append("α \(alpha), \(perFile * 100)% per file, head \(name): \(share * 100)% fail CI")
                }
            }
        }
        print("history baseline, 200 cases each:\n" + lines.joined(separator: "\n"))
        #expect(shares["0.001 0.025 null"]! <= 0.05)
        #expect(shares["0.001 0.03 null"]! <= 0.05)
        #expect(shares["0.001 0.025 +10%"]! >= 0.95)
        #expect(shares["0.001 0.03 +7%"]! >= 0.9)
    }
}
