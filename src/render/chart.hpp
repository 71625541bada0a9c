#pragma once
// The terminal chart of `estimate --chart`: cumulative cost per option over the horizon, one per
// workload, with the breakeven crossings marked and labelled, axes and a legend.

#include "llmtco/engine.hpp"

#include <string>

namespace llmtco::render {

struct ChartOptions {
    int columns = 80;     ///< total width; every line fits
    bool unicode = false; ///< braille dots, box-drawing axes and colour; else plain ASCII
    int rows = 14;        ///< height of the plot area in lines
};

/// The narrowest chart drawn; below it a one-line note says so.
inline constexpr int kMinChartColumns = 40;

std::string cumulative_chart(const Result& r, const ChartOptions& o);

} // namespace llmtco::render
