#pragma once
// `sweep`: the grid of --vary values over a profile, evaluated in order and streamed as rows.

#include "llmtco/catalog.hpp"
#include "llmtco/profile.hpp"
#include "load/profile_loader.hpp"

#include <atomic>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace llmtco::load {

/// One --vary: a PATH and the value texts it takes, in order.
struct Vary {
    std::string path;
    std::vector<std::string> values;
    std::vector<double> numbers; ///< for a generated grid (a..b:n): the values as numbers
};

/// "PATH=a..b:n", "PATH=a..b:n:log" or "PATH=v1,v2,v3". Throws UsageError.
Vary parse_vary(const std::string& arg);

/// How one value of one --vary changes a profile, found by loading the profile with it once.
struct Assignment {
    enum class Kind {
        number,
        calls,
        price,
        horizon,
        days_per_month,
        labor_rate,
        batchable,
        data_local,
        can_maintain
    };
    Kind kind = Kind::number;
    std::size_t index = 0; ///< field index (number), workload index (calls, flags), cloud index (price)
    Num num;
    CallRate rate;
    Price price;
    std::string model;
    double number = 0;
    bool flag = false;
};

struct SweepPlan {
    std::vector<Vary> varies;
    Profile base;
    bool fast = true; ///< every varied PATH maps to a field; else each scenario is loaded in full
    std::vector<std::vector<Assignment>> assignments; ///< [vary][value], when fast
    Tree tree;                                        ///< merged sources with --set, when slow
    Catalog catalog;
    std::size_t scenarios = 1;
};

/// Validates every value of every --vary by loading the profile with it (exact error messages).
/// A generated grid's ends are loaded in full; the values between them share the ends' checks.
/// Stops early (returning a partial plan) when `cancel` is set.
SweepPlan plan_sweep(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog, const std::vector<Vary>& varies, std::size_t max_scenarios,
                     const std::atomic<bool>* cancel = nullptr);

enum class SweepFormat { csv, jsonl, table };

struct SweepRun {
    SweepFormat format = SweepFormat::csv;
    unsigned threads = 1;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(std::size_t done, std::size_t total)> progress;
};

/// Streams the header and one row per scenario to `out`, in grid order (the last --vary fastest).
/// Returns the number of rows written (fewer than the grid when cancelled).
std::size_t run_sweep(const SweepPlan& plan, const SweepRun& run, std::FILE* out);

} // namespace llmtco::load
