#!/usr/bin/env python3
"""Keeps the key reference of docs/profile-format.md equal to the key table.

`llm-tco schema --format markdown` prints one table per part of a profile under its `### `
heading. Each of those headings is found in docs/profile-format.md, and the table after it (the
run of lines starting with `|`) must equal the generated one; prose between the tables is the
docs' own. With --update the tables are rewritten from the binary.

  tests/docs/key_reference.py BINARY_DIR [--update]     exit 1 when a table differs
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "profile-format.md")


def generated(binary):
    text = subprocess.run([binary, "schema", "--format", "markdown"], check=True,
                          stdout=subprocess.PIPE).stdout.decode("utf-8")
    sections, heading = {}, None
    for line in text.split("\n"):
        if line.startswith("### "):
            heading = line
            sections[heading] = []
        elif line.startswith("|") and heading:
            sections[heading].append(line)
    return sections


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    update = "--update" in sys.argv[2:]
    sections = generated(os.path.join(sys.argv[1], "llm-tco"))
    lines = open(DOC, encoding="utf-8").read().split("\n")
    failed = 0
    for heading, table in sections.items():
        if heading not in lines:
            print(f"docs/profile-format.md: no heading '{heading}' for the generated table")
            failed += 1
            continue
        start = lines.index(heading) + 1
        while start < len(lines) and not lines[start].startswith("|"):
            start += 1
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        if lines[start:end] != table:
            if update:
                lines[start:end] = table
            else:
                failed += 1
                print(f"docs/profile-format.md: the table under '{heading}' differs from "
                      f"`llm-tco schema --format markdown`:")
                for want in table:
                    if want not in lines[start:end]:
                        print("  missing: " + want)
                for have in lines[start:end]:
                    if have not in table:
                        print("  extra:   " + have)
    if update:
        open(DOC, "w", encoding="utf-8").write("\n".join(lines))
        print("updated docs/profile-format.md")
        return 0
    print(f"{len(sections) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
