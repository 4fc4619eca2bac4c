import Testing

@testable import ReportModel

@Suite struct NamingTests {
    @Test func vllmRunnerNames() {
        let name = TestName(fileName: "serving_llama8B_tp1_sharegpt_qps_16_concurrency_200.json")
        #expect(name.kind == .serving)
        #expect(name.series == "serving_llama8B_tp1_sharegpt")
        #expect(name.requestRate == .perSecond(16))
        #expect(name.maxConcurrency == 200)
        #expect(name.tensorParallelSize == 1)
        #expect(name.modelToken == "llama8B_tp1")
        #expect(name.modelGuess == "llama8B")
    }

    @Test func rateSpellings() {
        #expect(TestName(fileName: "serving_x_qps_inf.json").requestRate == .infinite)
        #expect(TestName(fileName: "serving_x_qps_2.5.json").requestRate == .perSecond(2.5))
        // jq ≥ 1.7 keeps "1.0"; a quoted string other than "inf" keeps its quotes in the name.
        #expect(TestName(fileName: "serving_x_qps_1.0.json").requestRate == .perSecond(1))
        #expect(TestName(fileName: "serving_x_qps_'Inf'.json").requestRate == .infinite)
        #expect(TestName(fileName: "latency_x.json").requestRate == nil)
    }

    @Test func defaultServeName() {
        let name = TestName(fileName: "vllm-4.0qps-concurrency8-Qwen2.5-7B-Instruct-20250507-100754.json")
        #expect(name.kind == nil)
        #expect(name.requestRate == .perSecond(4))
        #expect(name.maxConcurrency == 8)
    }

    @Test func requestRatesOrderNumericallyWithInfLast() {
        let rates: [RequestRate] = [.infinite, .perSecond(16), .perSecond(1), .perSecond(4), .perSecond(2.5)]
        #expect(rates.sorted().map(\.description) == ["1", "2.5", "4", "16", "inf"])
    }

    @Test func naturalOrderOfNames() {
        let names = ["model-10", "Model-9", "model-2", "qwen3-8B", "Qwen2.5-7B", "llama"]
        #expect(
            names.sorted(by: naturalOrder) == ["llama", "model-2", "Model-9", "model-10", "Qwen2.5-7B", "qwen3-8B"])
    }

    @Test func localModelPathsShowTheirLastComponent() {
        #expect(
            BenchmarkResult.displayName(ofModel: "/root/.cache/models/Qwen/Qwen2___5-7B-Instruct/")
                == "Qwen2___5-7B-Instruct")
        #expect(BenchmarkResult.displayName(ofModel: "Qwen/Qwen2.5-7B-Instruct") == "Qwen/Qwen2.5-7B-Instruct")
    }

    @Test func shellWordsAndFlags() {
        let words = ShellWords.split(#" VLLM_X=1 vllm serve 'my model' --tensor-parallel-size=2 --dtype "bfloat16""#)
        #expect(words == ["VLLM_X=1", "vllm", "serve", "my model", "--tensor-parallel-size=2", "--dtype", "bfloat16"])
        #expect(ShellWords.value(of: ["--tensor-parallel-size", "-tp"], in: words) == "2")
        let sidecar = CommandsSidecar(
            commands: ["server_command": #" VLLM_X=1 vllm serve 'my model' -tp 2"#], gpuType: "MI300X\n")
        #expect(sidecar.model == "my model")
        #expect(sidecar.tensorParallelSize == 2)
        #expect(sidecar.hardware == "1xMI300X")
    }
}
