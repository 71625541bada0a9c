#include "engine/series.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/money.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco {
namespace {

/// Prices per million tokens after picking the long-context tier for this call's input size.
struct EffectivePrice {
    double input;
    double cached;
    double write;    ///< 5-minute cache writes
    double write_1h; ///< 1-hour cache writes
    double output;
    double reasoning;
    double batch_factor;    ///< 1 − batch_discount when batchable, else 1
    double discount_factor; ///< batch_factor × (1 − the negotiated discount)
    double tier_threshold;  ///< 0 when the base price applies
    int tier = -1;          ///< the tier applied, -1 for the base price
};

/// The PATHs ("options.cloud.api.price.tiers.0.input_per_mtok") of the four prices an effective
/// price took, for the explain text to say which were converted from USD.
struct PricePaths {
    std::string input, cached, write, write_1h, output, reasoning;
};

PricePaths price_paths(const CloudOption& c, const EffectivePrice& e) {
    const auto base = "options.cloud." + c.name + ".price.";
    const auto own = e.tier < 0 ? base : fmt::format("{}tiers.{}.", base, e.tier);
    const auto& p = c.price;
    const auto* tier = e.tier < 0 ? nullptr : &p.tiers[static_cast<std::size_t>(e.tier)];
    const bool cached = tier ? tier->cached_input_per_mtok.has_value() : p.cached_input_per_mtok.has_value();
    const bool write = tier ? tier->cache_write_per_mtok.has_value() : p.cache_write_per_mtok.has_value();
    const bool write_1h =
        tier ? tier->cache_write_1h_per_mtok.has_value() : p.cache_write_1h_per_mtok.has_value();
    PricePaths out;
    out.input = own + "input_per_mtok";
    out.output = own + "output_per_mtok";
    out.cached = cached ? own + "cached_input_per_mtok" : out.input;
    out.write = write ? own + "cache_write_per_mtok" : out.input;
    out.write_1h = write_1h ? own + "cache_write_1h_per_mtok" : out.input;
    out.reasoning = p.reasoning_per_mtok ? base + "reasoning_per_mtok" : out.output;
    return out;
}

EffectivePrice effective_price(const Workload& w, const Price& p) {
    EffectivePrice e{};
    e.input = p.input_per_mtok.value;
    e.output = p.output_per_mtok.value;
    e.cached = p.cached_input_per_mtok ? p.cached_input_per_mtok->value : e.input;
    e.write = p.cache_write_per_mtok ? p.cache_write_per_mtok->value : e.input;
    e.write_1h = p.cache_write_1h_per_mtok ? p.cache_write_1h_per_mtok->value : e.input;
    e.reasoning = p.reasoning_per_mtok ? p.reasoning_per_mtok->value : e.output;
    for (std::size_t i = 0; i < p.tiers.size(); ++i) {
        const auto& tier = p.tiers[i];
        if (w.input_tokens.value > tier.above_input_tokens) {
            e.tier = static_cast<int>(i);
            e.input = tier.input_per_mtok.value;
            e.output = tier.output_per_mtok.value;
            e.cached = tier.cached_input_per_mtok ? tier.cached_input_per_mtok->value : e.input;
            e.write = tier.cache_write_per_mtok ? tier.cache_write_per_mtok->value : e.input;
            e.write_1h = tier.cache_write_1h_per_mtok ? tier.cache_write_1h_per_mtok->value : e.input;
            e.reasoning = p.reasoning_per_mtok ? p.reasoning_per_mtok->value : e.output;
            e.tier_threshold = tier.above_input_tokens;
        }
    }
    e.batch_factor = w.batchable ? 1.0 - p.batch_discount.value : 1.0;
    e.discount_factor = e.batch_factor * (1.0 - p.discount.value);
    return e;
}

/// Per-call cost of each token class.
struct CallCost {
    double input;
    double cached;
    double output;
    double reasoning;
    double write = 0;    ///< 5-minute cache writes
    double write_1h = 0; ///< 1-hour cache writes
    double total() const { return input + cached + output + reasoning + write + write_1h; }
};

/// The input's split: cache reads, 5-minute and 1-hour cache writes, the rest uncached. The loader
/// keeps the three shares' sum at most 1; a sampled range is held to it here.
struct InputShares {
    double cached, write, write_1h, uncached;
};
InputShares input_shares(const Workload& w) {
    InputShares s{w.cached_input_share.value, w.cache_write_share.value, w.cache_write_1h_share.value, 0};
    s.uncached = std::max(0.0, 1 - s.cached - s.write - s.write_1h);
    return s;
}

CallCost call_cost(const Workload& w, const EffectivePrice& e) {
    const double in = w.input_tokens.value;
    const auto share = input_shares(w);
    CallCost c{in * share.uncached * e.input / 1e6 * e.discount_factor,
               in * share.cached * e.cached / 1e6 * e.discount_factor,
               w.output_tokens.value * e.output / 1e6 * e.discount_factor,
               w.reasoning_tokens.value * e.reasoning / 1e6 * e.discount_factor};
    if (share.write > 0) c.write = in * share.write * e.write / 1e6 * e.discount_factor;
    if (share.write_1h > 0) c.write_1h = in * share.write_1h * e.write_1h / 1e6 * e.discount_factor;
    return c;
}

/// The one loop every cloud evaluation runs. Fills monthly/recurring (sized H) and returns totals.
struct CloudTotals {
    double calls = 0;
    double usage = 0; ///< Σ c_m · per_call
    double total = 0;
    double month1_calls = 0;
};

CloudTotals cloud_loop(const Profile& p, const Workload& w, const CloudOption& c, double calls_per_day,
                       double per_call, double* monthly, double* recurring) {
    const auto& s = p.settings;
    const double fixed = cloud_fees_per_month(s, c);
    const double one_time = cloud_setup_cost(s, c);
    const double growth = 1 + w.growth_per_month.value;
    const int H = s.horizon_months; // held here: the stores below could otherwise change it
    CloudTotals t;
    double calls = calls_per_day * s.days_per_month;
    t.month1_calls = calls;
    double once = one_time; // month 1 carries the setup
    for (int m = 0; m < H; ++m) {
        const double usage = calls * per_call;
        recurring[m] = usage + fixed;
        monthly[m] = recurring[m] + once;
        once = 0;
        t.calls += calls;
        t.usage += usage;
        t.total += monthly[m];
        calls *= growth;
    }
    return t;
}

std::string token_formula(const std::string& what, double calls, double tokens, const std::string& price,
                          double batch_factor, double negotiated_factor) {
    std::string text = fmt::format("{}: {} calls × {} tok × {}", what, format_number(calls, 1),
                                   format_number(tokens, 2), price);
    if (batch_factor != 1) text += fmt::format(" × {} (batch discount)", format_number(batch_factor, 4));
    if (negotiated_factor != 1)
        text += fmt::format(" × {} (negotiated discount)", format_number(negotiated_factor, 4));
    return text;
}

} // namespace

double calls_in_month(double calls_per_day, double days_per_month, double growth, int month) {
    return calls_per_day * days_per_month * std::pow(1 + growth, month - 1);
}

double cloud_cost_per_call(const Workload& w, const Price& p) {
    return call_cost(w, effective_price(w, p)).total();
}

double cloud_series(const Profile& p, const Workload& w, const CloudOption& c, double calls_per_day,
                    std::vector<double>& monthly, std::vector<double>& recurring) {
    const auto h = static_cast<std::size_t>(p.settings.horizon_months);
    // (sized already on every call of a sweep but the first: no call into resize then)
    if (monthly.size() != h) monthly.resize(h);
    if (recurring.size() != h) recurring.resize(h);
    return cloud_loop(p, w, c, calls_per_day, cloud_cost_per_call(w, c.price), monthly.data(),
                      recurring.data())
        .total;
}

double cloud_total(const Profile& p, const Workload& w, const CloudOption& c, double calls_per_day,
                   double per_call) {
    // cloud_loop's sums in its order, without the months stored
    const auto& s = p.settings;
    const double fixed = cloud_fees_per_month(s, c);
    const double growth = 1 + w.growth_per_month.value;
    double calls = calls_per_day * s.days_per_month;
    double once = cloud_setup_cost(s, c);
    double total = 0;
    for (int m = 0; m < s.horizon_months; ++m) {
        total += (calls * per_call + fixed) + once;
        once = 0;
        calls *= growth;
    }
    return total;
}

bool cloud_is_feasible(const Workload& w, const CloudOption& c) {
    return !c.embedding || (w.output_tokens.value <= 0 && w.reasoning_tokens.value <= 0);
}

std::string generated_tokens_text(const Workload& w) {
    const double out = w.output_tokens.value;
    const double reasoning = w.reasoning_tokens.value;
    if (out > 0 && reasoning > 0)
        return fmt::format("{} output and {} reasoning tokens", format_number(out), format_number(reasoning));
    return fmt::format("{} {} tokens", format_number(out > 0 ? out : reasoning),
                       out > 0 ? "output" : "reasoning");
}

LatencyMs cloud_latency_ms(const CloudOption& c) {
    if (!c.latency_ms) return {};
    return {true, c.latency_ms->low, c.latency_ms->high};
}

OptionResult evaluate_cloud(const Profile& p, const Workload& w, const CloudOption& c, bool detail) {
    const auto& s = p.settings;
    const auto H = s.horizon_months;
    const double cpd = w.calls.calls_per_day(s.days_per_month);
    const auto price = effective_price(w, c.price);
    const auto cost = call_cost(w, price);

    OptionResult r;
    r.name = c.name;
    r.kind = OptionKind::cloud;
    r.cost_per_call = cost.total();
    r.monthly_cost.resize(static_cast<std::size_t>(H));
    r.recurring_cost.resize(static_cast<std::size_t>(H));
    const auto t = cloud_loop(p, w, c, cpd, cost.total(), r.monthly_cost.data(), r.recurring_cost.data());
    r.amortised_cost = r.monthly_cost; // (nothing bought)
    r.total_calls = t.calls;
    r.total_cost = t.total;
    r.one_time_cost = cloud_setup_cost(s, c);
    const double tokens = w.input_tokens.value + w.output_tokens.value + w.reasoning_tokens.value;
    if (t.calls > 0) r.cost_per_1k_calls = 1000 * t.total / t.calls;
    if (t.calls * tokens > 0) r.cost_per_mtok = 1e6 * t.total / (t.calls * tokens);
    const auto latency = cloud_latency_ms(c);
    r.latency_known = latency.known;
    r.latency_ms_low = latency.low;
    r.latency_ms_high = latency.high;
    r.feasible = cloud_is_feasible(w, c);
    if (!r.feasible) {
        r.infeasible_reasons.push_back(
            fmt::format("{} is an embedding model: it generates no tokens, and each call needs {}", c.model,
                        generated_tokens_text(w)));
    }
    if (!detail) return r;

    r.warnings = c.notes;
    if (w.batchable && !(c.price.batch_discount.value > 0)) {
        r.warnings.push_back(
            c.model.empty()
                ? fmt::format("the workload is batchable, but the price of '{}' has no batch_discount: "
                              "billed at the full price",
                              c.name)
                : fmt::format("the workload is batchable, but {} has no batch price in the catalog: billed "
                              "at the full price (set price.batch_discount if the provider offers one)",
                              c.model));
    }
    const auto& cur = s.currency;
    const bool constant = w.growth_per_month.value == 0;
    const double calls1 = t.month1_calls;
    const auto share = input_shares(w);
    const double in = w.input_tokens.value;
    // Usage items: each token class's share of Σ c_m × per_call, so they add up exactly.
    const auto paths = price_paths(c, price);
    auto usage_item = [&](const char* label, const char* what, double per_call, double tokens_per_call,
                          double per_mtok, const std::string& path) {
        if (per_call == 0 && tokens_per_call == 0) return;
        const double total = t.calls * per_call;
        const auto unit_price = detail::unit_price_text(p, path, per_mtok, "/Mtok");
        r.items.push_back(
            {label, total,
             detail::monthly_formula(token_formula(what, calls1, tokens_per_call, unit_price,
                                                   price.batch_factor, 1 - c.price.discount.value) +
                                         detail::growth_note(w.growth_per_month.value),
                                     calls1 * per_call, total, H, constant, cur)});
    };
    usage_item("input tokens", "input", cost.input, in * share.uncached, price.input, paths.input);
    usage_item("cached input tokens", "cached input", cost.cached, in * share.cached, price.cached,
               paths.cached);
    usage_item("cache writes (5 min)", "cache writes (5 min)", cost.write, in * share.write, price.write,
               paths.write);
    usage_item("cache writes (1 h)", "cache writes (1 h)", cost.write_1h, in * share.write_1h, price.write_1h,
               paths.write_1h);
    usage_item("output tokens", "output", cost.output, w.output_tokens.value, price.output, paths.output);
    usage_item("reasoning tokens", "reasoning", cost.reasoning, w.reasoning_tokens.value, price.reasoning,
               paths.reasoning);
    if (price.tier_threshold > 0) {
        r.warnings.push_back(
            fmt::format("input of {} tokens exceeds the {}-token tier: the whole call is billed "
                        "at the long-context price",
                        format_number(in), format_number(price.tier_threshold)));
    }
    const double rate = s.labor_rate_per_hour.value;
    const auto rate_text = detail::unit_price_text(p, "settings.labor_rate_per_hour", rate, "/h");
    if (c.setup_hours.value > 0) {
        r.items.push_back(
            {"setup labor", r.one_time_cost,
             fmt::format("setup: {} h × {} = {} once, in month 1", format_number(c.setup_hours.value),
                         rate_text, format_money(r.one_time_cost, cur))});
    }
    if (c.maintenance_hours_per_month.value > 0) {
        const double month = c.maintenance_hours_per_month.value * rate;
        r.items.push_back({"maintenance labor", month * H,
                           detail::monthly_formula(
                               fmt::format("maintenance: {} h × {}",
                                           format_number(c.maintenance_hours_per_month.value), rate_text),
                               month, month * H, H, true, cur)});
    }
    if (c.fixed_monthly.value > 0) {
        const double month = c.fixed_monthly.value;
        r.items.push_back(
            {"fixed fees", month * H, detail::monthly_formula("fixed fees", month, month * H, H, true, cur)});
    }
    return r;
}

} // namespace llmtco
