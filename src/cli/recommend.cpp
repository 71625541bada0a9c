#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

static const FormatTable<ResultRenderer> kRecommendFormats{
    {"table", {render::recommend_table}},
    {"json",
     {[](const Result& r, const render::Options&) { return render::dump(render::recommend_json(r)); }}},
    {"csv", {[](const Result& r, const render::Options&) { return render::recommend_csv(r); }}},
    {"markdown", {[](const Result& r, const render::Options&) { return render::recommend_markdown(r); }}},
};

const FormatList& recommend_formats() { return kRecommendFormats; }

void set_recommend_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, kRecommendFormats, false);
    sub.footer(
        R"(Hard constraints first (data that must stay local, latency limits, a team that cannot maintain
a local tier, options over capacity), then the lowest total wins. The reasons walk the five
questions: volume, data sovereignty, maintenance, latency, fallback. With several workloads, the
cheapest portfolio (every workload on one option, one bill) follows.

Examples:
  llm-tco recommend profiles/medical-records.yaml
  llm-tco recommend profiles/autocomplete-latency.yaml --format json
  llm-tco recommend profiles/classification-10k.yaml --set team.can_maintain_local=false)");
    sub.callback([&ctx] {
        estimate_and_print(o, kRecommendFormats[o.format]);
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
