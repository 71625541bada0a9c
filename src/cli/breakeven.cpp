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
    sub.footer(
        R"HELP(For each local × cloud pair, on the net view (cumulative cost less the book value of the hardware
still owned, so month H is the total): the month from which local stays ahead to the horizon's end
("— (ahead in months 12–20 only)" when a lead did not hold); the month from which it stays ahead for
good, the flows continued past the horizon with every machine bought again on schedule ("never"
when the saving over a lifetime does not pay the next machine); and the smallest calls/day from
which local's total stays the lower up to 1e9/day, with lower bands where it is cheaper too.
--format json adds payback_month (the same on cash), ahead_spans and cheaper_bands.

Examples:
  llm-tco breakeven profiles/monitoring-agent-local.yaml
  llm-tco breakeven profiles/classification-10k.yaml --set options.local.rtx-4090.hardware.purchase=2500
  llm-tco breakeven profiles/embeddings-search.yaml --format csv)HELP");
    sub.callback([&ctx] {
        estimate_and_print(o, kBreakevenFormats[o.format]);
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
