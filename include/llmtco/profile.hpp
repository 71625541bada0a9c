#pragma once
/// Plain structs describing a workload profile after loading. The engine reads these; it never
/// parses text. Every number that a profile may write as a range is a `Num`.
///
/// Defaults are not written here: they live in the key table (keys.hpp, src/engine/keys.cpp), and
/// the loader applies them, recording where every value came from (Profile::origins).

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llmtco {

/// How a `Num` is distributed when `simulate` samples it.
enum class Dist { point, uniform, triangular };

/// A number that may be uncertain. `value` is the point estimate (a range's mean) that every
/// deterministic command uses; `low`/`mode`/`high` describe the range.
struct Num {
    double value = 0;
    Dist dist = Dist::point;
    double low = 0;
    double mode = 0;
    double high = 0;

    static Num point(double v) { return Num{v, Dist::point, v, v, v}; }
    static Num uniform(double a, double b) { return Num{(a + b) / 2, Dist::uniform, a, (a + b) / 2, b}; }
    static Num triangular(double a, double m, double b) {
        return Num{(a + m + b) / 3, Dist::triangular, a, m, b};
    }
    bool ranged() const { return dist != Dist::point; }
    bool operator==(const Num&) const = default;
};

/// Where an item was written, for messages raised after loading (a dangling fallback, say).
struct SourceLoc {
    std::string file;
    int line = 0;
    int column = 0;
};

/// A call rate: `amount` calls per unit, the unit being `unit_days` days plus `unit_months` months
/// (a month's length is a setting, so "1.5M/month" cannot become calls/day before settings are known).
struct CallRate {
    Num amount = Num::point(0);
    double unit_days = 1;
    double unit_months = 0;
    bool sub_daily = false; ///< written per hour, minute or second (read round the clock)

    double calls_per_day(double days_per_month) const {
        return amount.value / (unit_days + unit_months * days_per_month);
    }
    bool operator==(const CallRate&) const = default;
};

/// `settings.exchange_rate`: how the catalog's USD figures and the tool's own money defaults (labour
/// rate, electricity price) become amounts in `Settings::currency`. The loader converts them;
/// amounts written in the profile are in its currency already.
struct ExchangeRate {
    std::string from; ///< the catalog's currency: USD
    double rate = 0;  ///< units of the profile's currency per unit of `from`; 0: none stated
    std::string as_of;
    bool stated() const { return rate > 0; }
    /// Whether it converts anything into `currency`: stated, and from another currency.
    bool converts(const std::string& currency) const { return stated() && from != currency; }
};

struct Settings {
    std::string currency;
    ExchangeRate exchange_rate;
    int horizon_months = 0;
    double days_per_month = 0;
    Num labor_rate_per_hour;
    std::optional<Num> discount_rate; ///< annual, for present values (PRODUCT §4f); none: cash only
};

struct Workload {
    std::string name;
    SourceLoc loc;
    CallRate calls;
    Num input_tokens;
    Num output_tokens;
    Num reasoning_tokens;
    Num cached_input_share;   ///< input read from a prompt cache
    Num cache_write_share;    ///< input written to a 5-minute prompt cache
    Num cache_write_1h_share; ///< input written to a 1-hour prompt cache
    bool batchable = false;
    Num growth_per_month;
    Num peak_to_average;
    Num active_hours_per_day; ///< the hours of a day calls arrive in (24: round the clock)
    std::optional<Num> max_latency_ms;
    bool data_must_stay_local = false;
    bool unserved_ok = false; ///< calls left unserved (no fallback) do not make an option infeasible
};

/// A long-context tier: a call whose input tokens exceed `above_input_tokens` is billed whole at it.
struct PriceTier {
    double above_input_tokens = 0;
    Num input_per_mtok;
    Num output_per_mtok;
    std::optional<Num> cached_input_per_mtok;
    std::optional<Num> cache_write_per_mtok;    ///< defaults to the tier's input price
    std::optional<Num> cache_write_1h_per_mtok; ///< defaults to the tier's input price
    bool operator==(const PriceTier&) const = default;
};

/// Cloud prices in currency units per million tokens.
struct Price {
    Num input_per_mtok;
    Num output_per_mtok;
    std::optional<Num> cached_input_per_mtok;   ///< defaults to input_per_mtok
    std::optional<Num> cache_write_per_mtok;    ///< 5-minute cache writes; defaults to input_per_mtok
    std::optional<Num> cache_write_1h_per_mtok; ///< 1-hour cache writes; defaults to input_per_mtok
    std::optional<Num> reasoning_per_mtok;      ///< defaults to output_per_mtok
    Num batch_discount;                         ///< fraction off for batchable workloads
    Num discount; ///< negotiated: a fraction off every price (the option's `discount`), after the batch
                  ///< discount
    std::vector<PriceTier> tiers; ///< sorted by threshold, ascending
    bool operator==(const Price&) const = default;
};

struct CloudOption {
    std::string name;
    SourceLoc loc;
    std::string model;    ///< catalog name, empty when the price is explicit
    std::string provider; ///< the catalog model's provider ("anthropic"), for --discount; empty without one
    Price price;
    bool embedding = false;                 ///< the catalog model is an embedding model: it generates nothing
    std::optional<double> max_input_tokens; ///< the catalog model's longest prompt, when known
    std::optional<double> max_output_tokens; ///< the most it generates per call (output + reasoning)
    Num setup_hours;
    Num maintenance_hours_per_month;
    Num fixed_monthly;
    std::optional<Num> latency_ms;
    std::string price_as_of;         ///< the catalog entry's date when the price came from it
    std::vector<std::string> notes;  ///< the loader's warnings (a stale price), shown with results
    std::vector<std::string> serves; ///< the workloads it is priced for; empty: every workload
};

/// How a rented machine is paid for (PRODUCT §4f): every hour; warm through the workload's active
/// hours (scaling to zero outside them, a cold start each day); a reserved term's every hour at its
/// rate; or spot capacity at its rate, warm as on demand, its interruptions' lost work sent to the
/// fallback.
enum class Billing { always_on, on_demand, reserved, spot };

/// The profile's word for a billing: "always_on", "on_demand", "reserved", "spot".
inline const char* billing_name(Billing b) {
    switch (b) {
    case Billing::on_demand:
        return "on_demand";
    case Billing::reserved:
        return "reserved";
    case Billing::spot:
        return "spot";
    case Billing::always_on:
        break;
    }
    return "always_on";
}

/// A reserved term: a lower hourly rate for a commitment of `term_months`, billed for every hour of
/// every term that starts within the horizon, used or not (from the catalog preset, or written).
struct ReservedTerm {
    std::optional<Num> term_months;
    std::optional<Num> rent_per_hour;
};

/// Spot (interruptible) capacity: its hourly rate, and how much work an interruption loses.
struct SpotTerm {
    std::optional<Num> rent_per_hour;
    std::optional<Num> interruptions_per_day;         ///< per machine, per 24 hours up
    std::optional<Num> minutes_lost_per_interruption; ///< until a replacement serves again
};

/// What owned hardware is worth at the horizon's end: straight-line book value, or nothing.
enum class Residual { straight_line, none };

/// The data type a model's matrix multiplications run in (picks the hardware's TFLOPS figure).
enum class ComputeType { fp16, fp8, int8, fp4 };

/// How one model copy is split across the accelerators of a machine: `tensor` (each layer split,
/// bandwidth and FLOPS add up) or `layers` (whole layers per card, a token visits them in turn).
enum class Parallel { tensor, layers };

/// The hardware class the engine's efficiency factors are fitted per.
enum class HardwareClass { consumer_gpu, datacenter_gpu, apple, jetson, cpu };

struct Hardware {
    std::string preset;
    std::optional<Num> purchase;      ///< per machine, owned
    std::optional<Num> rent_per_hour; ///< per machine, rented
    Billing billing = Billing::always_on;
    ReservedTerm reserved;
    SpotTerm spot;
    Num cold_start_seconds; ///< billed per start when on demand or spot scales up from zero
    Residual residual = Residual::straight_line;
    Num lifetime_months;
    Num ram_gb;               ///< memory of one machine (all accelerators), for memory pressure
    Num accelerators;         ///< GPUs (or one CPU / SoC) per machine
    Num memory_gb;            ///< per accelerator (VRAM; unified: the memory the GPU may use)
    Num memory_bandwidth_gbs; ///< per accelerator; 0: unknown (speeds must then be measured)
    Num tflops_fp16;          ///< dense, per accelerator
    Num tflops_fp8;
    Num tflops_int8;
    Num tflops_fp4;
    bool unified_memory = false;
    Num host_ram_gb; ///< system RAM beside discrete GPUs (offload)
    Num host_bandwidth_gbs;
    HardwareClass hw_class = HardwareClass::consumer_gpu;
    std::string architecture;         ///< chip generation; picks an engine's per-architecture factors
    std::string default_engine;       ///< the preset's; empty for inline hardware
    std::vector<std::string> engines; ///< the engines that run on it (empty: any for its class)
    std::string price_as_of;          ///< the catalog preset's date when the price came from it
    bool rented() const { return rent_per_hour.has_value(); }
};

struct LocalModel {
    std::string preset;
    std::string quant; ///< the quantisation name bits_per_weight came from, if any
    Num params_b;
    Num bits_per_weight;
    std::optional<Num> kv_cache_gb; ///< one call's KV cache when written (overrides the derived one)
    std::optional<Num> overhead_gb; ///< runtime buffers when written (else the engine's)
    Num active_params_b;            ///< MoE: parameters per token; 0: params_b
    Num layers;
    Num attention_heads;
    Num kv_heads;
    Num head_dim;
    Num embedding_params_b; ///< the input table, looked up rather than streamed
    Num context_tokens;     ///< the true context window; 0: unknown
    Num experts;            ///< MoE: routed experts (0: dense)
    Num experts_per_token;
    Num kv_bits;
    std::optional<Num> kv_bytes_per_token; ///< overrides the KV formula (MLA, sliding window)
    ComputeType compute = ComputeType::fp16;
    double prefill_factor = 1; ///< the quantisation's prefill speed relative to unquantised weights
};

struct Throughput {
    Num prefill_tokens_per_s; ///< measured, with decode_tokens_per_s; 0: derived
    Num decode_tokens_per_s;
    Num concurrency;
    Num max_utilization;
    bool measured() const { return prefill_tokens_per_s.value > 0 && decode_tokens_per_s.value > 0; }
};

/// The serving engine and its settings (PRODUCT §4b): the catalog engine's defaults, overridable.
struct Serving {
    std::string engine;
    std::optional<Num> concurrency; ///< the batch it runs at; nullopt: follows the offered load
    Num max_concurrency;            ///< the engine's cap on sequences in flight
    Num memory_fraction;            ///< of each accelerator's memory the engine may use
    Num efficiency_bandwidth;       ///< share of peak memory bandwidth reached in decode
    Num efficiency_compute;         ///< share of peak TFLOPS reached in prefill / compute-bound decode
    std::optional<Num>
        overhead_ms_per_token;     ///< fixed cost of a decode step when written; else per layer and expert
    Num overhead_ms_per_layer;     ///< fixed cost of a decode step per layer (kernel launches)
    Num overhead_ms_per_expert;    ///< and per expert a MoE layer's step touches (dispatch, small GEMMs)
    Num efficiency_host_bandwidth; ///< share of host RAM bandwidth reached for offloaded weights
    Num overhead_gb;               ///< runtime buffers (the model's overhead_gb overrides it)
    std::optional<Num> accelerators_per_copy; ///< GPUs one model copy spans; nullopt: the fewest that hold it
    Parallel parallel = Parallel::layers;
    bool can_offload = false;
};

struct Power {
    Num idle_watts;
    Num active_watts;
    bool always_on = false;
    Num electricity_per_kwh;
    Num pue;
};

struct LocalOption {
    std::string name;
    SourceLoc loc;
    SourceLoc hardware_loc; ///< where its `hardware` was written
    Hardware hardware;
    std::optional<int> machines; ///< nullopt: auto
    LocalModel model;
    Throughput throughput;
    Serving serving;
    Power power;
    Num other_ram_gb;
    Num setup_hours;
    Num setup_hours_per_added_machine;
    Num maintenance_hours_per_month;
    Num maintenance_hours_per_machine_month;
    Num incidents_per_year;
    Num hours_per_incident;
    Num availability;
    std::string fallback;    ///< name of a cloud option, or empty
    int fallback_index = -1; ///< index into Profile::cloud, -1 when none
    std::optional<Num> latency_ms;
    std::vector<std::string> notes;  ///< the loader's warnings (a stale price), shown with results
    std::vector<std::string> serves; ///< the workloads it is priced for; empty: every workload
    std::string pool;                ///< shared machines (PRODUCT §4c); empty: its own
    int pool_owner =
        -1; ///< index into Profile::local of the pool's first option (its cost keys); -1: no pool
};

/// Whether an option whose `serves` is `serves` is priced for workload `w` (PRODUCT §4c).
inline bool serves_workload(const std::vector<std::string>& serves, const std::string& w) {
    if (serves.empty()) return true;
    for (const auto& s : serves)
        if (s == w) return true;
    return false;
}

struct Team {
    bool can_maintain_local = false;
};

struct Budget {
    SourceLoc loc;
    std::string workload; ///< empty: every workload
    std::string option;   ///< empty: the recommended option
    std::optional<double> max_monthly;
    std::optional<double> max_total;
    std::optional<double> max_cost_per_1k_calls;
    std::optional<double> breakeven_within_months;
    std::string against;    ///< empty: the cheapest cloud option
    std::string recommend;  ///< "cloud", "local", an option name, or empty ("mixed" for a portfolio)
    bool portfolio = false; ///< checks the best portfolio (PRODUCT §4c) instead of an option
};

/// Where an input's value came from; everything but `profile` is an assumption (assumptions.hpp).
enum class Origin {
    profile,       ///< written in a profile file
    set,           ///< given by --set (or --vary)
    default_value, ///< the key table's default
    catalog,       ///< a catalog entry (a model's price, a hardware preset); `detail` names it
    derived        ///< computed by the engine (a derived speed): in the assumptions ledger only
};

struct InputOrigin {
    Origin origin = Origin::default_value;
    SourceLoc loc;      ///< where it was written (profile, set)
    std::string detail; ///< the catalog entry (catalog)
};

struct Profile {
    int version = 0;
    Settings settings;
    std::vector<Workload> workloads;
    std::vector<CloudOption> cloud;
    std::vector<LocalOption> local;
    Team team;
    std::vector<Budget> budgets;
    /// Every input the key table gives a target, by concrete PATH ("workloads.monitoring.calls").
    std::map<std::string, InputOrigin> origins;
    /// The source text of every catalog entry an origin names (entry name → source), for --explain.
    std::map<std::string, std::string> catalog_sources;
    /// The catalog file an entry an origin names came from, when the assumptions name it (entry
    /// name → "user catalog PATH, imported DATE from ORIGINAL"; Catalog::notes).
    std::map<std::string, std::string> catalog_notes;
};

} // namespace llmtco
