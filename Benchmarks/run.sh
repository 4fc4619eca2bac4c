#!/usr/bin/env bash
# The reader benchmark (README, "Performance"): builds benchreport in release mode, makes a
# ~1 GB corpus of `vllm bench serve --save-detailed` files of 1,000 requests, a second shape of
# 480 such files of 200 requests (~0.7 MB each, where the cost per file shows) and a vllm-ascend
# folder of 17 plain files under .build-bench/ (once; delete it to regenerate), then times
# benchreport against Python's json, orjson, cat and the vllm-ascend converter's
# pandas+tabulate path, side by side.
#
#   Benchmarks/run.sh            # RUNS=5 rounds, 1024 MB, 480 small files
#   RUNS=7 MEGABYTES=256 SMALL_FILES=120 Benchmarks/run.sh
set -euo pipefail

cd "$(dirname "$0")/.."
root=.build-bench
runs=${RUNS:-5}
megabytes=${MEGABYTES:-1024}
small_files=${SMALL_FILES:-480}

for tool in python3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "installing $tool" >&2
        apt-get update -qq && apt-get install -y -qq python3 python3-venv time >/dev/null
    fi
done

echo "== building benchreport (release)" >&2
swift build -c release --scratch-path .build-perf >&2
benchreport=$(swift build -c release --scratch-path .build-perf --show-bin-path)/benchreport

if [[ ! -x $root/venv/bin/python ]]; then
    echo "== Python peers: venv with orjson, pandas, tabulate, numpy" >&2
    python3 -m venv "$root/venv"
    "$root/venv/bin/pip" install -q orjson pandas tabulate numpy >&2
fi
python=$root/venv/bin/python

stamp=$root/corpus/.generated-$megabytes
if [[ ! -f $stamp ]]; then
    echo "== generating the corpus ($megabytes MB of detailed files; about a minute per 700 MB)" >&2
    rm -rf "$root/corpus/detailed" "$root/corpus/subset10" "$root/corpus/ascend" "$root"/corpus/.generated-[0-9]*
    "$python" Benchmarks/generate_corpus.py "$root/corpus" --megabytes "$megabytes" >&2
    touch "$stamp"
fi
small_stamp=$root/corpus/small/.generated-$small_files
if [[ ! -f $small_stamp ]]; then
    echo "== generating the small shape ($small_files files of 200 requests, about 0.7 MB each)" >&2
    rm -rf "$root/corpus/small"
    "$python" Benchmarks/generate_corpus.py "$root/corpus" --small-files "$small_files" >&2
    mkdir -p "$root/corpus/small"
    touch "$small_stamp"
fi

echo "== timing, $runs rounds" >&2
"$python" Benchmarks/measure.py "$root" "$benchreport" "$python" "$runs"
