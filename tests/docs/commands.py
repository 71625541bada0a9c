#!/usr/bin/env python3
"""Checks what README.md and docs/*.md say about llm-tco's commands against the binary.

- Every command the docs run (`llm-tco WORD …` in inline code, or a line `$ llm-tco WORD …` /
  `llm-tco WORD …` in a fenced block) is a command `llm-tco --help` lists.
- No paragraph outside code says that a real command does not exist, is not implemented or is
  planned (the prose a release forgets when it adds the command).

  tests/docs/commands.py BINARY_DIR     exit 1 naming each file:line that is wrong
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

STALE = re.compile(
    r"\b(?:do|does|did) not exist\b|\bnot (?:yet )?(?:implemented|available|supported)\b|\bnot yet\b"
    r"|\b(?:is|are) planned\b|\bcoming soon\b|\b(?:a |the )?(?:future|later|next) release\b"
    r"|\b(?:neither|none|it) is there\b|\bnot there\b",
    re.IGNORECASE)
INLINE = re.compile(r"`llm-tco ([a-z][a-z0-9-]*)")
FENCED = re.compile(r"^\s*(?:\$ |run: )?llm-tco ([a-z][a-z0-9-]*)")


def real_commands(binary_dir):
    text = subprocess.run([os.path.join(binary_dir, "llm-tco"), "--help"], capture_output=True, text=True,
                          check=True).stdout
    commands = set()
    in_list = False
    for line in text.split("\n"):
        if line.strip().lower() == "subcommands:":
            in_list = True
        elif in_list and re.match(r"^  [a-z]", line):
            commands.add(line.split()[0])
        elif in_list and line.strip() and not line.startswith("  "):
            in_list = False
    if not commands:
        sys.exit("commands.py: found no SUBCOMMANDS in llm-tco --help")
    return commands


def doc_files():
    yield os.path.join(ROOT, "README.md")
    docs = os.path.join(ROOT, "docs")
    for name in sorted(os.listdir(docs)):
        if name.endswith(".md"):
            yield os.path.join(docs, name)


def problems(rel, text, commands):
    in_fence = False
    paragraph = []  # (line number, text) of the prose paragraph being read

    def stale(paragraph):
        # A sentence that names a real command (`llm-tco X`, or `X` with the word "command") and says
        # it does not exist or is still to come.
        prose = " ".join(t for _, t in paragraph)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z`(])", prose):
            m = STALE.search(sentence)
            if not m:
                continue
            about_commands = re.search(r"\bcommands?\b", sentence)
            named = sorted(c for c in commands
                           if re.search(r"`llm-tco " + re.escape(c) + r"\b[^`]*`", sentence)
                           or (about_commands and re.search(r"`" + re.escape(c) + r"`", sentence)))
            if named:
                yield f"{rel}:{paragraph[0][0]}: says that {', '.join(named)} '{m.group(0)}', but they are commands"

    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            m = FENCED.match(line)
            if m and m.group(1) not in commands:
                yield f"{rel}:{number}: runs 'llm-tco {m.group(1)}', which is not a command"
            continue
        for m in INLINE.finditer(line):
            if m.group(1) not in commands:
                yield f"{rel}:{number}: mentions 'llm-tco {m.group(1)}', which is not a command"
        starts_item = re.match(r"^\s*(?:[-*] |\d+\. |#|\|)", line)
        if not line.strip() or starts_item:
            yield from stale(paragraph)
            paragraph = []
        if line.strip():
            paragraph.append((number, line))
    yield from stale(paragraph)


def self_test(commands):
    """The checker flags the sentence docs/profile-format.md kept after the commands were added."""
    sample = ("- PRODUCT.md's `init` (a starter profile), `schema` (the JSON Schema the shipped profiles'\n"
              "  `$schema` comment points at), `report` and `completion` commands do not exist.\n"
              "Run `llm-tco budget check` in CI.\n")
    found = sorted(problems("sample.md", sample, commands))
    expected = ["sample.md:1: says that completion, init, report, schema 'do not exist', but they are commands",
                "sample.md:3: mentions 'llm-tco budget', which is not a command"]
    if found != expected:
        sys.exit(f"commands.py: the self-test found {found}, expected {expected}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    commands = real_commands(sys.argv[1])
    self_test(commands)
    found = [p for path in doc_files()
             for p in problems(os.path.relpath(path, ROOT), open(path, encoding="utf-8").read(), commands)]
    for p in found:
        print(p)
    if found:
        sys.exit(1)
    print(f"commands.py: {len(commands)} commands, docs agree")


if __name__ == "__main__":
    main()
