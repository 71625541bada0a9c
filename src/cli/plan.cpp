#include "load/plan.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "render/plan.hpp"

#include <fmt/format.h>

namespace llmtco::cli {

using PlanRenderer = std::string (*)(const load::Plan&, std::size_t top, const render::Style&);

static const FormatTable<PlanRenderer> kPlanFormats{
    {"table", render::plan_table},
    {"json", [](const load::Plan& p, std::size_t top,
                const render::Style&) { return render::dump(render::plan_json(p, top)); }},
    {"csv",
     [](const load::Plan& p, std::size_t top, const render::Style&) { return render::plan_csv(p, top); }},
    {"markdown", [](const load::Plan& p, std::size_t top,
                    const render::Style&) { return render::plan_markdown(p, top); }},
};

const FormatList& plan_formats() { return kPlanFormats; }

void set_plan_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static load::PlanFilters filters;
    static std::optional<std::size_t> top;
    static int max_machines = 0;
    add_common_options(sub, o, kPlanFormats, false);
    sub.add_option("--hardware", filters.hardware, "Only these hardware presets (repeat or comma-separate)")
        ->delimiter(',');
    sub.add_option(
           "--model", filters.models,
           "Only these local models; 'all' for every catalog model (default: the profile's local models, "
           "or every one when it has none)")
        ->delimiter(',');
    sub.add_flag("--variants", filters.variants,
                 "Every quantisation × engine of each hardware × model, not only the cheapest");
    sub.add_option("--engine", filters.engines, "Only these serving engines")->delimiter(',');
    sub.add_option("--max-machines", max_machines, "Leave out combinations needing more machines than this")
        ->check(CLI::Range(1, 1000000));
    sub.add_option("--top", top,
                   "Rows per workload (default 20 in table and markdown, all in json and csv; 0: all)");
    sub.add_option(
        "--like", filters.like,
        "The profile's local option whose labour, power price and fallback every combination keeps "
        "(default: the first local option)");
    sub.footer(
        R"HELP(Sizes each workload against the whole catalog: every hardware preset × local model × quantisation
× serving engine that loads it, with its capacity derived from the hardware's memory, bandwidth and
TFLOPS, the model's architecture and the engine's fitted efficiency (docs/capacity.md). Combinations
whose model does not fit (even offloaded), whose calls exceed the context window or whose latency
exceeds the workload's max_latency_ms are left out and counted. Each row is priced like a local
option of the profile for the whole horizon — machines, concurrency (the batch the peak load fills),
tokens/s per stream, latency, cost per Mtok and total — and ranked by total beside the profile's
cloud options. By default the models are the profile's local models (--model all: every catalog
model) and each hardware × model shows its cheapest quantisation × engine (--variants: all). A
rented GPU is priced on each of its purchase terms: always on, on demand when the workload's calls
arrive in fewer than 24 hours a day (active_hours_per_day), and the catalog's reserved and spot
terms (`llm-tco prices show h100-rented`). The catalog's hosted endpoints of the planned open
models are listed beside them (kind `hosted`, with the date of their price). A workload without
output tokens is matched with the embedding models only.

Examples:
  llm-tco plan profiles/classification-100k.yaml
  llm-tco plan profiles/medical-records.yaml --hardware mac-studio-m2-ultra-192gb,h100-rented --top 10
  llm-tco plan profiles/autocomplete-latency.yaml --engine llama.cpp,vllm --format csv)HELP");
    sub.callback([&ctx] {
        const auto profile = load_profile(o);
        warn_on_stderr(profile);
        filters.max_machines = max_machines > 0 ? std::optional<int>(max_machines) : std::nullopt;
        const auto catalog = load_catalog(o.catalogs, o.no_user_catalog);
        const auto result = load::plan(profile, catalog, filters);
        const bool whole = o.format == "json" || o.format == "csv";
        const std::size_t rows = top ? *top : (whole ? 0 : 20);
        write_stdout(kPlanFormats[o.format](result, rows, render::Style{render_options(o).color}));
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
