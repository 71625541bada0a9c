#pragma once
/// The decision framework: hard constraints exclude options, the lowest total among the rest wins,
/// and the reasons walk the article's five questions with the workload's own figures.

#include "llmtco/engine.hpp"

namespace llmtco {

/// Rules of thumb from the article, in calls/day.
inline constexpr double kCloudPenniesBelowCallsPerDay = 1000;
inline constexpr double kLocalMayWinAboveCallsPerDay = 10000;

Recommendation recommend(const Profile& p, const Workload& w, const WorkloadResult& r);

} // namespace llmtco
