import Foundation

@testable import ReportModel

/// Detailed `vllm bench serve` results made for diff tests, with per-request arrays from a
/// fixed seed and summary statistics computed from them as vLLM computes them.
struct ServingRun {
    var ttfts: [Double]
    /// Per request, its gaps between tokens.
    var itls: [[Double]]
    var inputLengths: [Double]
    var outputLengths: [Double]
    var errors: [String]
    var rate: String = "4"
    var model = "org/model"
    var metadata: [String: String] = [:]

    /// `count` requests with log-normal TTFTs around `ttftMedian` seconds and gaps around
    /// `gapMedian`, the lengths drawn from `workloadSeed` (same seed: same requests), the
    /// timings from `noiseSeed`, every timing multiplied by `scale`.
    static func draw(
        count: Int = 200, workloadSeed: UInt64 = 1, noiseSeed: UInt64, ttftMedian: Double = 0.040,
        gapMedian: Double = 0.008, scale: Double = 1, ttftScale: Double = 1
    ) -> ServingRun {
        var workload = SplitMix64(seed: workloadSeed)
        var noise = SplitMix64(seed: noiseSeed)
        var inputs: [Double] = []
        var outputs: [Double] = []
        var ttfts: [Double] = []
        var itls: [[Double]] = []
        for _ in 0..<count {
            inputs.append((220 * exp(0.6 * workload.nextStandardNormal())).rounded() + 1)
            let output = Int((40 * exp(0.5 * workload.nextStandardNormal())).rounded()) + 2
            outputs.append(Double(output))
            ttfts.append(ttftMedian * scale * ttftScale * exp(0.35 * noise.nextStandardNormal()))
            // A request's own level (its batch) makes its gaps correlated.
            let level = gapMedian * scale * exp(0.15 * noise.nextStandardNormal())
            itls.append((1..<output).map { _ in level * exp(0.1 * noise.nextStandardNormal()) })
        }
        return ServingRun(
            ttfts: ttfts, itls: itls, inputLengths: inputs, outputLengths: outputs,
            errors: Array(repeating: "", count: count))
    }

    /// The result file's JSON, as `vllm bench serve --save-detailed` writes it.
    var json: String {
        let succeeded = errors.indices.filter { errors[$0].isEmpty }
        let ttft = succeeded.map { ttfts[$0] }
        let latencies = ttfts.indices.map { ttfts[$0] + itls[$0].reduce(0, +) }
        let e2el = succeeded.map { latencies[$0] }
        let tpot = succeeded.compactMap { index in
            outputLengths[index] > 1 ? (latencies[index] - ttfts[index]) / (outputLengths[index] - 1) : nil
        }
        let gaps = succeeded.flatMap { itls[$0] }
        var fields: [String: Any] = [
            "date": "20261130-120000", "backend": "vllm", "model_id": model, "num_prompts": errors.count,
            "request_rate": rate == "inf" ? "inf" : Double(rate)! as Any, "completed": succeeded.count,
            "failed": errors.count - succeeded.count,
            "total_input_tokens": succeeded.map { inputLengths[$0] }.reduce(0, +),
            "request_throughput": 3.9, "output_throughput": 400.0,
            "input_lens": inputLengths, "output_lens": outputLengths, "ttfts": ttfts, "itls": itls,
            "latencies": latencies, "errors": errors,
        ]
        for (name, values) in [("ttft", ttft), ("tpot", tpot), ("itl", gaps), ("e2el", e2el)] where !values.isEmpty {
            let sorted = values.sorted()
            fields["mean_\(name)_ms"] = Statistics.mean(of: values)! * 1000
            fields["median_\(name)_ms"] = Statistics.median(of: sorted)! * 1000
            fields["p99_\(name)_ms"] = Statistics.percentile(of: sorted, 99)! * 1000
        }
        for (key, value) in metadata { fields[key] = value }
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

enum DiffFixture {
    /// Reads two folders of files, keeping per-request values, and diffs them.
    static func diff(
        base: [String: String], head: [String: String], options: DiffOptions = DiffOptions()
    ) throws -> ResultDiff {
        let baseFolder = try TemporaryFolder(base)
        let headFolder = try TemporaryFolder(head)
        return ResultDiff(
            base: try FolderReader.read(baseFolder.path, keepsRequests: true),
            head: try FolderReader.read(headFolder.path, keepsRequests: true), options: options)
    }

    /// A sweep of four rates, one file each, named as `run-performance-benchmarks.sh` does;
    /// `run` gets the rate's index, for a noise seed of its own.
    static func sweep(_ run: (UInt64) -> ServingRun) -> [String: String] {
        var files: [String: String] = [:]
        for (index, rate) in ["1", "4", "16", "inf"].enumerated() {
            var result = run(UInt64(index))
            result.rate = rate
            files["serving_model_tp1_sharegpt_qps_\(rate).json"] = result.json
        }
        return files
    }
}
