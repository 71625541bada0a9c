#!/usr/bin/env python3
"""Checks the `$ llm-tco …` transcripts quoted in README.md and docs/*.md against the binary.

A transcript is a line in a fenced code block starting with `$ llm-tco` (continued by trailing
backslashes), followed by its expected output up to the next `$ ` line or the end of the block.
Transcripts that need files the docs create along the way (example.yaml, /tmp/…, git revisions)
are skipped when those files do not exist. A command alone in its block is followed by its standard output in the next block (```json). A line "…"
in the expected output stands for any number of lines; in such an excerpt blank lines are ignored. Runs with LLMTCO_TODAY
fixed, NO_COLOR, COLUMNS=80 and the user catalog ignored (LLMTCO_NO_USER_CATALOG=1); stderr is merged
into stdout.

  tests/docs/transcripts.py BINARY_DIR [--update]     exit 1 when a transcript differs
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-29"  # the date the docs were written on; tests/cli/run.hpp uses the same


def transcripts(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_fence = not in_fence
            i += 1
            continue
        if in_fence and line.startswith("$ llm-tco"):
            start = i
            command = line[2:]
            while command.endswith("\\"):
                i += 1
                command = command + "\n" + lines[i]
            i += 1
            out_start = i
            while i < len(lines) and not lines[i].startswith("```") and not lines[i].startswith("$ "):
                i += 1
            if i == out_start and i < len(lines) and lines[i].startswith("```"):
                # a command alone in its block: its output is the next fenced block, e.g. ```json
                j = i + 1
                while j < len(lines) and lines[j] == "":
                    j += 1
                if j < len(lines) and lines[j].startswith("```"):
                    end = j + 1
                    while end < len(lines) and not lines[end].startswith("```"):
                        end += 1
                    yield start, j + 1, end, command, True
                    i = end + 1
                    in_fence = False
                    continue
            yield start, out_start, i, command, False
            continue
        i += 1


ELISION = ("…", "...")


def matches(expected, actual):
    """True when `actual` equals `expected`, where a line "…" in `expected` stands for any lines."""
    if not expected:
        return not actual
    if expected[0].strip() in ELISION:
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def needs_missing_file(command):
    for word in re.findall(r"[\w./-]+\.(?:yaml|json|csv)\b", command):
        if not word.startswith("git:") and not os.path.exists(os.path.join(ROOT, word)):
            return True
    return "git:" in command


def main():
    binary_dir = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv
    env = dict(os.environ, LLMTCO_TODAY=TODAY, NO_COLOR="1", LLMTCO_NO_USER_CATALOG="1", COLUMNS="80",
               PATH=binary_dir + os.pathsep + os.environ["PATH"])
    # Commands run in a scratch directory that sees the tree's files through symlinks, so files the
    # quoted commands write (--output, > grid.csv) land there, not in the source tree.
    scratch = tempfile.TemporaryDirectory(prefix="llmtco-docs-")
    # A quoted `prices import` installs into the scratch directory, never into the user's own.
    env["XDG_DATA_HOME"] = os.path.join(scratch.name, ".data")
    for entry in os.listdir(ROOT):
        if not entry.startswith(".") and entry != "build":
            os.symlink(os.path.join(ROOT, entry), os.path.join(scratch.name, entry))
    failures = checked = skipped = 0
    files = ["README.md"] + sorted("docs/" + f for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    for name in files:
        path = os.path.join(ROOT, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        replacements = []
        for start, out_start, end, command, stdout_only in transcripts(path):
            if needs_missing_file(command):
                skipped += 1
                continue
            run = subprocess.run(["bash", "-c", command + ("" if stdout_only else " 2>&1")], cwd=scratch.name, env=env,
                                 capture_output=True, text=True, timeout=120)
            actual = run.stdout.rstrip("\n").split("\n") if run.stdout.strip() else []
            expected = lines[out_start:end]
            while expected and expected[-1] == "":
                expected.pop()
            checked += 1
            elided = any(line.strip() in ELISION for line in expected)
            if elided:  # an excerpt: blank lines are layout, not content
                expected = [line for line in expected if line.strip()]
                actual = [line for line in actual if line.strip()]
            if not matches(expected, actual):
                failures += 1
                print(f"{name}:{start + 1}: transcript differs: {command.splitlines()[0]}")
                for a, b in zip(expected + [""] * len(actual), actual + [""] * len(expected)):
                    if a != b:
                        print(f"  docs:   {a}\n  actual: {b}")
                        break
                if not elided:
                    replacements.append((out_start, out_start + len(expected), actual))
                else:
                    print("  (elided transcript: not updated automatically)")
        if update and replacements:
            for s, e, new in reversed(replacements):
                lines[s:e] = new
            open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"{checked} transcripts checked, {failures} differ, {skipped} skipped (need files the docs create)")
    return 1 if failures and not update else 0


if __name__ == "__main__":
    sys.exit(main())
