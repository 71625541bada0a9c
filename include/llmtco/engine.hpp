#pragma once
/// The cost engine: a workload × option → monthly cost series, totals and line items.
/// Pure computation, no I/O. Formulas are in docs/cost-model.md; each lives in exactly one
/// function here, and the `--explain` text for it is produced beside it.

#include "llmtco/assumptions.hpp"
#include "llmtco/capacity.hpp"
#include "llmtco/profile.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace llmtco {

enum class OptionKind { cloud, local };

/// Where each option's figures sit in a workload's per-option lists (WorkloadResult::options,
/// ScenarioWorkload::totals): cloud options first, then local, in profile order. Local × cloud
/// pairs (WorkloadResult::breakeven, ScenarioWorkload::breakeven_months) are local-major.
struct OptionIndex {
    std::size_t clouds = 0;
    std::size_t locals = 0;

    OptionIndex(std::size_t cloud_count, std::size_t local_count)
        : clouds(cloud_count), locals(local_count) {}
    explicit OptionIndex(const Profile& p) : OptionIndex(p.cloud.size(), p.local.size()) {}

    std::size_t options() const { return clouds + locals; }
    std::size_t pairs() const { return locals * clouds; }
    /// Position of Profile::cloud[c], of Profile::local[l], and of the pair (local[l], cloud[c]).
    std::size_t cloud(std::size_t c) const { return c; }
    std::size_t local(std::size_t l) const { return clouds + l; }
    std::size_t pair(std::size_t l, std::size_t c) const { return l * clouds + c; }
    /// The inverses: whether position `option` is a cloud option, the Profile::cloud index of a
    /// cloud one and the Profile::local index of a local one, and the local and cloud index of
    /// pair position `pair`.
    bool is_cloud(std::size_t option) const { return option < clouds; }
    std::size_t cloud_at(std::size_t option) const { return option; }
    std::size_t local_at(std::size_t option) const { return option - clouds; }
    std::size_t pair_local(std::size_t pair) const { return pair / clouds; }
    std::size_t pair_cloud(std::size_t pair) const { return pair % clouds; }
};

/// One line of an option's cost. The items of an option add up to its total.
struct LineItem {
    std::string label;
    double total = 0;    ///< over the horizon
    std::string formula; ///< the derivation with this workload's numbers
};

/// A pooled local option's view of its pool (PRODUCT §4c): the share of the pool's own costs it
/// carries, by busy machine-hours over the horizon.
struct PoolShare {
    std::string name;
    double share = 0;
    double busy_hours = 0;      ///< this workload's, over the horizon
    double pool_busy_hours = 0; ///< every member's
    double pool_cost = 0;       ///< the pool's own costs over the horizon, net of its book value
    int machines = 0;           ///< the pool's fleet at the horizon's end
    std::vector<std::pair<std::string, std::string>> members; ///< (workload, option) it is costed with
};

struct OptionResult {
    std::string name;
    OptionKind kind = OptionKind::cloud;
    std::optional<double> cost_per_call; ///< cloud only
    double one_time_cost = 0;            ///< one-time charges in month 1
    std::vector<double> monthly_cost;    ///< cash view: recurring + one-time charges of that month
    std::vector<double> recurring_cost;  ///< monthly_cost without one-time charges
    /// monthly_cost with each purchase spread over its lifetime, straight line, the horizon's share
    /// (without a book value kept, what is left at month H is written off then): Σ = total_cost
    std::vector<double> amortised_cost;
    double total_cost = 0;          ///< Σ monthly_cost − residual_value
    std::optional<double> npv;      ///< with settings.discount_rate: present value of the same flows
    double residual_value = 0;      ///< local, owned: book value of the hardware at the horizon's end
    std::vector<double> book_value; ///< local, owned: book value at each month's end (empty: none)
    std::optional<double> cost_per_1k_calls; ///< null when there are no calls
    std::optional<double> cost_per_mtok;     ///< null when there are no tokens
    double total_calls = 0;
    std::optional<int> machines; ///< local: machines at the horizon's end
    std::optional<double>
        footprint_gb;                 ///< local: weights on the device + KV at the operating batch + overhead
    std::optional<Capacity> capacity; ///< local: the capacity derivation (or the measured speeds)
    std::vector<std::string> capacity_explain; ///< local, with detail: the derivation's lines
    std::optional<bool> memory_pressure;       ///< local
    double latency_ms_low = 0;                 ///< a range's low end, or the value
    double latency_ms_high = 0;                ///< a range's high end, or the value
    bool latency_known = false;
    bool feasible = true;                        ///< local: is_feasible(); cloud: cloud_is_feasible()
    std::vector<std::string> infeasible_reasons; ///< why not feasible, in words with the figures
    double fallback_calls = 0;                   ///< local: calls sent to the fallback over the horizon
    double unserved_calls = 0;                   ///< local: calls nobody serves over the horizon
    std::vector<std::string> warnings;
    std::vector<Assumption> assumptions; ///< inputs of this option not written in the profile (§4d)
    std::vector<LineItem> items;
    std::optional<PoolShare> pool; ///< local: the pool it shares, when it names one
};

struct BreakevenResult {
    std::string local;
    std::string cloud;
    std::optional<int> month;                     ///< first month from which local stays ahead to H
    std::vector<std::pair<int, int>> ahead_spans; ///< earlier runs of months ahead that did not hold
    std::optional<int> payback_month;             ///< `month` on cash alone
    std::optional<int> npv_month; ///< with settings.discount_rate: `month` on discounted flows, within H
    std::optional<int> months;    ///< first month ahead for good, flows continued
    std::optional<double> calls_per_day;                  ///< smallest volume from which local stays cheaper
    std::vector<std::pair<double, double>> cheaper_bands; ///< lower volumes where local is cheaper too
    /// The local option shares a pool: no volume of its own (its cost depends on every workload of
    /// the pool; the portfolio's volume_scale answers it), calls_per_day stays null.
    bool pooled = false;
};

struct Recommendation {
    std::string option; ///< empty when every option is excluded
    OptionKind kind = OptionKind::cloud;
    std::vector<std::string> reasons;
    std::vector<std::string> excluded; ///< "name: why" for each excluded option
};

struct WorkloadResult {
    std::string name;
    double calls_per_day = 0;
    std::vector<OptionResult> options; ///< cloud options first, then local, in profile order
    std::vector<BreakevenResult> breakeven;
    Recommendation recommendation;
    std::vector<Assumption> assumptions; ///< the workload's keys not written in the profile
};

/// One assignment of every workload to an option (PRODUCT §4c) and what it costs as one bill: each
/// cloud option's setup, maintenance and fixed fees paid once however many workloads use it
/// (directly or as a local option's fallback).
struct Portfolio {
    std::vector<std::pair<std::string, std::string>> assignments; ///< (workload, option), profile order
    double total_cost = 0;
    std::vector<double> monthly_cost;   ///< cash view
    std::vector<double> recurring_cost; ///< monthly_cost without one-time charges
    std::vector<double> book_value;     ///< of its owned hardware at each month's end (empty: none)
    double shared = 0;                  ///< cloud fixed costs not paid twice (already out of total_cost)
    bool uses_local = false;
    bool uses_cloud = false;
};

/// The portfolio section of an estimate: the cheapest feasible portfolio and the cheapest with
/// cloud options only and with local options only (nullopt: none feasible), and the month from
/// which the best stays cheaper than the best all-cloud one to the horizon's end.
struct PortfolioResult {
    std::optional<Portfolio> best;
    std::optional<Portfolio> all_cloud;
    std::optional<Portfolio> all_local;
    std::optional<int> breakeven_month; ///< net of book value; nullopt: never, or best is all-cloud
    std::optional<int> payback_month;   ///< the same on cash alone
    /// The smallest factor on every workload's calls from which the best portfolio's total stays at
    /// or below the best all-cloud one's (both assignments held), searched from 1e-4 to 1e4;
    /// nullopt: not within that range, or best is all-cloud. Each workload's calls/day at it.
    std::optional<double> volume_scale;
    std::vector<double> breakeven_calls_per_day;
    std::vector<std::string> unassignable; ///< workloads no allowed option serves
    long long nodes = 0;                   ///< assignments the search visited
    bool proven = true; ///< false: the search stopped at its node limit (kPortfolioNodeLimit)
};

/// The search gives up past this many nodes and reports the best found as not proven.
inline constexpr long long kPortfolioNodeLimit = 20'000'000;

struct Result {
    std::string currency;
    ExchangeRate exchange_rate; ///< settings.exchange_rate (converts(currency): it was applied)
    int horizon_months = 0;
    double days_per_month = 0;
    std::optional<double> discount_rate; ///< settings.discount_rate, annual
    std::vector<WorkloadResult> workloads;
    PortfolioResult portfolio;                          ///< the whole profile as one bill (§4c)
    std::vector<Assumption> assumptions;                ///< settings and team keys not written
    std::map<std::string, std::string> catalog_sources; ///< catalog entry → its source, for --explain
};

/// The monthly rate of an annual one: (1 + annual)^(1/12) − 1.
double monthly_rate(double annual);
/// Present value at `annual` of `monthly` (month m's flow at the end of month m, m = 1…) less
/// `residual` at the end of the last month: Σ monthly[m−1]·v^m − residual·v^H, v = 1/(1 + monthly rate).
double present_value(std::span<const double> monthly, double residual, double annual);
/// The first month (1-based) from which `local`'s discounted cumulative cost, less its discounted
/// book value, stays at or below `cloud`'s to the horizon's end; nullopt when it is above at H.
std::optional<int> present_value_breakeven(const OptionResult& local, const OptionResult& cloud,
                                           double annual);

/// Calls in month m (1-based): calls_per_day · D · (1+g)^(m−1).
double calls_in_month(double calls_per_day, double days_per_month, double growth, int month);

/// Cloud cost per call, with cached input, batch discount and long-context tiers.
double cloud_cost_per_call(const Workload& w, const Price& p);

/// A cloud option's fees a month, maintenance_hours_per_month × R + fixed_monthly, and its setup,
/// setup_hours × R, charged in month 1: what it costs whatever its volume (and what a portfolio,
/// or a local option's fallback, pays once).
inline double cloud_fees_per_month(const Settings& s, const CloudOption& c) {
    return c.maintenance_hours_per_month.value * s.labor_rate_per_hour.value + c.fixed_monthly.value;
}
inline double cloud_setup_cost(const Settings& s, const CloudOption& c) {
    return c.setup_hours.value * s.labor_rate_per_hour.value;
}

/// Memory footprint of a local model in GB at its operating batch: the weights on the device +
/// one call's KV cache × the batch + overhead.
double footprint_gb(const Capacity& c);

/// Seconds one call keeps a local machine busy.
double local_seconds_per_call(const Workload& w, const Throughput& t);

/// Machines one call a month needs at the peak (`auto` sizing): t/3600 · peak_to_average / (HPM ·
/// max_utilization), t the machine-seconds of a call at the full batch (local_capacity). A month
/// with c calls needs max(1, ceil(c · this)) machines.
double machines_per_monthly_call(const Profile& p, const Workload& w, const LocalOption& l);

/// Calls a month a fixed fleet (`machines: N`) serves at the peak: N · HPM · max_utilization ·
/// 3600 / (t · peak_to_average), t as above; infinite for `auto` or a zero-second call.
double fixed_fleet_capacity(const Profile& p, const Workload& w, const LocalOption& l);

/// How one machine of a local option is billed a month (PRODUCT §4f).
struct MachineBilling {
    double up_hours = 0;         ///< hours a machine is up a month: 24·D; on demand or spot: active_hours·D
    double billed_hours = 0;     ///< rented: the up hours, plus a cold start a day on demand or spot
                                 ///< when the active hours are fewer than 24; owned: 0
    double cold_start_hours = 0; ///< of billed_hours
    double rate = 0;             ///< per billed hour: rent_per_hour, or the reserved or spot rate
    double term_months = 0;      ///< reserved: the months of one term
    double lost_share = 0;       ///< spot: interruptions × minutes lost / 1440, the calls sent away
};

/// The billing of one machine of `l` serving calls that arrive in `active_hours_per_day`.
MachineBilling machine_billing(const Settings& s, double active_hours_per_day, const LocalOption& l);

/// Reserved months past the horizon of a machine added in month `added` (0-based): its terms start
/// then and renew every `term` months; the last to start within H runs to added + term·ceil((H −
/// added)/term).
double reserved_months_past_horizon(int added, int horizon, double term);

/// The share of its calls a local option serves while up: availability × (1 − the spot share lost).
double served_share(const LocalOption& l);

/// The latency of one call of a workload on an option, in ms: a range's ends, or the value at both.
struct LatencyMs {
    bool known = false;
    double low = 0;
    double high = 0;
};

/// A cloud option's latency_ms; unknown when it has none.
LatencyMs cloud_latency_ms(const CloudOption& c);

/// A local option's latency_ms when given, else local_capacity()'s at the workload's own volume,
/// at both ends. Always known.
LatencyMs local_latency_ms(const Profile& p, const Workload& w, const LocalOption& l);
/// Whether the option's hardware is credited at its book value: owned, bought for a price, with a
/// lifetime, and `hardware.residual: straight_line`.
bool keeps_book_value(const LocalOption& l);

/// Whether a local option with capacity `c` can serve workload `w`: false when the model does not
/// fit (or a call exceeds its context window), or when `unserved_calls` (downtime and overflow calls
/// with no fallback to take them) is positive and the workload does not say `unserved_ok: true`.
bool is_feasible(const Workload& w, const Capacity& c, double unserved_calls);

/// Whether cloud option `c` can serve workload `w`: false for an embedding model on a workload that
/// generates output or reasoning tokens (it would price them at $0).
bool cloud_is_feasible(const Workload& w, const CloudOption& c);

/// The index of the cloud option that serves a local option's downtime and overflow for workload
/// `w`: its fallback, unless that cannot serve the workload (an embedding model asked for output),
/// in which case those calls go unserved; -1 when there is none.
int serving_fallback(const Profile& p, const Workload& w, const LocalOption& l);
/// The tokens a call of `w` generates, in words: "400 output tokens", "300 output and 2,000 reasoning
/// tokens".
std::string generated_tokens_text(const Workload& w);

/// Full evaluation of one option, with line items and formulas (`detail`) or totals only.
OptionResult evaluate_cloud(const Profile& p, const Workload& w, const CloudOption& c, bool detail = true);
OptionResult evaluate_local(const Profile& p, const Workload& w, const LocalOption& l, bool detail = true);

/// Scratch space for repeated evaluations without allocation.
struct Scratch {
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> c;
    std::vector<double> d;
};

/// Totals only, for searches and sweeps: fills `monthly` (cash view) and `recurring` and returns
/// the total. `calls_per_day` overrides the workload's volume.
double cloud_series(const Profile& p, const Workload& w, const CloudOption& c, double calls_per_day,
                    std::vector<double>& monthly, std::vector<double>& recurring);
/// cloud_series's total alone, to the last bit, with the cost per call given
/// (cloud_cost_per_call(w, c.price)): for searches that ask at many volumes.
double cloud_total(const Profile& p, const Workload& w, const CloudOption& c, double calls_per_day,
                   double per_call);
/// Scratch the local loop writes, one value a month: machines bought (replacements included) and
/// new machines added.
struct LocalScratch {
    std::vector<double> schedule;
    std::vector<double> added;
    void resize(int horizon);
};

/// Straight-line book value at each month's end of the machines bought in each month
/// (`purchases`, replacements included) at `price` over `lifetime` months: month m's is
/// residual_value of the months up to m, the figure the breakeven scans use.
void book_values(std::span<const double> purchases, double price, double lifetime, std::vector<double>& out);
/// Book value at the end of the last month: Σ purchases[a] × price × max(0, 1 − (H − a)/lifetime).
double residual_value(std::span<const double> purchases, double price, double lifetime);

/// What a totals-only local evaluation also reports.
struct LocalSummary {
    double calls = 0;          ///< calls over the horizon
    double overflow_calls = 0; ///< calls above a fixed machine count's capacity
    double fallback_calls = 0; ///< calls the fallback serves (0 without a fallback)
    double unserved_calls = 0; ///< calls nobody serves (downtime and overflow, no fallback)
    bool feasible = true;      ///< is_feasible(w, l, unserved_calls)
    double residual_value = 0; ///< book value of the owned hardware at the horizon's end
    double machines = 0;       ///< the fleet at the horizon's end
    double cash_total = 0;     ///< Σ monthly (the cash view: no residual credit)
    double latency_ms = 0;     ///< the option's latency_ms (its high end) or the derived one
    /// The loop's scratch (machines bought and added per month), valid until the next
    /// local_series call on this thread.
    const LocalScratch* scratch = nullptr;
};

double local_series(const Profile& p, const Workload& w, const LocalOption& l, double calls_per_day,
                    std::vector<double>& monthly, std::vector<double>& recurring,
                    LocalSummary* summary = nullptr);

/// The option whose hardware, power, labour and availability a local option is costed with: its
/// pool's first option (PRODUCT §4c), or itself.
inline const LocalOption& pool_costs(const Profile& p, const LocalOption& l) {
    return l.pool_owner >= 0 ? p.local[static_cast<std::size_t>(l.pool_owner)] : l;
}

/// One workload served by one option of a pool, at a volume.
struct PoolMember {
    std::size_t workload = 0; ///< index into Profile::workloads
    std::size_t local = 0;    ///< index into Profile::local
    double calls_per_day = 0;
    const Workload* w = nullptr;         ///< instead of Profile::workloads[workload], when set
    const LocalOption* option = nullptr; ///< instead of Profile::local[local], when set
};

/// A pool's month loop (PRODUCT §4c): one fleet sized for the members' combined busy hours (each
/// workload's own peak applied), one purchase or rent schedule, one electricity bill and one setup,
/// maintenance and incident line, costed with the pool's first option; each member's fallback
/// apart. Its own costs are allocated to the members by busy machine-hours over the horizon.
struct PoolRun {
    std::vector<double> monthly;   ///< the pool's own costs each month (cash view), fallbacks not included
    std::vector<double> recurring; ///< the same without one-time charges
    std::vector<double> purchases; ///< machines bought each month, replacements included
    std::vector<double> added;     ///< machines added each month
    double cash = 0;               ///< Σ monthly
    double residual = 0;           ///< book value of its owned hardware at the horizon's end
    double total = 0;              ///< cash − residual
    int machines_first = 0;
    int machines_last = 0;
    // The pool's line items over the horizon.
    double bought = 0; ///< machines bought
    double purchase = 0, rent = 0, electricity = 0, setup = 0, added_setup = 0, added_machines = 0;
    double reserved_past = 0; ///< reserved: the committed hours past the horizon, billed in month H
    MachineBilling billing;   ///< the pool's: warm through the longest active hours of its members
    double maintenance = 0, per_machine_maintenance = 0, incidents = 0;
    double busy_hours_1 = 0;    ///< month 1, all members
    double machine_hours_1 = 0; ///< month 1
    // Per member, in the order given.
    std::vector<double> busy_hours; ///< over the horizon
    std::vector<double> share;      ///< busy_hours / Σ busy_hours (equal shares when nothing is busy)
    std::vector<double> calls;
    std::vector<double> fallback_calls; ///< downtime + overflow (unserved without a fallback)
    std::vector<double> overflow_calls;
    std::vector<double> fallback_calls_1;
    std::vector<double> fallback_usage;                ///< Σ fallback calls × its per-call price
    std::vector<std::vector<double>> fallback_monthly; ///< each month's fallback usage
    std::vector<double> fallback_fees;                 ///< a month: the fallback's maintenance + fixed fees
    std::vector<double> fallback_setup;                ///< the fallback's setup, month 1
    std::vector<char> has_fallback;  ///< a fallback serves the member's downtime and overflow
    std::vector<Capacity> capacity;  ///< the member's model on the pool's machine
    std::vector<std::string> misfit; ///< why its models do not fit one machine together; empty: they do
    bool members_fit = true;         ///< every member's model fits the machine by itself
};

PoolRun run_pool(const Profile& p, std::span<const PoolMember> members);

/// What the pool's loop needs of one member, derived once (the portfolio search prices many
/// memberships of the same members).
struct PoolMemberRates {
    std::size_t local = 0;          ///< index into Profile::local
    double calls_per_month = 0;     ///< month 1
    double growth = 1;              ///< 1 + growth_per_month
    double machines_per_call = 0;   ///< at the peak, full batch (machines_per_monthly_call)
    double busy_hours_per_call = 0; ///< at the operating batch
    bool has_fallback = false;
    double fallback_per_call = 0;
    double fallback_fees = 0; ///< a month
    double fallback_setup = 0;
    bool unserved_ok = false;
    double active_hours_per_day = 24; ///< its workload's
    bool fits = true;                 ///< the model fits the machine by itself
    double footprint_gb = 0;          ///< one copy at its operating batch; 0: no model size known
    double machine_usable_gb = 0;     ///< the machine's usable memory, every accelerator
};

/// `capacity`, when given, receives the member's capacity derivation.
PoolMemberRates pool_member_rates(const Profile& p, const Workload& w, const LocalOption& l,
                                  std::size_t local, double calls_per_day, Capacity* capacity = nullptr);

/// A pool's cost over the horizon for members with these rates: its own costs (net of book
/// value) plus the members' fallback usage; +inf when a model does not fit, the models do not
/// fit one machine together, or a member leaves calls unserved its workload does not accept. The
/// same loop as run_pool, totals only.
double pool_cost(const Profile& p, std::span<const PoolMemberRates> members);

/// A lower bound of a pool's cost that is linear in its members, for the portfolio search:
/// pool_cost(S) ≥ pool_fixed_floor + Σ pool_member_floor over every non-empty S of one pool. The
/// fixed part is its setup and monthly labour; a member's part its share of the machine-months
/// its load needs (priced at what every machine costs whatever its load) and the fallback calls
/// of the pool's downtime.
double pool_fixed_floor(const Profile& p, const LocalOption& owner);
double pool_member_floor(const Profile& p, const PoolMemberRates& m);

/// The pool as workload `workload`'s view of local option `local` sees it: every workload that an
/// option of the pool serves, on the first such option in profile order, at its own volume, except
/// `workload`, on `local` at `calls_per_day`. `workload` comes first.
std::vector<PoolMember> pool_members(const Profile& p, std::size_t workload, std::size_t local,
                                     double calls_per_day);

/// Every workload × every option, breakeven tables and recommendations.
Result estimate(const Profile& p);

} // namespace llmtco
