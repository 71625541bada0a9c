#pragma once
/// The series the charts draw: cumulative cost per month, and total cost against volume. Pure
/// computation on top of the engine; the renderers only place these numbers.

#include "llmtco/engine.hpp"

#include <span>
#include <vector>

namespace llmtco {

/// Cumulative cost at the end of months 0..H: {0, m₁, m₁+m₂, …} (H+1 values).
std::vector<double> cumulative(std::span<const double> monthly);

/// What an option has cost by the end of months 0..H on the net view: cumulative cash less the book
/// value of the hardware it still owns (PRODUCT §4 "Breakeven"), so the curve ends at its total and
/// two curves cross at the breakeven month.
std::vector<double> cumulative_net(const OptionResult& o);

/// `n` volumes spaced evenly on a log scale from `low` to `high` (both > 0, n ≥ 2), ends exact.
std::vector<double> log_spaced(double low, double high, int n);

/// Totals over the horizon of every option of one workload at several volumes.
struct VolumeCurve {
    std::vector<double> calls_per_day;
    /// totals[o][i]: option o (estimate's order: cloud, then local) at calls_per_day[i]
    std::vector<std::vector<double>> totals;
    /// feasible[o][i]: false when a local option without fallback cannot serve every call
    std::vector<std::vector<bool>> feasible;
};

/// Evaluates workload `w` of `p` at each of `volumes` calls/day (the workload's growth applies).
VolumeCurve cost_by_volume(const Profile& p, const Workload& w, std::span<const double> volumes);

/// The volumes a total-vs-calls/day chart should span for workload result `w`: from a tenth of the
/// smallest of (its volume, its breakeven volumes) to ten times the largest, at most 1e9/day.
std::pair<double, double> volume_range(const WorkloadResult& w);

} // namespace llmtco
