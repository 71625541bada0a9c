#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"
#include "render/chart.hpp"
#include "render/svg.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace llmtco::cli {

namespace {

/// How a format of estimate goes with --chart.
enum class EstimateChart {
    below, ///< the chart is drawn below this format's output
    alone, ///< this format is the chart alone
    none,  ///< no chart with this format
};

struct EstimateFormat {
    ResultRenderer print;
    EstimateChart chart = EstimateChart::none;
};

} // namespace

static const FormatTable<EstimateFormat> kEstimateFormats{
    {"table", {{render::estimate_table, true}, EstimateChart::below}},
    {"json",
     {{[](const Result& r, const render::Options&) { return render::dump(render::estimate_json(r)); },
       true}}},
    {"csv", {{[](const Result& r, const render::Options&) { return render::estimate_csv(r); }, true}}},
    {"markdown", {{render::estimate_markdown, true}}},
    {"svg",
     {{[](const Result& r, const render::Options&) { return render::cumulative_svg_document(r); }},
      EstimateChart::alone}},
};

const FormatList& estimate_formats() { return kEstimateFormats; }

void set_estimate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static bool chart = false;
    static std::string view = "cash";
    add_common_options(sub, o, kEstimateFormats, true);
    sub.add_option(
           "--view", view,
           "How the charts count a purchase: cash (in the month it is paid, less the book value still "
           "owned) or amortised (spread over its lifetime, straight line: a profit-and-loss line)")
        ->check(CLI::IsMember({"cash", "amortised"}));
    sub.add_flag(
        "--chart", chart,
        "Below the tables, a chart of cumulative cost per option (less the book value of hardware still "
        "owned) with the breakeven crossings "
        "(Unicode and colour on a terminal, ASCII when piped or with --no-color; width from COLUMNS)");
    sub.footer(R"(--format svg writes the cumulative-cost chart alone, as an SVG image; 'llm-tco report' makes
a whole HTML report with every chart. --view amortised draws the charts with each purchase spread
over its lifetime (JSON carries both: monthly_cost and amortised_monthly_cost).

With several workloads, a portfolio section follows: every workload on one option as one bill
(a cloud option's setup and fees paid once), the cheapest found by an exact search, beside the
cheapest all-cloud and all-local ones. 'serves: [workload, ...]' on an option limits the
workloads it is priced for.

Examples:
  llm-tco estimate profiles/monitoring-agent.yaml
  llm-tco estimate profiles/monitoring-agent.yaml --set workloads.monitoring.calls=10k/day --explain
  llm-tco estimate profiles/embeddings-search.yaml --chart
  llm-tco estimate profiles/embeddings-search.yaml --format svg > cumulative.svg
  llm-tco estimate base.yaml what-if.yaml --horizon 24 --format json)");
    sub.callback([&ctx] {
        const auto& format = kEstimateFormats[o.format];
        if (chart && format.chart == EstimateChart::alone)
            throw UsageError(
                fmt::format("--chart draws below the tables; --format {} is the chart alone", o.format));
        if (chart && format.chart == EstimateChart::none) {
            throw UsageError(fmt::format("--chart goes with the table format, not {}; for a chart file use "
                                         "--format svg",
                                         o.format));
        }
        const bool amortised = view == "amortised";
        if (amortised && !chart && format.chart != EstimateChart::alone)
            throw UsageError(
                "--view amortised is how the charts count purchases: give --chart or --format svg");
        // The amortised view: each option's months as amortised_cost, no book value to take off.
        auto as_viewed = [&](const Result& r) {
            Result v = r;
            for (auto& w : v.workloads) {
                for (auto& opt : w.options) {
                    opt.monthly_cost = opt.amortised_cost;
                    opt.book_value.clear();
                }
            }
            return v;
        };
        const auto profile = load_profile(o);
        if (!format.print.shows_option_warnings) warn_on_stderr(profile);
        const auto result = estimate(profile);
        const auto& shown = amortised && format.chart == EstimateChart::alone ? as_viewed(result) : result;
        write_stdout(format.print.render(shown, render_options(o)));
        if (chart) {
            const bool fancy = render_options(o).color; // a terminal, colour allowed
            write_stdout("\n" + render::cumulative_chart(amortised ? as_viewed(result) : result,
                                                         {output_columns(), fancy}));
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
