#include "llmtco/diff.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/validators.hpp"
#include "load/input_diff.hpp"
#include "render/ci.hpp"

#include <fmt/format.h>

namespace llmtco::cli {

namespace {

/// What a diff report is made from.
struct DiffReport {
    const Diff& diff;
    const std::string& old_name;
    const std::string& new_name;
    render::Style style;
};

} // namespace

static const FormatTable<std::string (*)(const DiffReport&)> kDiffFormats{
    {"text", [](const DiffReport& r) { return render::diff_text(r.diff, r.style); }},
    {"json", [](const DiffReport& r) { return render::dump(render::diff_json(r.diff)); }},
    {"markdown", [](const DiffReport& r) { return render::diff_markdown(r.diff, r.old_name, r.new_name); }},
};

const FormatList& diff_formats() { return kDiffFormats; }

void set_diff_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::string old_file;
    static std::string new_file;
    static std::optional<double> fail_above;
    sub.add_option("OLD", old_file, "The profile before (a file, or git:REV:PATH)")->required();
    sub.add_option("NEW", new_file, "The profile after (a file, or git:REV:PATH)")->required();
    kDiffFormats.add_option(sub, o.format);
    sub.add_option("--fail-above", fail_above,
                   "Exit 1 when any option's total grows by more than PCT percent")
        ->check(kFiniteNonNegative);
    sub.add_option("--set", o.sets, "Override an input in both versions: PATH=VALUE (repeatable)")
        ->take_all();
    sub.add_option("--horizon", o.horizon, "Months to cover, in both versions")->check(CLI::Range(1, 1200));
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    add_user_catalog_flag(sub, o.no_user_catalog);
    add_price_age_option(sub, o);
    sub.add_flag("--no-color", o.no_color, "No colour");
    sub.footer(
        R"(First the inputs that changed (PATH: old → new, PATH as --set takes it), then per workload and
option: the machines of a local option (at the horizon's end), the old and new monthly run-rate
(month 1's recurring cost) and total, with the change in money and percent; added and removed
workloads and options; a changed recommendation is called out.

Examples:
  llm-tco diff git:main:costs.yaml costs.yaml --format markdown > cost-diff.md
  llm-tco diff old.yaml new.yaml --fail-above 10)");
    sub.callback([&ctx] {
        auto before_options = o;
        before_options.files = {old_file};
        auto after_options = o;
        after_options.files = {new_file};
        const auto before_profile = load_profile(before_options);
        const auto before = estimate(before_profile);
        const auto after_profile = load_profile(after_options);
        warn_on_stderr(after_profile);
        const auto after = estimate(after_profile);
        auto d = diff_results(before, after);
        d.inputs = load::changed_inputs(before_profile, after_profile);
        if (before.currency != after.currency) {
            fmt::print(stderr,
                       "llm-tco: warning: the profiles use different currencies ({} → {}); figures are "
                       "compared as numbers, without conversion\n",
                       before.currency, after.currency);
        }
        write_stdout(kDiffFormats[o.format]({d, old_file, new_file, render::Style{render_options(o).color}}));
        ctx.exit_code = 0;
        if (fail_above) {
            const auto grown = totals_grown_above(d, *fail_above);
            if (!grown.empty()) {
                fmt::print(stderr, "llm-tco: total cost grew by more than {}% for {}\n", *fail_above,
                           fmt::join(grown, ", "));
                ctx.exit_code = 1;
            }
        }
    });
}

} // namespace llmtco::cli
