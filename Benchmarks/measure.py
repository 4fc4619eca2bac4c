#!/usr/bin/env python3
"""Time the benchmark's commands side by side: every command once to warm the page cache, then
RUNS rounds that run each command once in turn (so noise on a shared machine spreads over all
of them), each under /usr/bin/time -v for its peak RSS. Prints the medians, throughputs and
ratios. Usage: measure.py ROOT BENCHREPORT PYTHON RUNS"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.json"))


def run(command: list[str], stdout_path: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one whole process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        rss_kb = next(int(line.split(":")[1]) for line in report.read().splitlines()
                      if "Maximum resident set size" in line)
    return wall, rss_kb / 1024


def main() -> None:
    root, benchreport, python, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    here = Path(__file__).resolve().parent
    corpus, subset, ascend = root / "corpus" / "detailed", root / "corpus" / "subset10", root / "corpus" / "ascend"
    out = root / "out"
    out.mkdir(exist_ok=True)
    files = {folder: sorted(str(p) for p in folder.rglob("*.json")) for folder in (corpus, subset)}
    cases = [
        # (group, name, command, bytes)
        ("corpus", "benchreport json", [benchreport, "json", str(corpus)], folder_bytes(corpus)),
        ("corpus", "orjson.loads", [python, str(here / "peer_load.py"), "orjson", str(corpus)], folder_bytes(corpus)),
        ("corpus", "json.loads", [python, str(here / "peer_load.py"), "json", str(corpus)], folder_bytes(corpus)),
        ("corpus", "cat", ["cat", *files[corpus]], folder_bytes(corpus)),
        ("subset", "benchreport json", [benchreport, "json", str(subset)], folder_bytes(subset)),
        ("subset", "orjson.loads", [python, str(here / "peer_load.py"), "orjson", str(subset)], folder_bytes(subset)),
        ("subset", "json.loads", [python, str(here / "peer_load.py"), "json", str(subset)], folder_bytes(subset)),
        ("subset", "cat", ["cat", *files[subset]], folder_bytes(subset)),
        ("ascend", "benchreport markdown", [benchreport, "markdown", str(ascend)], folder_bytes(ascend)),
        ("ascend", "pandas+tabulate", [python, str(here / "ascend_convert.py"), str(ascend), str(out)],
         folder_bytes(ascend)),
    ]
    for _, _, command, _ in cases:  # warm the page cache and the Python imports
        run(command)
    walls = {index: [] for index in range(len(cases))}
    rss = {index: [] for index in range(len(cases))}
    for round_index in range(runs):
        for index, (_, _, command, _) in enumerate(cases):
            wall, peak = run(command)
            walls[index].append(wall)
            rss[index].append(peak)
        print(f"  round {round_index + 1}/{runs} done", file=sys.stderr)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"benchreport benchmark, {date.today()}, {cpu}, {len(__import__('os').sched_getaffinity(0))} cores, "
          f"median of {runs} runs, whole processes")
    median = {index: statistics.median(walls[index]) for index in walls}
    peak = {index: statistics.median(rss[index]) for index in rss}
    groups = {"corpus": "detailed serving corpus", "subset": "10-file subset", "ascend": "vllm-ascend folder, 17 files"}
    for group, title in groups.items():
        members = [index for index, case in enumerate(cases) if case[0] == group]
        size = cases[members[0]][3]
        count = len(files[corpus]) if group == "corpus" else (len(files[subset]) if group == "subset" else 17)
        print(f"\n{title}: {count} files, {size / 1e6:.1f} MB")
        print(f"| {'command':<22} | {'median s':>9} | {'MB/s':>8} | {'benchreport is':>15} | {'peak RSS MB':>11} |")
        print(f"|{'-' * 24}|{'-' * 10}:|{'-' * 9}:|{'-' * 16}:|{'-' * 12}:|")
        ours = members[0]
        for index in members:
            seconds = median[index]
            ratio = seconds / median[ours]
            shown = "–" if index == ours else (f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower")
            print(f"| {cases[index][1]:<22} | {seconds:>9.3f} | {size / 1e6 / seconds:>8.0f} | {shown:>15} | "
                  f"{peak[index]:>11.1f} |")
    corpus_rss, subset_rss = peak[0], peak[4]
    print(f"\npeak RSS of benchreport json: {corpus_rss:.1f} MB on the corpus, {subset_rss:.1f} MB on the "
          f"10-file subset: {corpus_rss / subset_rss:.2f}×")
    print("targets: json ≥ 2× orjson: {:.2f}× · ≥ 10× json.loads: {:.1f}× · RSS ≤ 2× subset and < 200 MB: {} · "
          "markdown ≥ 20× pandas+tabulate: {:.1f}×".format(
              median[1] / median[0], median[2] / median[0],
              "yes" if corpus_rss <= 2 * subset_rss and corpus_rss < 200 else "no", median[9] / median[8]))


if __name__ == "__main__":
    main()
