#!/usr/bin/env python3
"""Simulated `vllm bench serve --save-detailed` sweeps for judging benchreport's diff verdicts.

A continuous-batching server like vLLM V1 (the noise model of docs/diff.md):

* chunked prefill: each engine step has a budget of 8,192 tokens and 256 sequences; every
  running decode takes one token of the budget, the rest goes to prefills in arrival order
  (a prompt longer than what is left is split over several steps);
* step cost of an 8B model on one H100: ``c0 + c_prefill * prefill_tokens + c_decode *
  decode_sequences``, multiplied by ``exp(drift + jitter)`` (AR(1) drift over steps, sd 2%;
  independent jitter, sd 3%), by the run effects and by ``slowdown``; 0.1% of steps stall 20 ms;
* client side: a request reaches the engine after a small API overhead; its streamed gaps are
  the engine's step times times ``exp(u + a_j)`` (u per request, sd 2%; a_j AR(1) within the
  request, sd 3%);
* workload: ShareGPT-like lengths (lognormal, medians 220 in / 120 out) and a Poisson arrival
  pattern, all drawn from the *workload* seed, so base and head send the same requests in the
  same order at every rate (as `vllm bench serve --seed 0` does);
* run effects: one per sweep (lognormal, sd 1%) shared by its 4 rate files, one per file (0.5%).

The simulation is event driven: decode-only stretches between events (an arrival, a request
finishing) are computed with numpy in one go; only steps that carry prefill are stepped one at
a time.  One file takes a few tens of milliseconds.

Files are written like vLLM's `run-performance-benchmarks.sh` names them
(``serving_llama8B_tp1_sharegpt_qps_16_concurrency_200.json``), in the current
`vllm bench serve --save-detailed` format, with every summary statistic computed from the
per-request arrays the way `vllm/benchmarks/serve.py` does.

Usage::

    python3 serving_sim.py --out DIR [--workload-seed 0] [--noise-seed 1] [--slowdown 1.0]
    python3 serving_sim.py --calibrate [--runs 40]
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import sys
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from scipy.signal import lfilter

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
TEST_NAME = "serving_llama8B_tp1_sharegpt"
RATES = (1.0, 4.0, 16.0, math.inf)
MAX_CONCURRENCY = 200


# --------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    """Engine and client parameters (times in seconds)."""

    step_fixed: float = 6.1e-3  # c0: weights read + launch overhead of one step
    per_prefill_token: float = 3.3e-5  # c_prefill
    per_decode_seq: float = 6.7e-5  # c_decode: per running decode sequence
    token_budget: int = 8192  # max_num_batched_tokens
    max_seqs: int = 256  # max_num_seqs
    drift_sd: float = 0.02  # marginal sd of the AR(1) log drift of step time
    drift_phi: float = 0.99  # per-step autocorrelation of the drift (~100 steps, ~0.7 s)
    jitter_sd: float = 0.03  # independent log jitter per step
    stall_p: float = 0.001  # probability that a step stalls
    stall_s: float = 0.020  # length of a stall
    api_in: float = 2.0e-3  # send -> engine queue (HTTP, tokenisation), median
    api_in_sd: float = 0.25  # its log sd
    api_serial: float = 0.25e-3  # serial API-server work per request (tokenisation)
    api_out: float = 0.4e-3  # token -> client delivery
    client_req_sd: float = 0.02  # per-request log factor on the gaps (and API overheads)
    client_ar_sd: float = 0.03  # marginal sd of the AR(1) log noise on gaps within a request
    client_ar_phi: float = 0.8  # its lag-1 autocorrelation


@dataclass(frozen=True)
class WorkloadSpec:
    num_prompts: int = 200
    in_median: float = 220.0
    in_sigma: float = 0.95
    in_range: tuple[int, int] = (4, 4096)
    out_median: float = 120.0
    out_sigma: float = 0.85
    out_range: tuple[int, int] = (4, 2048)


@dataclass(frozen=True)
class RunEffects:
    """Multiplicative effects on the step cost."""

    sweep_sd: float = 0.01  # lognormal sd of the effect shared by a sweep's files
    file_sd: float = 0.005  # lognormal sd of each file's own effect
    slowdown: float = 1.0  # a true change of the server (1.10 = 10% slower steps)


@dataclass(frozen=True)
class Workload:
    input_lens: np.ndarray
    output_lens: np.ndarray
    pattern: np.ndarray  # cumulative exponential gaps, scaled so the last is at N (rate 1)


def make_workload(seed: int, spec: WorkloadSpec = WorkloadSpec()) -> Workload:
    rng = np.random.default_rng([seed, 0x5EED])
    n = spec.num_prompts

    def lognormal_ints(median, sigma, lo_hi):
        x = np.exp(rng.normal(math.log(median), sigma, n))
        return np.clip(np.rint(x), *lo_hi).astype(np.int64)

    inp = lognormal_ints(spec.in_median, spec.in_sigma, spec.in_range)
    out = lognormal_ints(spec.out_median, spec.out_sigma, spec.out_range)
    # vLLM: delays = cumsum(gamma(burstiness, 1 / (rate * burstiness))), rescaled so the last
    # request goes at N / rate; the same seed gives the same pattern at every rate.
    cum = np.cumsum(rng.exponential(1.0, n))
    return Workload(inp, out, cum * (n / cum[-1]))


# --------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------


class StepNoise:
    """Per-step multiplicative noise and stalls, generated in blocks as the run needs them."""

    BLOCK = 16384

    def __init__(self, server: Server, rng: np.random.Generator):
        self.s = server
        self.rng = rng
        self.mult = np.empty(0)
        self.stall = np.empty(0)
        self.last_drift = rng.normal(0.0, server.drift_sd)

    def ensure(self, k: int) -> None:
        while k >= len(self.mult):
            s, rng, n = self.s, self.rng, self.BLOCK
            innov = rng.normal(0.0, s.drift_sd * math.sqrt(1 - s.drift_phi**2), n)
            drift, _ = lfilter([1.0], [1.0, -s.drift_phi], innov,
                               zi=[s.drift_phi * self.last_drift])
            self.last_drift = drift[-1]
            mult = np.exp(drift + rng.normal(0.0, s.jitter_sd, n))
            stall = np.where(rng.random(n) < s.stall_p, s.stall_s, 0.0)
            self.mult = np.concatenate([self.mult, mult])
            self.stall = np.concatenate([self.stall, stall])


@dataclass
class RunSamples:
    send: np.ndarray  # send time of each request (s, from benchmark start)
    input_lens: np.ndarray
    output_lens: np.ndarray
    ttfts: np.ndarray  # s
    itls: list[np.ndarray]  # s, per request
    latencies: np.ndarray  # s
    duration: float  # s


def simulate(w: Workload, rate: float, cost_scale: float, server: Server,
             rng: np.random.Generator) -> RunSamples:
    """One `vllm bench serve` run at `rate` (req/s, inf = all at t = 0)."""
    s = server
    n = len(w.input_lens)
    inp, out = w.input_lens, w.output_lens
    send = np.zeros(n) if math.isinf(rate) else w.pattern / rate
    send = send + np.cumsum(rng.uniform(2e-6, 4e-5, n))  # client dispatch jitter
    req_factor = np.exp(rng.normal(0.0, s.client_req_sd, n))
    arrive = send + s.api_in * np.exp(rng.normal(0.0, s.api_in_sd, n)) * req_factor
    # The API server hands requests to the engine in the order they were sent (one process,
    # one tokenisation at a time), at least `api_serial` apart.
    serial = s.api_serial * req_factor
    for i in range(1, n):
        arrive[i] = max(arrive[i], arrive[i - 1] + serial[i])
    order = np.arange(n)
    arrive_sorted = arrive[order]

    noise = StepNoise(s, rng)
    c0 = s.step_fixed * cost_scale
    cp = s.per_prefill_token * cost_scale
    cd = s.per_decode_seq * cost_scale

    ends = np.empty(4096)  # end time of each step
    kfirst = np.zeros(n, dtype=np.int64)  # step that emits a request's first token
    waiting: deque[list[int]] = deque()  # [request, tokens left to prefill]
    decoding: list[tuple[int, int]] = []  # heap of (last step, request)
    t, k, ptr, done = 0.0, 0, 0, 0

    def room(m):
        nonlocal ends
        if k + m > len(ends):
            ends = np.concatenate([ends, np.empty(max(len(ends), k + m - len(ends)))])

    while done < n:
        while ptr < n and arrive_sorted[ptr] <= t:
            i = int(order[ptr])
            waiting.append([i, int(inp[i])])
            ptr += 1
        if not waiting and not decoding:
            t = float(arrive_sorted[ptr])
            continue
        ndec = len(decoding)
        if waiting:
            budget = s.token_budget - ndec
            seqs = ndec
            tokens, finished = 0, []
            for entry in waiting:
                if budget <= 0 or seqs >= s.max_seqs:
                    break
                take = min(entry[1], budget)
                entry[1] -= take
                budget -= take
                tokens += take
                seqs += 1
                if entry[1] == 0:
                    finished.append(entry[0])
            for _ in finished:
                waiting.popleft()
            noise.ensure(k)
            room(1)
            t += (c0 + cp * tokens + cd * ndec) * noise.mult[k] + noise.stall[k]
            ends[k] = t
            for i in finished:
                kfirst[i] = k
                if out[i] <= 1:
                    done += 1
                else:
                    heapq.heappush(decoding, (k + int(out[i]) - 1, i))
            k += 1
        else:
            m = decoding[0][0] - k + 1  # steps until the batch changes
            noise.ensure(k + m)
            room(m)
            cum = t + np.cumsum((c0 + cd * ndec) * noise.mult[k:k + m] + noise.stall[k:k + m])
            if ptr < n:  # stop before the first step that starts after the next arrival
                m = min(m, int(np.searchsorted(cum, arrive_sorted[ptr], "left")) + 1)
            ends[k:k + m] = cum[:m]
            t = float(cum[m - 1])
            k += m
        while decoding and decoding[0][0] < k:
            heapq.heappop(decoding)
            done += 1

    # Client observations.  Server gap j of request i: ends[kfirst+j] - ends[kfirst+j-1].
    steps = ends[:k]
    gaps_len = out - 1
    max_gaps = int(gaps_len.max())
    col = np.arange(max_gaps)
    mask = col[None, :] < gaps_len[:, None]
    idx = np.minimum(kfirst[:, None] + 1 + col[None, :], k - 1)
    server_gaps = np.where(mask, steps[idx] - steps[np.maximum(idx - 1, 0)], 0.0)
    innov = rng.normal(0.0, s.client_ar_sd * math.sqrt(1 - s.client_ar_phi**2), (n, max_gaps))
    first = rng.normal(0.0, s.client_ar_sd, n)
    innov[:, 0] = first
    ar = lfilter([1.0], [1.0, -s.client_ar_phi], innov, axis=1)
    gaps = server_gaps * req_factor[:, None] * np.exp(ar)
    first_token = steps[kfirst] + s.api_out * req_factor
    ttfts = first_token - send
    latencies = ttfts + np.where(mask, gaps, 0.0).sum(axis=1)
    itls = [gaps[i, :gaps_len[i]] for i in range(n)]
    duration = float((send + latencies).max() + rng.uniform(0.002, 0.006))
    return RunSamples(send, inp, out, ttfts, itls, latencies, duration)


# --------------------------------------------------------------------------------------
# vLLM's metrics and file format
# --------------------------------------------------------------------------------------


def calculate_metrics(r: RunSamples, percentiles=(99,)) -> dict:
    """As vllm/benchmarks/serve.py calculate_metrics (all requests succeed)."""
    ttfts = r.ttfts
    e2els = r.latencies
    ok = r.output_lens > 1
    tpots = (r.latencies[ok] - r.ttfts[ok]) / (r.output_lens[ok] - 1)
    itls = np.concatenate(r.itls) if r.itls else np.zeros(0)
    total_in = int(r.input_lens.sum())
    total_out = int(r.output_lens.sum())
    dur = r.duration
    m = {
        "duration": dur,
        "completed": len(ttfts),
        "failed": 0,
        "total_input_tokens": total_in,
        "total_output_tokens": total_out,
        "request_throughput": len(ttfts) / dur,
        "request_goodput": None,
        "output_throughput": total_out / dur,
        "total_token_throughput": (total_in + total_out) / dur,
    }
    fams = {}
    for name, v in (("ttft", ttfts), ("tpot", tpots), ("itl", itls), ("e2el", e2els)):
        v = v if len(v) else np.zeros(1)
        fam = {f"mean_{name}_ms": float(np.mean(v) * 1000),
               f"median_{name}_ms": float(np.median(v) * 1000),
               f"std_{name}_ms": float(np.std(v) * 1000)}
        for p in percentiles:
            fam[f"p{p}_{name}_ms"] = float(np.percentile(v, p) * 1000)
        fams.update(fam)
    # Peak output tokens per second and concurrent requests in 1-second buckets.
    lens = np.array([len(x) for x in r.itls])
    tok_times = np.concatenate([
        r.send + r.ttfts,
        np.repeat(r.send + r.ttfts, lens) + np.concatenate(
            [np.cumsum(x) for x in r.itls]) if lens.sum() else np.zeros(0),
    ])
    t0 = r.send.min()
    nsec = int(np.ceil((r.send + r.latencies).max() - t0)) + 1
    tok = np.bincount(np.clip((tok_times - t0).astype(np.int64), 0, nsec - 1), minlength=nsec)
    diff = np.zeros(nsec + 1)
    a = (r.send - t0).astype(np.int64)
    e = np.minimum(np.ceil(r.send + r.latencies - t0).astype(np.int64), nsec)
    np.add.at(diff, a, 1)
    np.add.at(diff, e, -1)
    m["max_output_tokens_per_s"] = float(tok.max())
    m["max_concurrent_requests"] = int(np.cumsum(diff)[:nsec].max())
    m["rtfx"] = 0.0
    m["families"] = fams
    return m


def rate_word(rate: float) -> str:
    return "inf" if math.isinf(rate) else str(int(rate))


def result_object(r: RunSamples, rate: float, date: datetime, origin: float) -> dict:
    m = calculate_metrics(r)
    fams = m.pop("families")
    n = len(r.ttfts)
    obj = {
        "date": date.strftime("%Y%m%d-%H%M%S"),
        "endpoint_type": "vllm",
        "backend": "vllm",
        "label": None,
        "model_id": MODEL,
        "tokenizer_id": MODEL,
        "num_prompts": n,
        "tensor_parallel_size": "1",
        "compilation_config.mode": "",
        "optimization_level": "",
        "request_rate": "inf" if math.isinf(rate) else float(rate),
        "burstiness": 1.0,
        "max_concurrency": MAX_CONCURRENCY,
    }
    for key in ("duration", "completed", "failed", "total_input_tokens", "total_output_tokens",
                "request_throughput", "request_goodput", "output_throughput",
                "total_token_throughput"):
        obj[key] = m[key]
    obj["input_lens"] = [int(x) for x in r.input_lens]
    obj["output_lens"] = [int(x) for x in r.output_lens]
    obj["ttfts"] = r.ttfts.tolist()
    obj["itls"] = [x.tolist() for x in r.itls]
    obj["start_times"] = (origin + r.send).tolist()
    obj["generated_texts"] = [""] * n
    obj["errors"] = [""] * n
    obj["latencies"] = r.latencies.tolist()
    obj["queue_times"] = [0.0] * n
    for key in ("max_output_tokens_per_s", "max_concurrent_requests", "rtfx"):
        obj[key] = m[key]
    obj.update(fams)
    return obj


def file_name(rate: float) -> str:
    return f"{TEST_NAME}_qps_{rate_word(rate)}_concurrency_{MAX_CONCURRENCY}.json"


def simulate_sweep(workload_seed: int, noise_seed: int, effects: RunEffects = RunEffects(),
                   server: Server = Server(), spec: WorkloadSpec = WorkloadSpec(),
                   rates=RATES) -> list[tuple[float, RunSamples]]:
    """A sweep: one run per rate, sharing a run effect; `noise_seed` drives all the noise."""
    w = make_workload(workload_seed, spec)
    ss = np.random.SeedSequence([noise_seed, 0xC0FFEE])
    rngs = [np.random.default_rng(c) for c in ss.spawn(len(rates) + 1)]
    sweep = math.exp(rngs[0].normal(0.0, effects.sweep_sd))
    runs = []
    for rate, rng in zip(rates, rngs[1:]):
        scale = sweep * math.exp(rng.normal(0.0, effects.file_sd)) * effects.slowdown
        runs.append((rate, simulate(w, rate, scale, server, rng)))
    return runs


def write_sweep(folder: Path, workload_seed: int, noise_seed: int,
                effects: RunEffects = RunEffects(), server: Server = Server(),
                spec: WorkloadSpec = WorkloadSpec(), rates=RATES) -> list[Path]:
    """Write a results folder (one file per rate, plus the `.commands` sidecars)."""
    folder.mkdir(parents=True, exist_ok=True)
    date = datetime(2026, 6, 1, 2, 0, 0) + timedelta(minutes=noise_seed % 100000)
    origin = 1000.0 + (noise_seed % 997) * 13.0
    paths = []
    for rate, run in simulate_sweep(workload_seed, noise_seed, effects, server, spec, rates):
        path = folder / file_name(rate)
        obj = result_object(run, rate, date, origin)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f)
        stem = path.with_suffix("")
        with open(str(stem) + ".commands", "w") as f:
            f.write(json.dumps({
                "server_command": f" vllm serve {MODEL} --tensor-parallel-size 1 "
                                  "--disable-log-requests --load-format dummy",
                "client_command": f"vllm bench serve --save-result --result-dir results/ "
                                  f"--result-filename {path.name} --request-rate "
                                  f"{rate_word(rate)} --max-concurrency {MAX_CONCURRENCY} "
                                  f"--model {MODEL} --backend vllm --dataset-name sharegpt "
                                  f"--num-prompts {spec.num_prompts} --percentile-metrics "
                                  "ttft,tpot,itl,e2el --save-detailed",
                "gpu_type": "H100",
            }, indent=2) + "\n")
        date += timedelta(seconds=int(run.duration) + 40)
        origin += run.duration + 40.0
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------
# Calibration: the reference table of docs/diff.md
# --------------------------------------------------------------------------------------

REFERENCE = {  # rate: (ttft med, p99, itl med, p99, in flight, lag-1, icc, design effect)
    1.0: (19, 68, 6.2, 7.1, 0.9, -0.01, 0.08, 13),
    4.0: (21, 73, 6.4, 16, 4.2, 0.11, 0.04, 8),
    16.0: (25, 110, 7.7, 40, 19, 0.54, 0.06, 11),
    math.inf: (1368, 2350, 13.6, 293, 62, 1.00, 0.27, 44),
}


def icc_oneway(groups: list[np.ndarray]) -> tuple[float, float]:
    """ANOVA estimator of the intraclass correlation of gaps within a request; design effect."""
    groups = [g for g in groups if len(g) >= 2]
    sizes = np.array([len(g) for g in groups], dtype=float)
    big_n, k = sizes.sum(), len(groups)
    grand = np.concatenate(groups).mean()
    means = np.array([g.mean() for g in groups])
    ssb = float((sizes * (means - grand) ** 2).sum())
    ssw = float(sum(((g - g.mean()) ** 2).sum() for g in groups))
    msb, msw = ssb / (k - 1), ssw / (big_n - k)
    n0 = (big_n - (sizes**2).sum() / big_n) / (k - 1)
    icc = (msb - msw) / (msb + (n0 - 1) * msw)
    return icc, 1 + (sizes.mean() - 1) * icc


def run_stats(r: RunSamples) -> np.ndarray:
    order = np.argsort(r.send, kind="stable")
    tt = r.ttfts[order]
    itl = np.concatenate(r.itls)
    icc, de = icc_oneway(r.itls)
    licc, lde = icc_oneway([np.log(x) for x in r.itls])
    return np.array([
        np.median(r.ttfts) * 1e3, np.percentile(r.ttfts, 99) * 1e3,
        np.median(itl) * 1e3, np.percentile(itl, 99) * 1e3,
        r.latencies.sum() / r.duration,
        np.corrcoef(tt[:-1], tt[1:])[0, 1],
        icc, de, licc, lde,
    ])


SUMMARY_KEYS = [f"{s}_{m}_ms" for m in ("ttft", "tpot", "itl", "e2el")
                for s in ("mean", "median", "p99")] + ["output_throughput"]


def calibrate(runs: int, workload_seed: int, effects: RunEffects, out=sys.stdout) -> None:
    import time
    t0 = time.perf_counter()
    stats = {rate: [] for rate in RATES}
    summaries = []  # per sweep: {rate: {key: value}}
    for j in range(2 * runs):
        # Pair (2i, 2i + 1): same workload, two runs of the same server.
        sweep = simulate_sweep(workload_seed + j // 2, 1000 + j, effects)
        summ = {}
        for rate, r in sweep:
            stats[rate].append(run_stats(r))
            m = calculate_metrics(r)
            summ[rate] = {**m["families"], "output_throughput": m["output_throughput"]}
        summaries.append(summ)
    elapsed = time.perf_counter() - t0
    print(f"# Calibration: {runs} A/A pairs of sweeps (workload seeds {workload_seed}.."
          f"{workload_seed + runs - 1}, run effects {effects.sweep_sd:.1%} / "
          f"{effects.file_sd:.1%}); {elapsed:.1f} s, "
          f"{elapsed / (2 * runs * len(RATES)) * 1e3:.0f} ms per file\n", file=out)
    print("Simulated (mean over runs); reference of docs/diff.md in brackets. Requests in "
          "flight: sum of latencies / duration. ICC: one-way ANOVA estimator over requests; "
          "design effect 1 + (mean gaps per request - 1) * ICC. The reference matches the ICC "
          "of log gaps; the raw-scale ICC (dominated by the rare long prefill steps) is shown "
          "for comparison.\n", file=out)
    print("| rate | TTFT med / p99 (ms) | ITL med / p99 (ms) | requests in flight "
          "| TTFT lag-1 corr. | ICC of log gaps within a request (design effect) "
          "| ICC of raw gaps |", file=out)
    print("|---|---|---|---|---|---|---|", file=out)
    for rate in RATES:
        a = np.mean(stats[rate], axis=0)
        ref = REFERENCE[rate]
        print(f"| {rate_word(rate)} | {a[0]:.0f} / {a[1]:.0f} [{ref[0]} / {ref[1]}] "
              f"| {a[2]:.1f} / {a[3]:.1f} [{ref[2]} / {ref[3]}] | {a[4]:.1f} [{ref[4]}] "
              f"| {a[5]:.2f} [{ref[5]:.2f}] | {a[8]:.2f} ({a[9]:.0f}) [{ref[6]:.2f} ({ref[7]})] | {a[6]:.2f} ({a[7]:.0f}) |",
              file=out)
    # Noise floor: % change between two runs of the same server.
    pairs = [(summaries[2 * i], summaries[2 * i + 1]) for i in range(runs)]

    def pct(b, h):
        return 100.0 * (h - b) / b

    print("\nNoise floor: sd of the % change between two runs of the same server "
          "(reference: 1.8–3.8% per file for means and medians, 3.4–8.9% for p99; "
          "over the 4 rates of a sweep 1.9–2.1% and 2.4–3.7%).\n", file=out)
    print("| metric | " + " | ".join(f"qps {rate_word(r)}" for r in RATES)
          + " | mean over rates |", file=out)
    print("|---|" + "---:|" * (len(RATES) + 1), file=out)
    floors = {"center": [], "p99": [], "center_sweep": [], "p99_sweep": []}
    for key in SUMMARY_KEYS:
        per_rate = np.array([[pct(b[r][key], h[r][key]) for r in RATES] for b, h in pairs])
        sds = per_rate.std(axis=0, ddof=1)
        sweep_sd = per_rate.mean(axis=1).std(ddof=1)
        kind = "p99" if key.startswith("p99") else "center"
        if key != "output_throughput":
            floors[kind].extend(sds)
            floors[kind + "_sweep"].append(sweep_sd)
        print(f"| {key} | " + " | ".join(f"{x:.1f}%" for x in sds) + f" | {sweep_sd:.1f}% |",
              file=out)
    print(f"\nRanges: means/medians {min(floors['center']):.1f}–{max(floors['center']):.1f}% "
          f"per file, {min(floors['center_sweep']):.1f}–{max(floors['center_sweep']):.1f}% "
          f"over a sweep; p99 {min(floors['p99']):.1f}–{max(floors['p99']):.1f}% per file, "
          f"{min(floors['p99_sweep']):.1f}–{max(floors['p99_sweep']):.1f}% over a sweep.",
          file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="write one sweep (4 rate files) into this folder")
    ap.add_argument("--workload-seed", type=int, default=0)
    ap.add_argument("--noise-seed", type=int, default=1)
    ap.add_argument("--slowdown", type=float, default=1.0, help="step cost factor (1.1 = +10%%)")
    ap.add_argument("--sweep-sd", type=float, default=0.01, help="run effect per sweep")
    ap.add_argument("--file-sd", type=float, default=0.005, help="run effect per file")
    ap.add_argument("--calibrate", action="store_true", help="print the calibration table")
    ap.add_argument("--runs", type=int, default=40, help="sweeps / A/A pairs for --calibrate")
    args = ap.parse_args(argv)
    effects = RunEffects(args.sweep_sd, args.file_sd, args.slowdown)
    if args.calibrate:
        calibrate(args.runs, args.workload_seed, effects)
    if args.out:
        for p in write_sweep(args.out, args.workload_seed, args.noise_seed, effects):
            print(p)
    if not args.calibrate and not args.out:
        ap.error("give --out DIR or --calibrate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
