#!/usr/bin/env python3
"""Time the benchmark's commands side by side: every command once to warm the page cache, then
RUNS rounds that run each command once in turn (so noise on a shared machine spreads over all
of them), each under /usr/bin/time -v for its CPU time (all threads: benchreport reads a file
per core, the Python peers use one) and peak RSS. Right before each timed command its files are
read once, untimed: a machine that pages out file cache idle for a few seconds (the development
VM's DAMON reclaim does) would otherwise charge disk reads to whichever command of a group runs
first. Prints the medians, throughputs and ratios. Usage: measure.py ROOT BENCHREPORT PYTHON RUNS"""

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


def run(command: list[str], stdout_path: str | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system, all threads) and peak RSS in MB of one whole
    process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        fields = {line.split(":")[0].strip(): line.rsplit(":", 1)[1].strip()
                  for line in report.read().splitlines() if ":" in line}
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"]) / 1024


def main() -> None:
    root, benchreport, python, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    here = Path(__file__).resolve().parent
    corpus, subset, ascend = root / "corpus" / "detailed", root / "corpus" / "subset10", root / "corpus" / "ascend"
    small = root / "corpus" / "small"
    out = root / "out"
    out.mkdir(exist_ok=True)
    folders = {"corpus": corpus, "small": small, "subset": subset}
    files = {group: sorted(str(p) for p in folder.rglob("*.json")) for group, folder in folders.items()}
    cases = [
        # (group, name, command, bytes)
        case
        for group, folder in folders.items()
        for case in [
            (group, "benchreport json", [benchreport, "json", str(folder)], folder_bytes(folder)),
            (group, "orjson.loads", [python, str(here / "peer_load.py"), "orjson", str(folder)], folder_bytes(folder)),
            (group, "json.loads", [python, str(here / "peer_load.py"), "json", str(folder)], folder_bytes(folder)),
            (group, "cat", ["cat", *files[group]], folder_bytes(folder)),
        ]
    ] + [
        ("ascend", "benchreport markdown", [benchreport, "markdown", str(ascend)], folder_bytes(ascend)),
        ("ascend", "pandas+tabulate", [python, str(here / "ascend_convert.py"), str(ascend), str(out)],
         folder_bytes(ascend)),
    ]
    files["ascend"] = sorted(str(p) for p in ascend.rglob("*.json"))

    def warm(group: str) -> None:
        subprocess.run(["cat", *files[group]], stdout=subprocess.DEVNULL, check=True)

    for _, _, command, _ in cases:  # warm the page cache and the Python imports
        run(command)
    walls = {index: [] for index in range(len(cases))}
    cpus = {index: [] for index in range(len(cases))}
    rss = {index: [] for index in range(len(cases))}
    for round_index in range(runs):
        for index, (group, _, command, _) in enumerate(cases):
            warm(group)
            wall, cpu_seconds, peak = run(command)
            walls[index].append(wall)
            cpus[index].append(cpu_seconds)
            rss[index].append(peak)
        print(f"  round {round_index + 1}/{runs} done", file=sys.stderr)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"benchreport benchmark, {date.today()}, {cpu}, {len(__import__('os').sched_getaffinity(0))} cores, "
          f"median of {runs} runs, whole processes")
    median = {index: statistics.median(walls[index]) for index in walls}
    cpu_median = {index: statistics.median(cpus[index]) for index in cpus}
    peak = {index: statistics.median(rss[index]) for index in rss}
    groups = {
        "corpus": "detailed serving corpus, 1,000 requests a file",
        "small": "detailed serving files of 200 requests",
        "subset": "10-file subset",
        "ascend": "vllm-ascend folder, 17 files",
    }
    for group, title in groups.items():
        members = [index for index, case in enumerate(cases) if case[0] == group]
        size = cases[members[0]][3]
        count = len(files[group])
        each = f"{size / 1e6 / count:.2f} MB" if size / count >= 100_000 else f"{size / 1e3 / count:.1f} kB"
        print(f"\n{title}: {count} files, {size / 1e6:.1f} MB ({each} a file)")
        print(f"| {'command':<22} | {'median s':>9} | {'MB/s':>8} | {'benchreport is':>15} | {'CPU s':>6} | "
              f"{'peak RSS MB':>11} |")
        print(f"|{'-' * 24}|{'-' * 10}:|{'-' * 9}:|{'-' * 16}:|{'-' * 7}:|{'-' * 12}:|")
        ours = members[0]
        for index in members:
            seconds = median[index]
            ratio = seconds / median[ours]
            shown = "–" if index == ours else (f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower")
            print(f"| {cases[index][1]:<22} | {seconds:>9.3f} | {size / 1e6 / seconds:>8.0f} | {shown:>15} | "
                  f"{cpu_median[index]:>6.2f} | {peak[index]:>11.1f} |")
    def case_index(group: str, name: str) -> int:
        return next(i for i, case in enumerate(cases) if case[0] == group and case[1] == name)

    def ratio(group: str, name: str, ours: str = "benchreport json") -> float:
        return median[case_index(group, name)] / median[case_index(group, ours)]

    corpus_rss = peak[case_index("corpus", "benchreport json")]
    small_rss = peak[case_index("small", "benchreport json")]
    subset_rss = peak[case_index("subset", "benchreport json")]
    print(f"\npeak RSS of benchreport json: {corpus_rss:.1f} MB on the corpus, {small_rss:.1f} MB on the "
          f"200-request files, {subset_rss:.1f} MB on the 10-file subset: {corpus_rss / subset_rss:.2f}×")
    print("targets: json ≥ 2× orjson: {:.2f}× (corpus), {:.2f}× (200-request files) · "
          "≥ 10× json.loads: {:.1f}× · RSS ≤ 2× subset and < 200 MB: {} · markdown ≥ 20× pandas+tabulate: {:.1f}×".format(
              ratio("corpus", "orjson.loads"), ratio("small", "orjson.loads"), ratio("corpus", "json.loads"),
              "yes" if corpus_rss <= 2 * subset_rss and corpus_rss < 200 else "no",
              ratio("ascend", "pandas+tabulate", "benchreport markdown")))


if __name__ == "__main__":
    main()
