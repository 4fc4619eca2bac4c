/// Result files in each format generation of the reference, as vLLM writes them (the numbers
/// are made up; the key sets, orders and spellings are not).
enum Fixture {
    /// Old `benchmark_serving.py`, 2025-05: `"request_goodput:"`, no `failed`, no `endpoint_type`.
    static let oldServing = """
        {"date": "20250507-100754", "backend": "vllm", "model_id": "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", \
        "tokenizer_id": "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", "num_prompts": 200, "request_rate": 4.0, \
        "burstiness": 1.0, "max_concurrency": null, "duration": 70.96, "completed": 198, "total_input_tokens": 43560, \
        "total_output_tokens": 44697, "request_throughput": 2.8183, "request_goodput:": null, "output_throughput": 629.86, \
        "total_token_throughput": 1243.7, "mean_ttft_ms": 101.2, "median_ttft_ms": 99.4776, "std_ttft_ms": 12.0, \
        "p99_ttft_ms": 153.13, "mean_tpot_ms": 47.5, "median_tpot_ms": 47.0655, "std_tpot_ms": 3.1, "p99_tpot_ms": 55.93, \
        "mean_itl_ms": 40.9, "median_itl_ms": 40.3403, "std_itl_ms": 9.2, "p99_itl_ms": 116.76}
        """

    /// The first generation, 2024-02…03: `request_inthroughput` and `input_throughput`.
    static let firstServing = """
        {"backend": "vllm", "model_id": "meta-llama/Llama-2-7b-hf", "tokenizer_id": "meta-llama/Llama-2-7b-hf", \
        "best_of": 1, "use_beam_search": false, "request_rate": "inf", "duration": 40.5, "completed": 1000, \
        "total_input_tokens": 215000, "total_output_tokens": 190000, "request_inthroughput": 24.69, \
        "input_throughput": 5308.6, "output_throughput": 4691.3, "mean_ttft_ms": 9000.1, "median_ttft_ms": 8800.5, \
        "p99_ttft_ms": 17000.2, "mean_tpot_ms": 60.1, "median_tpot_ms": 58.2, "p99_tpot_ms": 120.3}
        """

    /// Current `vllm bench serve` with metadata, `failed`, `e2el`, `p99.9` and detailed arrays
    /// (3 requests, the second failed).
    static let currentServing = """
        {"date": "20260612-101530", "endpoint_type": "vllm", "backend": "vllm", "label": null, \
        "model_id": "Qwen/Qwen2.5-7B-Instruct", "tokenizer_id": "Qwen/Qwen2.5-7B-Instruct", "num_prompts": 3, \
        "tensor_parallel_size": "2", "compilation_config.mode": "", "optimization_level": "3", \
        "request_rate": 16.0, "burstiness": 1.0, "max_concurrency": 200, "duration": 2.5, "completed": 2, "failed": 1, \
        "total_input_tokens": 300, "total_output_tokens": 7, "request_throughput": 0.8, "request_goodput": null, \
        "output_throughput": 2.8, "total_token_throughput": 122.8, \
        "input_lens": [100, 100, 100], "output_lens": [3, 0, 4], "ttfts": [0.05, 0.0, 0.07], \
        "itls": [[0.01, 0.02], [], [0.01, 0.01, 0.03]], "start_times": [1.0, 1.1, 1.2], \
        "generated_texts": ["a b c", "", "caf\\u00e9"], "errors": ["", "Traceback: ServerDisconnectedError", ""], \
        "max_output_tokens_per_s": 4.0, "max_concurrent_requests": 2, "rtfx": 0.0, \
        "mean_ttft_ms": 60.0, "median_ttft_ms": 60.0, "std_ttft_ms": 10.0, "p99_ttft_ms": 69.8, "p99.9_ttft_ms": 69.98, \
        "mean_tpot_ms": 17.5, "median_tpot_ms": 17.5, "std_tpot_ms": 2.5, "p99_tpot_ms": 19.95, \
        "mean_itl_ms": 16.0, "median_itl_ms": 10.0, "std_itl_ms": 8.0, "p99_itl_ms": 29.6, \
        "mean_e2el_ms": 110.0, "median_e2el_ms": 110.0, "std_e2el_ms": 30.0, "p99_e2el_ms": 139.4}
        """

    /// `vllm bench latency --output-json` (indent 4, seconds, string percentile keys).
    static let latency = """
        {
            "avg_latency": 1.9532199999999997,
            "latencies": [
                1.9512,
                1.9478,
                1.971
            ],
            "percentiles": {
                "10": 1.94842,
                "25": 1.9498,
                "50": 1.9512,
                "75": 1.95385,
                "90": 1.95984,
                "99": 1.969768
            }
        }
        """

    /// vllm-ascend's jq rewrite: 2-space indent, trailing `model_name`, trailing newline.
    static let ascendThroughput = """
        {
          "elapsed_time": 24.3702,
          "num_requests": 200,
          "total_num_tokens": 88257,
          "requests_per_second": 8.206744302467769,
          "tokens_per_second": 3621.513159514489,
          "model_name": "Qwen/Qwen2.5-7B-Instruct"
        }

        """

    static let servingCommands = """
        {
          "server_command": " VLLM_USE_V1=1 vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size 4  --swap-space 16",
          "client_command": "vllm bench serve --model meta-llama/Llama-3.1-8B-Instruct --request-rate 1",
          "gpu_type": "H100\\nH100\\nH100\\nH100"
        }

        """

    /// A serving result with only the statistics, as some locally modified scripts wrote.
    static func statisticsOnly(rate: String) -> String {
        """
        {"backend": "vllm", "model_id": "m", "request_rate": \(rate), "max_concurrency": null, \
        "mean_ttft_ms": 1.0, "median_ttft_ms": 1.0, "p99_ttft_ms": 2.0}
        """
    }
}
