#include "load/schema.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "render/format.hpp"

namespace llmtco::cli {

void set_schema_command(CLI::App& sub, Context& ctx) {
    sub.footer(R"(Prints the JSON Schema of the profile format, generated from the same key table the loader
validates against; docs/profile.schema.json is this output. Editors with the YAML language server
pick it up from the first line of a profile:
  # yaml-language-server: $schema=../docs/profile.schema.json

Examples:
  llm-tco schema > profile.schema.json)");
    sub.callback([&ctx] {
        write_stdout(render::dump(load::profile_schema()));
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
