#include "llmtco/fields.hpp"

namespace llmtco {
namespace {

struct Collector {
    std::vector<Field>& out;
    std::string prefix;

    void add(const std::string& key, Num& n) const { out.push_back({prefix + key, &n}); }
    void add(const std::string& key, std::optional<Num>& n) const {
        if (n) add(key, *n);
    }
};

} // namespace

std::vector<Field> numeric_fields(Profile& p) {
    std::vector<Field> out;
    for (auto& w : p.workloads) {
        const Collector c{out, "workloads." + w.name + "."};
        c.add("calls", w.calls.amount);
        c.add("input_tokens", w.input_tokens);
        c.add("output_tokens", w.output_tokens);
        c.add("reasoning_tokens", w.reasoning_tokens);
        c.add("cached_input_share", w.cached_input_share);
        c.add("growth_per_month", w.growth_per_month);
        c.add("peak_to_average", w.peak_to_average);
    }
    for (auto& o : p.cloud) {
        const Collector c{out, "options.cloud." + o.name + "."};
        c.add("price.input_per_mtok", o.price.input_per_mtok);
        c.add("price.output_per_mtok", o.price.output_per_mtok);
        c.add("price.cached_input_per_mtok", o.price.cached_input_per_mtok);
        c.add("price.reasoning_per_mtok", o.price.reasoning_per_mtok);
        c.add("price.batch_discount", o.price.batch_discount);
        c.add("setup_hours", o.setup_hours);
        c.add("maintenance_hours_per_month", o.maintenance_hours_per_month);
        c.add("fixed_monthly", o.fixed_monthly);
        c.add("latency_ms", o.latency_ms);
    }
    for (auto& o : p.local) {
        const Collector c{out, "options.local." + o.name + "."};
        c.add("hardware.purchase", o.hardware.purchase);
        c.add("hardware.rent_per_hour", o.hardware.rent_per_hour);
        c.add("hardware.lifetime_months", o.hardware.lifetime_months);
        c.add("hardware.ram_gb", o.hardware.ram_gb);
        c.add("model.params_b", o.model.params_b);
        c.add("model.bits_per_weight", o.model.bits_per_weight);
        c.add("model.kv_cache_gb", o.model.kv_cache_gb);
        c.add("model.overhead_gb", o.model.overhead_gb);
        c.add("throughput.prefill_tokens_per_s", o.throughput.prefill_tokens_per_s);
        c.add("throughput.decode_tokens_per_s", o.throughput.decode_tokens_per_s);
        c.add("throughput.concurrency", o.throughput.concurrency);
        c.add("throughput.max_utilization", o.throughput.max_utilization);
        c.add("power.idle_watts", o.power.idle_watts);
        c.add("power.active_watts", o.power.active_watts);
        c.add("power.electricity_per_kwh", o.power.electricity_per_kwh);
        c.add("power.pue", o.power.pue);
        c.add("other_ram_gb", o.other_ram_gb);
        c.add("setup_hours", o.setup_hours);
        c.add("maintenance_hours_per_month", o.maintenance_hours_per_month);
        c.add("incidents_per_year", o.incidents_per_year);
        c.add("hours_per_incident", o.hours_per_incident);
        c.add("availability", o.availability);
        c.add("latency_ms", o.latency_ms);
    }
    return out;
}

std::vector<Field> ranged_fields(Profile& p) {
    std::vector<Field> out;
    for (auto& f : numeric_fields(p)) {
        if (f.num->ranged()) out.push_back(f);
    }
    return out;
}

} // namespace llmtco
