#pragma once
/// The decision framework: hard constraints exclude options, the lowest total among the rest wins,
/// and the reasons walk the article's five questions with the workload's own figures.

#include "llmtco/engine.hpp"

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

/// `local_index` is the option's index in Profile::local (ignored for cloud options).
Exclusion exclusion_of(const Profile& p, const Workload& w, OptionKind kind, int local_index, bool feasible,
                       bool latency_known, double latency_high_ms);

Recommendation recommend(const Profile& p, const Workload& w, const WorkloadResult& r);

} // namespace llmtco
