import Testing

@testable import ReportModel

private let huggingFaceCache = "/root/.cache/huggingface/hub/models--meta-llama--Llama-3.1-8B-Instruct"

@Suite struct ModelNameTests {
    @Test(arguments: [
        // ModelScope: `models/ORG/NAME`, `hub/ORG/NAME`, `hub/models/ORG/NAME`, `___` for `.`.
        ("/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
        ("/root/.cache/modelscope/hub/Qwen/Qwen2___5-VL-7B-Instruct", "Qwen/Qwen2.5-VL-7B-Instruct"),
        ("/root/.cache/modelscope/hub/models/Qwen/Qwen3-8B", "Qwen/Qwen3-8B"),
        (
            "~/.cache/modelscope/hub/LLM-Research/Meta-Llama-3___1-8B-Instruct/",
            "LLM-Research/Meta-Llama-3.1-8B-Instruct"
        ),
        ("modelscope/models/Qwen/Qwen2___5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
        // Hugging Face: `models--ORG--NAME`, with or without `snapshots/<hash>`.
        (huggingFaceCache + "/snapshots/0e9e39f249a16976918f6564b8830bc894c89659", "meta-llama/Llama-3.1-8B-Instruct"),
        (huggingFaceCache + "/snapshots/0e9e39f2/", "meta-llama/Llama-3.1-8B-Instruct"),
        ("/data/hf/models--Qwen--Qwen3-8B", "Qwen/Qwen3-8B"),
        ("~/.cache/huggingface/hub/models--Qwen--Qwen3-8B/", "Qwen/Qwen3-8B"),
        ("./models--deepseek-ai--DeepSeek-V3/snapshots/abc/", "deepseek-ai/DeepSeek-V3"),
        ("models--gpt2", "gpt2"),
        // HF ids and bare names stay as they are (`___` is only ModelScope's spelling).
        ("meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"),
        ("gpt2", "gpt2"),
        ("org/name___x", "org/name___x"),
    ])
    func cachePathsBecomeTheIdTheyHold(raw: String, id: String) {
        let name = ModelName(raw)
        #expect(name.id == id)
        #expect(name.displayName == id)
        #expect(name.raw == raw)
    }

    @Test(arguments: [
        // (raw, id, display): a path in no known layout keeps its path as id, shows its last
        // component; never a cache folder as organisation, never a snapshot hash.
        ("/mnt/share/models/Qwen/Qwen3-4B", "/mnt/share/models/Qwen/Qwen3-4B", "Qwen3-4B"),
        (
            "/root/.cache/models/Qwen/Qwen2___5-7B-Instruct/", "/root/.cache/models/Qwen/Qwen2___5-7B-Instruct",
            "Qwen2___5-7B-Instruct"
        ),
        ("/models/llama-7b//", "/models/llama-7b", "llama-7b"),
        ("~/llama-7b", "~/llama-7b", "llama-7b"),
        ("./llama-7b", "./llama-7b", "llama-7b"),
        ("../weights/llama-7b/.", "../weights/llama-7b/.", "llama-7b"),
        ("models/llama-7b", "models/llama-7b", "llama-7b"),
        ("hub/llama-7b", "hub/llama-7b", "llama-7b"),
        ("/data/llama-7b/snapshots/0e9e39f2", "/data/llama-7b/snapshots/0e9e39f2", "llama-7b"),
        ("/root/.cache/modelscope/hub/Qwen", "/root/.cache/modelscope/hub/Qwen", "Qwen"),
        // From the real corpus: a ModelScope folder without an organisation.
        (
            "/root/wl/cache/modelscope/models/Meta-Llama-3-8B-Instruct",
            "/root/wl/cache/modelscope/models/Meta-Llama-3-8B-Instruct", "Meta-Llama-3-8B-Instruct"
        ),
        // A backslash is a character here, not a separator: no Windows paths.
        (#"C:\models\llama"#, #"C:\models\llama"#, #"C:\models\llama"#),
        ("/", "/", "/"),
        ("", "", ""),
    ])
    func otherPathsKeepTheirLastComponent(raw: String, id: String, display: String) {
        let name = ModelName(raw)
        #expect(name.id == id)
        #expect(name.displayName == display)
    }

    @Test func normalisingIsIdempotent() {
        for raw in [
            "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", "/mnt/m/llama/", "models--a--b",
            "gpt2",
        ] {
            let once = ModelName(raw)
            #expect(ModelName(once.id).id == once.id)
            #expect(ModelName(once.id).displayName == once.displayName)
        }
    }

    @Test func resultsGroupByTheNormalisedIdAndKeepTheRaw() {
        let path = "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct"
        let fromPath = BenchmarkResult(
            file: "a.json", kind: .serving, test: "a", series: "a", model: path, modelSource: .result)
        let fromID = BenchmarkResult(
            file: "b.json", kind: .serving, test: "b", series: "b", model: "Qwen/Qwen2.5-7B-Instruct",
            modelSource: .result)
        #expect(fromPath.model == "Qwen/Qwen2.5-7B-Instruct")
        #expect(fromPath.rawModel == path)
        #expect(fromPath.modelDisplayName == "Qwen/Qwen2.5-7B-Instruct")
        #expect(fromID.rawModel == "Qwen/Qwen2.5-7B-Instruct")
        let report = Report(folder: ResultFolder(path: "x", results: [fromPath, fromID]))
        #expect(report.models.count == 1)
        #expect(report.models.first?.displayName == "Qwen/Qwen2.5-7B-Instruct")
    }
}
