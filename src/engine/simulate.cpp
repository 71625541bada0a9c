#include "llmtco/simulate.hpp"

#include "llmtco/fields.hpp"
#include "llmtco/sweep.hpp"
#include "util/ordered_chunks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace llmtco {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// Linear-interpolated quantile (type 7) of `v`, which is reordered.
double quantile(std::vector<double>& v, double q) {
    if (v.empty()) return 0;
    const double position = q * static_cast<double>(v.size() - 1);
    const auto k = static_cast<std::size_t>(std::floor(position));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    const double lower = v[k];
    const double fraction = position - static_cast<double>(k);
    if (k + 1 >= v.size() || fraction == 0) return lower;
    const double upper = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(k) + 1, v.end());
    if (std::isinf(upper)) return upper; // between a month and "never": never (no inf × 0)
    return lower + (upper - lower) * fraction;
}

std::optional<double> finite_or_never(double v) {
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

} // namespace

double sample_uniform(std::uint64_t seed, std::uint64_t sample, std::uint64_t input) {
    const std::uint64_t h =
        splitmix64(splitmix64(splitmix64(seed) ^ sample) ^ (input * 0xD6E8FEB86659FD93ull));
    return static_cast<double>(h >> 11) * 0x1.0p-53;
}

std::uint64_t path_key(std::string_view path) {
    std::uint64_t h = 0xcbf29ce484222325ull; // FNV-1a, 64 bits: fixed across builds and platforms
    for (const char c : path) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

double draw(const Num& n, double u) {
    switch (n.dist) {
    case Dist::point:
        return n.value;
    case Dist::uniform:
        return n.low + u * (n.high - n.low);
    case Dist::triangular: {
        const double width = n.high - n.low;
        if (width <= 0) return n.low;
        const double split = (n.mode - n.low) / width;
        if (u < split) return n.low + std::sqrt(u * width * (n.mode - n.low));
        return n.high - std::sqrt((1 - u) * width * (n.high - n.mode));
    }
    }
    return n.value;
}

Simulation simulate(const Profile& profile, const SimulateOptions& options) {
    Simulation sim;
    sim.samples = options.samples;
    sim.seed = options.seed;
    Profile base = profile;
    for (const auto& f : ranged_fields(base))
        sim.ranged_inputs.push_back(f.path);

    const OptionIndex index(base);
    const std::size_t option_count = index.options();
    const std::size_t pair_count = index.pairs();
    const std::size_t workloads = base.workloads.size();
    const std::size_t n = options.samples;
    // totals[w][o][s], months[w][pair][s]; cheaper[w][pair] counted per thread.
    std::vector<std::vector<std::vector<double>>> totals(
        workloads, std::vector<std::vector<double>>(option_count, std::vector<double>(n)));
    std::vector<std::vector<std::vector<double>>> months(
        workloads, std::vector<std::vector<double>>(pair_count, std::vector<double>(n)));
    const unsigned threads = std::max(
        1u, std::min<unsigned>(options.threads, static_cast<unsigned>(std::max<std::size_t>(1, n / 1000))));
    std::vector<std::vector<std::size_t>> cheaper(threads, std::vector<std::size_t>(workloads * pair_count));
    std::vector<std::vector<std::size_t>> infeasible(threads,
                                                     std::vector<std::size_t>(workloads * option_count));
    std::vector<std::size_t> done_per_thread(threads);
    std::vector<std::size_t> portfolio_local(threads, 0); // samples whose best portfolio uses local

    auto work = [&](unsigned t, std::size_t begin, std::size_t end) {
        Profile local = base;
        auto fields = ranged_fields(local);
        std::vector<std::uint64_t> keys; // each input's random stream, keyed by its PATH (PRODUCT §4a)
        for (const auto& f : fields)
            keys.push_back(path_key(f.path));
        ScenarioEvaluator evaluator;
        std::vector<ScenarioWorkload> all(workloads);
        PortfolioProblem problem;
        for (std::size_t s = begin; s < end; ++s) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) break;
            for (std::size_t f = 0; f < fields.size(); ++f) {
                fields[f].num->value = draw(*fields[f].num, sample_uniform(options.seed, s, keys[f]));
            }
            for (std::size_t w = 0; w < workloads; ++w) {
                auto& figures = all[w];
                evaluator.evaluate(local, local.workloads[w], figures);
                for (std::size_t o = 0; o < option_count; ++o) {
                    totals[w][o][s] = figures.totals[o];
                    if (!figures.feasible[o]) ++infeasible[t][w * option_count + o];
                }
                for (std::size_t pair = 0; pair < pair_count; ++pair) {
                    const auto& m = figures.breakeven_months[pair];
                    months[w][pair][s] = m ? *m : std::numeric_limits<double>::infinity();
                    const std::size_t local = index.local(index.pair_local(pair));
                    const std::size_t cloud = index.cloud(index.pair_cloud(pair));
                    if (figures.feasible[local] && figures.totals[local] <= figures.totals[cloud])
                        ++cheaper[t][w * pair_count + pair];
                }
            }
            if (workloads > 1) {
                portfolio_problem(local, all, problem);
                long long nodes = 0;
                bool proven = true;
                const auto pick = cheapest_assignment(problem, kPortfolioNodeLimit, &nodes, &proven);
                for (std::size_t w = 0; w < pick.size(); ++w)
                    if (problem.candidates[w][pick[w]].local) {
                        ++portfolio_local[t];
                        break;
                    }
            }
            done_per_thread[t] = s - begin + 1;
            if (t == 0 && options.progress && (s & 0x3FFF) == 0) options.progress((s + 1) * threads);
        }
    };
    // One round: each thread takes a contiguous share of the samples (the draws depend on the
    // sample's index, never on the thread).
    util::run_ordered_chunks(
        n, (n + threads - 1) / threads, threads, work, [](unsigned) {}, [](std::size_t) {},
        [] { return false; });

    for (std::size_t w = 0; w < workloads; ++w) {
        SimulatedWorkload sw;
        sw.name = base.workloads[w].name;
        const auto& wname = base.workloads[w].name;
        auto serves = [&](std::size_t o) { // an option left out of the workload is not listed for it
            return index.is_cloud(o) ? serves_workload(base.cloud[index.cloud_at(o)].serves, wname)
                                     : serves_workload(base.local[index.local_at(o)].serves, wname);
        };
        for (std::size_t o = 0; o < option_count; ++o) {
            if (!serves(o)) continue;
            auto& v = totals[w][o];
            SimulatedOption so;
            so.name =
                index.is_cloud(o) ? base.cloud[index.cloud_at(o)].name : base.local[index.local_at(o)].name;
            double sum = 0;
            for (double x : v)
                sum += x;
            so.mean = n ? sum / static_cast<double>(n) : 0;
            if (!v.empty()) {
                const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
                so.min = *lo;
                so.max = *hi;
                so.histogram.assign(static_cast<std::size_t>(options.histogram_bins), 0);
                const double width = (so.max - so.min) / options.histogram_bins;
                for (double x : v) {
                    auto bin = width > 0 ? static_cast<std::size_t>((x - so.min) / width) : 0;
                    so.histogram[std::min(bin, so.histogram.size() - 1)] += 1;
                }
            }
            so.p10 = quantile(v, 0.10);
            so.p50 = quantile(v, 0.50);
            so.p90 = quantile(v, 0.90);
            std::size_t dropped = 0;
            for (unsigned t = 0; t < threads; ++t)
                dropped += infeasible[t][w * option_count + o];
            so.p_feasible = n ? 1 - static_cast<double>(dropped) / static_cast<double>(n) : 1;
            sw.options.push_back(std::move(so));
        }
        for (std::size_t pair = 0; pair < pair_count; ++pair) {
            if (!serves(index.local(index.pair_local(pair))) || !serves(index.cloud(index.pair_cloud(pair))))
                continue;
            SimulatedPair sp;
            sp.local = base.local[index.pair_local(pair)].name;
            sp.cloud = base.cloud[index.pair_cloud(pair)].name;
            std::size_t count = 0;
            for (unsigned t = 0; t < threads; ++t)
                count += cheaper[t][w * pair_count + pair];
            sp.p_local_cheaper = n ? static_cast<double>(count) / static_cast<double>(n) : 0;
            auto& v = months[w][pair];
            sp.breakeven_months_p10 = finite_or_never(quantile(v, 0.10));
            sp.breakeven_months_p50 = finite_or_never(quantile(v, 0.50));
            sp.breakeven_months_p90 = finite_or_never(quantile(v, 0.90));
            sw.pairs.push_back(std::move(sp));
        }
        sim.workloads.push_back(std::move(sw));
    }
    if (workloads > 1) {
        std::size_t count = 0;
        for (const auto c : portfolio_local)
            count += c;
        sim.p_portfolio_uses_local = n ? static_cast<double>(count) / static_cast<double>(n) : 0;
    }
    return sim;
}

} // namespace llmtco
