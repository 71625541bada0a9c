#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

static const FormatTable<ResultRenderer> kBreakevenFormats{
    {"table", {render::breakeven_table}},
    {"json",
     {[](const Result& r, const render::Options&) { return render::dump(render::breakeven_json(r)); }}},
    {"csv", {[](const Result& r, const render::Options&) { return render::breakeven_csv(r); }}},
    {"markdown", {[](const Result& r, const render::Options&) { return render::breakeven_markdown(r); }}},
};

const FormatList& breakeven_formats() { return kBreakevenFormats; }

void set_breakeven_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, kBreakevenFormats, false);
    sub.footer(R"(For each local × cloud pair: the first month local's cumulative cost is at or below cloud's,
the months until it is (extrapolated past the horizon from the last month's saving; "never" when
local costs more every month), and the smallest calls/day at which local's total is the lower.

Examples:
  llm-tco breakeven profiles/monitoring-agent-local.yaml
  llm-tco breakeven profiles/classification-10k.yaml --set options.local.rtx-4090.hardware.purchase=2500
  llm-tco breakeven profiles/embeddings-search.yaml --format csv)");
    sub.callback([&ctx] {
        estimate_and_print(o, kBreakevenFormats[o.format]);
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
