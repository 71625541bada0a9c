#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/assumptions.hpp"
#include "render/format.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>

namespace llmtco::cli {
namespace {

/// "FILE: ok (N workloads, M options)" and the loader's notes (stale prices) below it.
std::string summary(const std::string& name, const Profile& p) {
    const auto options = OptionIndex(p).options();
    std::string out = fmt::format("{}: ok ({} workload{}, {} option{})\n", name, p.workloads.size(),
                                  p.workloads.size() == 1 ? "" : "s", options, options == 1 ? "" : "s");
    for (const auto& [option, note] : option_notes(p))
        out += fmt::format("  warning: {}: {}\n", option, note);
    // The assumptions the loader can name without computing (estimate adds the derived speeds).
    std::vector<Assumption> ledger = settings_assumptions(p);
    for (std::size_t i = 0; i < p.workloads.size(); ++i)
        std::ranges::move(workload_assumptions(p, i), std::back_inserter(ledger));
    for (std::size_t i = 0; i < p.cloud.size(); ++i)
        std::ranges::move(cloud_assumptions(p, i), std::back_inserter(ledger));
    for (std::size_t i = 0; i < p.local.size(); ++i)
        std::ranges::move(local_assumptions(p, i, nullptr), std::back_inserter(ledger));
    if (!ledger.empty()) {
        out += fmt::format("  assumed ({} input{} not written in the profile):\n", ledger.size(),
                           ledger.size() == 1 ? "" : "s");
        for (const auto& a : ledger)
            out += "    " + render::assumption_line(a, p.settings.currency, true) + "\n";
    }
    return out;
}

} // namespace

void set_validate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static bool each = false;
    sub.add_option("FILE", o.files, "Profile(s) to check")->required();
    sub.add_flag("--each", each, "Check each file on its own instead of as one overlay");
    sub.add_option("--set", o.sets, "Override an input: PATH=VALUE (repeatable)")->take_all();
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    add_user_catalog_flag(sub, o.no_user_catalog);
    add_price_age_option(sub, o);
    sub.add_flag("-q,--quiet", o.quiet, "Print nothing on success");
    sub.footer(R"(Checks profiles without computing: syntax, keys, types, ranges, names and references.
Catalog prices older than --max-price-age are listed as warnings (they do not fail validation).
Every input the profile does not write (a default, a catalog figure, a --set) is listed as an
assumption with its PATH, value and origin; `estimate --explain` adds the derived speeds.
Exit 0 when valid; exit 2 with FILE:LINE:COLUMN: error: … on the first problem.

Examples:
  llm-tco validate profiles/*.yaml --each
  llm-tco validate base.yaml overlay.yaml)");
    sub.callback([&ctx] {
        if (each) {
            for (const auto& file : o.files) {
                auto single = o;
                single.files = {file};
                const auto p = load_profile(single);
                if (!o.quiet) write_stdout(summary(file, p));
            }
        } else {
            const auto p = load_profile(o);
            if (!o.quiet) write_stdout(summary(fmt::format("{}", fmt::join(o.files, " + ")), p));
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
