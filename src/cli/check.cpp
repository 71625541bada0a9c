#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/budget.hpp"
#include "render/ci.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <fstream>

namespace llmtco::cli {

void set_check_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::string output;
    add_common_options(sub, o, false, {"text", "json", "junit", "markdown"});
    sub.add_option("-o,--output", output,
                   "Also write the report (in --format) to this file; the text summary still goes to stdout");
    sub.footer(R"(Evaluates every entry of 'budgets:' and prints each with its actual figure, its limit and
PASS/FAIL. Exit 0 when all pass, 1 when any fails, 2 on bad input.

Budget keys: max_monthly (largest recurring month), max_total, max_cost_per_1k_calls,
breakeven_within_months (with against:), recommend (cloud, local or an option name).
A budget without 'option:' applies to the recommended option; without 'workload:' to every workload.

Examples:
  llm-tco check profiles/budgets-example.yaml
  llm-tco check costs.yaml --format junit --output llm-tco-junit.xml
  llm-tco check costs.yaml --format markdown > budget-report.md)");
    sub.callback([&ctx] {
        const auto profile = load_profile(o);
        warn_on_stderr(profile);
        const auto results = check_budgets(profile, estimate(profile));
        const std::string format = o.format.empty() ? "text" : o.format;
        const render::Style style{render_options(o).color};
        std::string report;
        if (format == "json")
            report = render::dump(render::check_json(results));
        else if (format == "junit")
            report = render::check_junit(results, fmt::format("{}", fmt::join(o.files, " + ")));
        else if (format == "markdown")
            report = render::check_markdown(results);
        else
            report = render::check_text(results, style, o.quiet);
        if (output.empty()) {
            write_stdout(report);
        } else {
            std::ofstream file(output, std::ios::binary);
            if (!(file << report)) throw UsageError(fmt::format("cannot write '{}'", output));
            write_stdout(render::check_text(results, style, o.quiet));
        }
        bool failed = false;
        for (const auto& r : results)
            failed = failed || !r.pass;
        ctx.exit_code = failed ? 1 : 0;
    });
}

} // namespace llmtco::cli
