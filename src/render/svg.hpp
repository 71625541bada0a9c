#pragma once
// SVG charts for `estimate --format svg` and the HTML report. Plain SVG 1.1 with presentation
// attributes (no scripts, no external fonts or images), so any viewer and rsvg-convert draw it.
// Series and markers carry class and data-* attributes naming what they show.

#include "llmtco/curves.hpp"
#include "llmtco/engine.hpp"

#include <string>

namespace llmtco::render {

/// <svg>: cumulative cost per option of workload `w` by month, breakeven crossings marked.
std::string cumulative_svg(const Result& r, const WorkloadResult& w, int width = 760);

/// <svg>: each option's average monthly cost (its total ÷ the horizon), stacked by line item.
std::string items_svg(const Result& r, const WorkloadResult& w, int width = 760);

/// <svg>: each option's total over the horizon against calls/day (log–log), with the breakeven
/// volumes and the workload's own volume marked.
std::string volume_svg(const Result& r, const WorkloadResult& w, const VolumeCurve& curve, int width = 760);

/// A standalone SVG document holding the cumulative chart of every workload, one under another.
std::string cumulative_svg_document(const Result& r);

} // namespace llmtco::render
