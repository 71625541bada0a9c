#pragma once
// The self-contained HTML report of `llm-tco report`: summary and recommendation, the tables, SVG
// charts and the --explain derivation, with inline CSS (and a print stylesheet). No scripts, and
// nothing fetched: no fonts, images or styles from anywhere.

#include "llmtco/curves.hpp"
#include "llmtco/engine.hpp"

#include <string>
#include <vector>

namespace llmtco::render {

struct ReportInfo {
    std::vector<std::string> files;  ///< the profile files, as given
    std::string date;                ///< YYYY-MM-DD the report was made
    std::string version;             ///< llm-tco's version
    std::vector<VolumeCurve> curves; ///< per workload of the result: totals against calls/day
};

std::string html_report(const Result& r, const ReportInfo& info);

} // namespace llmtco::render
