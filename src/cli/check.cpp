#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/budget.hpp"
#include "render/ci.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace llmtco::cli {

namespace {

/// What a check report is made from.
struct CheckReport {
    const std::vector<BudgetResult>& results;
    const CommonOptions& options;
    render::Style style;
};

} // namespace

static const FormatTable<std::string (*)(const CheckReport&)> kCheckFormats{
    {"text", [](const CheckReport& r) { return render::check_text(r.results, r.style, r.options.quiet); }},
    {"json", [](const CheckReport& r) { return render::dump(render::check_json(r.results)); }},
    {"junit",
     [](const CheckReport& r) {
         return render::check_junit(r.results, fmt::format("{}", fmt::join(r.options.files, " + ")));
     }},
    {"markdown", [](const CheckReport& r) { return render::check_markdown(r.results); }},
};

const FormatList& check_formats() { return kCheckFormats; }

void set_check_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::string output;
    add_common_options(sub, o, kCheckFormats, false);
    sub.add_option("-o,--output", output,
                   "Also write the report (in --format) to this file, replaced atomically (never one of the "
                   "inputs); the text summary still goes to stdout");
    sub.footer(R"(Evaluates every entry of 'budgets:' and prints each with its actual figure, its limit and
PASS/FAIL. Exit 0 when all pass, 1 when any fails, 2 on bad input or a profile without budgets.

Budget keys: max_monthly (largest recurring month), max_total, max_cost_per_1k_calls,
breakeven_within_months (with against:), recommend (cloud, local or an option name).
A budget without 'option:' applies to the recommended option; without 'workload:' to every workload.

Examples:
  llm-tco check profiles/budgets-example.yaml
  llm-tco check costs.yaml --format junit --output llm-tco-junit.xml
  llm-tco check costs.yaml --format markdown > budget-report.md)");
    sub.callback([&ctx] {
        if (!output.empty()) refuse_input_as_output(output, input_files(o));
        const auto profile = load_profile(o);
        if (profile.budgets.empty()) {
            throw UsageError(
                fmt::format("{} has no budgets to check; add a 'budgets:' list (see docs/ci.md), "
                            "or run 'llm-tco estimate' for the costs alone",
                            fmt::join(o.files, " + ")));
        }
        warn_on_stderr(profile);
        const auto results = check_budgets(profile, estimate(profile));
        const render::Style style{render_options(o).color};
        const std::string report = kCheckFormats[o.format]({results, o, style});
        if (output.empty()) {
            write_stdout(report);
        } else {
            write_file(output, report, input_files(o));
            write_stdout(render::check_text(results, style, o.quiet));
        }
        bool failed = false;
        for (const auto& r : results)
            failed = failed || !r.pass;
        ctx.exit_code = failed ? 1 : 0;
    });
}

} // namespace llmtco::cli
