#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/curves.hpp"
#include "render/html.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace llmtco::cli {

/// Points on each total-vs-calls/day curve of the report.
constexpr int kVolumePoints = 61;

void set_report_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::string output;
    sub.add_option(
           "FILE", o.files,
           "Profile(s); later files override earlier ones key by key ('-' reads stdin, git:REV:PATH reads "
           "a committed version)")
        ->required();
    sub.add_option(
           "-o,--output", output,
           "Write the report here (e.g. report.html; replaced atomically, never one of the inputs); default: "
           "standard output, unless that is a terminal")
        ->option_text("FILE");
    sub.add_option("--horizon", o.horizon, "Months to cover (overrides settings.horizon_months)")
        ->check(CLI::Range(1, 1200));
    sub.add_option("--set", o.sets, "Override an input: PATH=VALUE (repeatable)")->take_all();
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    add_user_catalog_flag(sub, o.no_user_catalog);
    add_price_age_option(sub, o);
    sub.footer(R"(One self-contained HTML file: per workload the recommendation and its reasons, the cost and
breakeven tables, SVG charts (cumulative cost with the breakeven months marked, average monthly
cost by line item, total cost against calls/day on a log axis with the breakeven volumes) and
the derivation of every line item. CSS and SVG are inline: no scripts, nothing fetched. It
prints well (A4, one workload per page).

Examples:
  llm-tco report profiles/embeddings-search.yaml -o report.html
  llm-tco report profiles/budgets-example.yaml --horizon 24 -o budgets.html)");
    sub.callback([&ctx] {
        if (output.empty() && isatty(STDOUT_FILENO) == 1) {
            throw UsageError("report writes an HTML file: give -o report.html (or redirect standard output)");
        }
        if (!output.empty()) refuse_input_as_output(output, input_files(o));
        const auto profile = load_profile(o);
        warn_on_stderr(profile);
        const auto result = estimate(profile);
        render::ReportInfo info{o.files, today(), LLMTCO_VERSION, {}};
        for (std::size_t i = 0; i < result.workloads.size(); ++i) {
            const auto [low, high] = volume_range(result.workloads[i]);
            info.curves.push_back(
                cost_by_volume(profile, profile.workloads[i], log_spaced(low, high, kVolumePoints)));
        }
        const auto html = render::html_report(result, info);
        if (output.empty()) {
            write_stdout(html);
        } else {
            write_file(output, html, input_files(o));
            fmt::print(stderr, "llm-tco: wrote {} ({} KB)\n", output, (html.size() + 1023) / 1024);
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
