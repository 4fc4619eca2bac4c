#!/usr/bin/env python3
"""How often is `benchreport diff` wrong?  Run it on many simulated base/head pairs.

For each pair (a fresh noise seed, and a fresh ShareGPT-like workload shared by base and head),
`serving_sim.py` writes a base sweep and a head sweep (4 rate files each) into a temporary
folder, then this runs ``BENCHREPORT diff BASE HEAD --format json -o out.json`` and records

* the exit status: 1 = the diff fails CI, 0 = it passes, anything else is an error (reported
  with its stderr);
* per metric, whether any row had ``"verdict": "regression"``.

Scenarios:

* ``null``: the same server on both sides; run effects 1% per sweep, 0.5% per file;
* ``null-2x``: the same, with run effects 2% / 1%;
* ``regress-10``: head's step cost x 1.10 at every rate (a true regression);
* ``slower-machine-3``: head's step cost x 1.03 (a slightly slower machine: the confounder).

Usage (from anywhere)::

    python3 Benchmarks/verdicts/verdict_rates.py [--pairs 200] [--scenario null ...]
        [--seed 0] [--binary PATH] [--workers 2] [--keep DIR] [--json PATH]

The rate of a gate is only as good as its reading of `rows[].verdict == "regression"` and the
exit status, so the script works with any version of the diff's JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving_sim as sim  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

LATENCY_METRICS = [f"{s}_{m}_ms" for m in ("ttft", "tpot", "itl", "e2el")
                   for s in ("mean", "median", "p99")]
THROUGHPUT_METRICS = ["request_throughput", "output_throughput", "total_token_throughput",
                      "max_output_tokens_per_s"]


@dataclass(frozen=True)
class Scenario:
    name: str
    base: sim.RunEffects
    head: sim.RunEffects
    meaning: str


SCENARIOS = {s.name: s for s in [
    Scenario("null", sim.RunEffects(0.01, 0.005), sim.RunEffects(0.01, 0.005),
             "same server, run effects 1% / 0.5%"),
    Scenario("null-2x", sim.RunEffects(0.02, 0.01), sim.RunEffects(0.02, 0.01),
             "same server, run effects 2% / 1%"),
    Scenario("regress-10", sim.RunEffects(0.01, 0.005), sim.RunEffects(0.01, 0.005, 1.10),
             "head's step cost x 1.10"),
    Scenario("slower-machine-3", sim.RunEffects(0.01, 0.005), sim.RunEffects(0.01, 0.005, 1.03),
             "head's step cost x 1.03"),
]}


def default_binary() -> Path | None:
    for kind in ("release", "debug"):
        p = ROOT / ".build" / kind / "benchreport"
        if p.exists():
            return p
    return None


def pair_seeds(seed: int, scenario_index: int, pair: int, fixed_workload: int | None):
    """Workload, base-noise and head-noise seeds of one pair; independent of scheduling."""
    a, b, c = np.random.SeedSequence([seed, scenario_index, pair]).generate_state(3)
    workload = int(a) if fixed_workload is None else fixed_workload
    return workload, int(b), int(c)


def run_pair(task) -> dict:
    scenario_name, scenario_index, pair, seed, binary, fixed_workload, keep, diff_args = task
    sc = SCENARIOS[scenario_name]
    workload, base_seed, head_seed = pair_seeds(seed, scenario_index, pair, fixed_workload)
    tmp = Path(tempfile.mkdtemp(prefix="verdicts-"))
    try:
        sim.write_sweep(tmp / "base", workload, base_seed, sc.base)
        sim.write_sweep(tmp / "head", workload, head_seed, sc.head)
        out = tmp / "out.json"
        proc = subprocess.run([binary, "diff", str(tmp / "base"), str(tmp / "head"),
                               "--format", "json", "-o", str(out), *diff_args],
                              capture_output=True, text=True)
        result = {"scenario": scenario_name, "pair": pair, "status": proc.returncode,
                  "workload_seed": workload, "regressions": [], "error": None}
        if proc.returncode in (0, 1):
            try:
                rows = json.loads(out.read_text())["rows"]
                result["regressions"] = sorted({
                    (r["metric"], str(r.get("requestRate")), round(r.get("changePercent") or 0, 2))
                    for r in rows if r.get("verdict") == "regression"})
            except (OSError, ValueError, KeyError, TypeError) as e:
                result["error"] = f"unreadable JSON output: {e}"
        else:
            result["error"] = (proc.stderr.strip() or proc.stdout.strip())[-2000:]
        if keep is not None and pair == 0:
            dest = Path(keep) / scenario_name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(tmp, dest)
            md = subprocess.run([binary, "diff", str(dest / "base"), str(dest / "head"), *diff_args],
                                capture_output=True, text=True)
            (dest / "diff.md").write_text(md.stdout)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, center - half), min(1.0, center + half)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(results: dict[str, list[dict]], elapsed: dict[str, float], binary: str,
           seed: int, out=sys.stdout) -> None:
    print(f"Binary: `{binary}`; seed {seed}.\n", file=out)
    print("| scenario | meaning | pairs | fails CI | 95% interval "
          "| a latency row says regression | errors | time |", file=out)
    print("|---|---|---:|---:|---|---:|---:|---:|", file=out)
    for name, rs in results.items():
        ok = [r for r in rs if r["error"] is None]
        k = sum(r["status"] == 1 for r in ok)
        lat = sum(any(x[0] in LATENCY_METRICS for x in r["regressions"]) for r in ok)
        lo, hi = wilson(k, len(ok))
        llo, lhi = wilson(lat, len(ok))
        if ok:
            gate, ci = pct(k / len(ok)), f"{pct(lo)}–{pct(hi)}"
            latency = f"{pct(lat / len(ok))} ({pct(llo)}–{pct(lhi)})"
        else:
            gate = ci = latency = "–"
        print(f"| {name} | {SCENARIOS[name].meaning} | {len(ok)} | {gate} | {ci} | {latency}"
              f" | {len(rs) - len(ok)} | {_seconds(elapsed.get(name))} |", file=out)
    print("\n*Fails CI*: exit status 1. *A latency row says regression*: at least one row of the "
          "12 latency metrics (mean/median/p99 of TTFT, TPOT, ITL, E2EL) has verdict "
          "`regression`, whatever the gate did.", file=out)

    seen = {m for rs in results.values() for r in rs for (m, _, _) in r["regressions"]}
    metrics = LATENCY_METRICS + THROUGHPUT_METRICS
    metrics += sorted(seen - set(metrics))
    print("\nShare of diffs with at least one `regression` row for the metric (any rate):\n",
          file=out)
    names = list(results)
    print("| metric | " + " | ".join(names) + " |", file=out)
    print("|---|" + "---:|" * len(names), file=out)
    for m in metrics:
        cells = []
        for name in names:
            ok = [r for r in results[name] if r["error"] is None]
            k = sum(any(x[0] == m for x in r["regressions"]) for r in ok)
            cells.append(pct(k / len(ok)) if ok else "–")
        print(f"| {m} | " + " | ".join(cells) + " |", file=out)

    rates = ["1", "4", "16", "inf"]
    print("\nShare of diffs with at least one `regression` row at the rate (any metric):\n",
          file=out)
    print("| rate | " + " | ".join(names) + " |", file=out)
    print("|---|" + "---:|" * len(names), file=out)
    for rate in rates:
        cells = []
        for name in names:
            ok = [r for r in results[name] if r["error"] is None]
            k = sum(any(_rate_word(x[1]) == rate for x in r["regressions"]) for r in ok)
            cells.append(pct(k / len(ok)) if ok else "–")
        print(f"| {rate} | " + " | ".join(cells) + " |", file=out)

    errors = [r for rs in results.values() for r in rs if r["error"] is not None]
    if errors:
        print(f"\n{len(errors)} pairs gave an error:", file=out)
        for r in errors[:10]:
            print(f"- {r['scenario']} pair {r['pair']}: exit {r['status']}: "
                  f"{r['error'].splitlines()[-1] if r['error'] else ''}", file=out)


def _seconds(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} s"


def _rate_word(text: str) -> str:
    try:
        v = float(text)
    except ValueError:
        return text
    return "inf" if math.isinf(v) else str(int(v)) if v.is_integer() else str(v)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--scenario", action="append", choices=list(SCENARIOS),
                    help="repeat for several; default: all")
    ap.add_argument("--seed", type=int, default=0, help="makes the whole run reproducible")
    ap.add_argument("--binary", help="benchreport binary (default .build/release or debug)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--workload-seed", type=int,
                    help="use this one workload for every pair (default: a fresh one per pair)")
    ap.add_argument("--keep", help="keep pair 0 of each scenario in DIR/<scenario>/")
    ap.add_argument("--json", help="also write every pair's result to this JSON file")
    ap.add_argument("--diff-args", default="",
                    help="more options for benchreport diff, e.g. \"--threshold 7.5\"")
    ap.add_argument("--from-json", help="print the tables of a run saved with --json; no run")
    args = ap.parse_args(argv)
    if args.from_json:
        saved = json.loads(Path(args.from_json).read_text())
        for rs in saved["results"].values():
            for r in rs:
                r["regressions"] = [tuple(x) for x in r["regressions"]]
        report(saved["results"], saved.get("elapsed", {}), saved["binary"], saved["seed"])
        return 0

    binary = args.binary or default_binary()
    if binary is None or not Path(binary).exists():
        ap.error("no benchreport binary: build it (swift build -c release) or give --binary")
    binary = str(Path(binary).resolve())
    diff_args = shlex.split(args.diff_args)
    scenarios = args.scenario or list(SCENARIOS)
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)

    results: dict[str, list[dict]] = {}
    elapsed: dict[str, float] = {}
    ctx = mp.get_context("fork")
    with ctx.Pool(args.workers) as pool:
        for name in scenarios:
            index = list(SCENARIOS).index(name)
            tasks = [(name, index, i, args.seed, binary, args.workload_seed, args.keep, diff_args)
                     for i in range(args.pairs)]
            t0 = time.perf_counter()
            rs, fails = [], 0
            for r in pool.imap_unordered(run_pair, tasks):
                rs.append(r)
                fails += r["status"] == 1
                dt = time.perf_counter() - t0
                if len(rs) % 10 == 0 or len(rs) == len(tasks):
                    print(f"\r{name}: {len(rs)}/{len(tasks)} pairs, {fails} fail CI, "
                          f"{dt:.0f} s", end="", file=sys.stderr, flush=True)
            print(file=sys.stderr)
            rs.sort(key=lambda r: r["pair"])
            results[name] = rs
            elapsed[name] = time.perf_counter() - t0
    report(results, elapsed, binary, args.seed)
    if args.json:
        Path(args.json).write_text(json.dumps({"binary": binary, "seed": args.seed,
                                               "elapsed": elapsed, "results": results},
                                              indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
