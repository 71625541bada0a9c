#include "render/sweep.hpp"

#include "catalog/catalog.hpp"
#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "cli/vary.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <thread>

namespace llmtco::cli {

/// Grids larger than this are refused (docs/profile-format.md, "Limits").
constexpr std::size_t kMaxSweepScenarios = 100'000'000;

/// The sweep streams its rows itself (load::run_sweep): each format names the writer it uses.
static const FormatTable<render::SweepFormat> kSweepFormats{
    {"csv", render::SweepFormat::csv},
    {"jsonl", render::SweepFormat::jsonl},
    {"table", render::SweepFormat::table},
};

const FormatList& sweep_formats() { return kSweepFormats; }

void set_sweep_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::vector<std::string> varies;
    static unsigned threads = 0;
    sub.add_option("FILE", o.files, "Profile(s); later files override earlier ones key by key")->required();
    sub.add_option("--vary", varies,
                   "PATH=SPEC: a..b:n (linear), a..b:n:log, or v1,v2,v3 / [v1, v2, v3] (repeatable; the last "
                   "varies fastest)")
        ->required();
    kSweepFormats.add_option(sub, o.format);
    sub.add_option("--threads", threads,
                   "Worker threads, at most 256 (default: all cores); the output is the same for any count")
        ->check(CLI::Range(0u, 256u));
    sub.add_option("--set", o.sets, "Override an input: PATH=VALUE (repeatable)")->take_all();
    sub.add_option("--horizon", o.horizon, "Months to cover")->check(CLI::Range(1, 1200));
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    add_user_catalog_flag(sub, o.no_user_catalog);
    sub.footer(R"(One row per scenario of the cartesian grid, streamed in order: the varied values, then per
workload WORKLOAD/OPTION/total_cost and WORKLOAD/OPTION/feasible for every option,
WORKLOAD/LOCAL/residual_value, WORKLOAD/LOCAL~CLOUD/breakeven_months (flows continued past the
horizon) and WORKLOAD/LOCAL~CLOUD/breakeven_month (within it) for every pair, empty when never,
and WORKLOAD/recommended; with several workloads, portfolio/total_cost and portfolio/assignment
(the cheapest portfolio: every workload on one option, one bill). Memory does not grow with the grid, nor with a --vary's values
(a..b:n computes each of its values as its row is written once n passes 65,536).

Examples:
  llm-tco sweep profiles/classification-10k.yaml --vary workloads.classification.calls=1k..1M:7:log
  llm-tco sweep profiles/monitoring-agent-local.yaml --vary settings.labor_rate_per_hour=50,100,150 \
      --vary options.local.desk-mac-8b-q4.setup_hours=2..10:5 > grid.csv
  llm-tco sweep profiles/embeddings-search.yaml --vary options.cloud.openai-small.model=text-embedding-3-small,text-embedding-3-large --format table)");
    sub.callback([&ctx] {
        std::vector<load::Vary> parsed;
        for (const auto& v : varies)
            parsed.push_back(parse_vary(v));
        const Catalog catalog = load_catalog(o.catalogs, o.no_user_catalog);
        const auto sources = read_sources(o);
        install_interrupt();
        const auto plan = load::plan_sweep(sources, effective_sets(o, sources, catalog), catalog, parsed,
                                           kMaxSweepScenarios, &interrupted());
        if (interrupted().load()) {
            fmt::print(stderr, "llm-tco: interrupted while checking the --vary values; nothing written\n");
            ctx.exit_code = 130;
            return;
        }
        Progress progress("sweep");
        render::SweepRun run;
        run.format = kSweepFormats[o.format];
        run.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
        run.cancel = &interrupted();
        run.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
        const auto rows = render::run_sweep(plan, run, stdout);
        check_stream(stdout, "standard output");
        ctx.exit_code = 0;
        if (rows < plan.scenarios) {
            fmt::print(stderr,
                       "llm-tco: interrupted after {} of {} scenarios; the rows written are complete\n", rows,
                       plan.scenarios);
            ctx.exit_code = 130;
        }
    });
}

} // namespace llmtco::cli
