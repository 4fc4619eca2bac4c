#!/usr/bin/env python3
"""Generate the example vLLM benchmark result folders used by benchreport.

Usage (from the repository root):

    python3 Examples/generate.py

This deletes and rewrites ``Examples/base/`` and ``Examples/head/``.  The output
is byte-identical on every run: all randomness comes from
``numpy.random.default_rng`` with fixed seeds.

What the folders model
----------------------
``base/`` is one nightly run of a mixed results folder, as benchreport may be
pointed at it:

* ``meta-llama/Llama-3.1-8B-Instruct`` on 8xH100 in the vllm CI layout
  (``.buildkite/performance-benchmarks``): current ``vllm bench serve`` files
  ``serving_llama8B_tp1_sharegpt_qps_{1,4,16,inf}_concurrency_200.json`` saved
  with ``--save-detailed`` (per-request arrays; 2 failed requests at qps inf),
  each with a ``.commands`` sidecar, plus ``latency_llama8B_tp1`` and
  ``throughput_llama8B_tp1`` (indent=4) with ``.commands``, a stray
  ``*.pytorch.json`` (SAVE_TO_PYTORCH_BENCHMARK_FORMAT) and ``vllm_env.txt``.
* ``Qwen/Qwen2.5-7B-Instruct`` on Ascend in the vllm-ascend layout (no
  ``.commands``): ``vllm bench serve`` files in the 2025-07..09 format
  (``endpoint_type`` without ``backend``, p50/p90/p99 percentiles), latency and
  throughput files rewritten by vllm-ascend's jq step (2-space indent, trailing
  ``model_name``).
* ``Qwen2.5-VL-7B-Instruct`` given as a local modelscope path, written by the
  old ``benchmarks/benchmark_serving.py`` (2025-05 key set with the
  ``"request_goodput:"`` key), plus a jq-rewritten throughput file.
* A stray ``benchmark_results.md`` note.

``head/`` is the same suite re-run on a pull request (different noise seed, one
day later), with deliberate changes for demonstrating ``benchreport diff``:

* Llama: TTFT +25 % at qps 16 and inf (and at the new qps 32), visible in the
  per-request ``ttfts`` and in every TTFT statistic; the qps 1 test is gone and
  ``..._qps_32_concurrency_200`` is new; latency/throughput are noise only.
* Qwen2.5-7B serving: output throughput +8 % at every rate (the whole run's
  clock is 8 % faster, so TTFT/TPOT/ITL also drop by ~7.4 %).
* Qwen2.5-VL: unchanged apart from sampling noise.

How the numbers are made
------------------------
Prompt/output lengths come from a fixed per-model "dataset" (vLLM's seed 0
makes the same prompts and the same arrival pattern appear in every run).  A
small continuous-batching engine simulation turns them into per-request token
receive times; every summary statistic is then computed from those samples the
way ``vllm bench serve`` does (np.mean, np.std ddof=0, np.median,
np.percentile linear, x1000 for ms; tpot = (latency - ttft) / (output_len - 1);
ITL pooled over all successful requests; failed requests excluded).
"""

from __future__ import annotations

import json
import math
import shutil
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
NUM_PROMPTS = 200

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
QWEN = "Qwen/Qwen2.5-7B-Instruct"
QWEN_VL = "/root/.cache/modelscope/models/Qwen/Qwen2___5-VL-7B-Instruct"
H100_X8 = "\n".join(["H100"] * 8)
SHAREGPT = "./ShareGPT_V3_unfiltered_cleaned_split.json"

FOLDER_SEEDS = {"base": 20261128, "head": 20261129}


# --------------------------------------------------------------------------------------
# Writers: exactly the serialisation each producer uses.
# --------------------------------------------------------------------------------------


def write_serving(path: Path, obj) -> None:
    """vllm bench serve / benchmark_serving.py: json.dump, default separators, no newline."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f)


def write_indent4(path: Path, obj) -> None:
    """vllm bench latency / throughput --output-json: indent=4, no trailing newline."""
    with open(path, "w") as f:
        json.dump(obj, f, indent=4)


def _jq_numbers(obj):
    # jq prints a float with an integral value as an integer (1.0 -> 1).
    if isinstance(obj, dict):
        return {k: _jq_numbers(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_jq_numbers(v) for v in obj]
    if isinstance(obj, float) and math.isfinite(obj) and obj.is_integer():
        return int(obj)
    return obj


def write_jq(path: Path, obj, model_name: str) -> None:
    """vllm-ascend: jq '. + {model_name: $model}' -> 2-space indent + trailing newline."""
    out = dict(obj)
    out["model_name"] = model_name
    with open(path, "w") as f:
        f.write(json.dumps(_jq_numbers(out), indent=2) + "\n")


def write_commands(path: Path, obj) -> None:
    """vllm CI: jq -n '{...}' -> 2-space indent + trailing newline."""
    with open(path, "w") as f:
        f.write(json.dumps(obj, indent=2) + "\n")


def write_pytorch(path: Path, records) -> None:
    """vllm write_to_json: compact json.dump through InfEncoder (float inf -> "inf")."""

    def clear_inf(o):
        if isinstance(o, dict):
            return {k: clear_inf(v) for k, v in o.items()}
        if isinstance(o, list):
            return [clear_inf(v) for v in o]
        if isinstance(o, float) and math.isinf(o):
            return "inf"
        return o

    with open(path, "w") as f:
        json.dump(clear_inf(records), f)


# --------------------------------------------------------------------------------------
# Datasets: fixed per model, identical in base and head (vLLM samples with seed 0).
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    input_lens: np.ndarray
    output_lens: np.ndarray  # expected (reference) output lengths
    image_tokens: np.ndarray  # vision tokens that are prefilled but not in prompt_len
    arrival_pattern: np.ndarray  # cumulative gamma(1) gaps, normalised to end at N


def lognormal_ints(rng, n, median, sigma, lo, hi):
    x = np.exp(rng.normal(math.log(median), sigma, n))
    return np.clip(np.rint(x), lo, hi).astype(np.int64)


def make_dataset(seed, *, in_median, in_sigma, in_hi, out_median, out_sigma, out_lo,
                 out_hi, image_tokens=None) -> Dataset:
    rng = np.random.default_rng(seed)
    inp = lognormal_ints(rng, NUM_PROMPTS, in_median, in_sigma, 4, in_hi)
    out = lognormal_ints(rng, NUM_PROMPTS, out_median, out_sigma, out_lo, out_hi)
    if image_tokens is None:
        img = np.zeros(NUM_PROMPTS, dtype=np.int64)
    else:
        img = rng.integers(image_tokens[0], image_tokens[1], NUM_PROMPTS)
    # vLLM: delay_ts = cumsum(gamma(shape=burstiness, scale=1/(rate*burstiness))),
    # then rescaled so the last request is sent at N / rate.  With the same seed the
    # pattern is the same at every rate, only scaled by 1/rate.
    gaps = rng.gamma(shape=1.0, scale=1.0, size=NUM_PROMPTS)
    cum = np.cumsum(gaps)
    pattern = cum * (NUM_PROMPTS / cum[-1])
    return Dataset(inp, out, img, pattern)


DATASETS = {
    # ShareGPT prompts through the Llama-3 tokenizer; outputs kept short (20..180)
    # so the --save-detailed files stay small.
    "llama": make_dataset(101, in_median=150, in_sigma=0.85, in_hi=1024,
                          out_median=80, out_sigma=0.45, out_lo=20, out_hi=180),
    # ShareGPT as in the Potabk corpus: ~218 input / ~223 output tokens per request.
    "qwen": make_dataset(202, in_median=150, in_sigma=0.85, in_hi=1024,
                         out_median=175, out_sigma=0.8, out_lo=4, out_hi=880),
    # vision-arena: short text prompts plus an image, ~100 / ~110 tokens.
    "qwen_vl": make_dataset(303, in_median=60, in_sigma=0.9, in_hi=600,
                            out_median=80, out_sigma=0.8, out_lo=4, out_hi=450,
                            image_tokens=(300, 1300)),
}


# --------------------------------------------------------------------------------------
# A small continuous-batching engine simulation.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hardware:
    step0: float  # fixed cost of one engine step (s)
    per_decode: float  # per running decode sequence (s)
    per_ctx_token: float  # attention cost per context token of decode sequences (s)
    prefill0: float  # extra fixed cost of a step that contains prefill (s)
    per_prefill_token: float  # per prefilled token (s)
    per_image: float  # vision encoder cost per new image (s)
    budget: int  # max_num_batched_tokens
    max_seqs: int
    chunked: bool  # chunked prefill mixed with decodes (vLLM v1) vs prefill-first
    step_sigma: float  # lognormal jitter of a step
    hiccup_p: float  # probability of a scheduler/GC hiccup in a step
    hiccup_s: float  # mean extra time of a hiccup (s)
    api0: float  # API server per-request processing (s), serial
    api_parallel: float  # per-request HTTP/handler latency that overlaps across requests (s)
    api_per_token: float  # API server tokenisation per prompt token (s)
    out0: float  # token -> client delivery delay (s)
    out_per_seq: float  # extra delivery delay per running sequence (detokenise/stream)


H100_LLAMA8B = Hardware(
    step0=0.0062, per_decode=0.000020, per_ctx_token=0.00000003, prefill0=0.0015,
    per_prefill_token=0.000019, per_image=0.0, budget=2048, max_seqs=1024, chunked=True,
    step_sigma=0.03, hiccup_p=0.002, hiccup_s=0.012, api0=0.0016, api_parallel=0.0068,
    api_per_token=0.000004,
    out0=0.0004, out_per_seq=0.000006)

ASCEND_QWEN7B = Hardware(
    step0=0.0330, per_decode=0.00008, per_ctx_token=0.00000015, prefill0=0.026,
    per_prefill_token=0.000066, per_image=0.0, budget=20000, max_seqs=256, chunked=False,
    step_sigma=0.025, hiccup_p=0.003, hiccup_s=0.030, api0=0.004, api_parallel=0.0,
    api_per_token=0.00002,
    out0=0.0009, out_per_seq=0.00002)

ASCEND_QWEN7B_VL = Hardware(
    step0=0.0300, per_decode=0.00010, per_ctx_token=0.00000015, prefill0=0.040,
    per_prefill_token=0.000070, per_image=0.062, budget=16384, max_seqs=256,
    chunked=False, step_sigma=0.03, hiccup_p=0.004, hiccup_s=0.040, api0=0.030,
    api_parallel=0.0, api_per_token=0.00002, out0=0.0010, out_per_seq=0.00002)


@dataclass
class RunSamples:
    """Per-request client-side observations of one serving run (times in seconds)."""

    origin: float  # perf_counter() value at benchmark start
    send: np.ndarray  # send time relative to benchmark start
    input_lens: list[int]
    success: list[bool]
    recv: list[list[float]]  # absolute perf_counter receive time of each streamed token
    fail_end: list[float]  # for failed requests: relative time the error surfaced


def simulate_run(hw: Hardware, ds: Dataset, qps: float, out_lens: np.ndarray,
                 failed: set[int], origin: float, rng) -> RunSamples:
    n = NUM_PROMPTS
    send = np.zeros(n) if math.isinf(qps) else ds.arrival_pattern / qps
    # client dispatch jitter (asyncio scheduling)
    send = send + np.cumsum(rng.uniform(2e-6, 4e-5, n))

    # API server: FIFO, serial request processing (tokenisation etc.).
    ready = np.full(n, np.inf)
    free_at = 0.0
    for i in range(n):
        if i in failed:
            continue
        cost = (hw.api0 + hw.api_per_token * ds.input_lens[i]) * math.exp(rng.normal(0, 0.15))
        start = max(send[i] + rng.uniform(1.5e-4, 4e-4), free_at)
        free_at = start + cost
        ready[i] = free_at + hw.api_parallel * math.exp(rng.normal(0, 0.2))

    queue = [i for i in range(n) if i not in failed]
    queue.sort(key=lambda i: (ready[i], i))
    recv_rel: list[list[float]] = [[] for _ in range(n)]
    gen = np.zeros(n, dtype=np.int64)
    waiting: deque[int] = deque()
    prefilling: list[list[int]] = []  # [request, remaining prefill tokens]
    decoding: list[int] = []
    ptr, done, total, t = 0, 0, len(queue), 0.0

    def deliver(i, t_emit, batch):
        d = (hw.out0 + hw.out_per_seq * batch) * math.exp(rng.normal(0, 0.25))
        r = t_emit + d
        if recv_rel[i] and r <= recv_rel[i][-1]:
            r = recv_rel[i][-1] + 2e-6
        recv_rel[i].append(r)

    while done < total:
        while ptr < total and ready[queue[ptr]] <= t:
            waiting.append(queue[ptr])
            ptr += 1
        if not waiting and not prefilling and not decoding:
            t = ready[queue[ptr]]
            continue

        want_prefill = bool(waiting or prefilling)
        can_admit = len(decoding) + len(prefilling) < hw.max_seqs
        if hw.chunked:
            dec_batch = decoding
            budget = hw.budget - len(dec_batch)
        elif want_prefill and (prefilling or can_admit):
            dec_batch = []  # prefill-first scheduler: decodes wait for the prefill step
            budget = hw.budget
        else:
            dec_batch = decoding
            budget = 0

        pref_tokens, new_images = 0, 0
        for entry in prefilling:
            if budget <= 0:
                break
            take = min(entry[1], budget)
            entry[1] -= take
            budget -= take
            pref_tokens += take
        while waiting and budget > 0 and len(decoding) + len(prefilling) < hw.max_seqs:
            i = waiting[0]
            need = int(ds.input_lens[i] + ds.image_tokens[i])
            if not hw.chunked and need > budget and pref_tokens > 0:
                break
            waiting.popleft()
            take = min(need, budget)
            prefilling.append([i, need - take])
            budget -= take
            pref_tokens += take
            new_images += int(ds.image_tokens[i] > 0)
        finished_prefill = [e[0] for e in prefilling if e[1] == 0]
        prefilling = [e for e in prefilling if e[1] > 0]

        ctx = sum(int(ds.input_lens[i] + gen[i]) for i in dec_batch)
        step = hw.step0 + hw.per_decode * len(dec_batch) + hw.per_ctx_token * ctx
        if pref_tokens:
            step += hw.prefill0 + hw.per_prefill_token * pref_tokens
        step += hw.per_image * new_images
        step *= math.exp(rng.normal(0, hw.step_sigma))
        if rng.random() < hw.hiccup_p:
            step += rng.exponential(hw.hiccup_s)
        t += step

        batch = len(dec_batch) + len(finished_prefill)
        next_decoding = []
        for i in dec_batch:
            gen[i] += 1
            deliver(i, t, batch)
            if gen[i] >= out_lens[i]:
                done += 1
            else:
                next_decoding.append(i)
        if dec_batch is not decoding:
            next_decoding = decoding + next_decoding
        for i in finished_prefill:
            gen[i] = 1
            deliver(i, t, batch)
            if out_lens[i] <= 1:
                done += 1
            else:
                next_decoding.append(i)
        decoding = next_decoding

    success = [i not in failed for i in range(n)]
    recv = [[origin + r for r in rs] for rs in recv_rel]
    # A failed request surfaces its error somewhere inside the run.
    last = max(rs[-1] for rs in recv_rel if rs)
    fail_end = [float(rng.uniform(0.3, 0.9) * last) if i in failed else 0.0 for i in range(n)]
    return RunSamples(origin, send, [int(x) for x in ds.input_lens], success, recv, fail_end)


def shift_ttft(s: RunSamples, factor: float) -> None:
    """TTFT regression: first token arrives later by (factor-1)*ttft, decode unchanged."""
    for i, rs in enumerate(s.recv):
        if not rs:
            continue
        st = s.origin + s.send[i]
        extra = (rs[0] - st) * (factor - 1.0)
        s.recv[i] = [r + extra for r in rs]


def scale_time(s: RunSamples, factor: float) -> None:
    """Run the whole clock faster (factor < 1): every interval is multiplied by factor."""
    s.send = s.send * factor
    s.recv = [[s.origin + (r - s.origin) * factor for r in rs] for rs in s.recv]
    s.fail_end = [x * factor for x in s.fail_end]


# --------------------------------------------------------------------------------------
# Client-side results and metrics, computed exactly like vllm/benchmarks/serve.py.
# --------------------------------------------------------------------------------------


@dataclass
class Outputs:
    start_times: list[float]
    input_lens: list[int]
    output_lens: list[int]  # actual_output_lens (0 for failed)
    ttfts: list[float]
    itls: list[list[float]]
    latencies: list[float]
    success: list[bool]
    duration: float


def client_outputs(s: RunSamples, rng) -> Outputs:
    starts, ttfts, itls, lats, outs = [], [], [], [], []
    end_rel = 0.0
    for i in range(NUM_PROMPTS):
        st = s.origin + float(s.send[i])  # time.perf_counter() at send
        starts.append(st)
        if not s.success[i]:
            ttfts.append(0.0)
            itls.append([])
            lats.append(0.0)
            outs.append(0)
            end_rel = max(end_rel, s.fail_end[i])
            continue
        rs = s.recv[i]
        ttfts.append(rs[0] - st)
        itls.append([rs[j] - rs[j - 1] for j in range(1, len(rs))])
        lats.append(rs[-1] - st)  # latency = most_recent_timestamp - st
        outs.append(len(rs))  # usage.completion_tokens
        end_rel = max(end_rel, rs[-1] - s.origin)
    # benchmark_duration = perf_counter() after gather() - benchmark_start_time
    duration = (s.origin + end_rel + float(rng.uniform(0.002, 0.006))) - s.origin
    return Outputs(starts, list(s.input_lens), outs, ttfts, itls, lats, list(s.success),
                   duration)


def calculate_metrics(o: Outputs, percentiles: list[float]) -> dict:
    total_input, completed = 0, 0
    itls: list[float] = []
    tpots: list[float] = []
    ttfts: list[float] = []
    e2els: list[float] = []
    for i in range(NUM_PROMPTS):
        if not o.success[i]:
            continue
        output_len = o.output_lens[i]
        total_input += o.input_lens[i]
        if output_len > 1:
            tpots.append((o.latencies[i] - o.ttfts[i]) / (output_len - 1))
        itls += o.itls[i]
        ttfts.append(o.ttfts[i])
        e2els.append(o.latencies[i])
        completed += 1
    total_output = sum(o.output_lens)
    dur = o.duration

    def fam(values):
        return {
            "mean": np.mean(values or 0) * 1000,
            "median": np.median(values or 0) * 1000,
            "std": np.std(values or 0) * 1000,
            "pcts": [(p, np.percentile(values or 0, p) * 1000) for p in percentiles],
        }

    # Peak output tokens/s and concurrent requests (1-second buckets).
    succ = [i for i in range(NUM_PROMPTS) if o.success[i]]
    min_start = min(o.start_times[i] for i in succ)
    max_end = max(o.start_times[i] + o.latencies[i] for i in succ)
    nsec = int(np.ceil(max_end - min_start)) + 1
    tok = np.zeros(nsec)
    conc = np.zeros(nsec)
    for i in succ:
        times = [o.start_times[i] + o.ttfts[i]]
        cur = times[0]
        for v in o.itls[i]:
            cur += v
            times.append(cur)
        for tt in times:
            b = int(tt - min_start)
            if 0 <= b < nsec:
                tok[b] += 1
        a = int(o.start_times[i] - min_start)
        e = int(np.ceil(o.start_times[i] + o.latencies[i] - min_start))
        for sec in range(a, min(nsec, e)):
            conc[sec] += 1

    return {
        "completed": completed,
        "failed": NUM_PROMPTS - completed,
        "total_input": total_input,
        "total_output": total_output,
        "request_throughput": completed / dur,
        "output_throughput": total_output / dur,
        "total_token_throughput": (total_input + total_output) / dur,
        "ttft": fam(ttfts),
        "tpot": fam(tpots),
        "itl": fam(itls),
        "e2el": fam(e2els),
        "max_output_tokens_per_s": float(np.max(tok)),
        "max_concurrent_requests": int(np.max(conc)),
    }


def add_families(result: dict, m: dict, families: list[str]) -> None:
    for name in families:
        f = m[name]
        result[f"mean_{name}_ms"] = float(f["mean"])
        result[f"median_{name}_ms"] = float(f["median"])
        result[f"std_{name}_ms"] = float(f["std"])
        for p, value in f["pcts"]:
            p_word = str(int(p)) if int(p) == p else str(p)
            result[f"p{p_word}_{name}_ms"] = float(value)


def rate_value(qps: float):
    return qps if qps < float("inf") else "inf"


def qps_word(qps: float) -> str:
    return "inf" if math.isinf(qps) else str(int(qps))


# --------------------------------------------------------------------------------------
# Result objects in the three serving formats.
# --------------------------------------------------------------------------------------

WORDS = ("the", "model", "returns", "a", "short", "answer", "here", "is", "first",
         "step", "you", "can", "use", "this", "function", "to", "check", "value",
         "list", "of", "results", "for", "each", "request", "and", "then", "print",
         "output", "sure", "let", "me", "explain", "how", "it", "works")
NON_ASCII_TEXT = " Voilà, the café menu is ready"


def fake_texts(rng, success: list[bool]) -> list[str]:
    texts = []
    for ok in success:
        if not ok:
            texts.append("")
            continue
        k = int(rng.integers(3, 9))
        words = [WORDS[int(j)] for j in rng.integers(0, len(WORDS), k)]
        texts.append(" " + " ".join(words).capitalize() + ".")
    first_ok = next(i for i, ok in enumerate(success) if ok and i >= 7)
    texts[first_ok] = NON_ASCII_TEXT
    return texts


SERVER_DISCONNECTED = (
    "Traceback (most recent call last):\n"
    '  File "/usr/local/lib/python3.12/dist-packages/vllm/benchmarks/lib/'
    'endpoint_request_func.py", line 203, in async_request_openai_completions\n'
    "    async with session.post(url=api_url, json=payload, headers=headers) as response:\n"
    '  File "/usr/local/lib/python3.12/dist-packages/aiohttp/client.py", line 1488, '
    "in __aenter__\n"
    "    self._resp: _RetType = await self._coro\n"
    "                           ^^^^^^^^^^^^^^^^\n"
    '  File "/usr/local/lib/python3.12/dist-packages/aiohttp/client.py", line 770, '
    "in _request\n"
    "    resp = await handler(req)\n"
    "           ^^^^^^^^^^^^^^^^^^\n"
    '  File "/usr/local/lib/python3.12/dist-packages/aiohttp/client_reqrep.py", '
    "line 1057, in start\n"
    "    message, payload = await protocol.read()  # type: ignore[union-attr]\n"
    "                       ^^^^^^^^^^^^^^^^^^^^^\n"
    '  File "/usr/local/lib/python3.12/dist-packages/aiohttp/streams.py", line 671, '
    "in read\n"
    "    await self._waiter\n"
    "aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected\n"
)


def serving_2026(date, model, qps, o: Outputs, m: dict, texts, errors) -> dict:
    """Current `vllm bench serve` (vllm CI), --save-detailed, key order of spec section 2.2."""
    r = {
        "date": date,
        "endpoint_type": "vllm",
        "backend": "vllm",
        "label": None,
        "model_id": model,
        "tokenizer_id": model,
        "num_prompts": NUM_PROMPTS,
        "tensor_parallel_size": "1",
        "compilation_config.mode": "",
        "optimization_level": "",
        "request_rate": rate_value(qps),
        "burstiness": 1.0,
        "max_concurrency": 200,
        "duration": o.duration,
        "completed": m["completed"],
        "failed": m["failed"],
        "total_input_tokens": m["total_input"],
        "total_output_tokens": m["total_output"],
        "request_throughput": m["request_throughput"],
        "request_goodput": None,
        "output_throughput": m["output_throughput"],
        "total_token_throughput": m["total_token_throughput"],
        "input_lens": o.input_lens,
        "output_lens": o.output_lens,
        "ttfts": o.ttfts,
        "itls": o.itls,
        "start_times": o.start_times,
        "generated_texts": texts,
        "errors": errors,
        "max_output_tokens_per_s": m["max_output_tokens_per_s"],
        "max_concurrent_requests": m["max_concurrent_requests"],
        "rtfx": 0.0,
    }
    add_families(r, m, ["ttft", "tpot", "itl", "e2el"])
    return r


def serving_2025(date, model, qps, o: Outputs, m: dict) -> dict:
    """`vllm bench serve` 2025-07..09 as run by vllm-ascend (no --save-detailed)."""
    r = {
        "date": date,
        "endpoint_type": "vllm",
        "label": None,
        "model_id": model,
        "tokenizer_id": model,
        "num_prompts": NUM_PROMPTS,
        "request_rate": rate_value(qps),
        "burstiness": 1.0,
        "max_concurrency": None,
        "duration": o.duration,
        "completed": m["completed"],
        "total_input_tokens": m["total_input"],
        "total_output_tokens": m["total_output"],
        "request_throughput": m["request_throughput"],
        "request_goodput": None,
        "output_throughput": m["output_throughput"],
        "total_token_throughput": m["total_token_throughput"],
    }
    add_families(r, m, ["ttft", "tpot", "itl"])
    return r


def serving_old(date, model, qps, o: Outputs, m: dict) -> dict:
    """Old benchmarks/benchmark_serving.py, 2025-05 (exact key set of the Potabk corpus)."""
    r = {
        "date": date,
        "backend": "openai-chat",
        "model_id": model,
        "tokenizer_id": model,
        "num_prompts": NUM_PROMPTS,
        "request_rate": rate_value(qps),
        "burstiness": 1.0,
        "max_concurrency": None,
        "duration": o.duration,
        "completed": m["completed"],
        "total_input_tokens": m["total_input"],
        "total_output_tokens": m["total_output"],
        "request_throughput": m["request_throughput"],
        "request_goodput:": None,
        "output_throughput": m["output_throughput"],
        "total_token_throughput": m["total_token_throughput"],
    }
    add_families(r, m, ["ttft", "tpot", "itl"])
    return r


# --------------------------------------------------------------------------------------
# Latency / throughput.
# --------------------------------------------------------------------------------------


def latency_result(rng, center: float, rel_sd: float, iters: int = 15) -> dict:
    lat = center * (1.0 + rng.normal(0.0, rel_sd, iters))
    # one iteration usually hits a slow step (GC, clock ramp)
    k = int(rng.integers(0, iters))
    lat[k] *= 1.0 + float(rng.uniform(0.004, 0.02))
    latencies = [float(x) for x in lat]
    percentages = [10, 25, 50, 75, 90, 99]
    pcts = np.percentile(latencies, percentages)
    return {
        "avg_latency": float(np.mean(latencies)),
        "latencies": latencies,
        "percentiles": {str(p): float(v) for p, v in zip(percentages, pcts)},
    }


def throughput_result(rng, elapsed_center: float, rel_sd: float, total_tokens: int) -> dict:
    elapsed = float(elapsed_center * math.exp(rng.normal(0.0, rel_sd)))
    return {
        "elapsed_time": elapsed,
        "num_requests": NUM_PROMPTS,
        "total_num_tokens": total_tokens,
        "requests_per_second": NUM_PROMPTS / elapsed,
        "tokens_per_second": total_tokens / elapsed,
    }


# Offline throughput uses ShareGPT with full-length reference outputs.
THROUGHPUT_DS = {
    "llama": make_dataset(111, in_median=150, in_sigma=0.85, in_hi=1024,
                          out_median=150, out_sigma=0.85, out_lo=4, out_hi=1000),
    "qwen": DATASETS["qwen"],
    "qwen_vl": DATASETS["qwen_vl"],
}


# --------------------------------------------------------------------------------------
# Commands, environment, strays.
# --------------------------------------------------------------------------------------

LLAMA_SERVER_CMD = (
    f" vllm serve {LLAMA} --tensor-parallel-size 1 --swap-space 16 "
    "--disable-log-requests  --load-format dummy"
)


def llama_client_cmd(stem: str, qps: float) -> str:
    return (
        f"vllm bench serve --save-result --result-dir results/ --result-filename {stem}.json "
        f"--request-rate {qps_word(qps)} --max-concurrency 200 "
        "--metadata tensor_parallel_size=1 compilation_config.mode= optimization_level=  "
        f"--model {LLAMA} --backend vllm --dataset-name sharegpt --dataset-path {SHAREGPT} "
        "--num-prompts 200 --percentile-metrics ttft,tpot,itl,e2el --save-detailed "
    )


def vllm_serve_args(model: str, stem: str, qps: float) -> dict:
    """vars(args) of `vllm bench serve` as stored in *.pytorch.json (abridged)."""
    return {
        "subparser": "bench",
        "bench_type": "serve",
        "dispatch_function": "<function is not JSON serializable>",
        "seed": 0,
        "num_prompts": NUM_PROMPTS,
        "dataset_name": "sharegpt",
        "no_stream": False,
        "dataset_path": SHAREGPT,
        "sharegpt_output_len": None,
        "random_input_len": 1024,
        "random_output_len": 128,
        "random_range_ratio": 0.0,
        "random_prefix_len": 0,
        "hf_subset": None,
        "hf_split": None,
        "hf_output_len": None,
        "label": None,
        "backend": "vllm",
        "base_url": None,
        "host": "127.0.0.1",
        "port": 8000,
        "endpoint": "/v1/completions",
        "header": None,
        "max_concurrency": 200,
        "model": model,
        "input_len": None,
        "output_len": None,
        "tokenizer": None,
        "tokenizer_mode": "auto",
        "use_beam_search": False,
        "logprobs": None,
        "request_rate": qps,
        "burstiness": 1.0,
        "trust_remote_code": False,
        "disable_tqdm": False,
        "num_warmups": 0,
        "profile": False,
        "save_result": True,
        "save_detailed": True,
        "append_result": False,
        "metadata": ["tensor_parallel_size=1", "compilation_config.mode=",
                     "optimization_level="],
        "result_dir": "results/",
        "result_filename": f"{stem}.json",
        "ignore_eos": False,
        "percentile_metrics": "ttft,tpot,itl,e2el",
        "metric_percentiles": "99",
        "goodput": None,
        "request_id_prefix": "bench-4f9c2a1e-",
        "top_p": None,
        "top_k": None,
        "min_p": None,
        "temperature": None,
        "served_model_name": None,
        "lora_modules": None,
        "ramp_up_strategy": None,
        "ramp_up_start_rps": None,
        "ramp_up_end_rps": None,
        "ready_check_timeout_sec": 600,
        "extra_body": None,
        "skip_tokenizer_init": False,
        "insecure": False,
        "plot_timeline": False,
        "plot_dataset_stats": False,
    }


def pytorch_records(result: dict, stem: str, qps: float, how_many: int = 2) -> list:
    metrics = ["median_ttft_ms", "mean_ttft_ms", "std_ttft_ms", "p99_ttft_ms",
               "mean_tpot_ms", "median_tpot_ms", "std_tpot_ms", "p99_tpot_ms",
               "median_itl_ms", "mean_itl_ms", "std_itl_ms", "p99_itl_ms"]
    ignored = ["ttfts", "itls", "generated_texts", "errors"]
    extra_info = {k: v for k, v in result.items() if k not in metrics and k not in ignored}
    args = vllm_serve_args(result["model_id"], stem, qps)
    if not args.get("tensor_parallel_size") and "tensor_parallel_size" in extra_info:
        args["tensor_parallel_size"] = extra_info["tensor_parallel_size"]
    records = []
    for name in metrics[:how_many]:  # a real file has one record per metric (12)
        records.append({
            "benchmark": {
                "name": "vLLM benchmark",
                "extra_info": {
                    "args": args,
                    "compilation_config.mode": "",
                    "optimization_level": "",
                    "use_compile": True,
                },
            },
            "model": {"name": result["model_id"]},
            "metric": {"name": name, "benchmark_values": [result[name]],
                       "extra_info": extra_info},
        })
    return records


VLLM_ENV = """\
==============================
        System Info
==============================
OS                           : Ubuntu 22.04.5 LTS (x86_64)
GCC version                  : (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0
Clang version                : Could not collect
CMake version                : version 4.1.0
Libc version                 : glibc-2.35

==============================
       PyTorch Info
==============================
PyTorch version              : 2.8.0+cu128
Is debug build               : False
CUDA used to build PyTorch   : 12.8
ROCM used to build PyTorch   : N/A

==============================
      Python Environment
==============================
Python version               : 3.12.11 (main, Jun  4 2025, 08:56:18) [GCC 11.4.0] (64-bit runtime)
Python platform              : Linux-5.15.0-153-generic-x86_64-with-glibc2.35

==============================
       CUDA / GPU Info
==============================
Is CUDA available            : True
CUDA runtime version         : 12.8.93
CUDA_MODULE_LOADING set to   : LAZY
GPU models and configuration : 
GPU 0: NVIDIA H100 80GB HBM3
GPU 1: NVIDIA H100 80GB HBM3
GPU 2: NVIDIA H100 80GB HBM3
GPU 3: NVIDIA H100 80GB HBM3
GPU 4: NVIDIA H100 80GB HBM3
GPU 5: NVIDIA H100 80GB HBM3
GPU 6: NVIDIA H100 80GB HBM3
GPU 7: NVIDIA H100 80GB HBM3

Nvidia driver version        : 570.172.08
cuDNN version                : Could not collect

==============================
         vLLM Info
==============================
ROCM Version                 : Could not collect
vLLM Version                 : 0.11.0
vLLM Build Flags:
  CUDA Archs: Not Set; ROCm: Disabled
"""

BENCHMARK_RESULTS_MD = """\
# Benchmark results

Raw result files of the nightly performance run; tables are produced by the report converter.
"""


# --------------------------------------------------------------------------------------
# Folder generation.
# --------------------------------------------------------------------------------------


def rng_for(folder: str, *parts: int):
    return np.random.default_rng(np.random.SeedSequence([FOLDER_SEEDS[folder], *parts]))


def fmt_date(dt: datetime) -> str:
    return dt.strftime("%Y%m%d-%H%M%S")


@dataclass(frozen=True)
class Plan:
    llama_qps: tuple
    llama_ttft_factor: dict  # qps -> factor
    qwen_time_factor: float
    day: datetime


PLANS = {
    "base": Plan(llama_qps=(1.0, 4.0, 16.0, math.inf), llama_ttft_factor={},
                 qwen_time_factor=1.0, day=datetime(2026, 11, 28)),
    "head": Plan(llama_qps=(4.0, 16.0, 32.0, math.inf),
                 llama_ttft_factor={16.0: 1.25, 32.0: 1.25, math.inf: 1.25},
                 qwen_time_factor=1.0 / 1.08, day=datetime(2026, 11, 29)),
}

QPS_CODE = {1.0: 1, 4.0: 4, 16.0: 16, 32.0: 32, math.inf: 999}


class Clock:
    """Wall clock and the matching time.perf_counter() (seconds since boot)."""

    def __init__(self, wall: datetime, uptime: float):
        self.wall = wall
        self.uptime = uptime

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.uptime += seconds


def run_serving(folder, hw, ds_key, qps, clock: Clock, out_lens, failed, model_code,
                ttft_factor=1.0, time_factor=1.0):
    rng = rng_for(folder, model_code, QPS_CODE[qps])
    clock.advance(float(rng.uniform(14.0, 22.0)))  # client start-up, dataset sampling
    s = simulate_run(hw, DATASETS[ds_key], qps, out_lens, failed, clock.uptime, rng)
    if ttft_factor != 1.0:
        shift_ttft(s, ttft_factor)
    if time_factor != 1.0:
        scale_time(s, time_factor)
    o = client_outputs(s, rng)
    clock.advance(o.duration + float(rng.uniform(0.2, 0.8)))
    return o, rng


def generate_folder(folder: str) -> None:
    out = HERE / folder
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    plan = PLANS[folder]

    # ---- vllm CI (H100): latency, throughput, then serving, as the runner orders them.
    clock = Clock(plan.day + timedelta(hours=1, minutes=4, seconds=37), 3_412_187.52)
    lrng = rng_for(folder, 1, 100)
    write_indent4(out / "latency_llama8B_tp1.json", latency_result(lrng, 0.9265, 0.0035))
    write_commands(out / "latency_llama8B_tp1.commands", {
        "latency_command": (
            f"vllm bench latency --model {LLAMA} --tensor-parallel-size 1 "
            "--load-format dummy --num-iters-warmup 5 --num-iters 15 "
            "--output-json results/latency_llama8B_tp1.json"),
        "gpu_type": H100_X8,
    })
    tds = THROUGHPUT_DS["llama"]
    ttotal = int(tds.input_lens.sum() + tds.output_lens.sum())
    trng = rng_for(folder, 1, 200)
    write_indent4(out / "throughput_llama8B_tp1.json",
                  throughput_result(trng, 9.37, 0.006, ttotal))
    write_commands(out / "throughput_llama8B_tp1.commands", {
        "throughput_command": (
            f"vllm bench throughput --model {LLAMA} --tensor-parallel-size 1 "
            f"--load-format dummy --dataset-name sharegpt --dataset-path {SHAREGPT} "
            "--num-prompts 200 --backend vllm "
            "--output-json results/throughput_llama8B_tp1.json"),
        "gpu_type": H100_X8,
    })
    clock.advance(95.0)  # server start-up

    llama_out = DATASETS["llama"].output_lens  # dummy weights: EOS never hit
    for qps in plan.llama_qps:
        failed = set()
        if math.isinf(qps):
            frng = rng_for(folder, 1, 7)
            failed = {int(x) for x in frng.choice(np.arange(60, NUM_PROMPTS), 2, replace=False)}
        o, rng = run_serving(folder, H100_LLAMA8B, "llama", qps, clock, llama_out, failed, 1,
                             ttft_factor=plan.llama_ttft_factor.get(qps, 1.0))
        m = calculate_metrics(o, [99.0])
        texts = fake_texts(rng, o.success)
        errors = ["" if ok else SERVER_DISCONNECTED for ok in o.success]
        stem = f"serving_llama8B_tp1_sharegpt_qps_{qps_word(qps)}_concurrency_200"
        result = serving_2026(fmt_date(clock.wall), LLAMA, qps, o, m, texts, errors)
        write_serving(out / f"{stem}.json", result)
        write_commands(out / f"{stem}.commands", {
            "server_command": LLAMA_SERVER_CMD,
            "client_command": llama_client_cmd(stem, qps),
            "gpu_type": H100_X8,
        })
        # Stray PyTorch-HUD file: one per folder, next to its first serving result.
        if qps == plan.llama_qps[0]:
            write_pytorch(out / f"{stem}.pytorch.json", pytorch_records(result, stem, qps))

    with open(out / "vllm_env.txt", "w") as f:
        f.write(VLLM_ENV)

    # ---- vllm-ascend (Ascend NPU): Qwen2.5-7B serving + latency + throughput.
    clock = Clock(plan.day + timedelta(hours=2, minutes=11, seconds=5), 1_905_331.07)
    clock.advance(120.0)
    qwen_out = DATASETS["qwen"].output_lens  # greedy-ish: same tokens at every rate
    for qps in (1.0, 4.0, 16.0, math.inf):
        o, _ = run_serving(folder, ASCEND_QWEN7B, "qwen", qps, clock, qwen_out, set(), 2,
                           time_factor=plan.qwen_time_factor)
        m = calculate_metrics(o, [50.0, 90.0, 99.0])
        write_serving(out / f"serving_qwen2_5_7B_tp1_qps_{qps_word(qps)}.json",
                      serving_2025(fmt_date(clock.wall), QWEN, qps, o, m))
    lrng = rng_for(folder, 2, 100)
    write_jq(out / "latency_qwen2_5_7B_tp1.json", latency_result(lrng, 4.712, 0.004), QWEN)
    trng = rng_for(folder, 2, 200)
    qds = THROUGHPUT_DS["qwen"]
    qtotal = int(qds.input_lens.sum() + qds.output_lens.sum() + trng.integers(-300, 300))
    write_jq(out / "throughput_qwen2_5_7B_tp1.json",
             throughput_result(trng, 34.1, 0.008, qtotal), QWEN)

    # ---- Qwen2.5-VL-7B (old benchmark_serving.py) + throughput.
    clock.advance(150.0)
    vl_ds = DATASETS["qwen_vl"]
    for qps in (1.0, 4.0, 16.0, math.inf):
        vrng = rng_for(folder, 3, 500 + QPS_CODE[qps])
        # batch-dependent numerics: a handful of requests stop a few tokens early/late
        vl_out = vl_ds.output_lens.copy()
        idx = vrng.choice(NUM_PROMPTS, 6, replace=False)
        vl_out[idx] = np.maximum(4, vl_out[idx] + vrng.integers(-12, 13, 6))
        o, _ = run_serving(folder, ASCEND_QWEN7B_VL, "qwen_vl", qps, clock, vl_out, set(), 3)
        m = calculate_metrics(o, [99.0])
        write_serving(out / f"serving_qwen2_5vl_7B_tp1_qps_{qps_word(qps)}.json",
                      serving_old(fmt_date(clock.wall), QWEN_VL, qps, o, m))
    trng = rng_for(folder, 3, 200)
    vtotal = int(vl_ds.input_lens.sum() + vl_ds.output_lens.sum() + trng.integers(-150, 150))
    write_jq(out / "throughput_qwen2_5vl_7B_tp1.json",
             throughput_result(trng, 41.3, 0.01, vtotal), QWEN_VL)

    with open(out / "benchmark_results.md", "w") as f:
        f.write(BENCHMARK_RESULTS_MD)


def main() -> None:
    for folder in ("base", "head"):
        generate_folder(folder)
        print(f"wrote {HERE / folder}")


if __name__ == "__main__":
    main()
