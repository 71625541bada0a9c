#include "llmtco/portfolio.hpp"

#include "llmtco/recommend.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace llmtco {
namespace {

/// The pools of a profile, each by its first option (LocalOption::pool_owner), in profile order.
std::vector<int> pool_owners(const Profile& p) {
    std::vector<int> owners;
    for (const auto& l : p.local)
        if (l.pool_owner >= 0 && std::find(owners.begin(), owners.end(), l.pool_owner) == owners.end())
            owners.push_back(l.pool_owner);
    return owners;
}

std::vector<PoolMember> run_members(const Profile& p, const PoolMembers& members, double scale) {
    std::vector<PoolMember> out;
    for (const auto& [w, l] : members)
        out.push_back({w, l, p.workloads[w].calls.calls_per_day(p.settings.days_per_month) * scale});
    return out;
}

/// Depth-first branch and bound over workloads in profile order, candidates in option order.
class Search {
  public:
    Search(const PortfolioProblem& p, long long limit) : p_(p), limit_(limit) {
        const std::size_t n = p.candidates.size();
        // The bounds of workloads i…n−1: each at its cheapest candidate, a shared fixed cost counted
        // as if another workload had paid it already; a pooled candidate at 0 (floor_) or at its
        // part of its pool's linear floor (linear_).
        floor_.assign(n + 1, 0.0);
        linear_.assign(n + 1, 0.0);
        for (std::size_t i = n; i-- > 0;) {
            double cheapest = HUGE_VAL, linear = HUGE_VAL;
            for (const auto& c : p.candidates[i]) {
                cheapest = std::min(cheapest, c.total - fixed(c));
                linear = std::min(linear, c.total - fixed(c) + (c.pool >= 0 ? c.pool_floor : 0.0));
            }
            floor_[i] = floor_[i + 1] + cheapest;
            linear_[i] = linear_[i + 1] + linear;
        }
        uses_.assign(p.cloud_fixed.size(), 0);
        pick_.assign(n, 0);
        members_.assign(p.pools, {});
        pool_now_.assign(p.pools, 0.0);
        pool_linear_.assign(p.pools, 0.0);
        if (p.pool_fixed.size() == p.pools) pool_linear_ = p.pool_fixed;
        slack_ = 0;
        for (std::size_t k = 0; k < p.pools; ++k)
            slack_ += slack(k);
        if (p.pools > 0) set_up_keys();
    }

    std::vector<std::size_t> run(long long* nodes, bool* proven) {
        if (std::any_of(p_.candidates.begin(), p_.candidates.end(), [](const auto& c) { return c.empty(); }))
            return {};
        visit(0, 0.0);
        if (nodes) *nodes = nodes_;
        if (proven) *proven = !stopped_;
        return best_;
    }

  private:
    double fixed(const PortfolioCandidate& c) const {
        return c.shared_cloud >= 0 ? p_.cloud_fixed[static_cast<std::size_t>(c.shared_cloud)] : 0.0;
    }

    void visit(std::size_t i, double cost) {
        if (stopped_) return;
        if (++nodes_ > limit_) {
            stopped_ = true;
            return;
        }
        if (i == p_.candidates.size()) {
            if (best_.empty() || cost < best_cost_) {
                best_cost_ = cost;
                best_ = pick_;
            }
            return;
        }
        for (std::size_t k = 0; k < p_.candidates[i].size(); ++k) {
            const auto& c = p_.candidates[i][k];
            // A shared fixed cost is paid by the first workload that uses it.
            const bool again = c.shared_cloud >= 0 && uses_[static_cast<std::size_t>(c.shared_cloud)] > 0;
            double next = cost + c.total - (again ? fixed(c) : 0.0);
            double before = 0, slack_before = 0;
            const double slack_then = slack_;
            if (c.pool >= 0) { // the pool's cost with this workload joining, less what it cost before
                // Unless its floor already rules it out: the pool's cost is not worth computing.
                if (!best_.empty() &&
                    next + std::max(floor_[i + 1], c.pool_floor + linear_[i + 1] - slack_) >= best_cost_)
                    continue;
                const auto pool = static_cast<std::size_t>(c.pool);
                members_[pool].emplace_back(i, static_cast<std::size_t>(c.local_option));
                if (!key_.empty()) key_[pool] += key_of(i, c);
                before = pool_now_[pool];
                const double after = pool_cost(pool);
                if (!std::isfinite(after)) {
                    members_[pool].pop_back();
                    if (!key_.empty()) key_[pool] -= key_of(i, c);
                    continue; // the pool cannot serve them together
                }
                next += after - before;
                slack_before = slack(pool);
                pool_now_[pool] = after;
                pool_linear_[pool] += c.pool_floor;
                slack_ += slack(pool) - slack_before;
            }
            // What the rest adds: at least each workload's cheapest candidate, and at least its
            // linear floor less what the pools so far cost above theirs (a pool's cost is at least
            // the larger of its cost so far and its floor).
            const double rest = std::max(floor_[i + 1], linear_[i + 1] - slack_);
            if (best_.empty() || next + rest < best_cost_) { // else it cannot beat the best
                if (c.shared_cloud >= 0) ++uses_[static_cast<std::size_t>(c.shared_cloud)];
                pick_[i] = k;
                visit(i + 1, next);
                if (c.shared_cloud >= 0) --uses_[static_cast<std::size_t>(c.shared_cloud)];
            }
            if (c.pool >= 0) {
                const auto pool = static_cast<std::size_t>(c.pool);
                members_[pool].pop_back();
                if (!key_.empty()) key_[pool] -= key_of(i, c);
                pool_now_[pool] = before;
                pool_linear_[pool] -= c.pool_floor;
                slack_ = slack_then;
            }
        }
    }

    /// What pool k's cost so far exceeds its linear floor by (an empty pool: what its floor falls
    /// below 0 by), never below 0.
    double slack(std::size_t k) const {
        return std::max(0.0, members_[k].empty() ? -pool_linear_[k] : pool_now_[k] - pool_linear_[k]);
    }

    /// The pool's cost for its current members, each membership priced once: it is keyed by the
    /// number whose digit w (base: the largest local index + 2) is the member option of workload w
    /// + 1, kept as members join and leave; without a key that fits 62 bits, no memo.
    double pool_cost(std::size_t pool) {
        if (!p_.pool_cost) return 0.0;
        if (digit_.empty()) return p_.pool_cost(pool, members_[pool]);
        if (const auto it = memo_[pool].find(key_[pool]); it != memo_[pool].end()) return it->second;
        const double cost = p_.pool_cost(pool, members_[pool]);
        memo_[pool].emplace(key_[pool], cost);
        return cost;
    }

    void set_up_keys() {
        std::size_t base = 1;
        for (const auto& list : p_.candidates)
            for (const auto& c : list)
                if (c.pool >= 0) base = std::max(base, static_cast<std::size_t>(c.local_option) + 2);
        double weight = 1;
        for (std::size_t i = 0; i < p_.candidates.size(); ++i, weight *= static_cast<double>(base)) {
            if (weight * static_cast<double>(base) > 4e18) {
                digit_.clear();
                return;
            }
            digit_.push_back(static_cast<std::uint64_t>(weight));
        }
        key_.assign(p_.pools, 0);
        memo_.assign(p_.pools, {});
    }
    std::uint64_t key_of(std::size_t workload, const PortfolioCandidate& c) const {
        return digit_.empty() ? 0 : digit_[workload] * static_cast<std::uint64_t>(c.local_option + 1);
    }

    const PortfolioProblem& p_;
    long long limit_;
    long long nodes_ = 0;
    bool stopped_ = false;
    std::vector<double> floor_;  ///< Σ over workloads i…n−1 of the cheapest candidate, pools at 0
    std::vector<double> linear_; ///< the same, pools at their candidates' floors
    std::vector<int> uses_;
    std::vector<std::size_t> pick_;
    std::vector<std::size_t> best_;
    double best_cost_ = HUGE_VAL;
    std::vector<PoolMembers> members_; ///< each pool's members on the current path
    std::vector<double> pool_now_;     ///< and their cost
    std::vector<double> pool_linear_;  ///< and their linear floor (PortfolioProblem::pool_fixed)
    double slack_ = 0;                 ///< Σ slack(k)
    std::vector<std::uint64_t> digit_; ///< (base)^w, the memo key's place of workload w
    std::vector<std::uint64_t> key_;   ///< each pool's current membership
    std::vector<std::unordered_map<std::uint64_t, double>> memo_;
};

int cloud_index(const Profile& p, const std::string& name) {
    for (std::size_t i = 0; i < p.cloud.size(); ++i)
        if (p.cloud[i].name == name) return static_cast<int>(i);
    return -1;
}

const LocalOption* local_named(const Profile& p, const std::string& name) {
    for (const auto& l : p.local)
        if (l.name == name) return &l;
    return nullptr;
}

enum class Only { any, cloud, local };

PortfolioProblem problem_of(const Profile& p, const Result& r, Only only) {
    PortfolioProblem problem;
    for (const auto& c : p.cloud)
        problem.cloud_fixed.push_back(cloud_fixed_over_horizon(p.settings, c));
    for (std::size_t wi = 0; wi < r.workloads.size(); ++wi) {
        const auto& w = p.workloads[wi];
        const auto& wr = r.workloads[wi];
        std::vector<PortfolioCandidate> candidates;
        for (std::size_t o = 0; o < wr.options.size(); ++o) {
            const auto& option = wr.options[o];
            const bool local = option.kind == OptionKind::local;
            if ((only == Only::cloud && local) || (only == Only::local && !local)) continue;
            if (exclusion_of(p, w, option) != Exclusion::none) continue;
            PortfolioCandidate c;
            c.option = o;
            c.total = option.total_cost;
            c.local = local;
            if (local) {
                if (const auto* l = local_named(p, option.name)) {
                    c.shared_cloud = serving_fallback(p, w, *l);
                    c.local_option = static_cast<int>(l - p.local.data());
                }
            } else {
                c.shared_cloud = cloud_index(p, option.name);
            }
            candidates.push_back(c);
        }
        problem.candidates.push_back(std::move(candidates));
    }
    attach_pools(p, problem);
    return problem;
}

/// The portfolio of `pick` with its monthly figures.
Portfolio portfolio_of(const Profile& p, const Result& r, const PortfolioProblem& problem,
                       const std::vector<std::size_t>& pick) {
    Portfolio out;
    const auto H = static_cast<std::size_t>(p.settings.horizon_months);
    out.monthly_cost.assign(H, 0.0);
    out.recurring_cost.assign(H, 0.0);
    std::vector<int> uses(problem.cloud_fixed.size(), 0);
    std::vector<PoolMembers> pools(problem.pools);
    bool any_book = false;
    std::vector<double> book(H, 0.0);
    for (std::size_t wi = 0; wi < pick.size(); ++wi) {
        const auto& c = problem.candidates[wi][pick[wi]];
        const auto& o = r.workloads[wi].options[c.option];
        out.assignments.emplace_back(r.workloads[wi].name, o.name);
        (c.local ? out.uses_local : out.uses_cloud) = true;
        if (c.shared_cloud >= 0) ++uses[static_cast<std::size_t>(c.shared_cloud)];
        if (c.pool >= 0) { // its pool's run below, not this workload's view of it
            pools[static_cast<std::size_t>(c.pool)].emplace_back(wi,
                                                                 static_cast<std::size_t>(c.local_option));
            continue;
        }
        for (std::size_t m = 0; m < H && m < o.monthly_cost.size(); ++m)
            out.monthly_cost[m] += o.monthly_cost[m];
        for (std::size_t m = 0; m < H && m < o.recurring_cost.size(); ++m)
            out.recurring_cost[m] += o.recurring_cost[m];
        if (!o.book_value.empty()) {
            any_book = true;
            for (std::size_t m = 0; m < H && m < o.book_value.size(); ++m)
                book[m] += o.book_value[m];
        }
    }
    for (const auto& members : pools) { // each pool once: its own costs, its members' fallbacks
        if (members.empty()) continue;
        const auto list = run_members(p, members, 1);
        const auto run = run_pool(p, list);
        for (std::size_t m = 0; m < H; ++m) {
            double fallbacks = 0, setup = 0;
            for (std::size_t i = 0; i < list.size(); ++i) {
                fallbacks += run.fallback_monthly[i][m] + run.fallback_fees[i];
                if (m == 0) setup += run.fallback_setup[i];
            }
            out.monthly_cost[m] += run.monthly[m] + fallbacks + setup;
            out.recurring_cost[m] += run.recurring[m] + fallbacks;
        }
        const auto& owner = pool_costs(p, p.local[members.front().second]);
        if (keeps_book_value(owner)) {
            std::vector<double> pool_book;
            book_values(run.purchases, owner.hardware.purchase->value, owner.hardware.lifetime_months.value,
                        pool_book);
            any_book = true;
            for (std::size_t m = 0; m < H && m < pool_book.size(); ++m)
                book[m] += pool_book[m];
        }
    }
    for (std::size_t k = 0; k < uses.size(); ++k) {
        if (uses[k] < 2) continue;
        const double fees = cloud_fees_per_month(p.settings, p.cloud[k]);
        for (std::size_t m = 0; m < H; ++m) { // the fees recur; the setup is month 1's one-time charge
            out.monthly_cost[m] -=
                (uses[k] - 1) * (fees + (m == 0 ? cloud_setup_cost(p.settings, p.cloud[k]) : 0));
            out.recurring_cost[m] -= (uses[k] - 1) * fees;
        }
        out.shared += (uses[k] - 1) * problem.cloud_fixed[k];
    }
    out.total_cost = portfolio_total(problem, pick);
    if (any_book) out.book_value = std::move(book);
    return out;
}

std::optional<Portfolio> cheapest(const Profile& p, const Result& r, Only only, PortfolioResult& into) {
    const auto problem = problem_of(p, r, only);
    long long nodes = 0;
    bool proven = true;
    const auto pick = cheapest_assignment(problem, kPortfolioNodeLimit, &nodes, &proven);
    into.nodes += nodes;
    into.proven = into.proven && proven;
    if (only == Only::any) {
        for (std::size_t wi = 0; wi < problem.candidates.size(); ++wi)
            if (problem.candidates[wi].empty()) into.unassignable.push_back(r.workloads[wi].name);
    }
    if (pick.empty()) return std::nullopt;
    return portfolio_of(p, r, problem, pick);
}

/// The first month (1-based) from which `a` stays at or below `b` to the horizon's end, on the net
/// view (cash less book value) or on cash alone; nullopt when it is above at the end.
std::optional<int> stays_cheaper(const Portfolio& a, const Portfolio& b, bool net) {
    const std::size_t H = std::min(a.monthly_cost.size(), b.monthly_cost.size());
    std::vector<double> diff(H);
    double cum = 0, scale = 1;
    for (std::size_t m = 0; m < H; ++m) {
        cum += a.monthly_cost[m] - b.monthly_cost[m];
        diff[m] = cum - (net && !a.book_value.empty() ? a.book_value[m] : 0.0) +
                  (net && !b.book_value.empty() ? b.book_value[m] : 0.0);
        scale = std::max(scale, std::fabs(a.monthly_cost[m]) + std::fabs(b.monthly_cost[m]));
    }
    auto behind = [&](double d) {
        return d > 1e-9 * scale * static_cast<double>(std::max<std::size_t>(1, H));
    };
    if (H == 0 || behind(diff[H - 1])) return std::nullopt;
    std::size_t m = H;
    while (m > 0 && !behind(diff[m - 1]))
        --m;
    return static_cast<int>(m) + 1;
}

/// The total of portfolio `p` with every workload's calls scaled by `scale`: each option's series
/// at the scaled volume, the shared cloud fixed costs once (portfolio_total of that assignment).
double total_at_scale(const Profile& prof, const Portfolio& p, double scale) {
    thread_local std::vector<double> monthly, recurring;
    thread_local PortfolioProblem problem;
    problem.cloud_fixed.clear();
    for (const auto& c : prof.cloud)
        problem.cloud_fixed.push_back(cloud_fixed_over_horizon(prof.settings, c));
    problem.candidates.assign(p.assignments.size(), std::vector<PortfolioCandidate>(1));
    for (std::size_t wi = 0; wi < p.assignments.size() && wi < prof.workloads.size(); ++wi) {
        const auto& w = prof.workloads[wi];
        const double cpd = w.calls.calls_per_day(prof.settings.days_per_month) * scale;
        const auto& option = p.assignments[wi].second;
        auto& c = problem.candidates[wi][0];
        if (const int k = cloud_index(prof, option); k >= 0) {
            c.total = cloud_series(prof, w, prof.cloud[static_cast<std::size_t>(k)], cpd, monthly, recurring);
            c.shared_cloud = k;
        } else if (const auto* l = local_named(prof, option)) {
            // (a pooled option's total is its pool's, which attach_pools prices once for all its members)
            c.total = l->pool_owner >= 0 ? 0.0 : local_series(prof, w, *l, cpd, monthly, recurring, nullptr);
            c.shared_cloud = serving_fallback(prof, w, *l);
            c.local = true;
            c.local_option = static_cast<int>(l - prof.local.data());
        }
    }
    attach_pools(prof, problem, scale);
    return portfolio_total(problem, std::vector<std::size_t>(p.assignments.size(), 0));
}

/// The smallest scale in [1e-4, 1e4] from which `best` stays at or below `cloud`: the last of 321
/// log-spaced scales (40 a decade) where it is above, then bisection to the crossing after it.
std::optional<double> scale_breakeven(const Profile& prof, const Portfolio& best, const Portfolio& cloud) {
    auto above = [&](double s) {
        const double a = total_at_scale(prof, best, s), b = total_at_scale(prof, cloud, s);
        return a - b > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
    };
    constexpr int kSteps = 320;
    auto scale_at = [](int i) { return std::pow(10.0, -4.0 + 8.0 * i / kSteps); };
    int last_above = -1;
    for (int i = 0; i <= kSteps; ++i)
        if (above(scale_at(i))) last_above = i;
    if (last_above == kSteps) return std::nullopt; // still dearer at 10,000×
    if (last_above < 0) return scale_at(0);        // cheaper over the whole range
    double lo = scale_at(last_above), hi = scale_at(last_above + 1);
    for (int k = 0; k < 60 && hi - lo > 1e-12 * hi; ++k) {
        const double mid = std::sqrt(lo * hi);
        (above(mid) ? lo : hi) = mid;
    }
    return hi;
}

} // namespace

std::vector<std::size_t> cheapest_assignment(const PortfolioProblem& problem, long long node_limit,
                                             long long* nodes, bool* proven) {
    return Search(problem, node_limit).run(nodes, proven);
}

double cloud_fixed_over_horizon(const Settings& s, const CloudOption& c) {
    return cloud_setup_cost(s, c) + s.horizon_months * cloud_fees_per_month(s, c);
}

std::string assignment_text(const Portfolio& p) {
    std::string out;
    for (const auto& [workload, option] : p.assignments)
        out += (out.empty() ? "" : ", ") + workload + " → " + option;
    return out;
}

std::string assignment_key(const Portfolio& p) {
    std::string out;
    for (const auto& [workload, option] : p.assignments)
        out += (out.empty() ? "" : ";") + workload + "=" + option;
    return out;
}

double portfolio_total(const PortfolioProblem& problem, const std::vector<std::size_t>& pick) {
    double total = 0;
    std::vector<int> uses(problem.cloud_fixed.size(), 0);
    std::vector<PoolMembers> members(problem.pools);
    for (std::size_t wi = 0; wi < pick.size(); ++wi) {
        const auto& c = problem.candidates[wi][pick[wi]];
        total += c.total;
        if (c.shared_cloud >= 0 && uses[static_cast<std::size_t>(c.shared_cloud)]++ > 0)
            total -= problem.cloud_fixed[static_cast<std::size_t>(c.shared_cloud)];
        if (c.pool >= 0)
            members[static_cast<std::size_t>(c.pool)].emplace_back(wi,
                                                                   static_cast<std::size_t>(c.local_option));
    }
    for (std::size_t k = 0; k < members.size(); ++k)
        if (!members[k].empty() && problem.pool_cost) total += problem.pool_cost(k, members[k]);
    return total;
}

void attach_pools(const Profile& p, PortfolioProblem& problem, double scale) {
    const auto owners = pool_owners(p);
    problem.pools = owners.size();
    if (owners.empty()) return;
    for (std::size_t wi = 0; wi < problem.candidates.size() && wi < p.workloads.size(); ++wi) {
        for (auto& c : problem.candidates[wi]) {
            if (c.local_option < 0) continue;
            const auto& l = p.local[static_cast<std::size_t>(c.local_option)];
            if (l.pool_owner < 0) continue;
            c.pool = static_cast<int>(std::find(owners.begin(), owners.end(), l.pool_owner) - owners.begin());
            c.total =
                c.shared_cloud >= 0 ? problem.cloud_fixed[static_cast<std::size_t>(c.shared_cloud)] : 0.0;
        }
    }
    // Each pooled candidate's rates once (its model's speeds, its workload's peak, its fallback):
    // the search prices many memberships of the same members.
    const std::size_t locals = p.local.size();
    auto rates =
        std::make_shared<std::vector<std::optional<PoolMemberRates>>>(problem.candidates.size() * locals);
    for (std::size_t wi = 0; wi < problem.candidates.size() && wi < p.workloads.size(); ++wi) {
        for (auto& c : problem.candidates[wi]) {
            if (c.pool < 0) continue;
            const auto l = static_cast<std::size_t>(c.local_option);
            const auto& w = p.workloads[wi];
            auto& r = (*rates)[wi * locals + l];
            r = pool_member_rates(p, w, p.local[l], l,
                                  w.calls.calls_per_day(p.settings.days_per_month) * scale);
            c.pool_floor = pool_member_floor(p, *r);
        }
    }
    problem.pool_fixed.clear();
    for (const int owner : owners)
        problem.pool_fixed.push_back(pool_fixed_floor(p, p.local[static_cast<std::size_t>(owner)]));
    problem.pool_cost = [&p, rates, locals](std::size_t, const PoolMembers& members) {
        if (members.empty()) return 0.0;
        thread_local std::vector<PoolMemberRates> list;
        list.clear();
        for (const auto& [w, l] : members)
            list.push_back(*(*rates)[w * locals + l]);
        return pool_cost(p, list);
    };
}

PortfolioResult portfolios(const Profile& p, const Result& r) {
    PortfolioResult out;
    out.best = cheapest(p, r, Only::any, out);
    out.all_cloud = cheapest(p, r, Only::cloud, out);
    out.all_local = cheapest(p, r, Only::local, out);
    if (out.best && out.all_cloud && out.best->assignments != out.all_cloud->assignments) {
        out.breakeven_month = stays_cheaper(*out.best, *out.all_cloud, true);
        out.payback_month = stays_cheaper(*out.best, *out.all_cloud, false);
        out.volume_scale = scale_breakeven(p, *out.best, *out.all_cloud);
        if (out.volume_scale) {
            for (const auto& w : p.workloads)
                out.breakeven_calls_per_day.push_back(w.calls.calls_per_day(p.settings.days_per_month) *
                                                      *out.volume_scale);
        }
    }
    return out;
}

} // namespace llmtco
