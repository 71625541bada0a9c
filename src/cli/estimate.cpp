#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"
#include "render/chart.hpp"
#include "render/svg.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace llmtco::cli {

void set_estimate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static bool chart = false;
    add_common_options(sub, o, true, {"table", "json", "csv", "markdown", "svg"});
    sub.add_flag(
        "--chart", chart,
        "Below the tables, a chart of cumulative cost per option with the breakeven crossings "
        "(Unicode and colour on a terminal, ASCII when piped or with --no-color; width from COLUMNS)");
    sub.footer(R"(--format svg writes the cumulative-cost chart alone, as an SVG image; 'llm-tco report' makes
a whole HTML report with every chart.

Examples:
  llm-tco estimate profiles/monitoring-agent.yaml
  llm-tco estimate profiles/monitoring-agent.yaml --set workloads.monitoring.calls=10k/day --explain
  llm-tco estimate profiles/embeddings-search.yaml --chart
  llm-tco estimate profiles/embeddings-search.yaml --format svg > cumulative.svg
  llm-tco estimate base.yaml what-if.yaml --horizon 24 --format json)");
    sub.callback([&ctx] {
        if (o.format == "svg") {
            if (chart) throw UsageError("--chart draws below the tables; --format svg is the chart alone");
            const auto profile = load_profile(o);
            warn_on_stderr(profile);
            write_stdout(render::cumulative_svg_document(estimate(profile)));
            ctx.exit_code = 0;
            return;
        }
        if (chart && !o.format.empty() && o.format != "table") {
            throw UsageError(fmt::format("--chart goes with the table format, not {}; for a chart file use "
                                         "--format svg",
                                         o.format));
        }
        const auto result = estimate_and_print(o, {render::estimate_table, render::estimate_json,
                                                   render::estimate_csv, render::estimate_markdown, true});
        if (chart) {
            const bool fancy = render_options(o).color; // a terminal, colour allowed
            write_stdout("\n" + render::cumulative_chart(result, {output_columns(), fancy}));
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
