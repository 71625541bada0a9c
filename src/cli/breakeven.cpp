#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

void set_breakeven_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, false);
    sub.footer(R"(For each local × cloud pair: the first month local's cumulative cost is at or below cloud's,
the months until it is (extrapolated past the horizon from the last month's saving; "never" when
local costs more every month), and the smallest calls/day at which local's total is the lower.

Examples:
  llm-tco breakeven profiles/monitoring-agent-local.yaml
  llm-tco breakeven profiles/classification-10k.yaml --set options.local.rtx-4090.hardware.purchase=2500
  llm-tco breakeven profiles/embeddings-search.yaml --format csv)");
    sub.callback([&ctx] {
        const auto result = estimate(load_profile(o));
        const auto opts = render_options(o);
        switch (output_format(o)) {
        case render::Format::table: write_stdout(render::breakeven_table(result, opts)); break;
        case render::Format::json: write_stdout(render::dump(render::breakeven_json(result))); break;
        case render::Format::csv: write_stdout(render::breakeven_csv(result)); break;
        case render::Format::markdown: write_stdout(render::breakeven_markdown(result)); break;
        }
        ctx.exit_code = 0;
    });
}

}  // namespace llmtco::cli
