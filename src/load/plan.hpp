#pragma once
// `plan`: every catalog hardware × local model × quantisation × serving engine that can serve a
// workload, sized and priced by the engine (PRODUCT §4b), ranked by total beside the cloud options.

#include "llmtco/catalog.hpp"
#include "llmtco/profile.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace llmtco::load {

struct PlanFilters {
    std::vector<std::string> hardware; ///< catalog names; empty: every one
    std::vector<std::string> models; ///< empty: the profile's local models, else every one; "all": every one
    std::vector<std::string> engines;
    std::optional<int> max_machines;
    std::string like;      ///< the profile's local option whose labour, power and fallback carry over
    bool variants = false; ///< every quantisation × engine, not only the cheapest per hardware × model
};

struct PlanRow {
    bool cloud = false;
    std::string name; ///< cloud: the option; local: hardware / model quant / engine
    std::string hardware, model, quant, engine;
    std::string billing; ///< local, rented: always_on, on_demand, reserved or spot; empty: owned
    double machines = 0;
    double concurrency = 0;
    double decode_tokens_per_s = 0; ///< per stream
    double decode_tokens_per_s_aggregate = 0;
    double latency_ms = 0;
    bool latency_known = false;
    std::string bound;
    double offload_share = 0;
    double cost_per_mtok = 0;
    double total = 0;
    std::string note;    ///< cloud: why it is excluded, if it is
    bool hosted = false; ///< cloud: a catalog endpoint serving `model`'s open weights (not a profile option)
};

struct PlanWorkload {
    std::string name;
    double calls_per_day = 0;
    std::vector<PlanRow> rows;   ///< cheapest first
    std::size_t candidates = 0;  ///< local combinations considered
    std::size_t not_fitting = 0; ///< do not fit, even offloaded, or the call exceeds the window
    std::size_t too_slow = 0;    ///< above max_latency_ms
    std::size_t unserved = 0;    ///< leave calls unserved (no fallback) or exceed --max-machines
    std::size_t variants = 0;    ///< dearer quantisation × engine variants of a listed hardware × model
};

struct Plan {
    std::string currency;
    ExchangeRate exchange_rate; ///< settings.exchange_rate (converts(currency): it was applied)
    int horizon_months = 0;
    std::string template_option;     ///< where labour, power and fallback came from
    std::vector<std::string> models; ///< the models planned (empty: every catalog model)
    std::vector<PlanWorkload> workloads;
};

/// Plans every workload of `p` against the catalog. Throws UsageError for an unknown filter name
/// or --like option.
Plan plan(const Profile& p, const Catalog& c, const PlanFilters& filters);

} // namespace llmtco::load
