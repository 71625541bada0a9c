#pragma once
/// Cost deltas between two versions of a profile (`llm-tco diff OLD NEW`).

#include "llmtco/engine.hpp"

#include <optional>
#include <string>
#include <vector>

namespace llmtco {

enum class DiffStatus { unchanged, changed, added, removed };

struct OptionDiff {
    std::string name;
    DiffStatus status = DiffStatus::unchanged;
    std::optional<double> old_monthly; ///< month-1 recurring cost (the run-rate)
    std::optional<double> new_monthly;
    std::optional<double> old_total;
    std::optional<double> new_total;
    double monthly_change = 0;
    double total_change = 0;
    std::optional<double> monthly_percent; ///< nullopt when the old figure is 0 or absent
    std::optional<double> total_percent;
};

struct WorkloadDiff {
    std::string name;
    DiffStatus status = DiffStatus::unchanged;
    std::string old_recommendation;
    std::string new_recommendation;
    bool recommendation_changed = false;
    std::vector<OptionDiff> options;
};

struct Diff {
    std::string currency;
    std::vector<WorkloadDiff> workloads;
};

Diff diff_results(const Result& before, const Result& after);

/// Options whose total grew by more than `percent` (from zero to anything counts as more).
std::vector<std::string> totals_grown_above(const Diff& d, double percent);

} // namespace llmtco
