#pragma once
/// Monte Carlo over ranged inputs, and the sensitivity tornado.

#include "llmtco/profile.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco {

struct SimulatedOption {
    std::string name;
    double mean = 0;
    double p10 = 0;
    double p50 = 0;
    double p90 = 0;
    std::vector<double> histogram; ///< counts in `bins` equal-width bins from min to max
    double min = 0;
    double max = 0;
    double p_feasible = 1; ///< share of samples in which the option is feasible (PRODUCT §4)
};

struct SimulatedPair {
    std::string local;
    std::string cloud;
    double p_local_cheaper = 0; ///< share of samples with local feasible and its total ≤ cloud's
    std::optional<double> breakeven_months_p10; ///< nullopt: never (infinitely late)
    std::optional<double> breakeven_months_p50;
    std::optional<double> breakeven_months_p90;
};

struct SimulatedWorkload {
    std::string name;
    std::vector<SimulatedOption> options;
    std::vector<SimulatedPair> pairs;
};

struct Simulation {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    std::vector<std::string> ranged_inputs; ///< the PATHs that were sampled
    std::vector<SimulatedWorkload> workloads;
    /// Several workloads: the share of samples whose cheapest portfolio (PRODUCT §4c) puts some
    /// workload on a local option.
    std::optional<double> p_portfolio_uses_local;
};

struct SimulateOptions {
    std::size_t samples = 10000;
    std::uint64_t seed = 1;
    unsigned threads = 1;
    int histogram_bins = 20;
    const std::atomic<bool>* cancel = nullptr;      ///< stop early when set
    std::function<void(std::size_t done)> progress; ///< called from the first thread only
};

/// A uniform number in [0, 1) for (seed, sample, input): the same whatever the thread count.
double sample_uniform(std::uint64_t seed, std::uint64_t sample, std::uint64_t input);

/// The `input` key of sample_uniform for an input: a 64-bit FNV-1a hash of its PATH, so an input's
/// draws do not depend on which other inputs are ranged or on the order keys are listed in.
std::uint64_t path_key(std::string_view path);

/// The value of a ranged number for a uniform draw u (inverse CDF of uniform or triangular).
double draw(const Num& n, double u);

Simulation simulate(const Profile& p, const SimulateOptions& options);

/// One ranged input's effect: the local-minus-cloud total difference with the input at its low
/// and its high end, everything else at its mean.
struct SensitivityRow {
    std::string input;
    double low = 0;
    double high = 0;
    double difference_at_low = 0;
    double difference_at_high = 0;
    double swing = 0; ///< |difference_at_high − difference_at_low|
};

struct SensitivityPair {
    std::string workload;
    std::string local; ///< empty when the profile has no local × cloud pair: rows are then
    std::string cloud; ///< the swing of `option`'s total
    std::string option;
    double base_difference = 0;
    std::vector<SensitivityRow> rows; ///< largest swing first
};

std::vector<SensitivityPair> sensitivity(const Profile& p);

} // namespace llmtco
