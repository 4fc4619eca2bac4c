#!/usr/bin/env python3
"""How `benchreport history html`, `history markdown` and `history json` scale with the number of runs.

Generates histories of 100 and 1,000 nightly runs of 20 results each (4 models x 5 request
rates, the generator of Examples/history with its noise and its one step), then times the
release binary on each: median wall time of several rounds and peak RSS (from /usr/bin/time -v),
and prints both with the ratio of 1,000 runs to 100 (the baseline, measured in the same run).
Also times `history add` of the example results folder into a fresh history.

    swift build -c release
    python3 Benchmarks/history_scale.py [--rounds 5] [--binary .build/release/benchreport]

Needs numpy (as Examples/generate_history.py does) and GNU time (Debian's `time` package).
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_history", ROOT / "Examples" / "generate_history.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(folder: pathlib.Path, runs: int) -> None:
    generator = load_generator()
    generator.RUNS = runs
    generator.STEP_RUN = runs * 2 // 3
    generator.FOLDER = folder
    generator.RATES = [1, 2, 4, 8, 16]
    generator.SATURATED_RATE = None  # 4 models x 5 rates: 20 results per run
    generator.MODELS = [
        ("meta-llama/Llama-3.1-8B-Instruct", "serving_llama8B_tp1_sharegpt", 85.0, 22.0, 6.2),
        ("Qwen/Qwen2.5-7B-Instruct", "serving_qwen2_5_7B_tp1", 98.0, 30.0, 8.1),
        ("Qwen/Qwen3-8B", "serving_qwen3_8B_tp1", 90.0, 26.0, 7.0),
        ("mistralai/Mistral-7B-Instruct-v0.3", "serving_mistral7B_tp1", 92.0, 24.0, 6.6),
    ]
    generator.main()


def measure(binary: str, arguments: list[str], rounds: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS in MB over `rounds` runs."""
    walls, peaks = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", binary, *arguments], capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(arguments)}: exit {done.returncode}\n{done.stderr[-2000:]}")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peaks.append(int(match.group(1)) / 1024 if match else float("nan"))
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "benchreport"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        for runs in (100, 1000):
            history = work / f"history-{runs}"
            generate(history, runs)
            size = sum(f.stat().st_size for f in history.glob("*.json")) / 1e6
            html = measure(args.binary, ["history", "html", str(history), "-o", str(work / f"site-{runs}")], args.rounds)
            markdown = measure(args.binary, ["history", "markdown", str(history)], args.rounds)
            export = measure(args.binary, ["history", "json", str(history), "-o", str(work / f"rows-{runs}.jsonl")],
                             args.rounds)
            pages = sorted((work / f"site-{runs}").rglob("*.html"))
            largest = max(p.stat().st_size for p in pages) / 1e6
            rows.append((runs, size, html, markdown, export, len(pages), largest))
        add = measure(args.binary, ["history", "add", str(ROOT / "Examples" / "base"), "--history", str(work / "added"),
                                    "--commit", "0123456789abcdef", "--branch", "main",
                                    "--date", "2026-11-28T01:10:56Z"], args.rounds)
    print("| runs (20 results each) | history MB | `history html` s | peak RSS MB | `history markdown` s | peak RSS MB "
          "| `history json` s | peak RSS MB | pages | largest page MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for runs, size, (html_s, html_mb), (md_s, md_mb), (json_s, json_mb), pages, largest in rows:
        print(f"| {runs:,} | {size:.1f} | {html_s:.2f} | {html_mb:.1f} | {md_s:.2f} | {md_mb:.1f} "
              f"| {json_s:.2f} | {json_mb:.1f} | {pages} | {largest:.2f} |")
    small, large = rows
    print(f"\n1,000 runs against 100 (median of {args.rounds} rounds): "
          f"history html time x{large[2][0] / small[2][0]:.1f}, peak RSS x{large[2][1] / small[2][1]:.2f}; "
          f"history markdown peak RSS x{large[3][1] / small[3][1]:.2f}; "
          f"history json peak RSS x{large[4][1] / small[4][1]:.2f}")
    print(f"history add of Examples/base: {add[0]:.3f} s, peak RSS {add[1]:.1f} MB")


if __name__ == "__main__":
    main()
