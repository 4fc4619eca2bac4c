#!/usr/bin/env python3
"""What vllm-ascend's benchmarks/scripts/convert_json_to_markdown.py does (format reference
section 9.1), written from that description for the benchmark: glob *.json in the folder,
json.loads each, classify by "serving"/"latency"/"throughput" in the path, one pandas
DataFrame per kind with the converter's columns, tabulate(tablefmt="pipe") each, and write the
template with the three tables. Usage: ascend_convert.py RESULTS OUTPUT_FOLDER"""

import json
import sys
from pathlib import Path

import pandas as pd
from tabulate import tabulate

LATENCY = {
    "test_name": "Test name",
    "avg_latency": "Mean latency (ms)",
    "P50": "Median latency (ms)",
    "P99": "P99 latency (ms)",
}
THROUGHPUT = {
    "test_name": "Test name",
    "num_requests": "Num of reqs",
    "total_num_tokens": "Total num of tokens",
    "elapsed_time": "Elapsed time (s)",
    "requests_per_second": "Tput (req/s)",
    "tokens_per_second": "Tput (tok/s)",
}
SERVING = {
    "test_name": "Test name",
    "request_rate": "Request rate (req/s)",
    "request_throughput": "Tput (req/s)",
    "output_throughput": "Output Tput (tok/s)",
    "median_ttft_ms": "TTFT (ms)",
    "median_tpot_ms": "TPOT (ms)",
    "median_itl_ms": "ITL (ms)",
}
TEMPLATE = """## Online serving tests

{serving_tests_markdown_table}

## Offline latency tests

{latency_tests_markdown_table}

## Offline throughput tests

{throughput_tests_markdown_table}
"""


def table(rows: list, columns: dict, sort_serving: bool = False) -> str:
    if not rows:
        return ""
    frame = pd.DataFrame(rows)
    if sort_serving:
        frame = frame.sort_values(by="test_name", key=lambda names: names.str.len().astype(str).str.zfill(6) + names)
    frame = frame[list(columns)].rename(columns=columns)
    return tabulate(frame, headers="keys", tablefmt="pipe", showindex=False)


def main() -> None:
    results, output = Path(sys.argv[1]), Path(sys.argv[2])
    serving, latency, throughput = [], [], []
    for path in results.glob("*.json"):
        raw = json.loads(path.read_text())
        raw["test_name"] = path.stem
        if "serving" in str(path):
            serving.append(raw)
        elif "latency" in str(path):
            for percentile in (10, 25, 50, 75, 90, 99):
                raw[f"P{percentile}"] = 1000 * raw["percentiles"][str(percentile)]
            raw["avg_latency"] *= 1000
            latency.append(raw)
        elif "throughput" in str(path):
            throughput.append(raw)
        else:
            print(f"Skipping {path}")
    text = TEMPLATE.format(
        serving_tests_markdown_table=table(serving, SERVING, sort_serving=True),
        latency_tests_markdown_table=table(latency, LATENCY),
        throughput_tests_markdown_table=table(throughput, THROUGHPUT),
    )
    (output / "benchmark_results.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
