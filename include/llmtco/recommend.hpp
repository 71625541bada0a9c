#pragma once
/// The decision framework: hard constraints exclude options, the lowest total among the rest wins,
/// and the reasons walk the article's five questions with the workload's own figures.

#include "llmtco/engine.hpp"

#include <span>

namespace llmtco {

/// Rules of thumb from the article, in calls/day.
inline constexpr double kCloudPenniesBelowCallsPerDay = 1000;
inline constexpr double kLocalMayWinAboveCallsPerDay = 10000;

/// The hard constraint that excludes an option, checked in this order.
enum class Exclusion {
    none,
    data_must_stay_local, ///< a cloud option, and the data may not leave
    team_cannot_maintain, ///< a local option, and team.can_maintain_local is false
    over_capacity,        ///< a local option whose fixed machines overflow with no fallback
    fallback_sends_data,  ///< a local option with a cloud fallback, and the data may not leave
    latency_unknown,      ///< the workload has a latency limit and the option's latency is unknown
    latency_too_high,     ///< the option's latency (a range's upper end) exceeds the limit
};

/// The hard constraint that excludes cloud option `c` from serving workload `w`, or none. Its latency
/// is cloud_latency_ms(c).
Exclusion exclusion_of(const Profile& p, const Workload& w, const CloudOption& c);

/// The same for local option `l`; `feasible` is is_feasible() for `l` with the calls it is sent
/// (it comes from a series evaluation), and its latency is local_latency_ms(w, l).
Exclusion exclusion_of(const Profile& p, const Workload& w, const LocalOption& l, bool feasible);

/// The recommended option: the position of the lowest of `totals` among the options without an
/// exclusion (`exclusions[i]` belongs to `totals[i]`), the first in order on a tie; -1 when every
/// option is excluded.
int pick_recommended(std::span<const double> totals, std::span<const Exclusion> exclusions);

/// `r` holds w's figures as estimate() computes them, its options in OptionIndex order.
Recommendation recommend(const Profile& p, const Workload& w, const WorkloadResult& r);

} // namespace llmtco
