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
        const auto result = estimate(load_profile(o));
        const auto opts = render_options(o);
        switch (output_format(o)) {
        case render::Format::table: write_stdout(render::estimate_table(result, opts)); break;
        case render::Format::json: write_stdout(render::dump(render::estimate_json(result))); break;
        case render::Format::csv: write_stdout(render::estimate_csv(result)); break;
        case render::Format::markdown: write_stdout(render::estimate_markdown(result, opts)); break;
        }
        ctx.exit_code = 0;
    });
}

}  // namespace llmtco::cli
