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
    not_served,           ///< the option's `serves` leaves the workload out (not listed as excluded)
    data_must_stay_local, ///< a cloud option, and the data may not leave
    team_cannot_maintain, ///< a local option, and team.can_maintain_local is false
    infeasible,           ///< an option that cannot serve the workload (is_feasible(), cloud_is_feasible())
    fallback_sends_data,  ///< a local option with a cloud fallback, and the data may not leave
    latency_unknown,      ///< the workload has a latency limit and the option's latency is unknown
    latency_too_high,     ///< the option's latency (a range's upper end) exceeds the limit
    fallback_latency_unknown,  ///< a local option whose fallback serves calls, its latency unknown under a
                               ///< limit
    fallback_latency_too_high, ///< a local option whose fallback serves calls and exceeds the latency limit
};

/// The hard constraint that excludes cloud option `c` from serving workload `w`, or none. Its latency
/// is cloud_latency_ms(c).
Exclusion exclusion_of(const Profile& p, const Workload& w, const CloudOption& c);

/// The same for local option `l`; `s` comes from a series evaluation of `l` (its feasibility and
/// the calls its fallback serves), and its latency is local_latency_ms(w, l). When the fallback
/// serves calls (downtime or overflow in any month), the fallback's latency is held to the limit too.
Exclusion exclusion_of(const Profile& p, const Workload& w, const LocalOption& l, const LocalSummary& s);

/// The hard constraint that excludes option `o` (a result of estimate(), cloud or local by name)
/// from serving workload `w`, or none.
Exclusion exclusion_of(const Profile& p, const Workload& w, const OptionResult& o);

/// The recommended option: the position of the lowest of `totals` among the options without an
/// exclusion (`exclusions[i]` belongs to `totals[i]`), the first in order on a tie; -1 when every
/// option is excluded. `unserved[i]` is the calls option i leaves unserved (empty: none leaves
/// any) out of `calls` over the horizon: when the allowed options serve different numbers of calls
/// (unserved_ok), the lowest cost per served call wins instead of the lowest total.
int pick_recommended(std::span<const double> totals, std::span<const Exclusion> exclusions,
                     std::span<const double> unserved = {}, double calls = 0);

/// `r` holds w's figures as estimate() computes them, its options in OptionIndex order.
Recommendation recommend(const Profile& p, const Workload& w, const WorkloadResult& r);

} // namespace llmtco
