#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

void set_recommend_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, false);
    sub.footer(
        R"(Hard constraints first (data that must stay local, latency limits, a team that cannot maintain
a local tier, options over capacity), then the lowest total wins. The reasons walk the five
questions: volume, data sovereignty, maintenance, latency, fallback.

Examples:
  llm-tco recommend profiles/medical-records.yaml
  llm-tco recommend profiles/autocomplete-latency.yaml --format json
  llm-tco recommend profiles/classification-10k.yaml --set team.can_maintain_local=false)");
    sub.callback([&ctx] {
        estimate_and_print(
            o, {render::recommend_table, render::recommend_json, render::recommend_csv,
                [](const Result& r, const render::Options&) { return render::recommend_markdown(r); }});
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
