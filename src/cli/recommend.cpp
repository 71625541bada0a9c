#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/engine.hpp"

namespace llmtco::cli {

void set_recommend_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, false);
    sub.footer(R"(Hard constraints first (data that must stay local, latency limits, a team that cannot maintain
a local tier, options over capacity), then the lowest total wins. The reasons walk the five
questions: volume, data sovereignty, maintenance, latency, fallback.

Examples:
  llm-tco recommend profiles/medical-records.yaml
  llm-tco recommend profiles/autocomplete-latency.yaml --format json
  llm-tco recommend profiles/classification-10k.yaml --set team.can_maintain_local=false)");
    sub.callback([&ctx] {
        const auto result = estimate(load_profile(o));
        const auto opts = render_options(o);
        switch (output_format(o)) {
        case render::Format::table: write_stdout(render::recommend_table(result, opts)); break;
        case render::Format::json: write_stdout(render::dump(render::recommend_json(result))); break;
        case render::Format::csv: write_stdout(render::recommend_csv(result)); break;
        case render::Format::markdown: write_stdout(render::recommend_markdown(result)); break;
        }
        ctx.exit_code = 0;
    });
}

}  // namespace llmtco::cli
