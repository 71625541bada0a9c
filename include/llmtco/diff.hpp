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
    std::optional<bool> old_feasible; ///< nullopt: absent from that version
    std::optional<bool> new_feasible;
    std::vector<std::string> new_infeasible_reasons;
    std::optional<double> old_residual_value; ///< local options only (included in the totals)
    std::optional<double> new_residual_value;
    std::optional<int> old_machines; ///< local options only: the fleet at the horizon's end
    std::optional<int> new_machines;
    bool feasibility_changed() const {
        return old_feasible && new_feasible && *old_feasible != *new_feasible;
    }
};

struct WorkloadDiff {
    std::string name;
    DiffStatus status = DiffStatus::unchanged;
    std::string old_recommendation;
    std::string new_recommendation;
    bool recommendation_changed = false;
    std::vector<OptionDiff> options;
};

/// An input whose value differs between the versions, by its --set PATH, with both values as
/// --set would take them.
struct InputChange {
    std::string path;
    std::string old_value;
    std::string new_value;
};

/// The best portfolio (PRODUCT §4c) before and after, for profiles of several workloads.
struct PortfolioDiff {
    std::optional<double> old_total; ///< nullopt: no feasible portfolio in that version
    std::optional<double> new_total;
    std::string old_assignment; ///< "chat=box;tags=mini" (as the sweep writes it); empty: none
    std::string new_assignment;
    double total_change = 0;
    std::optional<double> total_percent; ///< nullopt when the old total is 0 or absent
    bool assignment_changed = false;
};

struct Diff {
    std::string currency;
    std::vector<InputChange> inputs; ///< filled by the caller (load::changed_inputs)
    std::vector<WorkloadDiff> workloads;
    std::optional<PortfolioDiff> portfolio; ///< when either version has several workloads
};

Diff diff_results(const Result& before, const Result& after);

/// Options whose total grew by more than `percent` (from zero to anything counts as more).
std::vector<std::string> totals_grown_above(const Diff& d, double percent);

} // namespace llmtco
