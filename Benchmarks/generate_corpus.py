#!/usr/bin/env python3
"""Generate the benchmark corpus for Benchmarks/run.sh (deterministic, no network; needs numpy).

Usage: generate_corpus.py OUT [--megabytes 1024]
       generate_corpus.py OUT --small-files 480

Writes, in the first form,
* OUT/detailed/night-NN/serving_<model>_tp1_sharegpt_qps_<rate>_concurrency_<c>.json: current
  `vllm bench serve --save-detailed` files (the key order and layout of Examples/generate.py's
  `serving_2026`: one line, `json.dump` separators, no trailing newline), 1000 requests each,
  realistic lengths (ShareGPT-like outputs, a full generated text per request with a few
  non-ASCII characters that `ensure_ascii` escapes, 17-digit floats from differences of
  perf_counter times), until about --megabytes MB;
* OUT/subset10/: hard links to the first 10 of those files;
* OUT/ascend/: the 17 plain files of a vllm-ascend run (format reference section 7.1): 12
  serving files in the 2025 `vllm bench serve` format, 2 latency and 3 throughput files
  rewritten by vllm-ascend's jq step;
and in the second form only
* OUT/small/night-NN/…json: --small-files files of the same kind with 200 requests each and
  shorter outputs (median 100 tokens), about 0.7 MB a file: the shape where the cost per file,
  not per byte, shows.

Every number comes from numpy.random.default_rng with fixed seeds, so the bytes are the same on
every run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "Examples"))
import generate as examples  # noqa: E402  (the example generator: writers and key layouts)

NUM_PROMPTS = 1000
OUTPUT_MEDIAN = 200  # tokens; the small shape's files use 100
SMALL_NUM_PROMPTS = 200
SMALL_OUTPUT_MEDIAN = 100
PERCENTILES = [99.0]
MODELS = [
    ("llama8B", "meta-llama/Llama-3.1-8B-Instruct", 0.0068),
    ("qwen7B", "Qwen/Qwen2.5-7B-Instruct", 0.0074),
    ("mistral7B", "mistralai/Mistral-7B-Instruct-v0.3", 0.0071),
]
RATES = [1.0, 4.0, 16.0, math.inf]
CONCURRENCY = 256

WORDS = examples.WORDS + ("café", "naïve", "résumé", "→", "数据")


def text_pool(rng, size: int = 4_000_000) -> str:
    """A long text of random words, sliced into the generated texts."""
    picks = rng.integers(0, len(WORDS), size // 5)
    return " ".join(WORDS[int(i)] for i in picks)


def family(values: np.ndarray) -> dict:
    """vLLM's statistics of one metric family, in ms (np.percentile linear, std ddof=0)."""
    values = values if values.size else np.zeros(1)
    return {
        "mean": float(np.mean(values)) * 1000,
        "median": float(np.median(values)) * 1000,
        "std": float(np.std(values)) * 1000,
        "pcts": [(p, float(np.percentile(values, p)) * 1000) for p in PERCENTILES],
    }


def serving_run(rng, pool: str, step: float, qps: float, origin: float):
    """One serving run: per-request arrays as vllm bench serve saves them, and its metrics."""
    n = NUM_PROMPTS
    input_lens = np.clip(np.rint(np.exp(rng.normal(math.log(150), 0.85, n))), 4, 1024).astype(np.int64)
    output_lens = np.clip(np.rint(np.exp(rng.normal(math.log(OUTPUT_MEDIAN), 0.8, n))), 2, 1500).astype(np.int64)
    failed = set(int(i) for i in rng.choice(n, 2, replace=False)) if math.isinf(qps) else set()
    if math.isinf(qps):
        send = np.cumsum(rng.uniform(2e-6, 4e-5, n))
    else:
        send = np.cumsum(rng.gamma(1.0, 1.0 / qps, n))
    load = 1.0 + (0.6 if math.isinf(qps) else 0.03 * qps)
    ttft = np.exp(rng.normal(math.log(0.025 * load), 0.35, n))
    total_tokens = int(output_lens.sum())
    gaps = step * load * np.exp(rng.normal(0.0, 0.18, total_tokens))
    hiccups = rng.random(total_tokens) < 0.002
    gaps[hiccups] += rng.exponential(0.03, int(hiccups.sum()))

    starts, ttfts, itls, latencies, outs, texts, errors = [], [], [], [], [], [], []
    position = 0
    for i in range(n):
        k = int(output_lens[i])
        request_gaps = gaps[position : position + k - 1]
        position += k
        st = origin + float(send[i])
        starts.append(st)
        if i in failed:
            ttfts.append(0.0)
            itls.append([])
            latencies.append(0.0)
            outs.append(0)
            texts.append("")
            errors.append(examples.SERVER_DISCONNECTED)
            continue
        first = st + float(ttft[i])
        receive = first + np.concatenate(([0.0], np.cumsum(request_gaps)))
        ttfts.append(first - st)
        itls.append(np.diff(receive).tolist())  # differences of clock readings, like vLLM
        latencies.append(float(receive[-1]) - st)
        outs.append(k)
        offset = int(rng.integers(0, len(pool) - 8 * k))
        texts.append(" " + pool[offset : offset + int(4.2 * k)].strip())
        errors.append("")

    ok = [i for i in range(n) if i not in failed]
    pooled = np.fromiter((v for i in ok for v in itls[i]), dtype=np.float64)
    tpots = np.array([(latencies[i] - ttfts[i]) / (outs[i] - 1) for i in ok if outs[i] > 1])
    end = max(starts[i] + latencies[i] for i in ok)
    duration = end - origin + float(rng.uniform(0.002, 0.006))
    total_input = int(sum(int(input_lens[i]) for i in ok))
    total_output = int(sum(outs))
    metrics = {
        "completed": len(ok),
        "failed": n - len(ok),
        "total_input": total_input,
        "total_output": total_output,
        "request_throughput": len(ok) / duration,
        "output_throughput": total_output / duration,
        "total_token_throughput": (total_input + total_output) / duration,
        "ttft": family(np.array([ttfts[i] for i in ok])),
        "tpot": family(tpots),
        "itl": family(pooled),
        "e2el": family(np.array([latencies[i] for i in ok])),
        "max_output_tokens_per_s": float(total_output / duration * 1.7),
        "max_concurrent_requests": int(min(CONCURRENCY, len(ok))),
    }
    outputs = examples.Outputs(
        starts, [int(x) for x in input_lens], outs, ttfts, itls, latencies, [i not in failed for i in range(n)],
        duration)
    return outputs, metrics, texts, errors


def detailed_file(path: Path, seed: int, pool: str, model: tuple, qps: float, date: datetime) -> None:
    rng = np.random.default_rng(seed)
    _, model_id, step = model
    origin = float(rng.uniform(1000.0, 90000.0))  # perf_counter() at the start
    outputs, metrics, texts, errors = serving_run(rng, pool, step, qps, origin)
    result = examples.serving_2026(date.strftime("%Y%m%d-%H%M%S"), model_id, qps, outputs, metrics, texts, errors)
    result["max_concurrency"] = CONCURRENCY
    examples.write_serving(path, result)


def generate_nights(folder: Path, pool: str, first_day: datetime, seed_base: int, minutes: int,
                    enough: Callable[[list[Path], int], bool]) -> list[Path]:
    """Nights of detailed files under `folder`, 3 models × 4 rates a night, `minutes` apart,
    until `enough(files written, bytes written)`."""
    written: list[Path] = []
    total = 0
    night = 0
    while not enough(written, total):
        night += 1
        night_folder = folder / f"night-{night:02d}"
        night_folder.mkdir(parents=True, exist_ok=True)
        date = first_day + timedelta(days=night - 1)
        for m_index, model in enumerate(MODELS):
            for r_index, qps in enumerate(RATES):
                if enough(written, total):
                    break
                word = examples.qps_word(qps)
                path = night_folder / f"serving_{model[0]}_tp1_sharegpt_qps_{word}_concurrency_{CONCURRENCY}.json"
                detailed_file(path, seed_base + 1000 * night + 10 * m_index + r_index, pool, model, qps, date)
                date += timedelta(minutes=minutes)
                total += path.stat().st_size
                written.append(path)
        print(f"  {folder.name}, night {night:02d}: {len(written)} files, {total / 1e6:.0f} MB", file=sys.stderr)
    return written


def generate_detailed(out: Path, megabytes: int) -> list[Path]:
    examples.NUM_PROMPTS = NUM_PROMPTS  # serving_2026 writes it as num_prompts
    return generate_nights(out / "detailed", text_pool(np.random.default_rng(7)), datetime(2026, 11, 1, 1, 0, 0),
                           0, 7, lambda written, total: total >= megabytes * 1_000_000)


def generate_small(out: Path, count: int) -> list[Path]:
    """`count` files of SMALL_NUM_PROMPTS requests, 12 a night (3 models × 4 rates)."""
    global NUM_PROMPTS, OUTPUT_MEDIAN
    saved = NUM_PROMPTS, OUTPUT_MEDIAN
    NUM_PROMPTS, OUTPUT_MEDIAN = SMALL_NUM_PROMPTS, SMALL_OUTPUT_MEDIAN
    examples.NUM_PROMPTS = NUM_PROMPTS
    written = generate_nights(out / "small", text_pool(np.random.default_rng(9)), datetime(2026, 6, 1, 1, 0, 0),
                              200_000, 3, lambda written, total: len(written) >= count)
    NUM_PROMPTS, OUTPUT_MEDIAN = saved
    return written


def generate_subset(out: Path, files: list[Path], count: int = 10) -> None:
    subset = out / "subset10"
    subset.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(files[:count]):
        target = subset / f"{index:02d}-{path.parent.name}-{path.name}"
        if target.exists():
            target.unlink()
        os.link(path, target)


def generate_ascend(out: Path) -> None:
    """vllm-ascend's 17 result files (section 7.1 of the format reference)."""
    folder = out / "ascend"
    folder.mkdir(parents=True, exist_ok=True)
    examples.NUM_PROMPTS = 200
    global NUM_PROMPTS, PERCENTILES
    saved = NUM_PROMPTS, PERCENTILES
    NUM_PROMPTS, PERCENTILES = 200, [50.0, 90.0, 99.0]
    pool = text_pool(np.random.default_rng(8), 200_000)
    models = {
        "qwen2_5vl_7B": ("qwen2_5vl_7B", "/root/.cache/modelscope/models/Qwen/Qwen2___5-VL-7B-Instruct", 0.034),
        "qwen3_8B": ("qwen3_8B", "Qwen/Qwen3-8B", 0.036),
        "qwen2_5_7B": ("qwen2_5_7B", "Qwen/Qwen2.5-7B-Instruct", 0.035),
    }
    date = datetime(2026, 8, 22, 3, 0, 0)
    for m_index, (code, model) in enumerate(models.items()):
        for r_index, qps in enumerate(RATES):
            rng = np.random.default_rng(500 + 10 * m_index + r_index)
            outputs, metrics, _, _ = serving_run(rng, pool, model[2], qps, float(rng.uniform(1000.0, 9000.0)))
            result = examples.serving_2025(date.strftime("%Y%m%d-%H%M%S"), model[1], qps, outputs, metrics)
            examples.write_serving(folder / f"serving_{code}_tp1_qps_{examples.qps_word(qps)}.json", result)
            date += timedelta(minutes=9)
    for index, code in enumerate(["qwen3_8B", "qwen2_5_7B"]):
        rng = np.random.default_rng(600 + index)
        examples.write_jq(
            folder / f"latency_{code}_tp1.json", examples.latency_result(rng, 4.7 + index, 0.004), models[code][1])
    for index, code in enumerate(["qwen3_8B", "qwen2_5vl_7B", "qwen2_5_7B"]):
        rng = np.random.default_rng(700 + index)
        result = examples.throughput_result(rng, 34.1 + index, 0.008, 86204 + 1000 * index)
        examples.write_jq(folder / f"throughput_{code}_tp1.json", result, models[code][1])
    NUM_PROMPTS, PERCENTILES = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--small-files", type=int, help="write only OUT/small/, this many 200-request files")
    args = parser.parse_args()
    if args.small_files is not None:
        generate_small(args.out, args.small_files)
        return
    files = generate_detailed(args.out, args.megabytes)
    generate_subset(args.out, files)
    generate_ascend(args.out)


if __name__ == "__main__":
    main()
