#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "load/profile_loader.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace llmtco::cli {
namespace {

struct InitOptions {
    std::string output = "llm-tco.yaml";
    std::string calls = "every 30 minutes";
    std::string input_tokens = "500";
    std::string output_tokens = "50";
    std::string model = "claude-haiku-4-5";
    bool force = false;
    bool no_user_catalog = false;
    bool to_stdout = false;
    std::string schema = "profile.schema.json"; ///< the $schema reference, relative to the profile
};

/// The schema this binary ships with: PREFIX/share/llm-tco/docs/profile.schema.json beside an
/// installed binary (PREFIX/bin/llm-tco), else the source tree's docs/profile.schema.json for a
/// binary run from its build tree. Empty when neither exists.
std::filesystem::path shipped_schema() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = (exe.parent_path() / LLMTCO_SCHEMA_FROM_BINDIR).lexically_normal();
        if (std::filesystem::is_regular_file(installed, ec)) return installed;
    }
    if (std::filesystem::is_regular_file(LLMTCO_SOURCE_SCHEMA, ec)) return LLMTCO_SOURCE_SCHEMA;
    return {};
}

/// The shipped schema as a path relative to the directory the profile is written to; without one,
/// "profile.schema.json" (the starter says how to write it).
std::string schema_reference(const std::string& profile_path) {
    const auto schema = shipped_schema();
    if (schema.empty()) return "profile.schema.json";
    std::error_code ec;
    const auto dir =
        std::filesystem::weakly_canonical(std::filesystem::absolute(profile_path, ec).parent_path(), ec);
    const auto relative = std::filesystem::canonical(schema, ec).lexically_relative(dir);
    return ec || relative.empty() ? schema.string() : relative.generic_string();
}

/// The starter profile: every section of the format, commented, with the given workload filled in.
std::string starter(const InitOptions& o) {
    return fmt::format(R"(# yaml-language-server: $schema={schema}
# A starter profile written by `llm-tco init`. Every key is explained in docs/profile-format.md.
# The line above points editors at the JSON Schema installed with llm-tco; if you move this file
# or share it, `llm-tco schema > profile.schema.json` writes a copy to point at instead. Try:
#   llm-tco estimate {file}
#   llm-tco estimate {file} --explain
#   llm-tco sweep {file} --vary workloads.my-workload.calls=100..1M:7:log --format table
version: 1
settings:
  currency: USD
  horizon_months: 36          # months the totals and breakeven cover
  days_per_month: 30.416667   # 730 hours, the cloud-billing convention
  labor_rate_per_hour: 150    # what an engineering hour costs

workloads:
  - name: my-workload
    calls: {calls}   # or 48/day, 10k/day, 2/hour, 1.5M/month, a bare number = per day
    input_tokens: {input}
    output_tokens: {output}
    # reasoning_tokens: 0       # hidden "thinking" tokens, billed as output
    # cached_input_share: 0     # fraction of input read from a prompt cache
    # batchable: false          # may use the provider's batch discount
    # growth_per_month: 0%
    # peak_to_average: 1        # local capacity is sized for the peak
    # max_latency_ms: null      # a hard requirement excludes slower options
    # data_must_stay_local: false

options:
  cloud:
    - name: cloud
      model: {model}   # `llm-tco prices list` shows the catalog
      setup_hours: 1
      # latency_ms: 200..800
  local:
    # A model on a machine of your own. Ranges like 4..8 are uncertain inputs: estimates use the
    # mean, `llm-tco simulate` samples them, `llm-tco sensitivity` ranks them.
    - name: local
      hardware: {{preset: mac-mini-m4-24gb}}     # `llm-tco prices list --local`; override any field
      model: {{preset: llama-3.1-8b, quant: Q4_K_M, overhead_gb: 0.5}}
      # Speeds are derived from the hardware and model (docs/capacity.md); give measured ones with
      # throughput: {{prefill_tokens_per_s: …, decode_tokens_per_s: …}}
      other_ram_gb: 8             # what else runs on the machine
      setup_hours: 4..8
      maintenance_hours_per_month: 2
      incidents_per_year: 4       # driver and runtime updates that break things
      hours_per_incident: 3
      availability: 0.99
      fallback: cloud             # serves downtime and overflow: you pay for both

team:
  can_maintain_local: true

budgets:
  # `llm-tco check` fails (exit 1) when one of these breaks; see docs/ci.md.
  - {{workload: my-workload, option: cloud, max_monthly: 100}}
)",
                       fmt::arg("file", o.to_stdout ? std::string("llm-tco.yaml") : o.output),
                       fmt::arg("calls", o.calls), fmt::arg("input", o.input_tokens),
                       fmt::arg("output", o.output_tokens), fmt::arg("model", o.model),
                       fmt::arg("schema", o.schema));
}

} // namespace

void set_init_command(CLI::App& sub, Context& ctx) {
    static InitOptions o;
    sub.add_option("FILE", o.output, "Where to write the profile (default llm-tco.yaml; '-' for stdout)");
    sub.add_option("--calls", o.calls, "Call rate of the workload, e.g. 10k/day or 'every 5 minutes'");
    sub.add_option("--input-tokens", o.input_tokens, "Input tokens per call");
    sub.add_option("--output-tokens", o.output_tokens, "Output tokens per call");
    sub.add_option("--model", o.model, "Cloud model from the catalog ('llm-tco prices list')");
    sub.add_flag("--force", o.force, "Overwrite FILE if it exists");
    add_user_catalog_flag(sub, o.no_user_catalog);
    sub.footer(R"(Writes a commented starter profile with one workload, a cloud and a local option, and a
budget. It validates as written. The local option is a catalog machine and model, so its speeds
are derived (docs/capacity.md). The first line points editors at the JSON Schema installed with
llm-tco (PREFIX/share/llm-tco/docs/profile.schema.json), as a path relative to FILE.

Examples:
  llm-tco init
  llm-tco init costs.yaml --calls 10k/day --input-tokens 300 --output-tokens 5 --model gpt-4o-mini
  llm-tco init - | llm-tco estimate -)");
    sub.callback([&ctx] {
        o.to_stdout = o.output == "-";
        o.schema = schema_reference(o.to_stdout ? std::string("llm-tco.yaml") : o.output);
        const auto text = starter(o);
        // The result must load: a bad --calls or --model is reported now, against its flag.
        try {
            load::load_profile({load::Source{"llm-tco init", text}}, {}, load_catalog({}, o.no_user_catalog));
        } catch (const InputError& e) {
            const std::string message = e.what();
            const auto at = message.find("error: ");
            throw UsageError("init: " + (at == std::string::npos ? message : message.substr(at + 7)));
        }
        if (o.to_stdout) {
            write_stdout(text);
        } else {
            if (std::filesystem::exists(o.output) && !o.force) {
                throw UsageError(fmt::format("'{}' already exists; use --force to overwrite it", o.output));
            }
            write_file(o.output, text, {});
            write_stdout(fmt::format("wrote {}; next: llm-tco estimate {}\n", o.output, o.output));
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
