#include "llmtco/assumptions.hpp"

#include "llmtco/capacity.hpp"
#include "llmtco/fields.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace llmtco {
namespace {

InputOrigin origin_of(const Profile& p, const std::string& path) {
    const auto it = p.origins.find(path);
    return it == p.origins.end() ? InputOrigin{} : it->second;
}

/// Where the value of `a` came from: its origin, and for a catalog entry the entry and its file.
void set_origin(const Profile& p, Assumption& a, const InputOrigin& origin) {
    a.origin = origin.origin;
    a.entry = origin.detail;
    if (a.origin != Origin::catalog) return;
    if (const auto it = p.catalog_notes.find(a.entry); it != p.catalog_notes.end()) a.catalog = it->second;
}

/// An entry for `key` of the item at `item_prefix`, without its value yet.
Assumption entry(const std::string& item_prefix, std::string key, Origin origin, std::string_view unit) {
    Assumption a;
    a.path = item_prefix + key;
    a.key = std::move(key);
    a.origin = origin;
    a.unit = unit;
    return a;
}

/// A number's value, and its ends when it is a range.
bool set_number(Assumption& a, const Num& n) {
    a.value = n.value;
    if (n.ranged()) {
        a.low = n.low;
        a.high = n.high;
    }
    return true;
}

/// The value a binding holds, as an assumption; false when there is none to show (an absent
/// optional, an empty string: "none", which moves no money).
bool read_value(const Profile& p, const Binding& b, Assumption& a) {
    // Read-only: scope_at hands out pointers into the profile, nothing is written through them.
    auto scope = scope_at(const_cast<Profile&>(p), b.at);
    return std::visit(
        [&](auto f) -> bool {
            using F = decltype(f);
            if constexpr (std::is_same_v<F, std::monostate>) {
                return false;
            } else if constexpr (std::is_same_v<F, Num* (*)(Scope&)>) {
                return set_number(a, *f(scope));
            } else if constexpr (std::is_same_v<F, std::optional<Num>* (*)(Scope&)>) {
                const auto& n = *f(scope);
                return n && set_number(a, *n);
            } else if constexpr (std::is_same_v<F, double* (*)(Scope&)>) {
                a.value = *f(scope);
                return true;
            } else if constexpr (std::is_same_v<F, std::optional<double>* (*)(Scope&)>) {
                const auto& v = *f(scope);
                if (v) a.value = *v;
                return v.has_value();
            } else if constexpr (std::is_same_v<F, int* (*)(Scope&)>) {
                a.value = *f(scope);
                return true;
            } else if constexpr (std::is_same_v<F, bool* (*)(Scope&)>) {
                a.word = *f(scope) ? "true" : "false";
                return true;
            } else if constexpr (std::is_same_v<F, std::string* (*)(Scope&)>) {
                a.word = *f(scope);
                return !a.word.empty();
            } else if constexpr (std::is_same_v<F, std::optional<int>* (*)(Scope&)>) {
                const auto& m = *f(scope);
                if (m)
                    a.value = *m;
                else
                    a.word = "auto";
                return true;
            } else {
                return false; // a call rate and a cloud model are required: always written
            }
        },
        b.key->target);
}

/// "preset's, else params_b": a 0 stands for another key's value, not for zero.
bool refers_to_key(std::string_view default_text) {
    const auto comma = default_text.find("else ");
    if (comma == std::string_view::npos) return false;
    const auto other = default_text.substr(comma + 5);
    return !other.empty() && (std::isalpha(static_cast<unsigned char>(other.front())) != 0) &&
           other != "none" && other != "false" && other.find(' ') == std::string_view::npos;
}

/// Every binding of the item at `item_prefix` ("options.local.NAME.") not written in the profile.
std::vector<Assumption> unwritten(const Profile& p, const std::string& item_prefix, const Address& item) {
    std::vector<Assumption> out;
    for (const auto& b : item_bindings(p, item)) {
        if (key_name(*b.key) == "name" || b.path == "version") continue;
        const auto origin = origin_of(p, b.path);
        if (origin.origin == Origin::profile) continue;
        Assumption a;
        a.path = b.path;
        a.key =
            std::string_view(b.path).starts_with(item_prefix) ? b.path.substr(item_prefix.size()) : b.path;
        set_origin(p, a, origin);
        a.unit = b.key->unit;
        if (!read_value(p, b, a)) continue;
        // "preset's, else 0": without a preset the figure is unknown, not assumed (the engine
        // falls back: active_params_b 0 is params_b, memory_gb 0 is ram_gb).
        const auto fallback = b.key->default_text;
        const bool zero = a.value == 0.0 || a.word == "false";
        if (zero && fallback.starts_with("preset's") &&
            (a.origin == Origin::default_value || refers_to_key(fallback)))
            continue;
        out.push_back(std::move(a));
    }
    return out;
}

/// A key without a target (an enumeration the loader decodes by hand), when not written.
void add_word(const Profile& p, std::vector<Assumption>& out, const std::string& item_prefix, std::string key,
              std::string word) {
    const auto origin = origin_of(p, item_prefix + key);
    if (origin.origin == Origin::profile) return;
    auto a = entry(item_prefix, std::move(key), origin.origin, {});
    a.word = std::move(word);
    set_origin(p, a, origin);
    out.push_back(std::move(a));
}

void drop(std::vector<Assumption>& list, std::initializer_list<std::string_view> keys) {
    std::erase_if(list, [&](const Assumption& a) {
        return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) {
            return a.key == k || (k.back() == '.' && std::string_view(a.key).starts_with(k));
        });
    });
}

/// Replaces (or adds) the entry for `key` with a figure the engine derived.
void derived(std::vector<Assumption>& list, const std::string& item_prefix, const std::string& key,
             double value, std::string_view unit) {
    std::erase_if(list, [&](const Assumption& a) { return a.key == key; });
    auto a = entry(item_prefix, key, Origin::derived, unit);
    a.value = value;
    list.push_back(std::move(a));
}

/// A price the profile leaves out and the engine takes from another key.
void fallback_price(std::vector<Assumption>& list, const std::string& item_prefix, const std::string& key,
                    const Num& from) {
    auto a = entry(item_prefix, key, Origin::default_value, "currency/Mtok");
    set_number(a, from);
    list.push_back(std::move(a));
}

const char* class_word(HardwareClass c) {
    switch (c) {
    case HardwareClass::consumer_gpu:
        return "consumer_gpu";
    case HardwareClass::datacenter_gpu:
        return "datacenter_gpu";
    case HardwareClass::apple:
        return "apple";
    case HardwareClass::jetson:
        return "jetson";
    case HardwareClass::cpu:
        return "cpu";
    }
    return "";
}

const char* compute_word(ComputeType c) {
    switch (c) {
    case ComputeType::fp16:
        return "fp16";
    case ComputeType::fp8:
        return "fp8";
    case ComputeType::int8:
        return "int8";
    case ComputeType::fp4:
        return "fp4";
    }
    return "";
}

} // namespace

std::vector<Assumption> settings_assumptions(const Profile& p) {
    auto out = unwritten(p, "", Address{});
    if (p.local.empty()) drop(out, {"team.can_maintain_local"}); // no local option to maintain
    // No exchange rate written: nothing is converted (a non-USD currency without one is an error).
    std::erase_if(out, [](const Assumption& a) {
        return a.origin == Origin::default_value && a.path.starts_with("settings.exchange_rate.");
    });
    return out;
}

std::vector<Assumption> workload_assumptions(const Profile& p, std::size_t w) {
    auto out =
        unwritten(p, "workloads." + p.workloads[w].name + ".", Address{.workload = static_cast<int>(w)});
    // No latency limit, no residency rule: the absence of a constraint, not an assumption about money.
    drop(out, {"max_latency_ms", "data_must_stay_local"});
    return out;
}

std::vector<Assumption> cloud_assumptions(const Profile& p, std::size_t c, const Workload* w) {
    auto out = unwritten(p, "options.cloud." + p.cloud[c].name + ".", Address{.cloud = static_cast<int>(c)});
    // No negotiated discount written: the list price, not an assumption about it.
    std::erase_if(
        out, [](const Assumption& a) { return a.key == "discount" && a.origin == Origin::default_value; });
    if (w) { // prices this workload's calls never pay
        const auto& price = p.cloud[c].price;
        const auto prefix = "options.cloud." + p.cloud[c].name + ".";
        const bool cached = w->cached_input_share.value > 0 || w->cached_input_share.ranged();
        const bool reasoning = w->reasoning_tokens.value > 0 || w->reasoning_tokens.ranged();
        const bool writes = w->cache_write_share.value > 0 || w->cache_write_share.ranged();
        const bool writes_1h = w->cache_write_1h_share.value > 0 || w->cache_write_1h_share.ranged();
        if (!w->batchable) drop(out, {"price.batch_discount"});
        if (!cached) drop(out, {"price.cached_input_per_mtok"});
        if (!writes) drop(out, {"price.cache_write_per_mtok"});
        if (!writes_1h) drop(out, {"price.cache_write_1h_per_mtok"});
        if (!reasoning) drop(out, {"price.reasoning_per_mtok"});
        // An absent cache or reasoning price is billed at the input or output price: an assumption.
        if (cached && !price.cached_input_per_mtok)
            fallback_price(out, prefix, "price.cached_input_per_mtok", price.input_per_mtok);
        if (writes && !price.cache_write_per_mtok)
            fallback_price(out, prefix, "price.cache_write_per_mtok", price.input_per_mtok);
        if (writes_1h && !price.cache_write_1h_per_mtok)
            fallback_price(out, prefix, "price.cache_write_1h_per_mtok", price.input_per_mtok);
        if (reasoning && !price.reasoning_per_mtok)
            fallback_price(out, prefix, "price.reasoning_per_mtok", price.output_per_mtok);
        // Long-context tiers above the workload's calls never apply.
        const double input = std::max(w->input_tokens.value, w->input_tokens.high);
        for (std::size_t t = 0; t < price.tiers.size(); ++t) {
            const auto tier = "price.tiers." + std::to_string(t) + ".";
            if (input <= price.tiers[t].above_input_tokens)
                std::erase_if(out, [&](const Assumption& a) { return a.key.starts_with(tier); });
            else
                std::erase_if(out, [&](const Assumption& a) {
                    return (!cached && a.key == tier + "cached_input_per_mtok") ||
                           (!writes && a.key == tier + "cache_write_per_mtok") ||
                           (!writes_1h && a.key == tier + "cache_write_1h_per_mtok");
                });
        }
    }
    return out;
}

namespace {

/// Whether local option `o` (on demand or spot) ever scales to zero, paying a cold start: a workload
/// it serves has fewer than 24 active hours — for a pool, every workload of the pool (it is warm
/// through the longest of them).
bool scales_to_zero(const Profile& p, const LocalOption& o) {
    auto short_day = [](const Workload& w) { return w.active_hours_per_day.value < 24; };
    if (o.pool_owner < 0) {
        return std::any_of(p.workloads.begin(), p.workloads.end(), [&](const Workload& w) {
            return serves_workload(o.serves, w.name) && short_day(w);
        });
    }
    bool any = false;
    for (const auto& w : p.workloads) {
        const bool pooled = std::any_of(p.local.begin(), p.local.end(), [&](const LocalOption& m) {
            return m.pool_owner == o.pool_owner && serves_workload(m.serves, w.name);
        });
        if (!pooled) continue;
        if (!short_day(w)) return false;
        any = true;
    }
    return any;
}

} // namespace

std::vector<Assumption> local_assumptions(const Profile& p, std::size_t l, const Capacity* capacity) {
    const auto& o = p.local[l];
    const auto prefix = "options.local." + o.name + ".";
    auto out = unwritten(p, prefix, Address{.local = static_cast<int>(l)});
    const bool measured = o.throughput.measured();
    add_word(p, out, prefix, "hardware.class", class_word(o.hardware.hw_class));
    if (!o.hardware.architecture.empty())
        add_word(p, out, prefix, "hardware.architecture", o.hardware.architecture);
    add_word(p, out, prefix, "serving.engine", o.serving.engine);
    if (o.hardware.rented()) {
        add_word(p, out, prefix, "hardware.billing", billing_name(o.hardware.billing));
        // A rented machine is billed by the hour: no purchase, no book value, no electricity.
        drop(out, {"hardware.purchase", "hardware.lifetime_months", "power."});
        // Only the terms it is billed on move its money; a cold start only when it scales to zero.
        const auto billing = o.hardware.billing;
        if (billing != Billing::reserved) drop(out, {"hardware.reserved."});
        if (billing != Billing::spot) drop(out, {"hardware.spot."});
        if (billing == Billing::reserved || billing == Billing::spot) drop(out, {"hardware.rent_per_hour"});
        if (!(billing == Billing::on_demand || billing == Billing::spot) || !scales_to_zero(p, o))
            drop(out, {"hardware.cold_start_seconds"});
    } else {
        add_word(p, out, prefix, "hardware.residual",
                 o.hardware.residual == Residual::straight_line ? "straight_line" : "none");
        drop(out, {"hardware.rent_per_hour", "hardware.reserved.", "hardware.spot.",
                   "hardware.cold_start_seconds"});
    }
    if (o.pool_owner >= 0 && o.pool_owner != static_cast<int>(l)) {
        // A pool's hardware money, power, labour and availability are its first option's (listed there).
        drop(out, {"hardware.purchase", "hardware.rent_per_hour", "hardware.lifetime_months",
                   "hardware.residual", "hardware.billing", "hardware.reserved.", "hardware.spot.",
                   "hardware.cold_start_seconds", "power.", "setup_hours", "setup_hours_per_added_machine",
                   "maintenance_hours_per_month", "maintenance_hours_per_machine_month", "incidents_per_year",
                   "hours_per_incident", "availability"});
    }
    if (o.incidents_per_year.value == 0) drop(out, {"hours_per_incident"});
    if (o.model.kv_cache_gb) drop(out, {"model.kv_bits"}); // the KV cache is written
    if (o.machines == 1) drop(out, {"setup_hours_per_added_machine", "maintenance_hours_per_machine_month"});
    if (measured) {
        // Measured speeds replace the physics: the hardware's rates and the engine's factors do not
        // enter the cost (the model's size still decides whether it fits).
        drop(out, {"hardware.memory_bandwidth_gbs", "hardware.tflops.", "hardware.host_bandwidth_gbs",
                   "serving.efficiency.", "serving.max_concurrency", "serving.concurrency"});
    } else {
        add_word(p, out, prefix, "serving.parallel",
                 o.serving.parallel == Parallel::tensor ? "tensor" : "layers");
        add_word(p, out, prefix, "model.compute", compute_word(o.model.compute));
        // Only a written throughput.concurrency sets the batch; unwritten speeds are derived.
        drop(out,
             {"throughput.concurrency", "throughput.prefill_tokens_per_s", "throughput.decode_tokens_per_s"});
        if (capacity && capacity->derived && capacity->fits) {
            derived(out, prefix, "throughput.prefill_tokens_per_s", capacity->prefill_tokens_per_s,
                    "tokens/s");
            derived(out, prefix, "throughput.decode_tokens_per_s", capacity->decode_tokens_per_s, "tokens/s");
        }
    }
    if (!o.model.kv_cache_gb && capacity && capacity->kv_gb_per_call > 0)
        derived(out, prefix, "model.kv_cache_gb", capacity->kv_gb_per_call, "GB");
    if (!measured) {
        const char* used = o.model.compute == ComputeType::fp8    ? "hardware.tflops.fp8"
                           : o.model.compute == ComputeType::int8 ? "hardware.tflops.int8"
                           : o.model.compute == ComputeType::fp4  ? "hardware.tflops.fp4"
                                                                  : "hardware.tflops.fp16";
        std::erase_if(
            out, [&](const Assumption& a) { return a.key.starts_with("hardware.tflops.") && a.key != used; });
    }
    if (capacity && capacity->offload_share == 0) // nothing offloaded: host memory moves nothing
        drop(out,
             {"hardware.host_ram_gb", "hardware.host_bandwidth_gbs", "serving.efficiency.host_bandwidth"});
    if (o.model.experts.value == 0) // a dense model
        drop(out, {"model.experts", "model.experts_per_token", "serving.efficiency.overhead_ms_per_expert"});
    if (!o.latency_ms && capacity && capacity->fits)
        derived(out, prefix, "latency_ms", capacity->latency_ms, "ms");
    return out;
}

std::string origin_text(const Assumption& a) {
    switch (a.origin) {
    case Origin::profile:
        return "profile";
    case Origin::set:
        return "set";
    case Origin::default_value:
        return "default";
    case Origin::catalog:
        return "catalog:" + a.entry;
    case Origin::derived:
        return "derived";
    }
    return "";
}

} // namespace llmtco
