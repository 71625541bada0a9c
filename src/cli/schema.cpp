#include "load/schema.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/format_table.hpp"
#include "render/format.hpp"

namespace llmtco::cli {

static const FormatTable<std::string (*)()> kSchemaFormats{
    {"json", [] { return render::dump(load::profile_schema()); }},
    {"markdown", [] { return load::key_reference_markdown(); }},
};

const FormatList& schema_formats() { return kSchemaFormats; }

void set_schema_command(CLI::App& sub, Context& ctx) {
    static std::string format;
    kSchemaFormats.add_option(sub, format);
    sub.footer(R"(Prints the JSON Schema of the profile format, generated from the same key table the loader
validates against; docs/profile.schema.json is this output. Editors with the YAML language server
pick it up from the first line of a profile:
  # yaml-language-server: $schema=../docs/profile.schema.json
--format markdown prints the key reference of docs/profile-format.md instead: every key with its
type, whether it may be a range, unit, default, allowed values and description.

Examples:
  llm-tco schema > profile.schema.json
  llm-tco schema --format markdown)");
    sub.callback([&ctx] {
        write_stdout(kSchemaFormats[format]());
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
