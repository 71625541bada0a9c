#!/usr/bin/env bash
# Release benchmarks behind docs/performance.md. Run on an idle machine:
#   bench/run.sh            # builds the release preset, prints a Markdown table
# Each figure is the best of 3 runs (wall time and peak RSS from /usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release > /dev/null
cmake --build --preset release > /dev/null
BIN="$PWD/build/release/llm-tco"
PROFILE="$PWD/bench/profile.yaml"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench/run.sh needs GNU time (apt-get install time)" >&2; exit 1; }

best() {  # best of 3: prints "WALL_S PEAK_KB"
    local best_wall="" best_rss=""
    for _ in 1 2 3; do
        "$TIME" -f "%e %M" -o "$WORK/t" "$@" > "$WORK/out"
        read -r wall rss < "$WORK/t"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; best_rss=$rss; fi
    done
    echo "$best_wall $best_rss"
}

GRID=(--vary workloads.w.calls=100..1M:1000:log --vary options.local.box.hardware.purchase=500..5000:1000)
read -r sweep_wall sweep_rss < <(best "$BIN" sweep "$PROFILE" "${GRID[@]}")
rows=$(($(wc -l < "$WORK/out") - 1))
read -r sweep1_wall _ < <(best "$BIN" sweep "$PROFILE" "${GRID[@]}" --threads 1)
# The same grid with the local option's capacity derived (docs/capacity.md) instead of measured.
read -r sweepd_wall sweepd_rss < <(best "$BIN" sweep "$PWD/bench/profile-derived.yaml" "${GRID[@]}")
read -r sim_wall sim_rss < <(best "$BIN" simulate "$PROFILE" --samples 1000000 --format json --max-price-age 0)
read -r sim1_wall _ < <(best "$BIN" simulate "$PROFILE" --samples 1000000 --format json --threads 1 --max-price-age 0)

# The breakeven-volume search on a curve with 50 machine-count steps (bench/volume_search.cpp).
volume_line=$("$PWD/build/release/llmtco_bench_volume")

# A single estimate of a shipped profile: mean process wall time over 50 runs.
start=$(date +%s%N)
for _ in $(seq 50); do "$BIN" estimate profiles/classification-100k.yaml > /dev/null; done
estimate_ms=$(awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $start) / 50 / 1e6}")

# plan over the whole catalog (every hardware × model × quant × engine): mean process wall of 20 runs.
start=$(date +%s%N)
for _ in $(seq 20); do "$BIN" plan profiles/classification-100k.yaml --model all --variants > /dev/null; done
plan_ms=$(awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $start) / 20 / 1e6}")

# estimate on 10 workloads × 10 options with two shared pools (issue 17's bar: 50 ms), mean of 20.
start=$(date +%s%N)
for _ in $(seq 20); do "$BIN" estimate bench/portfolio-10x10.yaml > /dev/null; done
portfolio_ms=$(awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $start) / 20 / 1e6}")
# The same on one core (the portfolios and the breakevens then run in turn, not side by side).
portfolio1_ms="?"
if command -v taskset > /dev/null; then
    start=$(date +%s%N)
    for _ in $(seq 20); do taskset -c 0 "$BIN" estimate bench/portfolio-10x10.yaml > /dev/null; done
    portfolio1_ms=$(awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $start) / 20 / 1e6}")
fi
plan_rows=$("$BIN" plan profiles/classification-100k.yaml --model all --variants --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["workloads"][0]["candidates"])' 2>/dev/null || echo "?")

# import of LiteLLM spend logs (issue 18's bar: 1,000,000 rows under 2 s, memory flat): 100,000 and
# 1,000,000 generated rows (bench/litellm_rows.py), best of 3 each.
python3 bench/litellm_rows.py 100000 > "$WORK/spend100k.csv"
python3 bench/litellm_rows.py 1000000 > "$WORK/spend1m.csv"
read -r import100k_wall import100k_rss < <(best "$BIN" import litellm-spend "$WORK/spend100k.csv")
read -r import1m_wall import1m_rss < <(best "$BIN" import litellm-spend "$WORK/spend1m.csv")
import1m_mb=$(($(stat -c %s "$WORK/spend1m.csv") / 1048576))
rm -f "$WORK/spend100k.csv" "$WORK/spend1m.csv"

# The reference: the same formulas in plain Python on a 20,000-scenario slice of the grid.
ref_line=""
if command -v python3 > /dev/null; then
    calls=$("$BIN" sweep "$PROFILE" --vary workloads.w.calls=100..1M:20:log --vary settings.labor_rate_per_hour=150 \
            | tail -n +2 | cut -d, -f1 | paste -sd,)
    purchases=$("$BIN" sweep "$PROFILE" --vary options.local.box.hardware.purchase=500..5000:100 \
            | tail -n +2 | cut -d, -f1 | paste -sd,)
    read -r ref_wall _ < <(best python3 bench/reference_sweep.py "$calls" "$purchases")
    ref_per_million=$(awk "BEGIN{printf \"%.1f\", $ref_wall * 1000000 / 2000}")
    ratio=$(awk "BEGIN{printf \"%.0f\", $ref_per_million / $sweep_wall}")
    ref_line="| same sweep in plain Python (bench/reference_sweep.py, 2,000 scenarios, scaled to 1,000,000) | ${ref_per_million} s | — | llm-tco is ${ratio}× faster |"
fi

cat <<TABLE
Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)

| benchmark | wall | peak RSS | note |
|---|---:|---:|---|
| sweep, ${rows} scenarios to CSV (36 months, 1 cloud + 1 local), all cores | ${sweep_wall} s | $((sweep_rss / 1024)) MB | --threads 1: ${sweep1_wall} s |
| the same sweep with derived capacity (bench/profile-derived.yaml), all cores | ${sweepd_wall} s | $((sweepd_rss / 1024)) MB | RTX 4090 × Llama 3.1 8B Q4_K_M × llama.cpp |
| plan profiles/classification-100k.yaml --model all --variants (process wall, mean of 20) | ${plan_ms} ms | — | ${plan_rows} combinations evaluated |
| simulate --samples 1000000, all cores | ${sim_wall} s | $((sim_rss / 1024)) MB | --threads 1: ${sim1_wall} s |
| estimate profiles/classification-100k.yaml (process wall, mean of 50) | ${estimate_ms} ms | — | includes loading the built-in catalog |
| estimate bench/portfolio-10x10.yaml: 10 workloads × 10 options, two pools (process wall, mean of 20) | ${portfolio_ms} ms | — | the portfolio search and every breakeven included; ${portfolio1_ms} ms on one core |
| import litellm-spend, 1,000,000 CSV rows (${import1m_mb} MB, bench/litellm_rows.py) | ${import1m_wall} s | $((import1m_rss / 1024)) MB | 100,000 rows: ${import100k_wall} s, $((import100k_rss / 1024)) MB: memory does not grow with the file |
| breakeven-volume search, 50 machine-count steps below the breakeven (bench/volume_search.cpp, mean of 200) | ${volume_line%% ms*} ms | — | ${volume_line#*; } |
${ref_line}
TABLE
