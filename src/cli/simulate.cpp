#include "llmtco/simulate.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "cli/validators.hpp"
#include "render/uncertainty.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <thread>

namespace llmtco::cli {

/// Sample counts above this are refused (docs/profile-format.md, "Limits").
constexpr std::size_t kMaxSamples = 10'000'000;

/// simulate holds one total per sample for every option and one breakeven per sample for every
/// local × cloud pair, of every workload (8 bytes each: the percentiles need them all). Past this
/// many (512 MiB) it refuses, naming the --samples that fit, instead of growing to gigabytes.
constexpr std::size_t kMaxSimulateFigures = std::size_t{64} * 1024 * 1024;

/// Throws a UsageError when `samples` of this profile would hold more than kMaxSimulateFigures.
void check_simulate_memory(const Profile& p, std::size_t samples) {
    const OptionIndex index(p);
    const std::size_t series = p.workloads.size() * (index.options() + index.pairs());
    if (series == 0 || samples <= kMaxSimulateFigures / series) return;
    throw UsageError(fmt::format("--samples {}: simulate keeps one figure per sample for each option and "
                                 "local × cloud pair of each workload ({} × ({} + {}) = {} series here), and "
                                 "{} × {} is over the limit of {} figures (max_simulate_figures, 512 MiB); "
                                 "use --samples {} or fewer, or fewer options",
                                 samples, p.workloads.size(), index.options(), index.pairs(), series, samples,
                                 series, kMaxSimulateFigures, kMaxSimulateFigures / series));
}

// Each format prints settings.exchange_rate when it converted the catalog (PRODUCT §4d).
static const FormatTable<std::string (*)(const Simulation&, const Settings&, const render::Style&)>
    kSimulateFormats{
        {"table",
         [](const Simulation& sim, const Settings& s, const render::Style& style) {
             return render::exchange_rate_line(s.currency, s.exchange_rate) +
                    render::simulation_table(sim, s.currency, style);
         }},
        {"json",
         [](const Simulation& sim, const Settings& s, const render::Style&) {
             auto j = render::simulation_json(sim);
             render::add_exchange_rate(j, s.currency, s.exchange_rate);
             return render::dump(j);
         }},
    };

static const FormatTable<std::string (*)(const std::vector<SensitivityPair>&, const Settings&,
                                         const render::Style&)>
    kSensitivityFormats{
        {"table",
         [](const std::vector<SensitivityPair>& pairs, const Settings& s, const render::Style& style) {
             return render::exchange_rate_line(s.currency, s.exchange_rate) +
                    render::sensitivity_table(pairs, s.currency, style);
         }},
        {"json",
         [](const std::vector<SensitivityPair>& pairs, const Settings& s, const render::Style&) {
             auto j = render::sensitivity_json(pairs);
             render::add_exchange_rate(j, s.currency, s.exchange_rate);
             return render::dump(j);
         }},
    };

const FormatList& simulate_formats() { return kSimulateFormats; }
const FormatList& sensitivity_formats() { return kSensitivityFormats; }

void set_simulate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::size_t samples = 10000;
    static std::uint64_t seed = 1;
    static unsigned threads = 0;
    add_common_options(sub, o, kSimulateFormats, false);
    sub.add_option("--samples", samples, "Number of samples (default 10000)")
        ->check(CLI::Range(std::size_t{1}, kMaxSamples));
    sub.add_option("--seed", seed,
                   "Random seed from 0 to 2^64 - 1 (default 1); the output is identical for a seed "
                   "whatever --threads")
        ->check(kSeed);
    sub.add_option("--threads", threads, "Worker threads, at most 256 (default: all cores)")
        ->check(CLI::Range(0u, 256u));
    sub.footer(
        R"(Samples every ranged input independently (uniform for a..b, triangular for {min, mode, max}) and
reports each option's total over the horizon (mean, P10, P50, P90) and, per local × cloud pair,
P(local cheaper) and the P10/P50/P90 of the breakeven months (null: never). It keeps one figure
per sample and series (workloads × (options + local × cloud pairs)), at most 67,108,864 (512 MiB):
it says how many --samples fit when a profile needs more.

Examples:
  llm-tco simulate profiles/monitoring-agent-local.yaml --samples 100000 --seed 7
  llm-tco simulate profiles/embeddings-search.yaml --set options.local.rtx-4090-nomic.maintenance_hours_per_month=0.5..4 --format json)");
    sub.callback([&ctx] {
        const auto profile = load_profile(o);
        check_simulate_memory(profile, samples);
        warn_on_stderr(profile);
        install_interrupt();
        Progress progress("simulate");
        SimulateOptions options;
        options.samples = samples;
        options.seed = seed;
        options.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
        options.cancel = &interrupted();
        options.progress = [&](std::size_t done) { progress.update(std::min(done, samples), samples); };
        const auto sim = simulate(profile, options);
        if (interrupted().load()) {
            fmt::print(stderr, "llm-tco: interrupted; no result printed\n");
            ctx.exit_code = 130;
            return;
        }
        write_stdout(
            kSimulateFormats[o.format](sim, profile.settings, render::Style{render_options(o).color}));
        ctx.exit_code = 0;
    });
}

void set_sensitivity_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    add_common_options(sub, o, kSensitivityFormats, false);
    sub.footer(
        R"(For each ranged input (a..b or {min, mode, max}), holds the others at their means, sets it to its
low and high end, and ranks the inputs by the swing they cause in each local-minus-cloud total
(a tornado chart as a table, largest swing first).

Examples:
  llm-tco sensitivity profiles/monitoring-agent-local.yaml
  llm-tco sensitivity profiles/classification-100k.yaml --set workloads.classification.calls=50k..150k/day --format json)");
    sub.callback([&ctx] {
        const auto profile = load_profile(o);
        warn_on_stderr(profile);
        const auto result = sensitivity(profile);
        write_stdout(
            kSensitivityFormats[o.format](result, profile.settings, render::Style{render_options(o).color}));
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
