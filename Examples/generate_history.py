#!/usr/bin/env python3
"""Writes Examples/history/: 60 nightly runs of main, two models at three request rates each.

Deterministic (numpy's PCG64 with a fixed seed). Every metric has run-to-run noise of about
2.5%; one metric really steps: p99 TTFT of meta-llama/Llama-3.1-8B-Instruct at 16 req/s is 15%
higher from run 42 (commit STEP_COMMIT below) on. `benchreport history markdown Examples/history`
must find that change point and no other (Tests/benchreportTests/HistoryCommandTests.swift).

The files are written in the exact bytes `benchreport history add` writes (schema
"benchreport-history", version 1; docs/history.md), which a test checks by rewriting them.
"""
import datetime
import hashlib
import json
import pathlib

import numpy as np

RUNS = 60
STEP_RUN = 42
STEP = 1.15
NOISE = 0.025
BRANCH = "main"
LABELS = {"gpu": "H100"}
MODELS = [
    # model id, sweep, base values at rate 1 (output tok/s per req/s, TTFT ms, TPOT ms)
    ("meta-llama/Llama-3.1-8B-Instruct", "serving_llama8B_tp1_sharegpt", 85.0, 22.0, 6.2),
    ("Qwen/Qwen2.5-7B-Instruct", "serving_qwen2_5_7B_tp1", 98.0, 30.0, 8.1),
]
RATES = [1, 4, 16]
FOLDER = pathlib.Path(__file__).resolve().parent / "history"


def commit_of(run):
    return hashlib.sha1(f"benchreport example commit {run}".encode()).hexdigest()


STEP_COMMIT = commit_of(STEP_RUN)


def labels_hash(branch, labels):
    """FNV-1a 64 over "branch=…\\n" and the sorted "k=v\\n", folded to 32 bits: HistoryRun.labelsHash."""
    text = f"branch={branch}\n" + "".join(f"{k}={labels[k]}\n" for k in sorted(labels))
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value ^= byte
        value = (value * 0x100000001B3) % (1 << 64)
    return f"{(value ^ (value >> 32)) & 0xFFFFFFFF:08x}"


def number(value, decimals=4):
    """Rounded, and whole numbers as integers, as benchreport writes them."""
    value = round(float(value), decimals)
    return int(value) if value == int(value) else value


def result(model, series, rate, base, rng, run):
    output_per_rate, ttft, tpot = base
    load = 1 + 0.08 * np.log2(rate)  # latencies grow a little with the load
    noisy = lambda value: value * (1 + NOISE * rng.standard_normal())
    p99_ttft = noisy(ttft * 1.7 * load)
    if model.startswith("meta-llama") and rate == 16 and run >= STEP_RUN:
        p99_ttft *= STEP
    metrics = {
        "completed": 200,
        "failed": 0,
        "num_prompts": 200,
        "request_rate": rate,
        "request_throughput": number(noisy(rate * 0.97)),
        "output_throughput": number(noisy(output_per_rate * rate * 0.97)),
        "median_ttft_ms": number(noisy(ttft * load)),
        "p99_ttft_ms": number(p99_ttft),
        "median_tpot_ms": number(noisy(tpot * load)),
        "p99_tpot_ms": number(noisy(tpot * 1.3 * load)),
    }
    test = f"{series}_qps_{rate}"
    return {
        "file": f"{test}.json",
        "kind": "serving",
        "test": test,
        "series": series,
        "model": model,
        "modelID": model,
        "modelDisplayName": model,
        "modelSource": "result",
        "requestRate": rate,
        "maxConcurrency": None,
        "tensorParallelSize": 1,
        "hardware": None,
        "dataset": None,
        "metrics": dict(sorted(metrics.items())),
        "metadata": {},
        "sampleCounts": {},
    }


def main():
    rng = np.random.Generator(np.random.PCG64(20261201))
    start = datetime.datetime(2026, 10, 1, 2, 0, 0, tzinfo=datetime.timezone.utc)
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("*.json"):
        old.unlink()
    for run in range(RUNS):
        date = start + datetime.timedelta(days=run)
        results = [
            result(model, series, rate, (out, ttft, tpot), rng, run)
            for model, series, out, ttft, tpot in MODELS
            for rate in RATES
        ]
        # benchreport's order: model id (code points), kind, rate.
        results.sort(key=lambda r: (r["modelID"], r["requestRate"]))
        commit = commit_of(run)
        document = {
            "schema": "benchreport-history",
            "version": 1,
            "commit": commit,
            "branch": BRANCH,
            "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "labels": LABELS,
            "benchreportVersion": "0.1.0",
            "vllmVersion": "0.11.0",
            "results": results,
        }
        name = f"{date.strftime('%Y%m%dT%H%M%SZ')}_{commit[:12]}_{labels_hash(BRANCH, LABELS)}.json"
        (FOLDER / name).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RUNS} runs to {FOLDER}; the step is at run {STEP_RUN}, commit {STEP_COMMIT}")


if __name__ == "__main__":
    main()
