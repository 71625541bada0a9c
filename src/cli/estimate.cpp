#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

void set_estimate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o);
    sub.footer(R"(Examples:
  llm-tco estimate profiles/monitoring-agent.yaml
  llm-tco estimate profiles/monitoring-agent.yaml --set workloads.monitoring.calls=10k/day --explain
  llm-tco estimate base.yaml what-if.yaml --horizon 24 --format json)");
    sub.callback([&ctx] {
        estimate_and_print(o, {render::estimate_table, render::estimate_json, render::estimate_csv,
                               render::estimate_markdown, true});
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
