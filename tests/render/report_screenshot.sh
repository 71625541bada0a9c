#!/usr/bin/env bash
# Opens an llm-tco HTML report in headless Chromium (Debian's chromium package), saves a
# screenshot and a PDF print, and checks that the screenshot shows the charts (not a blank page)
# and the print has pages. .ci/run runs it when chromium is installed.
#   tests/render/report_screenshot.sh BINARY_DIR [SCREENSHOT.png]
set -euo pipefail
binary_dir=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "report_screenshot: chromium is not installed (apt-get install chromium)" >&2
    exit 1
fi
work=$(mktemp -d /tmp/llmtco-screenshot-XXXXXX)
trap 'rm -rf "$work"' EXIT

cd "$root"
LLMTCO_TODAY=2026-11-29 "$binary_dir/llm-tco" report profiles/embeddings-search.yaml -o "$work/report.html"

# The flags keep Chromium off the network (this machine has none) and out of the user's profile.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-extensions --hide-scrollbars
       --user-data-dir="$work/profile")
timeout 120 "$chromium" "${flags[@]}" --window-size=1000,2600 --screenshot="$work/report.png" \
    "file://$work/report.html" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/report.pdf" \
    "file://$work/report.html" >>"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }

# the screenshot shows the report's charts: both series colours are there
python3 "$root/tests/render/render_check.py" png "$work/report.png" '#0072B2' '#E69F00'
pages=$(grep -a -o '/Count [0-9]*' "$work/report.pdf" | awk '{ if ($2 > n) n = $2 } END { print n + 0 }')
echo "report.pdf: $(stat -c %s "$work/report.pdf") bytes, $pages pages"
if [ "$pages" -lt 2 ]; then
    echo "report_screenshot: expected the print to take more than one A4 page" >&2
    exit 1
fi
if [ -n "$out" ]; then cp "$work/report.png" "$out"; fi
