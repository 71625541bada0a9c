#!/usr/bin/env bash
# The libFuzzer targets for a short, fixed budget each (default 30 s, all at once), seeded with the
# checked-in corpus and the regressions: exit 1 when any finds a crash, a sanitizer report, a
# timeout (10 s an input) or an out-of-memory (2 GB), its input left in build/fuzz/findings/.
# .ci/run calls it; docs/testing.md has the longer runs. Usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"

if ! dpkg -s clang libclang-rt-14-dev >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends clang libclang-rt-14-dev
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_profile fuzz_parsers fuzz_catalog  # not the CLI nor its man page

findings=build/fuzz/findings
mkdir -p "$findings"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

declare -A extra=([fuzz_profile]="-max_len=8192" [fuzz_parsers]="" [fuzz_catalog]="-max_len=16384")
declare -A corpus=([fuzz_profile]=profile [fuzz_parsers]=parsers [fuzz_catalog]=catalog)
pids=()
for target in fuzz_profile fuzz_parsers fuzz_catalog; do
    dir="$work/${corpus[$target]}"
    mkdir -p "$dir"
    cp tests/fuzz/corpus/"${corpus[$target]}"/* "$dir"/
    [ "$target" = fuzz_profile ] && cp tests/fuzz/regressions/* "$dir"/
    # shellcheck disable=SC2086 # extra holds separate flags
    build/fuzz/$target "$dir" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        ${extra[$target]} -artifact_prefix="$findings/$target-" -print_final_stats=1 \
        >"$work/$target.log" 2>&1 &
    pids+=("$!")
done

status=0
i=0
for target in fuzz_profile fuzz_parsers fuzz_catalog; do
    if wait "${pids[$i]}"; then
        runs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$target.log" | grep -o '[0-9]*$' || true)"
        echo "tests/fuzz/run.sh: $target: ${seconds} s, ${runs:-?} inputs, nothing found"
    else
        echo "tests/fuzz/run.sh: $target FOUND A PROBLEM (input in $findings/):" >&2
        tail -40 "$work/$target.log" >&2
        status=1
    fi
    i=$((i + 1))
done
exit "$status"
