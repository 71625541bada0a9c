#pragma once
/// Portfolios (PRODUCT §4c): each workload assigned to one option, the whole profile as one bill.
/// Pure computation over an estimate's per-workload figures.

#include "llmtco/engine.hpp"

#include <functional>
#include <string>
#include <vector>

namespace llmtco {

/// One workload's candidate: an option it may use (no hard constraint excludes it) with its
/// horizon total and monthly cash figures, and the cloud option whose fixed costs that total
/// carries (its own, or a local option's fallback; -1: none).
struct PortfolioCandidate {
    std::size_t option = 0; ///< position in the workload's WorkloadResult::options
    double total = 0;
    int shared_cloud = -1; ///< index into the fixed costs below
    bool local = false;
    int local_option = -1; ///< index into Profile::local of a local candidate
    /// A pooled candidate's pool (PortfolioProblem::pool_cost); -1: none. Its `total` is then only
    /// what the pool leaves out: its fallback's fixed costs.
    int pool = -1;
    /// A pooled candidate's part of its pool's linear floor (PortfolioProblem::pool_fixed); 0: none.
    double pool_floor = 0;
};

/// The members of a pool in a portfolio: (workload, Profile::local index), in workload order.
using PoolMembers = std::vector<std::pair<std::size_t, std::size_t>>;

/// The search's input: candidates per workload and each cloud option's fixed costs over the
/// horizon (setup + H × (maintenance + fixed fees)), paid once in a portfolio.
struct PortfolioProblem {
    std::vector<std::vector<PortfolioCandidate>> candidates;
    std::vector<double> cloud_fixed;
    /// Pools (PRODUCT §4c): a pool's cost for its members over the horizon (its own costs and its
    /// members' fallback usage), 0 for none, +inf when it cannot serve them. It must never fall
    /// when a member joins: the search's bound counts a pooled candidate that has not joined at
    /// its pool_floor, less what the pools' costs so far exceed their floors by.
    std::size_t pools = 0;
    std::function<double(std::size_t pool, const PoolMembers& members)> pool_cost;
    /// A tighter bound, when known: pool_cost(k, S) ≥ pool_fixed[k] + Σ pool_floor of S's candidates
    /// for every non-empty S (empty: 0 for every pool, the floors then must be 0 too).
    std::vector<double> pool_fixed;
};

/// The cheapest assignment (candidate index per workload), exact: a depth-first branch and bound
/// whose bound counts each remaining workload at its cheapest candidate less any fixed cost it
/// might share. Ties keep the first in profile order. Empty when a workload has no candidate.
/// `nodes` gets the nodes visited; `proven` is false when it stopped at `node_limit`.
std::vector<std::size_t> cheapest_assignment(const PortfolioProblem& problem, long long node_limit,
                                             long long* nodes, bool* proven);

/// A cloud option's fixed costs over the horizon, paid once in a portfolio: its setup + H × its
/// fees a month (cloud_setup_cost, cloud_fees_per_month).
double cloud_fixed_over_horizon(const Settings& s, const CloudOption& c);

/// "chat → box, tags → mini" for people; "chat=box;tags=mini" as the sweep and diff write it.
std::string assignment_text(const Portfolio& p);
std::string assignment_key(const Portfolio& p);

/// The portfolio cost of an assignment: the candidates' totals less each shared cloud fixed cost
/// paid more than once.
double portfolio_total(const PortfolioProblem& problem, const std::vector<std::size_t>& pick);

/// Gives the pooled candidates of `problem` (those with a local_option naming a pool) their pool
/// and sets its pool_cost: run_pool of the members at their own volumes × `scale`, its own costs
/// plus the members' fallback usage; +inf when a model does not fit, the models do not fit one
/// machine together, or a member leaves calls unserved that its workload does not accept. A pooled
/// candidate's total becomes its fallback's fixed costs over the horizon.
void attach_pools(const Profile& p, PortfolioProblem& problem, double scale = 1);

/// The portfolio section of an estimate `r` of profile `p` (r's options already filtered to the
/// ones each workload is served by).
PortfolioResult portfolios(const Profile& p, const Result& r);

} // namespace llmtco
