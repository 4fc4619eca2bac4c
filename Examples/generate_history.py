#!/usr/bin/env python3
"""Writes Examples/history/: 60 nightly runs of main, two models at four request rates each.

Deterministic (numpy's PCG64 with fixed seeds). Every metric has run-to-run noise of about
2.5%, and more at 32 req/s, where the server saturates: queueing pushes p99 TTFT past the
default 2 s objective there, so each sweep's capacity lies between 16 and 32 req/s and is
interpolated. One metric really steps: p99 TTFT of meta-llama/Llama-3.1-8B-Instruct at 16 req/s is 15%
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
# Past saturation: output no longer grows with the rate, and queueing dominates TTFT. Drawn from
# a generator of its own, so the values of the other rates do not depend on it.
SATURATED_RATE = 32
SATURATION = {
    # model id: (output tok/s, median TTFT ms, p99 TTFT ms, TPOT factor)
    "meta-llama/Llama-3.1-8B-Instruct": (1950.0, 410.0, 2600.0, 1.6),
    "Qwen/Qwen2.5-7B-Instruct": (2150.0, 520.0, 3100.0, 1.7),
}
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
        "request_throughput": number(noisy(rate * 0.97)),
        "output_throughput": number(noisy(output_per_rate * rate * 0.97)),
        "median_ttft_ms": number(noisy(ttft * load)),
        "p99_ttft_ms": number(p99_ttft),
        "median_tpot_ms": number(noisy(tpot * load)),
        "p99_tpot_ms": number(noisy(tpot * 1.3 * load)),
    }
    return document(model, series, rate, metrics)


def saturated_result(model, series, base, rng):
    """The sweep's last rate, past saturation: queueing noise is larger (8%)."""
    _, _, tpot = base
    output, median_ttft, p99_ttft, tpot_factor = SATURATION[model]
    noisy = lambda value, spread: value * (1 + spread * rng.standard_normal())
    metrics = {
        "request_throughput": number(noisy(output / 95.0, NOISE)),
        "output_throughput": number(noisy(output, NOISE)),
        "median_ttft_ms": number(noisy(median_ttft, 0.08)),
        "p99_ttft_ms": number(noisy(p99_ttft, 0.08)),
        "median_tpot_ms": number(noisy(tpot * tpot_factor, NOISE)),
        "p99_tpot_ms": number(noisy(tpot * tpot_factor * 1.4, NOISE)),
    }
    return document(model, series, SATURATED_RATE, metrics)


def document(model, series, rate, metrics):
    metrics = {"completed": 200, "failed": 0, "num_prompts": 200, "request_rate": rate, **metrics}
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
    saturated_rng = np.random.Generator(np.random.PCG64(20261202))
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
        if SATURATED_RATE is not None:
            results += [
                saturated_result(model, series, (out, ttft, tpot), saturated_rng)
                for model, series, out, ttft, tpot in MODELS
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
            "repository": None,
            "results": results,
        }
        name = f"{date.strftime('%Y%m%dT%H%M%SZ')}_{commit[:12]}_{labels_hash(BRANCH, LABELS)}.json"
        (FOLDER / name).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RUNS} runs to {FOLDER}; the step is at run {STEP_RUN}, commit {STEP_COMMIT}")


if __name__ == "__main__":
    main()
