#pragma once
/// The price and hardware catalog: plain data, filled by the catalog loader (src/catalog).

#include "llmtco/profile.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llmtco {

struct CloudModel {
    std::string name;
    std::string provider;
    std::string mode = "chat"; ///< chat | embedding
    Price price;
    std::optional<double> max_input_tokens;  ///< the longest prompt a call may send (LiteLLM's field)
    std::optional<double> max_output_tokens; ///< the most tokens a call may generate, reasoning included
    std::vector<std::string> aliases;
    std::string as_of; ///< YYYY-MM-DD
    std::string source;
    std::string catalog; ///< the catalog it came from: "built-in", "user", or a --catalog file's name
    /// A hosted open-weight endpoint: the local model preset it serves ("llama-3.1-8b"), so plan
    /// can put "the same model, hosted" beside "the same model, self-hosted"; empty: none.
    std::string open_model;
};

struct Quant {
    std::string name;
    double bits_per_weight = 0;
    ComputeType compute = ComputeType::fp16; ///< the data type its matmuls run in
    double prefill_factor = 1;               ///< prefill speed relative to unquantised weights (dequantising)
    std::vector<std::string> engines;        ///< engines that load it (empty: every engine)
    std::string as_of;
    std::string source;
    std::string catalog; ///< as CloudModel::catalog
};

struct LocalModelPreset {
    std::string name;
    double params_b = 0;
    double active_params_b = 0; ///< MoE; 0: dense
    int layers = 0;
    int attention_heads = 0;
    int kv_heads = 0;
    int head_dim = 0;
    double embedding_params_b = 0;
    int context_tokens = 0;
    int experts = 0;
    int experts_per_token = 0;
    std::optional<double> kv_bytes_per_token;
    bool embedding = false; ///< an encoder (embedding model): no decode
    std::string as_of;
    std::string source;
    std::string catalog; ///< as CloudModel::catalog
};

struct HardwarePreset {
    std::string name;
    std::string description;
    std::optional<double> purchase;
    std::optional<double> rent_per_hour;
    Billing billing = Billing::always_on;
    /// Purchase terms of a rented machine besides on demand, each with its own source.
    struct Term {
        double rent_per_hour = 0;
        double term_months = 0;                   ///< reserved
        double interruptions_per_day = 0;         ///< spot
        double minutes_lost_per_interruption = 0; ///< spot
        std::string as_of;
        std::string source;
    };
    std::optional<Term> reserved;
    std::optional<Term> spot;
    double lifetime_months = 36;
    double idle_watts = 0;
    double active_watts = 0;
    int accelerators = 1;
    double memory_gb = 0; ///< per accelerator
    double memory_bandwidth_gbs = 0;
    double tflops_fp16 = 0;
    double tflops_fp8 = 0;
    double tflops_int8 = 0;
    double tflops_fp4 = 0;
    bool unified_memory = false;
    double host_ram_gb = 0;
    double host_bandwidth_gbs = 0;
    HardwareClass hw_class = HardwareClass::consumer_gpu;
    std::string architecture; ///< the chip generation ("ampere", "hopper", "apple-m3", …); may be empty
    std::string default_engine;
    std::vector<std::string> engines; ///< engines that run on it (empty: any for its class)
    std::string as_of;
    std::string source;
    std::string catalog; ///< as CloudModel::catalog
    double ram_gb() const { return memory_gb * accelerators; }
};

/// Factors of an engine on one chip generation that differ from its class's (e.g. llama.cpp's CUDA
/// kernels on Hopper, which use Ampere's tensor-core instructions): only the written ones apply.
struct ArchitectureEfficiency {
    std::string architecture;
    std::optional<double> bandwidth;
    std::optional<double> compute;
    std::optional<double> overhead_ms_per_layer;
};

/// Efficiency factors of an engine on one hardware class, fitted to published measurements.
struct Efficiency {
    double bandwidth = 1;
    double compute = 1;
    double overhead_ms_per_layer = 0;
    double overhead_ms_per_expert = 0;
    double host_bandwidth = 1;
    std::optional<double> memory_fraction; ///< the engine's share of memory on this class, if it differs
    std::vector<ArchitectureEfficiency> by_architecture;
};

struct Engine {
    std::string name;
    double memory_fraction = 0.9;
    double max_concurrency = 1;
    double overhead_gb = 0;
    bool can_offload = false;
    Parallel parallel = Parallel::layers;
    std::vector<HardwareClass> runs_on; ///< hardware classes it serves on
    std::vector<std::pair<HardwareClass, Efficiency>> efficiency;
    std::string as_of;
    std::string source;
    std::string catalog; ///< as CloudModel::catalog
    bool runs(HardwareClass c) const;
    /// The factors for class `c` (the first listed when `c` has none), with the class entry's
    /// `by_architecture` overrides for `architecture` applied.
    Efficiency efficiency_for(HardwareClass c, std::string_view architecture = {}) const;
};

/// "consumer_gpu", …; and back (nullopt for an unknown name).
std::string_view class_name(HardwareClass c);
std::optional<HardwareClass> class_of(std::string_view name);
/// The chip generations a hardware entry's `architecture` may name.
const std::vector<std::string>& architecture_names();
std::string_view compute_name(ComputeType t);
std::optional<ComputeType> compute_of(std::string_view name);

struct Catalog {
    std::vector<CloudModel> cloud_models;
    std::vector<Quant> quants;
    std::vector<LocalModelPreset> local_models;
    std::vector<HardwarePreset> hardware;
    std::vector<Engine> engines;
    /// How an assumption names a catalog its entries came from, by their `catalog`: "user" →
    /// "user catalog PATH, imported DATE from ORIGINAL". A catalog without one is not named.
    std::map<std::string, std::string> notes;

    /// By name or alias.
    const CloudModel* find_cloud(const std::string& name) const;
    const Quant* find_quant(const std::string& name) const;
    const LocalModelPreset* find_local_model(const std::string& name) const;
    const HardwarePreset* find_hardware(const std::string& name) const;
    const Engine* find_engine(const std::string& name) const;
    std::vector<std::string> cloud_names() const; ///< names and aliases
    std::vector<std::string> quant_names() const;
    std::vector<std::string> local_model_names() const;
    std::vector<std::string> hardware_names() const;
    std::vector<std::string> engine_names() const;
};

} // namespace llmtco
