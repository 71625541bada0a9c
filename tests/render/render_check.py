#!/usr/bin/env python3
"""Checks that charts really draw something, by looking at their pixels.

  render_check.py svg BINARY_DIR       llm-tco's SVG charts (estimate --format svg, and the three
                                       charts of a report) through rsvg-convert to PNG: each must
                                       have ink and show every series colour
  render_check.py png FILE.png COLOUR…  one PNG (e.g. a browser screenshot): ink and those colours

A PNG is "not blank" when at least 1 % of its pixels differ clearly from its background (its most
common colour) and each expected colour covers at least 30 pixels (for llm-tco's charts: inside
the plot area, so a legend swatch alone does not count). The PNG decoder below handles
8-bit RGB and RGBA, all five row filters, no interlacing: what rsvg-convert and Chromium write.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERIES = ["#0072B2", "#E69F00", "#009E73"]  # src/render/axes.cpp, series 0, 1, 2
PLOT_BOTTOM = 40 + 280  # src/render/svg.cpp: kTop + kPlotHeight; the legend is below


def decode_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        prev = line
    pixels = []
    for line in rows:
        for x in range(width):
            r, g, b = line[x * bpp:x * bpp + 3]
            alpha = line[x * bpp + 3] if bpp == 4 else 255
            # composite on white, as a viewer shows a transparent background
            pixels.append(tuple((v * alpha + 255 * (255 - alpha)) // 255 for v in (r, g, b)))
    return width, height, pixels


def check_png(path, colours, plot_rows=None):
    """`plot_rows`: count colours only in the rows above it (the plot, not the legend's swatches)."""
    width, height, pixels = decode_png(path)
    plot = pixels if plot_rows is None else pixels[:width * plot_rows]
    background = Counter(pixels).most_common(1)[0][0]
    ink = sum(1 for p in pixels if max(abs(p[i] - background[i]) for i in range(3)) > 40)
    problems = []
    if ink < 0.01 * len(pixels):
        problems.append(f"blank: only {ink} of {len(pixels)} pixels differ from the background {background}")
    for colour in colours:
        want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        count = sum(1 for p in plot if max(abs(p[i] - want[i]) for i in range(3)) <= 24)
        if count < 30:
            problems.append(f"colour {colour}: {count} pixels (expected a drawn series)")
    print(f"{path}: {width}×{height}, {100.0 * ink / len(pixels):.1f} % ink"
          + ("" if problems or not colours else ", " + ", ".join(colours) + " present"))
    for p in problems:
        print("  " + p)
    return not problems


def check_svgs(binary_dir):
    binary = os.path.join(binary_dir, "llm-tco")
    env = dict(os.environ, LLMTCO_TODAY="2026-11-29", LLMTCO_NO_USER_CATALOG="1")
    svgs = []
    run = lambda *args: subprocess.run([binary, *args], cwd=ROOT, env=env, check=True, capture_output=True,
                                       text=True).stdout
    svgs.append(("estimate --format svg", run("estimate", "profiles/embeddings-search.yaml", "--format", "svg")))
    html = run("report", "profiles/monitoring-agent-local.yaml")
    for i, svg in enumerate(re.findall(r"<svg.*?</svg>", html, re.S)):
        svgs.append((f"report chart {i + 1}", svg))
    if len(svgs) != 4:
        print(f"expected 4 charts, found {len(svgs)}")
        return False
    ok = True
    with tempfile.TemporaryDirectory(prefix="llmtco-render-") as tmp:
        for i, (what, svg) in enumerate(svgs):
            src, png = os.path.join(tmp, f"{i}.svg"), os.path.join(tmp, f"{i}.png")
            open(src, "w", encoding="utf-8").write(svg)
            subprocess.run(["rsvg-convert", src, "-o", png], check=True)
            print(what + ":", end=" ")
            # the charts of the report show 3 options; the stacked bars colour line items instead
            colours = SERIES[:2] if i == 0 else [] if i == 2 else SERIES
            ok = check_png(png, colours, PLOT_BOTTOM) and ok
    return ok


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "svg":
        return 0 if check_svgs(sys.argv[2]) else 1
    if len(sys.argv) >= 3 and sys.argv[1] == "png":
        return 0 if check_png(sys.argv[2], sys.argv[3:]) else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
