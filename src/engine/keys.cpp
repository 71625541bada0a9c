#include "llmtco/keys.hpp"

#include <cstdlib>
#include <string>
#include <unordered_map>

namespace llmtco {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The largest figures a profile may give (docs/profile-format.md, "Limits"). Each is far past any
// real workload or machine, and together they keep every product the model forms finite: the
// costliest month (1e12 calls a day × 31 days × 1e9 tokens × 1e15 per Mtok, or 1e6 machines × 1e6
// hours × 1e15 an hour) stays below 1e40, and 1,200 of them below 1e44, against a double's 1.8e308.
constexpr double kMoney = 1e15;    ///< any amount, in the profile's currency: a quadrillion
constexpr double kTokens = 1e9;    ///< tokens in one call: 100× the longest context window offered
constexpr double kHours = 1e6;     ///< engineering hours, once or a month: 114 years
constexpr double kGB = 1e9;        ///< memory, in GB: an exabyte
constexpr double kMs = 1e9;        ///< a latency: 11.6 days
constexpr double kMinSpeed = 1e-3; ///< tokens/s: a token every 17 minutes; slower divides to absurd

using K = KeyType;
using D = Decode;

/// The member of the item in scope that a key's value lands in.
#define AT(owner, member)                                                                                    \
    Target {                                                                                                 \
        +[](Scope& s) { return &s.owner->member; }                                                           \
    }

// Columns: path, type, unit, default, min, max, min exclusive, nullable, required, ranged, decode,
// target, description.
// clang-format off
const std::vector<KeySpec> kKeys = {
    {"version", K::integer, "", "1", 1, 1, false, false, false, false, D::custom, AT(profile, version),
     "Profile format version. Always 1."},
    {"settings", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Settings that apply to every workload."},
    {"settings.currency", K::string, "", "USD", 0, kInf, false, false, false, false, D::plain, AT(profile, settings.currency),
     "Currency of the profile's amounts, printed with money. Any other than USD needs `exchange_rate`, which converts the catalog's USD figures."},
    {"settings.exchange_rate", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "The rate that converts the catalog's USD figures (cloud prices, hardware purchase prices, GPU rents) and the tool's money defaults (labor_rate_per_hour, electricity_per_kwh) into `currency`; amounts written in the profile are taken as they are. Required when `currency` is not USD; printed with every result."},
    {"settings.exchange_rate.from", K::string, "", "USD", 0, kInf, false, false, false, false, D::plain, AT(profile, settings.exchange_rate.from),
     "The currency converted from: USD, the catalog's."},
    {"settings.exchange_rate.rate", K::number, "currency/USD", "", 1e-4, 1e7, false, false, true, false, D::plain, AT(profile, settings.exchange_rate.rate),
     "What one USD is worth in `currency`: 0.92 for EUR makes a $1.25/Mtok catalog price EUR 1.15/Mtok."},
    {"settings.exchange_rate.as_of", K::string, "", "", 0, kInf, false, false, true, false, D::plain, AT(profile, settings.exchange_rate.as_of),
     "The date of the rate, YYYY-MM-DD; printed with it."},
    {"settings.horizon_months", K::integer, "months", "36", 1, 1200, false, false, false, false, D::plain, AT(profile, settings.horizon_months),
     "Months the totals and breakeven cover."},
    {"settings.days_per_month", K::number, "days", "730/24", 1, 31, false, false, false, false, D::plain, AT(profile, settings.days_per_month),
     "Days in a billing month. 730/24 = 30.416667 days is 730 hours, the cloud-billing convention."},
    {"settings.discount_rate", K::share, "fraction/year", "null", 0, 1, false, true, false, true, D::plain, AT(profile, settings.discount_rate),
     "Annual rate for present values: `8%`. When set, every option gets its `npv` (monthly flows discounted at (1 + rate)^(1/12) − 1, each at its month's end, the book value at month H's) and each breakeven an `npv_month`; totals stay cash."},
    {"settings.labor_rate_per_hour", K::number, "currency/hour", "150", 0, kMoney, false, false, false, true, D::plain, AT(profile, settings.labor_rate_per_hour),
     "What an engineering hour costs."},
    {"workloads", K::named_list, "", "", 0, kInf, false, false, true, false, D::structure, {},
     "The workloads to price, each with a unique name."},
    {"workloads[].name", K::string, "", "", 0, kInf, false, false, true, false, D::custom, AT(workload, name),
     "Name of the workload."},
    {"workloads[].calls", K::rate, "calls", "", 0, kInf, false, false, true, true, D::custom, AT(workload, calls),
     "Call rate: `every 30 minutes`, `48/day`, `10k/day`, `2/hour`, `1.5M/month`, or a bare number, read as calls per day."},
    {"workloads[].input_tokens", K::number, "tokens/call", "", 0, kTokens, false, false, true, true, D::plain, AT(workload, input_tokens),
     "Input tokens per call: the prompt."},
    {"workloads[].output_tokens", K::number, "tokens/call", "0", 0, kTokens, false, false, false, true, D::plain, AT(workload, output_tokens),
     "Output tokens per call."},
    {"workloads[].reasoning_tokens", K::number, "tokens/call", "0", 0, kTokens, false, false, false, true, D::plain, AT(workload, reasoning_tokens),
     "Hidden reasoning tokens per call, billed as output unless priced apart."},
    {"workloads[].cached_input_share", K::share, "fraction", "0", 0, 1, false, false, false, true, D::plain, AT(workload, cached_input_share),
     "Fraction of input tokens read from a prompt cache."},
    {"workloads[].cache_write_share", K::share, "fraction", "0", 0, 1, false, false, false, true, D::plain, AT(workload, cache_write_share),
     "Fraction of input tokens written to a 5-minute prompt cache (billed at cache_write_per_mtok). With cached_input_share and cache_write_1h_share at most 1."},
    {"workloads[].cache_write_1h_share", K::share, "fraction", "0", 0, 1, false, false, false, true, D::plain, AT(workload, cache_write_1h_share),
     "Fraction of input tokens written to a 1-hour prompt cache (billed at cache_write_1h_per_mtok)."},
    {"workloads[].batchable", K::boolean, "", "false", 0, kInf, false, false, false, false, D::plain, AT(workload, batchable),
     "The workload may use the provider's batch discount."},
    {"workloads[].growth_per_month", K::share, "fraction/month", "0%", -1, 10, true, false, false, true, D::plain, AT(workload, growth_per_month),
     "Compounding monthly growth of calls: `5%` or 0.05."},
    {"workloads[].peak_to_average", K::number, "ratio", "1", 1, 1e6, false, false, false, true, D::plain, AT(workload, peak_to_average),
     "Peak load over average load; local capacity is sized for the peak."},
    {"workloads[].active_hours_per_day", K::number, "hours/day", "24", 0.01, 24, false, false, false, true, D::plain, AT(workload, active_hours_per_day),
     "The hours of a day the calls arrive in: local capacity is sized for the calls of those hours (peak_to_average is over them), and rented machines billed `on_demand` or `spot` are kept warm through them only, scaling to zero outside them."},
    {"workloads[].max_latency_ms", K::number, "ms", "null", 0, kMs, true, true, false, true, D::plain, AT(workload, max_latency_ms),
     "A hard latency requirement; options slower than this (a range's upper end) are excluded."},
    {"workloads[].data_must_stay_local", K::boolean, "", "false", 0, kInf, false, false, false, false, D::plain, AT(workload, data_must_stay_local),
     "Data may not leave your machines: cloud options are excluded."},
    {"workloads[].unserved_ok", K::boolean, "", "false", 0, kInf, false, false, false, false, D::plain, AT(workload, unserved_ok),
     "Calls may go unserved: a local option without a fallback that leaves calls unserved (downtime, overflow) stays feasible."},
    {"options", K::map, "", "", 0, kInf, false, false, true, false, D::structure, {},
     "The options to compare: `cloud` and `local`."},
    {"options.cloud", K::named_list, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Cloud API options."},
    {"options.cloud[].name", K::string, "", "", 0, kInf, false, false, true, false, D::custom, AT(cloud, name),
     "Name of the option."},
    {"options.cloud[].serves", K::string_list, "", "every workload", 0, kInf, false, false, false, false, D::custom, {},
     "The workloads this option is priced for (names from `workloads`); without it, every workload. An embedding model serves the embedding workload, not the chat one."},
    {"options.cloud[].model", K::string, "", "", 0, kInf, false, false, false, false, D::custom, Target{+[](Scope& s) { return s.cloud; }},
     "A model from the catalog (`llm-tco prices list`). Either `model` or `price` is required."},
    {"options.cloud[].price", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Explicit prices; with `model`, these override the catalog's."},
    {"options.cloud[].price.input_per_mtok", K::number, "currency/Mtok", "", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.input_per_mtok),
     "Price of a million input tokens. Required when there is no model."},
    {"options.cloud[].price.output_per_mtok", K::number, "currency/Mtok", "", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.output_per_mtok),
     "Price of a million output tokens. Required when there is no model (0 for an embedding model)."},
    {"options.cloud[].price.cached_input_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.cached_input_per_mtok),
     "Price of a million cached input tokens (cache reads)."},
    {"options.cloud[].price.cache_write_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.cache_write_per_mtok),
     "Price of a million input tokens written to a 5-minute prompt cache (Anthropic: 1.25 × input)."},
    {"options.cloud[].price.cache_write_1h_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.cache_write_1h_per_mtok),
     "Price of a million input tokens written to a 1-hour prompt cache (Anthropic: 2 × input)."},
    {"options.cloud[].price.reasoning_per_mtok", K::number, "currency/Mtok", "output_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(cloud, price.reasoning_per_mtok),
     "Price of a million reasoning tokens."},
    {"options.cloud[].price.batch_discount", K::share, "fraction", "0", 0, 1, false, false, false, true, D::plain, AT(cloud, price.batch_discount),
     "Fraction off for batchable workloads (0.5 = half price)."},
    {"options.cloud[].price.tiers", K::list, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Long-context tiers: a call whose input exceeds a threshold is billed whole at the tier's prices."},
    {"options.cloud[].price.tiers[].above_input_tokens", K::number, "tokens", "", 0, kTokens, false, false, true, false, D::plain, AT(tier, above_input_tokens),
     "The tier applies when a call's input tokens exceed this."},
    {"options.cloud[].price.tiers[].input_per_mtok", K::number, "currency/Mtok", "", 0, kMoney, false, false, true, true, D::plain, AT(tier, input_per_mtok),
     "Input price in the tier."},
    {"options.cloud[].price.tiers[].output_per_mtok", K::number, "currency/Mtok", "", 0, kMoney, false, false, true, true, D::plain, AT(tier, output_per_mtok),
     "Output price in the tier."},
    {"options.cloud[].price.tiers[].cached_input_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(tier, cached_input_per_mtok),
     "Cached input price in the tier."},
    {"options.cloud[].price.tiers[].cache_write_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(tier, cache_write_per_mtok),
     "5-minute cache write price in the tier."},
    {"options.cloud[].price.tiers[].cache_write_1h_per_mtok", K::number, "currency/Mtok", "input_per_mtok", 0, kMoney, false, false, false, true, D::plain, AT(tier, cache_write_1h_per_mtok),
     "1-hour cache write price in the tier."},
    {"options.cloud[].discount", K::share, "fraction", "0", 0, 1, false, false, false, true, D::plain, AT(cloud, price.discount),
     "A negotiated discount off every price of the option, applied after the batch discount: `15%`. `--discount PROVIDER=PCT` sets it for every option of a catalog provider that does not write its own."},
    {"options.cloud[].setup_hours", K::number, "hours", "0", 0, kHours, false, false, false, true, D::plain, AT(cloud, setup_hours),
     "One-time engineering hours (integration), charged in month 1."},
    {"options.cloud[].maintenance_hours_per_month", K::number, "hours/month", "0", 0, kHours, false, false, false, true, D::plain, AT(cloud, maintenance_hours_per_month),
     "Recurring engineering hours."},
    {"options.cloud[].fixed_monthly", K::number, "currency/month", "0", 0, kMoney, false, false, false, true, D::plain, AT(cloud, fixed_monthly),
     "Fixed monthly fees (a subscription, a minimum)."},
    {"options.cloud[].latency_ms", K::number, "ms", "null", 0, kMs, false, true, false, true, D::plain, AT(cloud, latency_ms),
     "Latency of a call, e.g. `200..800`."},
    {"options.local", K::named_list, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Self-hosted options."},
    {"options.local[].name", K::string, "", "", 0, kInf, false, false, true, false, D::custom, AT(local, name),
     "Name of the option."},
    {"options.local[].serves", K::string_list, "", "every workload", 0, kInf, false, false, false, false, D::custom, {},
     "The workloads this option is priced for (names from `workloads`); without it, every workload."},
    {"options.local[].pool", K::string, "", "", 0, kInf, false, true, false, false, D::plain, AT(local, pool),
     "A shared set of machines: the local options naming one pool run their models on the same machines, sized for the busy hours of every workload they serve, with one purchase or rent, one electricity bill and one setup, maintenance and incident line (those keys and the hardware come from the pool's first option). Its cost is allocated to the workloads by busy machine-hours."},
    {"options.local[].hardware", K::hardware, "", "", 0, kInf, false, false, true, false, D::custom, {},
     "A catalog hardware name (`mac-mini-m4-24gb`) or a map; `preset:` in the map starts from a catalog entry."},
    {"options.local[].hardware.preset", K::string, "", "", 0, kInf, false, false, false, false, D::custom, AT(local, hardware.preset),
     "A catalog hardware entry whose fields are the defaults."},
    {"options.local[].hardware.purchase", K::number, "currency/machine", "", 0, kMoney, false, false, false, true, D::custom, AT(local, hardware.purchase),
     "Purchase price per machine (owned hardware); 0 for a machine you already own. Give this or rent_per_hour."},
    {"options.local[].hardware.lifetime_months", K::number, "months", "36", 1, 1e6, false, false, false, true, D::plain, AT(local, hardware.lifetime_months),
     "Months until a machine is replaced (bought again)."},
    {"options.local[].hardware.ram_gb", K::number, "GB", "", 0, kGB, false, false, false, true, D::plain, AT(local, hardware.ram_gb),
     "Memory of one machine: first-release profiles give only this, one accelerator of ram_gb; with a preset or memory_gb it is accelerators × memory_gb."},
    {"options.local[].hardware.rent_per_hour", K::number, "currency/hour", "", 0, kMoney, false, false, false, true, D::custom, AT(local, hardware.rent_per_hour),
     "Rent per machine-hour (rented hardware; no purchase, no electricity)."},
    {"options.local[].hardware.billing", K::string, "", "always_on", 0, kInf, false, false, false, false, D::custom, {},
     "How a rented machine is paid for: `always_on` (every hour at rent_per_hour), `on_demand` (rent_per_hour through the workload's active hours, plus a cold start a day when they are fewer than 24), `reserved` (the `reserved` rate for every hour of every term that starts within the horizon, used or not) or `spot` (the `spot` rate, warm as on demand; the work its interruptions lose goes to the fallback). A written `reserved` or `spot` block without `billing` selects itself."},
    {"options.local[].hardware.cold_start_seconds", K::number, "seconds/start", "80", 0, 86400, false, false, false, true, D::plain, AT(local, hardware.cold_start_seconds),
     "Seconds a machine is billed before it serves when billed `on_demand` or `spot` starts from zero (booting, loading the weights): once a day per machine when the workload's active hours are fewer than 24. The default is a judgement (docs/cost-model.md)."},
    {"options.local[].hardware.reserved", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "A reserved term (`billing: reserved`): the catalog preset's, or written."},
    {"options.local[].hardware.reserved.term_months", K::number, "months", "preset's", 1, 1200, false, false, false, true, D::plain, AT(local, hardware.reserved.term_months),
     "Months of one reserved term; a machine's terms start in the month it is added and renew, and the hours of a term running past the horizon are billed in month H."},
    {"options.local[].hardware.reserved.rent_per_hour", K::number, "currency/hour", "preset's", 0, kMoney, false, false, false, true, D::plain, AT(local, hardware.reserved.rent_per_hour),
     "Rent per machine-hour of the reserved term, billed every hour of it."},
    {"options.local[].hardware.spot", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Spot (interruptible) capacity (`billing: spot`): the catalog preset's, or written."},
    {"options.local[].hardware.spot.rent_per_hour", K::number, "currency/hour", "preset's", 0, kMoney, false, false, false, true, D::plain, AT(local, hardware.spot.rent_per_hour),
     "Rent per machine-hour of spot capacity, billed as on demand."},
    {"options.local[].hardware.spot.interruptions_per_day", K::number, "interruptions/day", "preset's", 0, 1440, false, false, false, true, D::plain, AT(local, hardware.spot.interruptions_per_day),
     "Interruptions per machine per 24 hours up."},
    {"options.local[].hardware.spot.minutes_lost_per_interruption", K::number, "minutes", "preset's", 0, 1440, false, false, false, true, D::plain, AT(local, hardware.spot.minutes_lost_per_interruption),
     "Minutes of work an interruption loses (until a replacement serves again): the share interruptions × minutes / 1440 of the calls goes to the fallback."},
    {"options.local[].hardware.residual", K::string, "", "straight_line", 0, kInf, false, false, false, false, D::custom, {},
     "What an owned machine is worth at the horizon's end: `straight_line` (book value, purchase × the share of its lifetime left), credited in the total; `none` for nothing."},
    {"options.local[].hardware.accelerators", K::number, "accelerators/machine", "preset's, else 1", 1, 1024, false, false, false, true, D::plain, AT(local, hardware.accelerators),
     "GPUs per machine (a CPU-only or Apple machine is one). One model copy uses the fewest that hold it; each copy serves its own share of the calls."},
    {"options.local[].hardware.memory_gb", K::number, "GB/accelerator", "preset's, else ram_gb", 0, kGB, true, false, false, true, D::plain, AT(local, hardware.memory_gb),
     "Memory of one accelerator: VRAM, or for unified memory (Apple, Jetson, CPU) the memory the model may use."},
    {"options.local[].hardware.memory_bandwidth_gbs", K::number, "GB/s", "preset's", 0, 1e9, false, false, false, true, D::plain, AT(local, hardware.memory_bandwidth_gbs),
     "Memory bandwidth of one accelerator; decode speed derives from it. Needed unless throughput gives measured speeds."},
    {"options.local[].hardware.tflops", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Dense tensor TFLOPS of one accelerator per data type; prefill (and large batches) derive from them."},
    {"options.local[].hardware.tflops.fp16", K::number, "TFLOPS", "preset's", 0, 1e7, false, false, false, true, D::plain, AT(local, hardware.tflops_fp16),
     "Dense FP16/BF16 TFLOPS (FP32 accumulate). Needed unless throughput gives measured speeds."},
    {"options.local[].hardware.tflops.fp8", K::number, "TFLOPS", "preset's, else fp16", 0, 1e7, false, false, false, true, D::plain, AT(local, hardware.tflops_fp8),
     "Dense FP8 TFLOPS (0: no FP8 units, the fp16 rate is used)."},
    {"options.local[].hardware.tflops.int8", K::number, "TOPS", "preset's, else fp16", 0, 1e7, false, false, false, true, D::plain, AT(local, hardware.tflops_int8),
     "Dense INT8 TOPS (0: the fp16 rate is used)."},
    {"options.local[].hardware.tflops.fp4", K::number, "TFLOPS", "preset's, else fp8", 0, 1e7, false, false, false, true, D::plain, AT(local, hardware.tflops_fp4),
     "Dense FP4 TFLOPS (0: the fp8 rate is used)."},
    {"options.local[].hardware.unified_memory", K::boolean, "", "preset's, else false", 0, kInf, false, false, false, false, D::plain, AT(local, hardware.unified_memory),
     "CPU and GPU share one memory (Apple silicon, Jetson, a CPU-only machine): no host RAM to offload to."},
    {"options.local[].hardware.host_ram_gb", K::number, "GB", "preset's, else 0", 0, kGB, false, false, false, true, D::plain, AT(local, hardware.host_ram_gb),
     "System RAM beside discrete GPUs, where an offloading engine keeps the weights that do not fit."},
    {"options.local[].hardware.host_bandwidth_gbs", K::number, "GB/s", "preset's, else 0", 0, 1e9, false, false, false, true, D::plain, AT(local, hardware.host_bandwidth_gbs),
     "Bandwidth of the system RAM, which sets the speed of offloaded layers."},
    {"options.local[].hardware.class", K::string, "", "preset's, else consumer_gpu", 0, kInf, false, false, false, false, D::custom, {},
     "`consumer_gpu`, `datacenter_gpu`, `apple`, `jetson` or `cpu`: picks the engine's efficiency factors."},
    {"options.local[].hardware.architecture", K::string, "", "preset's, else none", 0, kInf, false, false, false, false, D::custom, {},
     "The chip generation (`ampere`, `ada`, `hopper`, `blackwell`, `cdna3`, `apple-m1` … `apple-m5`, `zen4`, …): picks an engine's per-architecture factors where it has them (llama.cpp's compute share on Hopper)."},
    {"options.local[].machines", K::machines, "", "auto", 0, kInf, false, false, false, false, D::custom, AT(local, machines),
     "`auto` (sized for the peak, never decreasing) or a fixed count."},
    {"options.local[].model", K::local_model, "", "", 0, kInf, false, false, false, false, D::custom, {},
     "A catalog local model name or a map; `preset:` in the map starts from a catalog entry."},
    {"options.local[].model.preset", K::string, "", "", 0, kInf, false, false, false, false, D::custom, AT(local, model.preset),
     "A catalog local model whose fields are the defaults."},
    {"options.local[].model.params_b", K::number, "billion parameters", "", 0, 1e5, false, false, false, true, D::plain, AT(local, model.params_b),
     "Parameters, in billions."},
    {"options.local[].model.bits_per_weight", K::number, "bits", "", 1, 64, false, false, false, true, D::custom, AT(local, model.bits_per_weight),
     "Bits per weight of the quantised file."},
    {"options.local[].model.quant", K::string, "", "", 0, kInf, false, false, false, false, D::custom, AT(local, model.quant),
     "A quantisation name from the catalog (Q4_K_M, Q5_K_M, Q8_0, F16, …) giving bits_per_weight."},
    {"options.local[].model.kv_cache_gb", K::number, "GB", "derived", 0, kGB, false, true, false, true, D::plain, AT(local, model.kv_cache_gb),
     "The KV cache of one call, overriding the architecture's (kv bytes per token × the call's tokens)."},
    {"options.local[].model.overhead_gb", K::number, "GB", "engine's", 0, kGB, false, true, false, true, D::plain, AT(local, model.overhead_gb),
     "Runtime overhead (buffers, activations), overriding the engine's serving.overhead_gb."},
    {"options.local[].model.active_params_b", K::number, "billion parameters", "preset's, else params_b", 0, 1e5, false, false, false, true, D::plain, AT(local, model.active_params_b),
     "Parameters a token passes through (MoE models); 0 means params_b."},
    {"options.local[].model.layers", K::number, "layers", "preset's, else 0", 0, 1e5, false, false, false, true, D::plain, AT(local, model.layers),
     "Transformer layers (for the KV cache and attention FLOPs)."},
    {"options.local[].model.attention_heads", K::number, "heads", "preset's, else 0", 0, 1e6, false, false, false, true, D::plain, AT(local, model.attention_heads),
     "Query heads (for the attention FLOPs of prefill)."},
    {"options.local[].model.kv_heads", K::number, "heads", "preset's, else 0", 0, 1e6, false, false, false, true, D::plain, AT(local, model.kv_heads),
     "Key/value heads (grouped-query attention)."},
    {"options.local[].model.head_dim", K::number, "", "preset's, else 0", 0, 1e6, false, false, false, true, D::plain, AT(local, model.head_dim),
     "Dimension of one attention head."},
    {"options.local[].model.embedding_params_b", K::number, "billion parameters", "preset's, else 0", 0, 1e5, false, false, false, true, D::plain, AT(local, model.embedding_params_b),
     "The input embedding table, looked up rather than streamed each token; 0 when tied to the output head."},
    {"options.local[].model.context_tokens", K::number, "tokens", "preset's, else none", 0, kTokens, false, false, false, true, D::plain, AT(local, model.context_tokens),
     "The model's context window; a call longer than it is an error (0: unchecked)."},
    {"options.local[].model.experts", K::number, "experts", "preset's, else 0", 0, 1e6, false, false, false, true, D::plain, AT(local, model.experts),
     "Routed experts per MoE layer (0: a dense model)."},
    {"options.local[].model.experts_per_token", K::number, "experts", "preset's, else 0", 0, 1e6, false, false, false, true, D::plain, AT(local, model.experts_per_token),
     "Experts each token is routed to."},
    {"options.local[].model.kv_bits", K::number, "bits", "16", 1, 64, false, false, false, true, D::plain, AT(local, model.kv_bits),
     "Bits per KV-cache element (16 for an f16 cache, 8 for q8_0/fp8)."},
    {"options.local[].model.kv_bytes_per_token", K::number, "bytes/token", "preset's, else the formula", 0, 1e12, false, true, false, true, D::plain, AT(local, model.kv_bytes_per_token),
     "KV-cache bytes per token of context, overriding 2 × layers × kv_heads × head_dim × kv_bits / 8 (MLA, sliding-window models)."},
    {"options.local[].model.compute", K::string, "", "the quant's, else fp16", 0, kInf, false, false, false, false, D::custom, {},
     "The data type the matmuls run in: `fp16`, `fp8`, `int8` or `fp4` (picks the TFLOPS figure)."},
    {"options.local[].throughput", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Measured speeds of one machine. Give both speeds, or neither: then they derive from the hardware, model and engine (docs/capacity.md)."},
    {"options.local[].throughput.prefill_tokens_per_s", K::number, "tokens/s", "derived", kMinSpeed, 1e9, false, false, false, true, D::custom, AT(local, throughput.prefill_tokens_per_s),
     "Measured prompt processing speed (with decode_tokens_per_s)."},
    {"options.local[].throughput.decode_tokens_per_s", K::number, "tokens/s", "derived", kMinSpeed, 1e9, false, false, false, true, D::custom, AT(local, throughput.decode_tokens_per_s),
     "Measured generation speed of one stream (with prefill_tokens_per_s)."},
    {"options.local[].throughput.concurrency", K::number, "calls", "1", 1e-3, 1e6, false, false, false, true, D::plain, AT(local, throughput.concurrency),
     "Calls one machine serves at once at the measured speeds; without measured speeds it sets serving.concurrency."},
    {"options.local[].throughput.max_utilization", K::share, "fraction", "0.8", 0.01, 1, false, false, false, true, D::plain, AT(local, throughput.max_utilization),
     "Highest busy share a machine is planned for."},
    {"options.local[].serving", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "The serving engine and its settings; the engine brings documented defaults and fitted efficiency factors (docs/capacity.md)."},
    {"options.local[].serving.engine", K::string, "", "hardware's default_engine", 0, kInf, false, false, false, false, D::custom, {},
     "`llama.cpp`, `ollama`, `mlx`, `vllm`, `sglang` or `tensorrt-llm`. Without one, the hardware preset's default engine if it loads the quantisation, else the first engine that does."},
    {"options.local[].serving.concurrency", K::number, "calls", "from the load", 1e-3, 1e6, false, true, false, true, D::plain, AT(local, serving.concurrency),
     "The batch the engine runs at. Without it the batch follows the offered load at the peak (Little's law), capped by the KV cache, the engine and max_latency_ms."},
    {"options.local[].serving.max_concurrency", K::number, "calls", "engine's", 1e-3, 1e6, false, false, false, true, D::plain, AT(local, serving.max_concurrency),
     "The engine's cap on sequences in flight (llama.cpp slots, OLLAMA_NUM_PARALLEL, vLLM max_num_seqs)."},
    {"options.local[].serving.memory_fraction", K::share, "fraction", "engine's", 0.01, 1, false, false, false, true, D::plain, AT(local, serving.memory_fraction),
     "Share of each accelerator's memory the engine may use for weights, KV cache and buffers."},
    {"options.local[].serving.overhead_gb", K::number, "GB", "engine's", 0, kGB, false, false, false, true, D::plain, AT(local, serving.overhead_gb),
     "Runtime buffers, CUDA context and activations; model.overhead_gb overrides it."},
    {"options.local[].serving.accelerators_per_copy", K::number, "accelerators", "fewest that hold it", 1, 1024, false, true, false, true, D::plain, AT(local, serving.accelerators_per_copy),
     "GPUs one model copy spans (a tensor-parallel size); without it the fewest that hold the model (a power of two for a tensor split), the machine serving accelerators / this many copies."},
    {"options.local[].serving.parallel", K::string, "", "engine's", 0, kInf, false, false, false, false, D::custom, {},
     "How one model copy is split across GPUs: `tensor` (bandwidth and FLOPS add up) or `layers` (memory adds up, a token visits the cards in turn)."},
    {"options.local[].serving.efficiency", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Shares of peak the engine reaches on this hardware class, fitted to published measurements."},
    {"options.local[].serving.efficiency.bandwidth", K::share, "fraction", "engine's", 0.01, 1, false, false, false, true, D::plain, AT(local, serving.efficiency_bandwidth),
     "Share of peak memory bandwidth reached in decode."},
    {"options.local[].serving.efficiency.compute", K::share, "fraction", "engine's", 0.01, 1, false, false, false, true, D::plain, AT(local, serving.efficiency_compute),
     "Share of peak TFLOPS reached in prefill and compute-bound decode."},
    {"options.local[].serving.efficiency.overhead_ms_per_token", K::number, "ms", "per layer and expert", 0, 1e6, false, true, false, true, D::plain, AT(local, serving.overhead_ms_per_token),
     "Fixed cost of each decode step (kernel launches, sampling), replacing layers × overhead_ms_per_layer + the experts touched × overhead_ms_per_expert."},
    {"options.local[].serving.efficiency.overhead_ms_per_layer", K::number, "ms", "engine's", 0, 1e6, false, false, false, true, D::plain, AT(local, serving.overhead_ms_per_layer),
     "Fixed cost of a decode step per layer (kernel launches), fitted per engine and hardware class."},
    {"options.local[].serving.efficiency.overhead_ms_per_expert", K::number, "ms", "engine's", 0, 1e6, false, false, false, true, D::plain, AT(local, serving.overhead_ms_per_expert),
     "Fixed cost of a decode step per expert a MoE layer touches (routing, small matrix products), fitted per engine and hardware class."},
    {"options.local[].serving.efficiency.host_bandwidth", K::share, "fraction", "engine's", 0.01, 1, false, false, false, true, D::plain, AT(local, serving.efficiency_host_bandwidth),
     "Share of host RAM bandwidth reached for offloaded weights."},
    {"options.local[].power", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Power draw and electricity (owned hardware only)."},
    {"options.local[].power.idle_watts", K::number, "W", "hardware's, else 0", 0, 1e7, false, false, false, true, D::plain, AT(local, power.idle_watts),
     "Draw while idle."},
    {"options.local[].power.active_watts", K::number, "W", "hardware's, else 0", 0, 1e7, false, false, false, true, D::plain, AT(local, power.active_watts),
     "Draw while serving."},
    {"options.local[].power.always_on", K::boolean, "", "true", 0, kInf, false, false, false, false, D::plain, AT(local, power.always_on),
     "The machine stays on when idle."},
    {"options.local[].power.electricity_per_kwh", K::number, "currency/kWh", "0.15", 0, kMoney, false, false, false, true, D::plain, AT(local, power.electricity_per_kwh),
     "Electricity price."},
    {"options.local[].power.pue", K::number, "ratio", "1.0", 1, 10, false, false, false, true, D::plain, AT(local, power.pue),
     "Power usage effectiveness (cooling overhead)."},
    {"options.local[].other_ram_gb", K::number, "GB", "0", 0, kGB, false, false, false, true, D::plain, AT(local, other_ram_gb),
     "Memory everything else on the machine already uses."},
    {"options.local[].setup_hours", K::number, "hours", "6", 0, kHours, false, false, false, true, D::plain, AT(local, setup_hours),
     "One-time engineering hours for the deployment and its first machine, charged in month 1. The default is the midpoint of the reference article's 4–8 h (docs/cost-model.md); write 0 for none."},
    {"options.local[].setup_hours_per_added_machine", K::number, "hours/machine", "2", 0, kHours, false, false, false, true, D::plain, AT(local, setup_hours_per_added_machine),
     "One-time engineering hours for each machine added after the first, charged in the month it is added (replacements are not new setups)."},
    {"options.local[].maintenance_hours_per_month", K::number, "hours/month", "2", 0, kHours, false, false, false, true, D::plain, AT(local, maintenance_hours_per_month),
     "Recurring engineering hours for the deployment and its first machine (updates, monitoring, model upgrades); the default is a judgement sourced in docs/cost-model.md; write 0 for none."},
    {"options.local[].maintenance_hours_per_machine_month", K::number, "hours/machine/month", "2", 0, kHours, false, false, false, true, D::plain, AT(local, maintenance_hours_per_machine_month),
     "Recurring engineering hours for each machine beyond the first."},
    {"options.local[].incidents_per_year", K::number, "incidents/year", "4", 0, 1e5, false, false, false, true, D::plain, AT(local, incidents_per_year),
     "Expected incidents (driver or runtime updates, crashes); the default is a judgement sourced in docs/cost-model.md; write 0 for none."},
    {"options.local[].hours_per_incident", K::number, "hours", "3", 0, kHours, false, false, false, true, D::plain, AT(local, hours_per_incident),
     "Engineering hours per incident."},
    {"options.local[].availability", K::share, "fraction", "1", 0, 1, false, false, false, true, D::plain, AT(local, availability),
     "Share of time the local tier is up; the rest goes to the fallback."},
    {"options.local[].fallback", K::string, "", "", 0, kInf, false, true, false, false, D::plain, AT(local, fallback),
     "A cloud option serving downtime and overflow. You pay for both."},
    {"options.local[].latency_ms", K::number, "ms", "null", 0, kMs, false, true, false, true, D::plain, AT(local, latency_ms),
     "Latency of a call; null derives it from the capacity model (prefill + generated tokens × decode step at the operating batch)."},
    {"team", K::map, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "What the team can do."},
    {"team.can_maintain_local", K::boolean, "", "true", 0, kInf, false, false, false, false, D::plain, AT(profile, team.can_maintain_local),
     "false excludes local options."},
    {"budgets", K::list, "", "", 0, kInf, false, false, false, false, D::structure, {},
     "Budget assertions for `llm-tco check`."},
    {"budgets[].workload", K::string, "", "", 0, kInf, false, false, false, false, D::plain, AT(budget, workload),
     "The workload the budget applies to; every workload when absent."},
    {"budgets[].option", K::string, "", "", 0, kInf, false, false, false, false, D::plain, AT(budget, option),
     "The option the budget applies to; the recommended option when absent."},
    {"budgets[].max_monthly", K::number, "currency/month", "", 0, kMoney, false, false, false, false, D::plain, AT(budget, max_monthly),
     "Largest recurring monthly cost within the horizon."},
    {"budgets[].max_total", K::number, "currency", "", 0, kMoney, false, false, false, false, D::plain, AT(budget, max_total),
     "Largest total over the horizon."},
    {"budgets[].max_cost_per_1k_calls", K::number, "currency", "", 0, kMoney, false, false, false, false, D::plain, AT(budget, max_cost_per_1k_calls),
     "Largest all-in cost per 1,000 calls."},
    {"budgets[].breakeven_within_months", K::number, "months", "", 0, 1200, false, false, false, false, D::plain, AT(budget, breakeven_within_months),
     "The local option must break even against `against` by this month."},
    {"budgets[].against", K::string, "", "", 0, kInf, false, false, false, false, D::plain, AT(budget, against),
     "The cloud option for `breakeven_within_months`; the cheapest cloud option when absent."},
    {"budgets[].recommend", K::string, "", "", 0, kInf, false, false, false, false, D::plain, AT(budget, recommend),
     "`cloud`, `local` or an option name: the recommendation must match. With `portfolio: true`: `cloud`, `local` or `mixed`, what the best portfolio uses."},
    {"budgets[].portfolio", K::boolean, "", "false", 0, kInf, false, false, false, false, D::plain, AT(budget, portfolio),
     "Check the best portfolio (every workload on one option, one bill) with `max_total`, `max_monthly` or `recommend` instead of an option."},
};
// clang-format on

#undef AT

} // namespace

const std::vector<KeySpec>& key_table() { return kKeys; }

namespace {

/// The table indexed once: spec by path, and the child key names of every path.
struct Index {
    std::unordered_map<std::string_view, const KeySpec*> by_path;
    std::unordered_map<std::string, std::vector<std::string>> children;
    std::unordered_map<std::string, std::vector<const KeySpec*>> child_specs;

    Index() {
        for (const auto& k : kKeys) {
            by_path.emplace(k.path, &k);
            const auto dot = k.path.rfind('.');
            const auto parent =
                dot == std::string_view::npos ? std::string() : std::string(k.path.substr(0, dot));
            const auto name = k.path.substr(dot == std::string_view::npos ? 0 : dot + 1);
            if (name.find('[') == std::string_view::npos) {
                children[parent].emplace_back(name);
                child_specs[parent].push_back(&k);
            }
        }
    }
};

const Index& index() {
    static const Index i; // built once, read-only after: safe for the sweep's threads
    return i;
}

} // namespace

const KeySpec* find_key(std::string_view path) {
    const auto& by_path = index().by_path;
    const auto it = by_path.find(path);
    return it == by_path.end() ? nullptr : it->second;
}

const std::vector<std::string>& child_keys(std::string_view path) {
    static const std::vector<std::string> none;
    const auto& children = index().children;
    const auto it = children.find(std::string(path));
    return it == children.end() ? none : it->second;
}

const std::vector<const KeySpec*>& child_specs(std::string_view path) {
    static const std::vector<const KeySpec*> none;
    const auto& children = index().child_specs;
    const auto it = children.find(std::string(path));
    return it == children.end() ? none : it->second;
}

std::string_view key_name(const KeySpec& spec) {
    const auto dot = spec.path.rfind('.');
    return dot == std::string_view::npos ? spec.path : spec.path.substr(dot + 1);
}

namespace {

/// A plain decimal number, as written in a default: "0.8", "36", "1e6"; nullopt for anything else.
std::optional<double> plain_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

} // namespace

std::optional<double> numeric_default(const KeySpec& spec) {
    auto text = spec.default_text;
    if (spec.type != KeyType::number && spec.type != KeyType::share && spec.type != KeyType::integer)
        return std::nullopt;
    double scale = 1;
    if (spec.type == KeyType::share && !text.empty() && text.back() == '%') {
        text.remove_suffix(1);
        scale = 0.01;
    }
    if (const auto slash = text.find('/');
        slash != std::string_view::npos) { // "730/24": exact, not 30.416667
        const auto a = plain_number(text.substr(0, slash));
        const auto b = plain_number(text.substr(slash + 1));
        if (!a || !b || *b == 0) return std::nullopt;
        return *a / *b * scale;
    }
    const auto v = plain_number(text);
    if (!v) return std::nullopt;
    return *v * scale;
}

std::string_view type_name(KeyType type) {
    switch (type) {
    case K::map:
        return "a map";
    case K::named_list:
        return "a list of named items";
    case K::list:
        return "a list";
    case K::number:
        return "a number or a range";
    case K::share:
        return "a fraction in [0, 1] or a percentage";
    case K::integer:
        return "a whole number";
    case K::rate:
        return "a call rate";
    case K::boolean:
        return "true or false";
    case K::string:
        return "a string";
    case K::machines:
        return "'auto' or a whole number";
    case K::hardware:
        return "a catalog hardware name or a map";
    case K::local_model:
        return "a catalog model name or a map";
    case K::string_list:
        return "a list of strings";
    }
    return "?";
}

} // namespace llmtco
