#include "engine/series.hpp"
#include "llmtco/capacity.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

namespace llmtco {
namespace {

/// Everything the local loop accumulates; line items and explain text are made from it afterwards.
struct LocalTotals {
    double calls = 0;
    double fallback_calls = 0;
    double overflow_calls = 0;
    double busy_hours = 0;
    double machine_hours = 0;
    double purchase = 0;
    double rent = 0;
    double kwh = 0;
    double electricity = 0;
    double fallback_usage = 0;
    double total = 0;
    double cash = 0; ///< Σ monthly, before the residual credit
    int machines_first = 0;
    int machines_last = 0;
    double purchases = 0;
    double reserved_past = 0;           ///< reserved: the committed hours past the horizon, billed in month H
    double residual = 0;                ///< book value of the owned hardware at the horizon's end
    double added_machines = 0;          ///< machines added after the first (each a new setup)
    double added_setup = 0;             ///< their setup labor
    double per_machine_maintenance = 0; ///< labor for the machines beyond the first, every month
    // Month-1 figures for the explain text.
    double busy_hours_1 = 0;
    double fallback_calls_1 = 0;
};

struct LocalRates {
    Capacity capacity;
    double busy_hours_per_call;           ///< at the operating batch
    double machines_per_call;             ///< machines one call a month needs at the peak, full batch
    double fixed_capacity;                ///< calls a month a fixed fleet serves at the peak
    MachineBilling billing;               ///< its hours up (up_hours) and billed, at what rate
    double served_share;                  ///< of the calls, while up (availability, spot losses)
    double maintenance;                   ///< monthly labor: maintenance
    double incidents;                     ///< monthly labor: expected incidents
    double setup;                         ///< one-time labor, month 1
    double setup_per_added_machine;       ///< one-time labor per machine added after the first
    double maintenance_per_extra_machine; ///< monthly labor per machine beyond the first
    bool has_fallback = false; ///< a fallback serves this workload's downtime and overflow (serving_fallback)
    double fallback_per_call = 0;
    double fallback_fixed = 0;    ///< monthly: the fallback's maintenance + fixed fees
    double fallback_one_time = 0; ///< the fallback's setup, month 1
};

/// The hours a month the calls arrive in, which capacity is sized for: active_hours_per_day · D.
double arrival_hours_per_month(const Settings& s, const Workload& w) {
    return w.active_hours_per_day.value * s.days_per_month;
}

/// Machines one call a month needs at the peak when a machine spends `seconds` on a call at its
/// full batch: seconds/3600 · peak_to_average / (HPM · max_utilization), HPM the arrival hours.
double machines_per_call_at(const Profile& p, const Workload& w, const LocalOption& l, double seconds) {
    return seconds / 3600 * w.peak_to_average.value /
           (arrival_hours_per_month(p.settings, w) * l.throughput.max_utilization.value);
}

/// Calls a month `machines` serve at the peak: machines · HPM · max_utilization · 3600 /
/// (seconds · peak_to_average); infinite for `auto` or a zero-second call.
double fleet_capacity_at(const Profile& p, const Workload& w, const LocalOption& l, double seconds) {
    if (!l.machines || !(seconds > 0)) return HUGE_VAL;
    return *l.machines * arrival_hours_per_month(p.settings, w) * l.throughput.max_utilization.value * 3600 /
           (seconds * w.peak_to_average.value);
}

LocalRates local_rates(const Profile& p, const Workload& w, const LocalOption& l, double calls_per_day) {
    const double rate = p.settings.labor_rate_per_hour.value;
    LocalRates r{};
    r.capacity = local_capacity(w, l, calls_per_day);
    r.busy_hours_per_call = r.capacity.machine_seconds_per_call / 3600;
    r.machines_per_call = machines_per_call_at(p, w, l, r.capacity.sizing_seconds_per_call);
    r.fixed_capacity = fleet_capacity_at(p, w, l, r.capacity.sizing_seconds_per_call);
    const auto& costs = pool_costs(p, l); // a pool's labour is its first option's
    r.billing = machine_billing(p.settings, w.active_hours_per_day.value, costs);
    r.served_share = served_share(costs);
    r.maintenance = costs.maintenance_hours_per_month.value * rate;
    r.incidents = costs.incidents_per_year.value / 12 * costs.hours_per_incident.value * rate;
    r.setup = costs.setup_hours.value * rate;
    r.setup_per_added_machine = costs.setup_hours_per_added_machine.value * rate;
    r.maintenance_per_extra_machine = costs.maintenance_hours_per_machine_month.value * rate;
    if (const int index = serving_fallback(p, w, l); index >= 0) {
        r.has_fallback = true;
        const auto& fb = p.cloud[static_cast<std::size_t>(index)];
        r.fallback_per_call = cloud_cost_per_call(w, fb.price);
        r.fallback_fixed = cloud_fees_per_month(p.settings, fb);
        r.fallback_one_time = cloud_setup_cost(p.settings, fb);
    }
    return r;
}

/// Schedules the purchases of `count` machines added in month `a` (0-based): that month and every
/// lifetime after it (the j-th replacement in month a + ceil(j·lifetime)), within the horizon.
void schedule_purchases(double* schedule, int horizon, int a, double count, double lifetime) {
    schedule[a] += count;
    if (!(lifetime > 0)) return;
    // lifetime ≥ 1 (the key table's bound) moves each replacement a month or more: at most `horizon`.
    for (int j = 1; j <= horizon; ++j) {
        const double month = a + std::ceil(j * lifetime - 1e-9);
        if (month >= horizon) break;
        schedule[static_cast<int>(month)] += count;
    }
}

/// Whole machines for `needed` machines' worth of load: max(1, ceil(needed)), 1e9 beyond it. By
/// truncation: std::ceil is a libm call in the month loops.
int whole_machines(double needed) {
    if (!(needed < 1e9)) return 1000000000;
    const int whole = static_cast<int>(needed); // toward zero: ceil for needed ≤ 0
    return std::max(1, whole + (whole < needed ? 1 : 0));
}

} // namespace

namespace {

/// Spot: the share of a machine's time its interruptions lose, interruptions/day × minutes / 1440.
double spot_lost_share(const Hardware& h) {
    if (!h.rented() || h.billing != Billing::spot || !h.spot.interruptions_per_day ||
        !h.spot.minutes_lost_per_interruption)
        return 0;
    return std::min(1.0,
                    h.spot.interruptions_per_day->value * h.spot.minutes_lost_per_interruption->value / 1440);
}

} // namespace

MachineBilling machine_billing(const Settings& s, double active_hours_per_day, const LocalOption& l) {
    MachineBilling b;
    const double D = s.days_per_month;
    const auto& h = l.hardware;
    b.up_hours = 24 * D;
    if (!h.rented()) return b;
    const bool warm = h.billing == Billing::on_demand || h.billing == Billing::spot;
    if (warm) {
        b.up_hours = std::min(24.0, active_hours_per_day) * D;
        // Scaling to zero outside the active hours: one start a day per machine, billed before it serves.
        if (active_hours_per_day < 24) b.cold_start_hours = h.cold_start_seconds.value / 3600 * D;
    }
    // (a start longer than the hours off costs more than staying warm: never above every hour)
    b.billed_hours = std::min(24 * D, b.up_hours + b.cold_start_hours);
    b.rate = h.rent_per_hour->value;
    if (h.billing == Billing::reserved && h.reserved.rent_per_hour && h.reserved.term_months) {
        b.rate = h.reserved.rent_per_hour->value;
        b.term_months = h.reserved.term_months->value;
    }
    if (h.billing == Billing::spot && h.spot.rent_per_hour) {
        b.rate = h.spot.rent_per_hour->value;
        b.lost_share = spot_lost_share(h);
    }
    return b;
}

double reserved_months_past_horizon(int added, int horizon, double term) {
    if (!(term > 0) || added >= horizon) return 0;
    const double terms = std::ceil((horizon - added) / term - 1e-9);
    return std::max(0.0, added + term * terms - horizon);
}

double served_share(const LocalOption& l) { return l.availability.value * (1 - spot_lost_share(l.hardware)); }

namespace {

/// The month loop of a pool over members with their rates; with `Detail` the per-member figures
/// and the line items go into `run` (sized by the caller), else only the total (own costs + the
/// members' fallback usage) is returned. `ok` is cleared when a member leaves calls unserved that
/// its workload does not accept.
template <bool Detail>
double pool_loop(const Profile& p, const LocalOption& o, std::span<const PoolMemberRates> members,
                 PoolRun* run, bool* ok) {
    const auto& s = p.settings;
    const int H = s.horizon_months;
    const std::size_t k = members.size();
    const double rate = s.labor_rate_per_hour.value;
    // Warm through the longest active hours of its members.
    double active_hours = 0;
    for (const auto& m : members)
        active_hours = std::max(active_hours, m.active_hours_per_day);
    const auto billing = machine_billing(s, active_hours, o);
    const double hpm = billing.up_hours;
    const double availability = served_share(o);
    const bool owned = !o.hardware.rented();
    const double purchase = owned && o.hardware.purchase ? o.hardware.purchase->value : 0;
    const double lifetime = o.hardware.lifetime_months.value;
    const double usd_per_kwh = o.power.pue.value * o.power.electricity_per_kwh.value / 1000;
    const double active_usd_per_hour = owned ? o.power.active_watts.value * usd_per_kwh : 0;
    const double idle_usd_per_hour = owned && o.power.always_on ? o.power.idle_watts.value * usd_per_kwh : 0;
    const double rent_per_machine_month = billing.rate * billing.billed_hours;
    const bool buys = owned && purchase > 0;
    const double maintenance = o.maintenance_hours_per_month.value * rate;
    const double incidents = o.incidents_per_year.value / 12 * o.hours_per_incident.value * rate;
    const double setup = o.setup_hours.value * rate;
    const double setup_per_added = o.setup_hours_per_added_machine.value * rate;
    const double maintenance_per_extra = o.maintenance_hours_per_machine_month.value * rate;

    thread_local std::vector<double> calls, fallback, busy, purchases, unserved;
    calls.resize(k);
    fallback.resize(k);
    busy.resize(k);
    unserved.assign(k, 0.0);
    purchases.assign(static_cast<std::size_t>(H), 0.0);
    for (std::size_t i = 0; i < k; ++i)
        calls[i] = members[i].calls_per_month;
    int machines = 0;
    double machine_hours = 0, per_machine = 0, cash = 0, usage = 0, reserved_past = 0;
    for (int m = 0; m < H; ++m) {
        const auto mi = static_cast<std::size_t>(m);
        double needed = 0, demand = 0; // machines' worth of load: all calls, the calls while up
        for (std::size_t i = 0; i < k; ++i) {
            needed += calls[i] * members[i].machines_per_call;
            demand += calls[i] * availability * members[i].machines_per_call;
        }
        int n = machines;
        double over = 0; // the share of each member's calls above a fixed fleet's capacity
        if (o.machines) {
            n = *o.machines;
            if (demand > n) over = 1 - n / demand;
        } else if (needed - 1e-9 > machines || machines == 0) {
            n = std::max(machines, whole_machines(needed - 1e-9));
        }
        double one_time = m == 0 ? setup : 0;
        if (n > machines) {
            if (buys) schedule_purchases(purchases.data(), H, m, n - machines, lifetime);
            reserved_past += (n - machines) * reserved_months_past_horizon(m, H, billing.term_months);
            const double added_after_first = std::max(0, n - std::max(machines, 1));
            one_time += added_after_first * setup_per_added;
            if constexpr (Detail) {
                run->added[mi] = n - machines;
                run->added_machines += added_after_first;
                run->added_setup += added_after_first * setup_per_added;
            }
            machine_hours = n * hpm;
            per_machine = std::max(0, n - 1) * maintenance_per_extra;
            machines = n;
        }
        double busy_total = 0;
        for (std::size_t i = 0; i < k; ++i) {
            const double overflow = calls[i] * availability * over;
            fallback[i] = calls[i] * (1 - availability) + overflow;
            busy[i] = (calls[i] - fallback[i]) * members[i].busy_hours_per_call;
            busy_total += busy[i];
            const double u = members[i].has_fallback ? fallback[i] * members[i].fallback_per_call : 0;
            usage += u;
            if (!members[i].has_fallback) unserved[i] += fallback[i];
            if constexpr (Detail) {
                run->calls[i] += calls[i];
                run->fallback_calls[i] += fallback[i];
                run->overflow_calls[i] += overflow;
                run->fallback_usage[i] += u;
                run->fallback_monthly[i][mi] = u;
                if (m == 0) run->fallback_calls_1[i] = fallback[i];
            }
        }
        const double scale = busy_total > machine_hours ? machine_hours / busy_total : 1.0;
        busy_total = std::min(busy_total, machine_hours); // a fleet cannot be busy longer than it exists
        const double bought = purchases[mi];
        one_time += bought * purchase;
        const double electricity =
            active_usd_per_hour * busy_total + idle_usd_per_hour * std::max(0.0, machine_hours - busy_total);
        const double hardware = rent_per_machine_month * machines;
        const double recurring = hardware + electricity + maintenance + incidents + per_machine;
        // A reserved term running past the horizon is billed whole: its remaining months in month H.
        const double committed = m == H - 1 ? reserved_past * rent_per_machine_month : 0;
        one_time += committed;
        cash += recurring + one_time;
        if constexpr (Detail) {
            for (std::size_t i = 0; i < k; ++i)
                run->busy_hours[i] += busy[i] * scale;
            run->bought += bought;
            run->recurring[mi] = recurring;
            run->monthly[mi] = recurring + one_time;
            run->rent += hardware;
            run->reserved_past += committed;
            run->electricity += electricity;
            run->maintenance += maintenance;
            run->incidents += incidents;
            run->per_machine_maintenance += per_machine;
            if (m == 0) {
                run->machines_first = n;
                run->busy_hours_1 = busy_total;
                run->machine_hours_1 = machine_hours;
            }
        }
        for (std::size_t i = 0; i < k; ++i)
            calls[i] *= members[i].growth;
    }
    const double residual = keeps_book_value(o) ? residual_value(purchases, purchase, lifetime) : 0;
    if (ok) {
        for (std::size_t i = 0; i < k; ++i)
            if (unserved[i] > 0 && !members[i].unserved_ok) *ok = false;
    }
    if constexpr (Detail) {
        run->billing = billing;
        run->setup = setup;
        run->purchases = purchases;
        run->machines_last = machines;
        run->purchase = run->bought * purchase;
        run->cash = cash;
        run->residual = residual;
        run->total = cash - residual;
    }
    return cash - residual + usage;
}

/// Why the members' models do not fit one machine together (one copy of each at its operating
/// batch); empty when they do.
std::vector<std::string> pool_misfit(const Profile& p, const LocalOption& o,
                                     std::span<const PoolMemberRates> m) {
    thread_local std::vector<std::pair<std::size_t, double>> models; // (local option, footprint)
    models.clear();
    double usable = 0;
    for (const auto& r : m) {
        usable = std::max(usable, r.machine_usable_gb);
        if (!(r.footprint_gb > 0)) continue;
        auto it =
            std::find_if(models.begin(), models.end(), [&](const auto& x) { return x.first == r.local; });
        if (it == models.end())
            models.emplace_back(r.local, r.footprint_gb);
        else
            it->second = std::max(it->second, r.footprint_gb);
    }
    double sum = 0;
    for (const auto& model : models)
        sum += model.second;
    if (models.size() < 2 || !(usable > 0) || sum <= usable) return {};
    std::vector<std::string> parts;
    for (const auto& [l, gb] : models) {
        const auto& model = p.local[l].model;
        parts.push_back(fmt::format("{} {} GB", model.preset.empty() ? p.local[l].name : model.preset,
                                    format_number(gb, 1)));
    }
    return {
        fmt::format("pool '{}': its models do not fit one machine together: {} = {} GB > {} GB usable (one "
                    "copy of each at its operating batch)",
                    o.pool, fmt::join(parts, " + "), format_number(sum, 1), format_number(usable, 1))};
}

} // namespace

PoolMemberRates pool_member_rates(const Profile& p, const Workload& w, const LocalOption& l,
                                  std::size_t local, double calls_per_day, Capacity* capacity) {
    const auto r = local_rates(p, w, l, calls_per_day);
    const auto& o = pool_costs(p, l);
    PoolMemberRates m;
    m.local = local;
    m.calls_per_month = calls_per_day * p.settings.days_per_month;
    m.growth = 1 + w.growth_per_month.value;
    m.machines_per_call = r.machines_per_call;
    m.busy_hours_per_call = r.busy_hours_per_call;
    m.has_fallback = r.has_fallback;
    m.fallback_per_call = r.fallback_per_call;
    m.fallback_fees = r.fallback_fixed;
    m.fallback_setup = r.fallback_one_time;
    m.unserved_ok = w.unserved_ok;
    m.active_hours_per_day = w.active_hours_per_day.value;
    m.fits = r.capacity.fits;
    if (l.model.params_b.value > 0) m.footprint_gb = footprint_gb(r.capacity);
    m.machine_usable_gb = r.capacity.usable_gb / std::max(1, r.capacity.accelerators_per_copy) *
                          std::max(1.0, o.hardware.accelerators.value);
    if (capacity) *capacity = r.capacity;
    return m;
}

double pool_cost(const Profile& p, std::span<const PoolMemberRates> members) {
    if (members.empty()) return 0;
    const auto& o = pool_costs(p, p.local[members[0].local]);
    for (const auto& m : members)
        if (!m.fits) return HUGE_VAL;
    if (!pool_misfit(p, o, members).empty()) return HUGE_VAL;
    bool ok = true;
    const double total = pool_loop<false>(p, o, members, nullptr, &ok);
    return ok ? total : HUGE_VAL;
}

namespace {

/// What pool_loop charges whatever the load, as money per machine-month and per busy
/// machine-hour, for auto sizing (a fixed fleet: 0, its overflow makes busy hours depend on the
/// other members). Per machine-month: the rent of its billed hours (machine_billing: a pool is
/// warm at least through each member's active hours); a purchase over at most ceil(lifetime)
/// months (a replacement comes ceil(j·lifetime) − ceil((j − 1)·lifetime) ≤ ceil(lifetime) months
/// after the last; a machine still on the books is charged price × months held / lifetime); the
/// cheaper of idle and active power when always on; the maintenance of a machine beyond the first.
/// Per busy hour (the busy hours, at most the machine-hours): the active power (above idle when
/// always on).
struct LoadFreeRates {
    double machine_month = 0;
    double busy_hour = 0;
    double up_hours = 0; ///< a machine's hours up a month (MachineBilling::up_hours)
};
LoadFreeRates load_free_rates(const Profile& p, const LocalOption& o, double active_hours_per_day) {
    LoadFreeRates r;
    const auto& s = p.settings;
    const auto billing = machine_billing(s, active_hours_per_day, o);
    r.up_hours = billing.up_hours;
    if (o.machines) return r;
    const double hpm = billing.up_hours;
    r.machine_month = o.maintenance_hours_per_machine_month.value * s.labor_rate_per_hour.value;
    if (o.hardware.rented()) { // (a pool is warm at least through each member's active hours)
        r.machine_month += billing.rate * billing.billed_hours;
        return r;
    }
    const double lifetime = o.hardware.lifetime_months.value;
    if (o.hardware.purchase && o.hardware.purchase->value > 0 && lifetime > 0)
        r.machine_month += o.hardware.purchase->value / std::ceil(lifetime - 1e-9);
    const double usd_per_kwh = o.power.pue.value * o.power.electricity_per_kwh.value / 1000;
    const double active = o.power.active_watts.value * usd_per_kwh;
    const double idle = o.power.idle_watts.value * usd_per_kwh;
    if (o.power.always_on) { // idle · machine-hours + (active − idle) · busy hours
        r.machine_month += std::min(idle, active) * hpm;
        r.busy_hour = std::max(0.0, active - idle);
    } else {
        r.busy_hour = active;
    }
    return r;
}

/// Keeps a bound on the safe side of the rounding of the sums it is compared with.
constexpr double kFloorMargin = 1 - 1e-9;

} // namespace

double pool_fixed_floor(const Profile& p, const LocalOption& owner) {
    const auto& o = pool_costs(p, owner);
    const double rate = p.settings.labor_rate_per_hour.value;
    const double H = p.settings.horizon_months;
    const double monthly =
        (o.maintenance_hours_per_month.value + o.incidents_per_year.value / 12 * o.hours_per_incident.value) *
        rate;
    // The first machine carries no per-machine maintenance (max(0, n − 1)): the member floors
    // count it on every machine, so it comes off here.
    const double first = o.machines ? 0 : o.maintenance_hours_per_machine_month.value * rate;
    const double fixed = o.setup_hours.value * rate + H * (monthly - first);
    return fixed >= 0 ? fixed * kFloorMargin : fixed / kFloorMargin;
}

double pool_member_floor(const Profile& p, const PoolMemberRates& m) {
    const auto& o = pool_costs(p, p.local[m.local]);
    const auto rates = load_free_rates(p, o, m.active_hours_per_day);
    const double hpm = rates.up_hours;
    const double availability = served_share(o);
    // Each month n ≥ needed − 1e-9 machines (whole_machines), needed = Σ calls · machines_per_call,
    // and min(Σ busy, n · HPM) ≥ Σ min(busy_i, needed_i · HPM); every call but the available share
    // goes to the fallback (and more when a fixed fleet overflows).
    const double fallback = m.has_fallback ? (1 - availability) * m.fallback_per_call : 0;
    double calls = m.calls_per_month, floor = 0;
    for (int month = 0; month < p.settings.horizon_months; ++month, calls *= m.growth) {
        const double machines = calls * m.machines_per_call - 1e-9;
        const double busy = std::min(calls * availability * m.busy_hours_per_call, machines * hpm);
        floor += machines * rates.machine_month + std::max(0.0, busy) * rates.busy_hour + calls * fallback;
    }
    return std::max(0.0, floor * kFloorMargin);
}

PoolRun run_pool(const Profile& p, std::span<const PoolMember> members) {
    PoolRun run;
    const auto h = static_cast<std::size_t>(p.settings.horizon_months);
    const std::size_t k = members.size();
    run.monthly.assign(h, 0.0);
    run.recurring.assign(h, 0.0);
    run.purchases.assign(h, 0.0);
    run.added.assign(h, 0.0);
    run.busy_hours.assign(k, 0.0);
    run.share.assign(k, 0.0);
    run.calls.assign(k, 0.0);
    run.fallback_calls.assign(k, 0.0);
    run.overflow_calls.assign(k, 0.0);
    run.fallback_calls_1.assign(k, 0.0);
    run.fallback_usage.assign(k, 0.0);
    run.fallback_monthly.assign(k, std::vector<double>(h, 0.0));
    if (k == 0) return run;
    const auto& o = pool_costs(p, p.local[members[0].local]);
    std::vector<PoolMemberRates> rates;
    rates.reserve(k);
    for (const auto& m : members) {
        const auto& w = m.w ? *m.w : p.workloads[m.workload];
        const auto& l = m.option ? *m.option : p.local[m.local];
        run.capacity.emplace_back();
        rates.push_back(pool_member_rates(p, w, l, m.local, m.calls_per_day, &run.capacity.back()));
        const auto& r = rates.back();
        if (!r.fits) run.members_fit = false;
        run.fallback_fees.push_back(r.fallback_fees);
        run.fallback_setup.push_back(r.fallback_setup);
        run.has_fallback.push_back(r.has_fallback ? 1 : 0);
    }
    run.misfit = pool_misfit(p, o, rates);
    pool_loop<true>(p, o, rates, &run, nullptr);
    double busy_sum = 0;
    for (const double b : run.busy_hours)
        busy_sum += b;
    for (std::size_t i = 0; i < k; ++i)
        run.share[i] = busy_sum > 0 ? run.busy_hours[i] / busy_sum : 1.0 / static_cast<double>(k);
    return run;
}

std::vector<PoolMember> pool_members(const Profile& p, std::size_t workload, std::size_t local,
                                     double calls_per_day) {
    std::vector<PoolMember> out{{workload, local, calls_per_day}};
    const int owner = p.local[local].pool_owner;
    if (owner < 0) return out;
    for (std::size_t v = 0; v < p.workloads.size(); ++v) {
        if (v == workload) continue;
        const auto& w = p.workloads[v];
        for (std::size_t k = 0; k < p.local.size(); ++k) {
            if (p.local[k].pool_owner != owner || !serves_workload(p.local[k].serves, w.name)) continue;
            out.push_back({v, k, w.calls.calls_per_day(p.settings.days_per_month)});
            break;
        }
    }
    return out;
}

void LocalScratch::resize(int horizon) {
    const auto h = static_cast<std::size_t>(horizon);
    schedule.resize(h);
    added.resize(h);
}

void book_values(std::span<const double> purchases, double price, double lifetime, std::vector<double>& out) {
    out.assign(purchases.size(), 0.0);
    for (std::size_t m = 0; m < purchases.size(); ++m)
        out[m] = residual_value(purchases.first(m + 1), price, lifetime);
}

double residual_value(std::span<const double> purchases, double price, double lifetime) {
    const int H = static_cast<int>(purchases.size());
    if (!(price > 0) || !(lifetime > 0)) return 0;
    // The share of its price a machine keeps after k months, 1 − k/lifetime, for k = 1…H, kept per
    // thread: a sweep asks for the same lifetime millions of times, and a division per purchase is
    // a fifth of a scenario's time.
    thread_local double cached_lifetime = 0;
    thread_local std::vector<double> kept;
    if (cached_lifetime != lifetime || kept.size() < static_cast<std::size_t>(H) + 1) {
        kept.resize(std::max(kept.size(), static_cast<std::size_t>(H) + 1));
        for (std::size_t k = 0; k < kept.size(); ++k)
            kept[k] = std::max(0.0, 1 - static_cast<double>(static_cast<int>(k)) / lifetime);
        cached_lifetime = lifetime;
    }
    // Machines bought a lifetime or more before the end are written off.
    const double first = std::max(0.0, H - std::ceil(lifetime));
    double exact = 0;
    for (int a = static_cast<int>(first); a < H; ++a) {
        const double bought = purchases[static_cast<std::size_t>(a)];
        if (bought > 0) exact += bought * price * kept[static_cast<std::size_t>(H - a)];
    }
    return exact;
}

namespace {

/// The one loop every local evaluation runs; `sc` receives the purchase schedule and the machines
/// added each month. With `Detail` false (sweeps, simulations, the volume search) only the totals
/// local_series reports are kept; the line items' sums are left at zero.
template <bool Detail>
LocalTotals local_loop(const Profile& p, const Workload& w, const LocalOption& l, double calls_per_day,
                       const LocalRates& r, double* monthly, double* recurring, LocalScratch& sc) {
    const auto& s = p.settings;
    const int H = s.horizon_months;
    const double growth = 1 + w.growth_per_month.value;
    const double availability = r.served_share;
    const bool owned = !l.hardware.rented();
    const double purchase = owned && l.hardware.purchase ? l.hardware.purchase->value : 0;
    const double lifetime = l.hardware.lifetime_months.value;
    const double watts_active = l.power.active_watts.value;
    const double watts_idle = l.power.always_on ? l.power.idle_watts.value : 0;
    const double fixed_monthly = r.maintenance + r.incidents + r.fallback_fixed;

    // Loop invariants, so a month costs a few multiplications.
    const double busy_hours_per_call = r.busy_hours_per_call;
    const double machines_per_call = r.machines_per_call;
    const double fixed_capacity = r.fixed_capacity;
    const double downtime_share = 1 - availability;
    const double usd_per_kwh = l.power.pue.value * l.power.electricity_per_kwh.value / 1000;
    const double active_usd_per_hour = owned ? watts_active * usd_per_kwh : 0;
    const double idle_usd_per_hour = owned ? watts_idle * usd_per_kwh : 0;
    const double rent_per_machine_month = r.billing.rate * r.billing.billed_hours;
    const double term_months = r.billing.term_months;
    const bool buys = owned && purchase > 0;
    // Copied out of the references: the loop stores through double pointers, which the compiler
    // must otherwise assume can change them, reloading each from memory every month.
    const double setup_per_added_machine = r.setup_per_added_machine;
    const double maintenance_per_extra_machine = r.maintenance_per_extra_machine;
    const double hours_per_month = r.billing.up_hours;
    const double one_time_first_month = r.setup + r.fallback_one_time;
    const double fallback_per_call = r.fallback_per_call;
    const std::optional<int> fixed_machines = l.machines;

    LocalTotals tot;
    sc.resize(H);
    double* schedule = sc.schedule.data();
    double* added = sc.added.data();
    std::fill(sc.schedule.begin(), sc.schedule.end(), 0.0);
    double calls = calls_per_day * s.days_per_month;
    int machines = 0;
    // What changes only when machines are added: the fleet's hours and the labour beyond the first.
    double machine_hours = 0;
    double per_machine = 0;                    // labour of the machines beyond the first, a month
    double reserved_past = 0;                  // machine-months of reserved terms past the horizon
    double first_month = one_time_first_month; // zero after month 1, so the loop needs no test for it
    for (int m = 0; m < H; ++m) {
        int n = machines;
        double overflow = 0;
        if (fixed_machines) {
            n = *fixed_machines;
            overflow = std::max(0.0, calls * availability - fixed_capacity);
        } else if (const double needed = calls * machines_per_call - 1e-9;
                   needed > machines || machines == 0) {
            // ceil(needed) exceeds the fleet only when needed does (machines is whole), so most
            // months skip the rounding.
            n = std::max(machines, whole_machines(needed));
        }
        double one_time = first_month;
        first_month = 0;
        double added_after_first = 0;
        added[m] = 0;
        if (n > machines) {
            added[m] = n - machines;
            if (buys) schedule_purchases(schedule, H, m, n - machines, lifetime);
            reserved_past += (n - machines) * reserved_months_past_horizon(m, H, term_months);
            // Every machine beyond the first is a new setup in the month it is added (replacements are not).
            added_after_first = std::max(0, n - std::max(machines, 1));
            one_time += added_after_first * setup_per_added_machine;
            machine_hours = n * hours_per_month;
            per_machine = std::max(0, n - 1) * maintenance_per_extra_machine;
            machines = n;
        }
        const double fallback = calls * downtime_share + overflow;
        // (at month 1's batch; a fleet cannot be busy longer than it exists)
        const double busy = std::min((calls - fallback) * busy_hours_per_call, machine_hours);
        const double bought = schedule[m];
        tot.purchases += bought;
        one_time += bought * purchase;
        const double fallback_usage = fallback * fallback_per_call;
        const double electricity =
            active_usd_per_hour * busy + idle_usd_per_hour * std::max(0.0, machine_hours - busy);
        const double hardware = rent_per_machine_month * machines;
        recurring[m] = hardware + electricity + fallback_usage + fixed_monthly + per_machine;
        // A reserved term running past the horizon is billed whole: its remaining months in month H.
        if (m == H - 1 && reserved_past > 0) {
            tot.reserved_past = reserved_past * rent_per_machine_month;
            one_time += tot.reserved_past;
        }
        monthly[m] = recurring[m] + one_time;

        tot.calls += calls;
        tot.fallback_calls += fallback;
        tot.overflow_calls += overflow;
        tot.total += monthly[m];
        if constexpr (Detail) {
            tot.busy_hours += busy;
            tot.rent += hardware;
            tot.electricity += electricity;
            tot.fallback_usage += fallback_usage;
            tot.added_machines += added_after_first;
            tot.added_setup += added_after_first * setup_per_added_machine;
            tot.per_machine_maintenance += per_machine;
            if (m == 0) {
                tot.machines_first = n;
                tot.busy_hours_1 = busy;
                tot.fallback_calls_1 = fallback;
            }
        }
        calls *= growth;
    }
    tot.purchase = tot.purchases * purchase;
    tot.machines_last = machines;
    if (keeps_book_value(l)) tot.residual = residual_value(sc.schedule, purchase, lifetime);
    tot.cash = tot.total;
    tot.total -= tot.residual; // the hardware still owned is worth its book value: a credit, not cash
    return tot;
}

/// "residual value": the book value still owned at month H, a credit, with the machines behind it.
LineItem residual_item(const LocalOption& l, int H, const LocalScratch& sc, double residual,
                       const std::string& cur) {
    const double price = l.hardware.purchase->value;
    const double lifetime = l.hardware.lifetime_months.value;
    std::vector<std::string> parts;
    for (int m = 0; m < H; ++m) {
        const double bought = sc.schedule[static_cast<std::size_t>(m)];
        const double used = H - m; // months of use to the horizon's end, the month bought included
        if (bought <= 0 || used >= lifetime) continue;
        parts.push_back(fmt::format("month {}: {} × {} × (1 − {}/{})", m + 1, format_number(bought, 0),
                                    format_money(price, cur), format_number(used, 0),
                                    format_number(lifetime)));
    }
    return {"residual value", -residual,
            fmt::format("residual value: book value at month {}, straight-line over a {}-month life, of the "
                        "machines bought in month a: −(a: n × price × (1 − months used/life)) = −({}) = −{}",
                        H, format_number(lifetime), fmt::format("{}", fmt::join(parts, " + ")),
                        format_money(residual, cur))};
}

bool nearly_constant(double month1, double total, int horizon) {
    return std::fabs(month1 * horizon - total) <= 1e-9 * std::max(1.0, std::fabs(total));
}

} // namespace

double local_seconds_per_call(const Workload& w, const Throughput& t) {
    return w.input_tokens.value / t.prefill_tokens_per_s.value +
           (w.output_tokens.value + w.reasoning_tokens.value) / t.decode_tokens_per_s.value;
}

double machines_per_monthly_call(const Profile& p, const Workload& w, const LocalOption& l) {
    const auto c = local_capacity(w, l, w.calls.calls_per_day(p.settings.days_per_month));
    return machines_per_call_at(p, w, l, c.sizing_seconds_per_call);
}

double fixed_fleet_capacity(const Profile& p, const Workload& w, const LocalOption& l) {
    const auto c = local_capacity(w, l, w.calls.calls_per_day(p.settings.days_per_month));
    return fleet_capacity_at(p, w, l, c.sizing_seconds_per_call);
}

LatencyMs local_latency_ms(const Profile& p, const Workload& w, const LocalOption& l) {
    if (l.latency_ms) return {true, l.latency_ms->low, l.latency_ms->high};
    const double ms = local_capacity(w, l, w.calls.calls_per_day(p.settings.days_per_month)).latency_ms;
    return {true, ms, ms};
}

bool keeps_book_value(const LocalOption& l) {
    return !l.hardware.rented() && l.hardware.purchase && l.hardware.purchase->value > 0 &&
           l.hardware.lifetime_months.value > 0 && l.hardware.residual == Residual::straight_line;
}

int serving_fallback(const Profile& p, const Workload& w, const LocalOption& l) {
    if (l.fallback_index < 0) return -1;
    return cloud_is_feasible(w, p.cloud[static_cast<std::size_t>(l.fallback_index)]) ? l.fallback_index : -1;
}

bool is_feasible(const Workload& w, const Capacity& c, double unserved_calls) {
    if (!c.fits) return false;
    return !(unserved_calls > 0 && !w.unserved_ok);
}

double footprint_gb(const Capacity& c) {
    return c.weights_gb * (1 - c.offload_share) + c.kv_gb_per_call * c.concurrency + c.overhead_gb;
}

namespace {

std::size_t workload_index(const Profile& p, const Workload& w) {
    for (std::size_t i = 0; i < p.workloads.size(); ++i)
        if (p.workloads[i].name == w.name) return i;
    return 0;
}

std::size_t local_index(const Profile& p, const LocalOption& l) {
    for (std::size_t i = 0; i < p.local.size(); ++i)
        if (p.local[i].name == l.name) return i;
    return 0;
}

/// Workload `w`'s view of pooled option `l` at `calls_per_day`: the pool with its other workloads
/// at their own volumes (pool_members), this workload's share of the pool's own costs each month
/// plus its fallback's usage, fees and setup. Returns the total; `monthly`/`recurring` are sized.
/// `members_out`, when given, receives the members it was costed with.
PoolRun pooled_view(const Profile& p, const Workload& w, const LocalOption& l, double calls_per_day,
                    double* monthly, double* recurring, double* total,
                    std::vector<PoolMember>* members_out = nullptr) {
    auto members = pool_members(p, workload_index(p, w), local_index(p, l), calls_per_day);
    members[0].w = &w;
    members[0].option = &l;
    auto run = run_pool(p, members);
    const double share = run.share[0];
    const double fees = run.fallback_fees[0];
    const int H = p.settings.horizon_months;
    double sum = 0;
    for (int m = 0; m < H; ++m) {
        const auto mi = static_cast<std::size_t>(m);
        recurring[mi] = share * run.recurring[mi] + run.fallback_monthly[0][mi] + fees;
        monthly[mi] = share * run.monthly[mi] + run.fallback_monthly[0][mi] + fees +
                      (m == 0 ? run.fallback_setup[0] : 0.0);
        sum += monthly[mi];
    }
    *total = sum - share * run.residual;
    if (members_out) *members_out = std::move(members);
    return run;
}

} // namespace

double local_series(const Profile& p, const Workload& w, const LocalOption& l, double calls_per_day,
                    std::vector<double>& monthly, std::vector<double>& recurring, LocalSummary* summary) {
    const auto h = static_cast<std::size_t>(p.settings.horizon_months);
    if (l.pool_owner >= 0) {
        monthly.resize(h);
        recurring.resize(h);
        double total = 0;
        const auto run = pooled_view(p, w, l, calls_per_day, monthly.data(), recurring.data(), &total);
        if (summary) {
            const double share = run.share[0];
            thread_local LocalScratch scratch;
            scratch.resize(p.settings.horizon_months);
            for (std::size_t m = 0; m < h; ++m) { // this workload's share of the pool's machines
                scratch.schedule[m] = share * run.purchases[m];
                scratch.added[m] = share * run.added[m];
            }
            const bool has_fallback = run.has_fallback[0] != 0;
            summary->residual_value = share * run.residual;
            summary->scratch = &scratch;
            summary->machines = share * run.machines_last; // (its share of the fleet the flows continue)
            summary->cash_total = total + summary->residual_value;
            summary->calls = run.calls[0];
            summary->overflow_calls = run.overflow_calls[0];
            summary->fallback_calls = has_fallback ? run.fallback_calls[0] : 0;
            summary->unserved_calls = has_fallback ? 0 : run.fallback_calls[0];
            summary->feasible =
                is_feasible(w, run.capacity[0], summary->unserved_calls) && run.misfit.empty();
            summary->latency_ms = l.latency_ms ? l.latency_ms->high : run.capacity[0].latency_ms;
        }
        return total;
    }
    // (sized already on every call of a sweep but the first: no call into resize then)
    if (monthly.size() != h) monthly.resize(h);
    if (recurring.size() != h) recurring.resize(h);
    thread_local LocalScratch scratch;
    const auto rates = local_rates(p, w, l, calls_per_day);
    const auto t =
        local_loop<false>(p, w, l, calls_per_day, rates, monthly.data(), recurring.data(), scratch);
    if (summary) {
        summary->residual_value = t.residual;
        summary->scratch = &scratch;
        summary->machines = t.machines_last;
        summary->cash_total = t.cash;
        const bool has_fallback = rates.has_fallback;
        summary->calls = t.calls;
        summary->overflow_calls = t.overflow_calls;
        summary->fallback_calls = has_fallback ? t.fallback_calls : 0;
        summary->unserved_calls = has_fallback ? 0 : t.fallback_calls;
        summary->feasible = is_feasible(w, rates.capacity, summary->unserved_calls);
        summary->latency_ms = l.latency_ms ? l.latency_ms->high : rates.capacity.latency_ms;
    }
    return t.total;
}

OptionResult evaluate_local(const Profile& p, const Workload& w, const LocalOption& l, bool detail) {
    const auto& s = p.settings;
    const int H = s.horizon_months;
    const double cpd = w.calls.calls_per_day(s.days_per_month);
    const auto rates = local_rates(p, w, l, cpd);
    const auto& cap = rates.capacity;

    OptionResult r;
    r.name = l.name;
    r.kind = OptionKind::local;
    r.monthly_cost.resize(static_cast<std::size_t>(H));
    r.recurring_cost.resize(static_cast<std::size_t>(H));
    LocalScratch scratch;
    // A pooled option's hardware, power and labour are its pool's, and its view carries a share.
    const auto& costs = pool_costs(p, l);
    double share = 1;
    LocalTotals t;
    MachineBilling billing = rates.billing; // a pool's: through the longest hours of its members
    if (l.pool_owner >= 0) {
        std::vector<PoolMember> members;
        const auto run =
            pooled_view(p, w, l, cpd, r.monthly_cost.data(), r.recurring_cost.data(), &t.total, &members);
        share = run.share[0];
        // The pool's own figures (its line items are scaled by the share below); the fallback's
        // this workload's.
        t.purchase = run.purchase;
        t.purchases = run.bought;
        t.rent = run.rent;
        t.reserved_past = run.reserved_past;
        billing = run.billing;
        t.electricity = run.electricity;
        t.added_machines = run.added_machines;
        t.added_setup = run.added_setup;
        t.per_machine_maintenance = run.per_machine_maintenance;
        t.residual = run.residual;
        t.machines_first = run.machines_first;
        t.machines_last = run.machines_last;
        t.busy_hours_1 = run.busy_hours_1;
        t.calls = run.calls[0];
        t.fallback_calls = run.fallback_calls[0];
        t.overflow_calls = run.overflow_calls[0];
        t.fallback_usage = run.fallback_usage[0];
        t.fallback_calls_1 = run.fallback_calls_1[0];
        scratch.resize(H);
        scratch.schedule = run.purchases;
        scratch.added = run.added;
        PoolShare ps;
        ps.name = l.pool;
        ps.share = share;
        ps.busy_hours = run.busy_hours[0];
        for (const double b : run.busy_hours)
            ps.pool_busy_hours += b;
        ps.pool_cost = run.total;
        ps.machines = run.machines_last;
        for (const auto& m : members)
            ps.members.emplace_back(p.workloads[m.workload].name, p.local[m.local].name);
        r.pool = std::move(ps);
        r.infeasible_reasons = run.misfit;
    } else {
        t = local_loop<true>(p, w, l, cpd, rates, r.monthly_cost.data(), r.recurring_cost.data(), scratch);
    }
    r.residual_value = share * t.residual;
    // The straight-line book value of what was bought, month by month: the net view's book values
    // when it is kept, and the amortised months either way.
    r.amortised_cost = r.monthly_cost;
    if (!costs.hardware.rented() && costs.hardware.purchase && costs.hardware.purchase->value > 0 &&
        costs.hardware.lifetime_months.value > 0) {
        std::vector<double> book;
        book_values(scratch.schedule, costs.hardware.purchase->value, costs.hardware.lifetime_months.value,
                    book);
        // Each month: less what it bought, plus the fall in the book value of what is in service
        // (− bought + (before + bought − book[m])); without a book value kept, what is left of it
        // is written off in month H.
        double before = 0;
        for (std::size_t m = 0; m < r.amortised_cost.size() && m < book.size(); ++m) {
            r.amortised_cost[m] += share * (before - book[m]);
            before = book[m];
        }
        if (!keeps_book_value(costs) && !r.amortised_cost.empty()) r.amortised_cost.back() += share * before;
        if (keeps_book_value(costs) &&
            std::any_of(book.begin(), book.end(), [](double b) { return b > 0; })) {
            for (auto& b : book)
                b *= share;
            r.book_value = std::move(book);
        }
    }
    r.total_calls = t.calls;
    r.total_cost = t.total;
    r.one_time_cost = r.monthly_cost.empty() ? 0 : r.monthly_cost[0] - r.recurring_cost[0];
    r.machines = t.machines_last;
    const bool has_fallback = rates.has_fallback;
    r.fallback_calls = has_fallback ? t.fallback_calls : 0;
    r.unserved_calls = has_fallback ? 0 : t.fallback_calls;
    // Why calls go unserved: no fallback, or one that cannot answer this workload.
    const std::string no_fallback =
        l.fallback_index >= 0 && !has_fallback
            ? fmt::format(
                  "the fallback '{}' cannot serve them: {} is an embedding model and the calls need output "
                  "tokens",
                  l.fallback, p.cloud[static_cast<std::size_t>(l.fallback_index)].model)
            : std::string("no fallback");
    // Per call and per token figures divide by the calls served, not the calls sent.
    const double served = std::max(0.0, t.calls - r.unserved_calls);
    const double tokens = w.input_tokens.value + w.output_tokens.value + w.reasoning_tokens.value;
    if (served > 0) r.cost_per_1k_calls = 1000 * t.total / served;
    if (served * tokens > 0) r.cost_per_mtok = 1e6 * t.total / (served * tokens);
    r.latency_known = true;
    r.latency_ms_low = l.latency_ms ? l.latency_ms->low : cap.latency_ms;
    r.latency_ms_high = l.latency_ms ? l.latency_ms->high : cap.latency_ms;
    r.capacity = cap;
    // Memory a copy of the model has: memory_gb on each of its accelerators, or a first-release ram_gb.
    const double machine_gb = l.hardware.memory_gb.value > 0
                                  ? l.hardware.memory_gb.value * cap.accelerators_per_copy
                                  : l.hardware.ram_gb.value;
    if (l.model.params_b.value > 0) {
        r.footprint_gb = footprint_gb(cap);
        r.memory_pressure = machine_gb > 0 && cap.fits && *r.footprint_gb + l.other_ram_gb.value > machine_gb;
    }

    const auto& cur = s.currency;
    if (detail) r.warnings = l.notes;
    r.warnings.insert(r.warnings.end(), cap.warnings.begin(), cap.warnings.end());
    r.infeasible_reasons.insert(r.infeasible_reasons.begin(), cap.infeasible.begin(), cap.infeasible.end());
    if (cap.fits && r.memory_pressure.value_or(false)) {
        r.warnings.push_back(
            fmt::format("memory pressure: the model needs {} GB + {} GB already in use > {} GB of memory",
                        format_number(*r.footprint_gb, 2), format_number(l.other_ram_gb.value, 2),
                        format_number(machine_gb, 2)));
    }
    r.feasible = is_feasible(w, cap, r.unserved_calls) && (!r.pool || r.infeasible_reasons.empty());
    if (r.unserved_calls > 0 && !w.unserved_ok) {
        r.infeasible_reasons.push_back(
            fmt::format("{} of {} calls go unserved over the horizon ({}) and the workload does not "
                        "accept unserved calls (unserved_ok: true)",
                        format_number(r.unserved_calls, 0), format_number(t.calls, 0), no_fallback));
    }
    if (!has_fallback && t.overflow_calls > 0) {
        r.warnings.push_back(
            fmt::format("over capacity: {} fixed machine(s) cannot serve {} calls over the horizon "
                        "and there is no fallback",
                        *l.machines, format_number(t.overflow_calls, 0)));
    } else if (t.overflow_calls > 0) {
        r.warnings.push_back(
            fmt::format("over capacity: {} calls over the horizon overflow to the fallback '{}'",
                        format_number(t.overflow_calls, 0), l.fallback));
    }
    const double downtime_calls = t.fallback_calls - t.overflow_calls;
    if (!has_fallback && downtime_calls > 0) {
        const double lost = rates.billing.lost_share;
        r.warnings.push_back(fmt::format(
            "{} calls over the horizon go unserved during downtime (availability {}{}): {}",
            format_number(downtime_calls, 0), format_number(costs.availability.value, 4),
            lost > 0
                ? fmt::format("; spot interruptions lose {} of the time", format_number(100 * lost, 4) + " %")
                : std::string(),
            no_fallback == "no fallback" ? std::string("there is no fallback") : no_fallback));
    }
    if (!detail) return r;
    r.capacity_explain = capacity::explain(capacity_inputs(w, l), cap);
    if (cap.derived) {
        r.capacity_explain.insert(
            r.capacity_explain.begin(),
            fmt::format("capacity ({} on {} ({} accelerator{}), {} {}): derived from the hardware, model and "
                        "engine (docs/capacity.md)",
                        l.serving.engine, l.hardware.preset.empty() ? "inline hardware" : l.hardware.preset,
                        format_number(l.hardware.accelerators.value, 0),
                        l.hardware.accelerators.value == 1 ? "" : "s",
                        l.model.preset.empty() ? "inline model" : l.model.preset,
                        l.model.quant.empty() ? format_number(l.model.bits_per_weight.value, 3) + " bits"
                                              : l.model.quant));
    }

    const double rate = s.labor_rate_per_hour.value;
    const auto rate_text = detail::unit_price_text(p, "settings.labor_rate_per_hour", rate, "/h");
    const auto option_path = "options.local." + costs.name;
    const double hpm = billing.up_hours; // (a pool's)
    const int n1 = t.machines_first;
    auto machines_text = [](int n) { return fmt::format("{} machine{}", n, n == 1 ? "" : "s"); };
    if (!costs.hardware.rented() && t.purchase > 0) {
        const double price = costs.hardware.purchase->value;
        std::string text = fmt::format(
            "hardware: {} × {} = {}",
            t.purchases == 1 ? std::string("1 machine")
                             : fmt::format("{} purchases", format_number(t.purchases, 0)),
            detail::money_text(p, option_path + ".hardware.purchase", price), format_money(t.purchase, cur));
        text += fmt::format(" (bought when added, replaced every {} months)",
                            format_number(costs.hardware.lifetime_months.value));
        r.items.push_back({"hardware purchase", t.purchase, text});
    }
    if (costs.hardware.rented() && (t.rent > 0 || t.reserved_past > 0)) {
        const auto& b = billing;
        const auto how_billed = costs.hardware.billing;
        const char* rate_key = how_billed == Billing::reserved ? ".hardware.reserved.rent_per_hour"
                               : how_billed == Billing::spot   ? ".hardware.spot.rent_per_hour"
                                                               : ".hardware.rent_per_hour";
        const auto rent_text = detail::unit_price_text(p, option_path + rate_key, b.rate, "/h");
        const double month1 = r.recurring_cost.empty() ? 0 : b.rate * b.billed_hours * n1;
        const double D = s.days_per_month;
        std::string hours = fmt::format("{} h", format_number(b.up_hours, 1));
        if (b.cold_start_hours > 0) {
            hours = fmt::format(
                "({} active h + {} s cold start) a day × {} days{}", format_number(b.up_hours / D, 4),
                format_number(costs.hardware.cold_start_seconds.value), format_number(D, 4),
                b.billed_hours < b.up_hours + b.cold_start_hours ? ", at most every hour" : "");
        } else if (b.up_hours < 24 * D) {
            hours = fmt::format("{} active h a day × {} days", format_number(b.up_hours / D, 4),
                                format_number(D, 4));
        }
        std::string how;
        switch (how_billed) {
        case Billing::always_on:
            how = "always on";
            break;
        case Billing::on_demand:
            how = "on demand, warm through the active hours";
            break;
        case Billing::reserved:
            how = fmt::format("reserved, {}-month terms billed whole", format_number(b.term_months));
            break;
        case Billing::spot:
            how = fmt::format(
                "spot, warm through the active hours; {} interruptions/day × {} min lost / 1440 = {} "
                "of the calls to the fallback",
                format_number(costs.hardware.spot.interruptions_per_day->value, 4),
                format_number(costs.hardware.spot.minutes_lost_per_interruption->value),
                format_number(100 * b.lost_share, 4) + " %");
            break;
        }
        const auto text = fmt::format("rent: {} × {} × {} ({})", machines_text(n1), hours, rent_text, how);
        r.items.push_back(
            {"hardware rent", t.rent,
             detail::monthly_formula(text, month1, t.rent, H, nearly_constant(month1, t.rent, H), cur)});
        if (t.reserved_past > 0) {
            r.items.push_back(
                {"reserved term past the horizon", t.reserved_past,
                 fmt::format(
                     "reserved term past the horizon: the months of the last {}-month term of each machine "
                     "that run past month {}, billed whole in month {}: {} machine-months × {} h × {} = {}",
                     format_number(b.term_months), H, H,
                     format_number(t.reserved_past / (b.rate * b.billed_hours), 2),
                     format_number(b.billed_hours, 1), rent_text, format_money(t.reserved_past, cur))});
        }
    }
    if (!costs.hardware.rented() && t.electricity > 0) {
        const double busy = t.busy_hours_1;
        const double idle_hours = costs.power.always_on ? std::max(0.0, n1 * hpm - busy) : 0;
        const double month1 = (costs.power.active_watts.value * busy +
                               (costs.power.always_on ? costs.power.idle_watts.value : 0) * idle_hours) /
                              1000 * costs.power.pue.value * costs.power.electricity_per_kwh.value;
        const auto text = fmt::format(
            "electricity: ({} W × {} busy h + {} W × {} idle h across {}) / 1000 × {} PUE × {}",
            format_number(costs.power.active_watts.value), format_number(busy, 1),
            format_number(costs.power.always_on ? costs.power.idle_watts.value : 0),
            format_number(idle_hours, 1), machines_text(n1), format_number(costs.power.pue.value, 2),
            detail::unit_price_text(p, option_path + ".power.electricity_per_kwh",
                                    costs.power.electricity_per_kwh.value, "/kWh"));
        r.items.push_back({"electricity", t.electricity,
                           detail::monthly_formula(text, month1, t.electricity, H,
                                                   nearly_constant(month1, t.electricity, H), cur)});
    }
    if (rates.setup > 0) {
        r.items.push_back(
            {"setup labor", rates.setup,
             fmt::format("setup: {} h × {} = {} once, in month 1", format_number(costs.setup_hours.value),
                         rate_text, format_money(rates.setup, cur))});
    }
    if (t.added_setup > 0) {
        r.items.push_back(
            {"added-machine setup labor", t.added_setup,
             fmt::format("setup of added machines: {} × {} h × {} = {}, each in the month it is added",
                         machines_text(static_cast<int>(t.added_machines)),
                         format_number(costs.setup_hours_per_added_machine.value), rate_text,
                         format_money(t.added_setup, cur))});
    }
    if (rates.maintenance > 0) {
        r.items.push_back({"maintenance labor", rates.maintenance * H,
                           detail::monthly_formula(
                               fmt::format("maintenance: {} h × {}",
                                           format_number(costs.maintenance_hours_per_month.value), rate_text),
                               rates.maintenance, rates.maintenance * H, H, true, cur)});
    }
    if (t.per_machine_maintenance > 0) {
        const int extra_1 = std::max(0, n1 - 1);
        const double month1 = extra_1 * rates.maintenance_per_extra_machine;
        r.items.push_back(
            {"per-machine maintenance labor", t.per_machine_maintenance,
             detail::monthly_formula(
                 fmt::format("maintenance of machines beyond the first: {} × {} h × {}",
                             machines_text(extra_1),
                             format_number(costs.maintenance_hours_per_machine_month.value), rate_text),
                 month1, t.per_machine_maintenance, H, nearly_constant(month1, t.per_machine_maintenance, H),
                 cur)});
    }
    if (rates.incidents > 0) {
        r.items.push_back(
            {"incident labor", rates.incidents * H,
             detail::monthly_formula(fmt::format("incidents: {}/year ÷ 12 × {} h × {}",
                                                 format_number(costs.incidents_per_year.value),
                                                 format_number(costs.hours_per_incident.value), rate_text),
                                     rates.incidents, rates.incidents * H, H, true, cur)});
    }
    if (has_fallback) {
        const double month1 = t.fallback_calls_1 * rates.fallback_per_call;
        if (t.fallback_usage > 0) {
            r.items.push_back(
                {"fallback usage", t.fallback_usage,
                 detail::monthly_formula(
                     fmt::format("fallback: {} calls × {} ({})", format_number(t.fallback_calls_1, 1),
                                 format_money_exact(rates.fallback_per_call, cur), l.fallback),
                     month1, t.fallback_usage, H, nearly_constant(month1, t.fallback_usage, H), cur)});
        }
        if (rates.fallback_one_time > 0) {
            r.items.push_back({"fallback setup", rates.fallback_one_time,
                               fmt::format("fallback setup: {} ({}'s setup, once in month 1)",
                                           format_money(rates.fallback_one_time, cur), l.fallback)});
        }
        if (rates.fallback_fixed > 0) {
            r.items.push_back({"fallback fixed costs", rates.fallback_fixed * H,
                               detail::monthly_formula(
                                   fmt::format("fallback fixed: {}'s maintenance + fixed fees", l.fallback),
                                   rates.fallback_fixed, rates.fallback_fixed * H, H, true, cur)});
        }
    }
    if (t.residual > 0) r.items.push_back(residual_item(costs, H, scratch, t.residual, cur));
    if (r.pool) {
        // The pool's own lines carry this workload's share of them; its fallback's are its own.
        const auto& ps = *r.pool;
        for (auto& item : r.items) {
            if (item.label.starts_with("fallback")) continue;
            const double pool_line = item.total;
            item.total = share * pool_line;
            item.formula +=
                fmt::format("; pool '{}', this workload's share: {} busy h of {} ({}) × {} = {}", ps.name,
                            format_number(ps.busy_hours, 1), format_number(ps.pool_busy_hours, 1),
                            format_number(100 * share, 1) + " %", format_money(pool_line, cur),
                            format_money(item.total, cur));
        }
    }
    return r;
}

} // namespace llmtco
