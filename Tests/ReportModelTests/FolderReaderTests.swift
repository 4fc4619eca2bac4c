import Foundation
import Testing

@testable import ReportModel

@Suite struct FolderReaderTests {
    private func read(_ files: [String: String]) throws -> ResultFolder {
        let folder = try TemporaryFolder(files)
        return try FolderReader.read(folder.path)
    }

    private func only(_ folder: ResultFolder) throws -> BenchmarkResult {
        try #require(folder.results.count == 1, "\(folder.problems)")
        return folder.results[0]
    }

    // MARK: - Format generations

    @Test func oldServingScriptWithTheColonGoodputKey() throws {
        let folder = try read(["serving_qwen2_5_7B_tp1_qps_4.json": Fixture.oldServing])
        let result = try only(folder)
        #expect(folder.problems.isEmpty)
        #expect(result.kind == .serving)
        #expect(result.test == "serving_qwen2_5_7B_tp1_qps_4")
        #expect(result.series == "serving_qwen2_5_7B_tp1")
        // The ModelScope cache path is the model it holds; the raw path stays.
        #expect(result.model == "Qwen/Qwen2.5-7B-Instruct")
        #expect(result.rawModel == "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct")
        #expect(result.modelDisplayName == "Qwen/Qwen2.5-7B-Instruct")
        #expect(result.modelSource == .result)
        #expect(result.tensorParallelSize == 1)
        #expect(result.requestRate == .perSecond(4))
        #expect(result.maxConcurrency == nil)
        #expect(result.metrics["request_throughput"] == 2.8183)
        #expect(result.metrics["median_itl_ms"] == 40.3403)
        // `"request_goodput:": null` is absent, not a problem, and never under the old name.
        #expect(result.metrics["request_goodput"] == nil)
        #expect(result.metrics["request_goodput:"] == nil)
        #expect(result.failedRequests == 2)  // num_prompts − completed before `failed` existed
        #expect(result.metadata["backend"] == "vllm")
    }

    @Test func firstGenerationNamesAreRenamed() throws {
        let result = try only(try read(["serving_llama2_qps_inf.json": Fixture.firstServing]))
        #expect(result.metrics["request_throughput"] == 24.69)
        #expect(result.metrics["request_inthroughput"] == nil)
        #expect(result.metrics["input_throughput"] == 5308.6)
        #expect(result.metrics["best_of"] == 1)
        #expect(result.requestRate == .infinite)
    }

    @Test func currentServeFileWithMetadataAndDetailedArrays() throws {
        let name = "serving_qwen7B_tp1_sharegpt_qps_16_concurrency_200.json"
        let folder = try read([name: Fixture.currentServing])
        let result = try only(folder)
        #expect(folder.problems.isEmpty)
        #expect(result.requestRate == .perSecond(16))
        #expect(result.maxConcurrency == 200)
        #expect(result.series == "serving_qwen7B_tp1_sharegpt")
        // Metadata values are strings; the metadata's TP wins over the name's `tp1`.
        #expect(result.metadata["tensor_parallel_size"] == "2")
        #expect(result.tensorParallelSize == 2)
        #expect(result.metadata["optimization_level"] == "3")
        #expect(result.metrics["p99.9_ttft_ms"] == 69.98)
        #expect(result.metrics["median_e2el_ms"] == 110.0)
        #expect(result.metrics["failed"] == 1)
        #expect(result.failedRequests == 1)
        // Arrays are samples, not metrics.
        #expect(result.metrics["ttfts"] == nil)
        // Samples are seconds, from successful requests only.
        #expect(result.samples[.ttft] == [0.05, 0.07])
        #expect(result.samples[.itl] == [0.01, 0.01, 0.01, 0.02, 0.03].sorted())
        let e2el = try #require(result.samples[.e2el])
        #expect(e2el.count == 2)
        #expect(abs(e2el[0] - 0.08) < 1e-12 && abs(e2el[1] - 0.12) < 1e-12)
        // TPOT = (e2el − ttft) / (output_len − 1): 0.03 / 2 and 0.05 / 3.
        let tpot = try #require(result.samples[.tpot])
        #expect(abs(tpot[0] - 0.015) < 1e-12 && abs(tpot[1] - 0.05 / 3) < 1e-12)
    }

    @Test func endpointTypeWithoutBackend() throws {
        let text = Fixture.oldServing.replacingOccurrences(
            of: #""backend": "vllm""#, with: #""endpoint_type": "openai-chat""#)
        let result = try only(try read(["serving_x_qps_1.json": text]))
        #expect(result.metadata["endpoint_type"] == "openai-chat")
        #expect(result.metadata["backend"] == nil)
    }

    @Test func latencyFileInSecondsWithStringPercentiles() throws {
        let folder = try read(["latency_llama8B_tp1.json": Fixture.latency])
        let result = try only(folder)
        #expect(result.kind == .latency)
        #expect(result.metrics["avg_latency"] == 1.9532199999999997)
        #expect(result.metrics["p50_latency"] == 1.9512)
        #expect(result.metrics["p99_latency"] == 1.969768)
        #expect(result.metrics["p10_latency"] == 1.94842)
        #expect(result.metrics.count == 7)
        #expect(result.samples[.latency] == [1.9478, 1.9512, 1.971])
        #expect(result.model == "llama8B")
        #expect(result.modelSource == .testName)
        #expect(result.requestRate == nil)
    }

    @Test func ascendModelNameAndStdLatency() throws {
        let latency = Fixture.latency.replacingOccurrences(
            of: "\"latencies\"", with: "\"std_latency\": 0.0071,\n    \"latencies\"")
        let folder = try read([
            "throughput_qwen2_5_7B_tp1.json": Fixture.ascendThroughput,
            "latency_qwen2_5_7B_tp1.json": latency,
        ])
        #expect(folder.problems.isEmpty)
        let throughput = try #require(folder.results.first { $0.kind == .throughput })
        #expect(throughput.model == "Qwen/Qwen2.5-7B-Instruct")
        #expect(throughput.modelSource == .result)
        #expect(throughput.metrics["tokens_per_second"] == 3621.513159514489)
        #expect(throughput.metrics["num_requests"] == 200)
        let latencyResult = try #require(folder.results.first { $0.kind == .latency })
        #expect(latencyResult.metrics["std_latency"] == 0.0071)
        // The latency file has no model; its name shares `qwen2_5_7B_tp1` with the throughput file.
        #expect(latencyResult.model == "Qwen/Qwen2.5-7B-Instruct")
        #expect(latencyResult.modelSource == .sibling)
    }

    @Test func commandsSidecarGivesHardwareTPAndModel() throws {
        let folder = try read([
            "latency_llama8B_tp1.json": Fixture.latency,
            "latency_llama8B_tp1.commands": Fixture.servingCommands,
        ])
        let result = try only(folder)
        #expect(result.hardware == "4xH100")
        #expect(result.tensorParallelSize == 4)  // the server command wins over the name's tp1
        #expect(result.model == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(result.modelSource == .commands)
        #expect(
            folder.skipped == [
                SkippedFile(
                    file: "latency_llama8B_tp1.commands", reason: "sidecar, read with its result", readWithResult: true)
            ])
    }

    @Test func hardwareFromMetadataWhenNoSidecarSays() throws {
        let labelled = Fixture.currentServing.replacingOccurrences(
            of: #""optimization_level": "3""#, with: #""optimization_level": "3", "gpu": "4xNVIDIA_L40S""#)
        let result = try only(read(["serving_x_qps_16.json": labelled]))
        #expect(result.hardware == "4xNVIDIA_L40S")
        #expect(result.metadata["gpu"] == "4xNVIDIA_L40S")
        for key in ["hardware", "device"] {
            let other = Fixture.currentServing.replacingOccurrences(
                of: #""optimization_level": "3""#, with: #""optimization_level": "3", "\#(key)": " 8xMI300X ""#)
            #expect(try only(read(["serving_x_qps_16.json": other])).hardware == "8xMI300X")
        }
        // The sidecar's measured `gpu_type` wins over a typed label.
        let both = try only(
            read(["serving_x_qps_16.json": labelled, "serving_x_qps_16.commands": Fixture.servingCommands]))
        #expect(both.hardware == "4xH100")
        #expect(try only(read(["serving_x_qps_16.json": Fixture.currentServing])).hardware == nil)
    }

    @Test func cachePathAndItsHFIdAreOneModel() throws {
        let folder = try read([
            "a/serving_qwen_tp1_qps_4.json": Fixture.oldServing,
            "b/serving_qwen_tp1_qps_16.json": Fixture.currentServing,
            "a/latency_qwen_tp1.json": Fixture.latency,
        ])
        #expect(folder.problems.isEmpty)
        #expect(Set(folder.results.map(\.model)) == ["Qwen/Qwen2.5-7B-Instruct"])
        #expect(
            Set(folder.results.map(\.rawModel)) == [
                "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
            ])
        // A latency file takes its serving sibling's model, raw id and all.
        let latency = try #require(folder.results.first { $0.kind == .latency })
        #expect(latency.modelSource == .sibling)
        #expect(latency.rawModel == "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct")
        #expect(Report(folder: folder).models.count == 1)
    }

    @Test func sidecarThatIsNotJSONIsAProblemButTheResultStays() throws {
        let folder = try read([
            "latency_llama8B_tp1.json": Fixture.latency,
            "latency_llama8B_tp1.commands": "vllm serve x --tensor-parallel-size 2",
        ])
        #expect(try only(folder).hardware == nil)
        #expect(folder.problems.map(\.file) == ["latency_llama8B_tp1.commands"])
    }

    /// Pooling backends (`openai-embeddings`): no output tokens, only the `e2el` family.
    @Test func poolingServingResult() throws {
        let text = """
            {"date": "20251020-120000", "endpoint_type": "openai-embeddings", "backend": "openai-embeddings", \
            "label": null, "model_id": "BAAI/bge-m3", "tokenizer_id": "BAAI/bge-m3", "num_prompts": 100, \
            "request_rate": "inf", "burstiness": 1.0, "max_concurrency": null, "duration": 3.2, "completed": 100, \
            "total_input_tokens": 12800, "request_throughput": 31.25, "total_token_throughput": 4000.0, \
            "input_lens": [128, 128], "errors": ["", ""], "mean_e2el_ms": 900.0, "median_e2el_ms": 850.0, \
            "std_e2el_ms": 100.0, "p99_e2el_ms": 1500.0}
            """
        let folder = try read(["serving_bge_m3_tp1_qps_inf.json": text])
        let result = try only(folder)
        #expect(folder.problems.isEmpty)
        #expect(result.metrics["p99_e2el_ms"] == 1500)
        #expect(result.metrics["output_throughput"] == nil)
        #expect(result.samples.isEmpty)
    }

    // MARK: - JSON Lines, tokens, rates

    @Test func jsonLinesFromAppendResultWithOneBadLine() throws {
        let line = Fixture.statisticsOnly(rate: "1.0")
        let text = [
            line, #"{"backend": "vllm", "request_rate": 2.0, "mean_ttft_ms": "#,
            line.replacingOccurrences(of: "1.0,", with: "4.0,"),
        ]
        .joined(separator: "\n")
        let folder = try read(["serving_m_tp1.json": text])
        #expect(folder.results.map(\.line) == [1, 3])
        #expect(folder.results.map(\.requestRate) == [.perSecond(1), .perSecond(4)])
        #expect(folder.problems.count == 1)
        #expect(folder.problems.first?.line == 2)
        #expect(folder.problems.first?.message.hasPrefix("not valid JSON") == true)
    }

    @Test func bareNaNAndInfinityTokensAreRead() throws {
        let text = #"{"model_id": "m", "request_rate": Infinity, "mean_ttft_ms": NaN, "p99_ttft_ms": -Infinity}"#
        let result = try only(try read(["serving_m_qps_inf.json": text]))
        #expect(result.requestRate == .infinite)
        #expect(result.metrics["mean_ttft_ms"]?.isNaN == true)
        #expect(result.metrics["p99_ttft_ms"] == -.infinity)
    }

    @Test func requestRateThatIsNotARateIsAProblemNamingTheKey() throws {
        let folder = try read(["serving_m_qps_4.json": Fixture.statisticsOnly(rate: #""fast""#)])
        // The rest of the result is kept, and the file name still gives the rate.
        #expect(try only(folder).requestRate == .perSecond(4))
        #expect(
            folder.problems.map(\.message) == [#"expected a number or "inf", found a string "fast" (request_rate)"#])
    }

    @Test func metricOfTheWrongTypeIsAProblem() throws {
        let text = Fixture.oldServing.replacingOccurrences(of: #""completed": 198"#, with: #""completed": "198""#)
        let folder = try read(["serving_x_qps_4.json": text])
        #expect(try only(folder).metrics["completed"] == nil)
        #expect(folder.problems.map(\.message) == [#"expected a number, found a string "198" (completed)"#])
    }

    // MARK: - Classification and bad files

    @Test func classificationIsByFileNameNotFolderName() throws {
        let folder = try read([
            "serving_runs/latency_a_tp1.json": Fixture.latency,
            "serving_x_qps_1.json": Fixture.statisticsOnly(rate: "1.0"),
            "serving_x_qps_1.pytorch.json": "[{\"benchmark\": {}}]",
            "serving_x_qps_1_sla_summary.json": #"{"test_name": "serving_x", "qps": "1"}"#,
            "startup_llama.json": "{}",
            "benchmark_results.json": "[]",
            "benchmark_results.md": "| a |",
            "vllm_env.txt": "vLLM Version: 0.11.0",
            ".hidden.json": "not json",
        ])
        #expect(folder.problems.isEmpty)
        #expect(folder.results.map(\.kind).sorted() == [.serving, .latency])
        #expect(folder.results.first { $0.kind == .latency }?.series == "serving_runs/latency_a_tp1")
        #expect(
            folder.skipped.map(\.file) == [
                "benchmark_results.json", "benchmark_results.md", "serving_x_qps_1.pytorch.json",
                "serving_x_qps_1_sla_summary.json", "startup_llama.json", "vllm_env.txt",
            ])
    }

    @Test func defaultServeFileNameIsRecognisedByContent() throws {
        let name = "vllm-4.0qps-concurrency8-Qwen2.5-7B-Instruct-20250507-100754.json"
        let text = Fixture.oldServing.replacingOccurrences(
            of: #""max_concurrency": null"#, with: #""max_concurrency": 8"#)
        let folder = try read([name: text, "notes.json": #"{"author": "me"}"#])
        let result = try only(folder)
        #expect(result.kind == .serving)
        #expect(result.maxConcurrency == 8)
        #expect(folder.skipped.map(\.file) == ["notes.json"])
    }

    @Test(arguments: [
        ("", "empty file"),
        ("   \n", "empty file"),
        ("{\"avg_latency\": 1.5, \"latencies\": [1.4, 1.", "not valid JSON"),
        ("this is not json", "not valid JSON"),
        ("[1, 2, 3]", "expected an object at the top level, found an array"),
        ("\"text\"", "found a string"),
        ("null", "found null"),
        ("{\"latencies\": \"slow\"}", "no latency metrics"),
        ("{\"avg_latency\": \"1.5\"}", "expected a number, found a string \"1.5\" (avg_latency)"),
        (
            "{\"avg_latency\": 1.5, \"percentiles\": [1, 2]}",
            "expected an object of numbers, found an array (percentiles)"
        ),
    ])
    func badLatencyFileIsAProblemAndTheOthersStay(content: String, message: String) throws {
        let folder = try read([
            "latency_bad_tp1.json": content,
            "latency_good_tp1.json": Fixture.latency,
        ])
        #expect(folder.results.map(\.test).contains("latency_good_tp1"))
        let problems = folder.problems.filter { $0.file == "latency_bad_tp1.json" }
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test func byteOrderMarkIsTolerated() throws {
        let folder = try read(["latency_a.json": "\u{FEFF}" + Fixture.latency])
        #expect(folder.problems.isEmpty)
        #expect(folder.results.count == 1)
    }

    @Test func missingFolderAndFileAreErrors() throws {
        #expect(throws: FolderError.notFound("/nonexistent/benchreport")) {
            try FolderReader.read("/nonexistent/benchreport")
        }
        let folder = try TemporaryFolder(["latency_a.json": Fixture.latency])
        #expect(throws: FolderError.notAFolder(folder.path + "/latency_a.json")) {
            try FolderReader.read(folder.path + "/latency_a.json")
        }
    }

    @Test func symlinkLoopsAreSkipped() throws {
        let folder = try TemporaryFolder(["latency_a.json": Fixture.latency])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/latency_self.json", withDestinationPath: folder.path + "/latency_self.json")
        let read = try FolderReader.read(folder.path)
        #expect(read.results.count == 1)
        #expect(Set(read.skipped.map(\.file)) == ["loop", "latency_self.json"])
    }

    // MARK: - Order

    @Test func servingResultsAreOrderedByRateWithInfLastThenConcurrency() throws {
        var files: [String: String] = [:]
        for rate in ["16", "inf", "1", "4", "2.5"] {
            for concurrency in [64, 8] {
                let value = rate == "inf" ? #""inf""# : rate
                files["serving_m_qps_\(rate)_concurrency_\(concurrency).json"] = Fixture.statisticsOnly(rate: value)
                    .replacingOccurrences(of: #""max_concurrency": null"#, with: #""max_concurrency": \#(concurrency)"#)
            }
        }
        let folder = try read(files)
        #expect(
            folder.results.map { "\($0.requestRate!)/\($0.maxConcurrency!)" } == [
                "1/8", "1/64", "2.5/8", "2.5/64", "4/8", "4/64", "16/8", "16/64", "inf/8", "inf/64",
            ])
    }

    // MARK: - Real files

    /// Every full result file of the shared corpus reads without a problem.
    @Test(.enabled(if: SharedCorpus.path != nil, "../shared/corpus/real is not here"))
    func everyRealCorpusFileReadsWithoutAProblem() throws {
        let folder = try FolderReader.read(try #require(SharedCorpus.path))
        #expect(folder.problems.isEmpty, "\(folder.problems)")
        #expect(folder.results.count == 32)
        #expect(folder.skipped.map(\.file) == ["Potabk-vllm-ascend/benchmarks/results/benchmark_results.json"])
        let potabk = try #require(
            folder.results.first {
                $0.test == "serving_qwen2_5_7B_tp1_qps_1" && $0.file.hasPrefix("Potabk-vllm-ascend/benchmarks/results/")
            })
        // The numbers as Python wrote them (the peer converter's table shows 0.926672, 94.1281).
        #expect(potabk.metrics["request_throughput"] == 0.9266724431082869)
        #expect(potabk.metrics["median_ttft_ms"] == 94.12808157503605)
        #expect(potabk.metrics["duration"] == 215.82599276304245)
        let latency = try #require(
            folder.results.first {
                $0.file == "zhangxinyuehfad-vllm-benchmarks/benchmarks/results/latency_llama8B_tp1.json"
            })
        #expect(latency.metrics["avg_latency"] == 7.1091228867570555)
        #expect(latency.metrics["p99_latency"] == 7.868931790143251)
        #expect(latency.model == "LLM-Research/Meta-Llama-3-8B-Instruct")
        #expect(latency.rawModel == "/root/.cache/modelscope/hub/LLM-Research/Meta-Llama-3-8B-Instruct")
        // The real corpus's ModelScope cache paths are named by the ids they hold; the one
        // with no organisation (`…/modelscope/models/Meta-Llama-3-8B-Instruct`) by its folder.
        let models = Set(folder.results.map(\.model))
        #expect(models.contains("Qwen/Qwen2.5-7B-Instruct"))
        #expect(!models.contains { $0.hasPrefix("/root/.cache/") })
        #expect(Set(folder.results.map(\.modelDisplayName)).allSatisfy { !$0.contains("/root") && !$0.contains("___") })
    }
}
