#pragma once
/// What a profile may ask of the engine (PRODUCT §4d), checked before any month loop: every call
/// within its model's window, some option able to serve each workload, volumes and fleets within
/// range. The loader turns a breach into a located error (exit 2); `sweep` names the scenario.

#include "llmtco/profile.hpp"

#include <optional>
#include <string>

namespace llmtco {

/// Calls a day (at the peak, in the busiest month) above which a workload is refused: a trillion a
/// day is beyond any one workload, and keeps every total finite over 1,200 months.
inline constexpr double kCallsPerDayLimit = 1e12;
/// Machines a local option may need (`machines: auto`); the breakeven-volume search treats volumes
/// past it as infeasible for local.
inline constexpr double kMachineLimit = 1e6;

struct LimitBreach {
    std::string path;    ///< the input to blame, as --set writes it: workloads.feature.growth_per_month
    std::string message; ///< the figures and the limit, without a location
};

/// Which limits first_limit_breach checks.
enum class LimitChecks {
    all,
    /// Everything but the fleets of `auto` local options, which need the option's capacity: a
    /// sweep scenario leaves them to the evaluator, which sizes the fleet anyway
    /// (ScenarioWorkload::largest_fleet), instead of deriving the capacity twice.
    except_fleets,
};

/// The first limit `p` breaks, in profile order (workloads, then options), or nullopt. Volumes are
/// taken at their ranges' high ends (calls, growth_per_month, peak_to_average), so no sample of
/// `simulate` and no end of `sensitivity` can pass them.
std::optional<LimitBreach> first_limit_breach(const Profile& p, LimitChecks checks = LimitChecks::all);

} // namespace llmtco
