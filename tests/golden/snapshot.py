#!/usr/bin/env python3
"""Every shipped profile through every deterministic command, compared with committed output.

A refactor that must not change results (the key-table work of issue 12, say) proves it here:
the outputs in tests/data/golden/profiles/NAME.txt were written by the binary before the change,
and this script fails on any byte that differs. A change that is meant to move numbers updates
them with --update, and the diff of those files is the review of what moved.

  tests/golden/snapshot.py BINARY_DIR [--update]     exit 1 when an output differs

Runs with LLMTCO_TODAY fixed, NO_COLOR, COLUMNS=80 and the user catalog ignored
(LLMTCO_NO_USER_CATALOG=1); stderr is merged into stdout, and the exit
code is recorded. `simulate` is left out: its samples are keyed by input path (PRODUCT §4a), and the
property tests cover it.
"""
import difflib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-29"  # the same day tests/cli/run.hpp and tests/docs/transcripts.py pin
GOLDEN = os.path.join(ROOT, "tests", "data", "golden", "profiles")

COMMANDS = [
    ["estimate", "{p}"],
    ["estimate", "{p}", "--format", "json"],
    ["estimate", "{p}", "--format", "csv"],
    ["estimate", "{p}", "--format", "markdown"],
    ["estimate", "{p}", "--explain"],
    ["estimate", "{p}", "--horizon", "120"],
    ["breakeven", "{p}"],
    ["breakeven", "{p}", "--format", "json"],
    ["recommend", "{p}"],
    ["check", "{p}"],
    ["validate", "{p}"],
    ["sensitivity", "{p}"],
    ["sweep", "{p}", "--vary", "settings.labor_rate_per_hour=50,150,250", "--vary",
     "settings.horizon_months=12..60:3", "--threads", "1"],
    ["sweep", "{p}", "--vary", "settings.days_per_month=30,31", "--format", "jsonl", "--threads", "1"],
]


def run(binary, profile):
    env = dict(os.environ, LLMTCO_TODAY=TODAY, NO_COLOR="1", LLMTCO_NO_USER_CATALOG="1", COLUMNS="80")
    out = []
    for command in COMMANDS:
        args = [a.replace("{p}", profile) for a in command]
        r = subprocess.run([binary] + args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        out.append("$ llm-tco " + " ".join(args) + "\n")
        out.append(r.stdout.decode("utf-8", "replace"))
        out.append(f"[exit {r.returncode}]\n\n")
    return "".join(out)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.join(sys.argv[1], "llm-tco")
    update = "--update" in sys.argv[2:]
    profiles = sorted(f for f in os.listdir(os.path.join(ROOT, "profiles")) if f.endswith(".yaml"))
    os.makedirs(GOLDEN, exist_ok=True)
    failed = 0
    for name in profiles:
        got = run(binary, "profiles/" + name)
        path = os.path.join(GOLDEN, name[:-5] + ".txt")
        if update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            continue
        want = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if got != want:
            failed += 1
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       path, "binary", n=2))
    known = {f for f in os.listdir(GOLDEN) if f.endswith(".txt")}
    stale = known - {p[:-5] + ".txt" for p in profiles}
    for f in sorted(stale):
        print(f"{f}: no shipped profile of that name any more; remove it or run --update")
        failed += 1
    if update:
        print(f"wrote {len(profiles)} files to {os.path.relpath(GOLDEN, ROOT)}")
        return 0
    print(f"{len(profiles) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
