#pragma once
/// The price and hardware catalog: plain data, filled by the catalog loader (src/catalog).

#include "llmtco/profile.hpp"

#include <optional>
#include <string>
#include <vector>

namespace llmtco {

struct CloudModel {
    std::string name;
    std::string provider;
    std::string mode = "chat"; ///< chat | embedding
    Price price;
    std::vector<std::string> aliases;
    std::string as_of; ///< YYYY-MM-DD
    std::string source;
};

struct Quant {
    std::string name;
    double bits_per_weight = 0;
    std::string as_of;
    std::string source;
};

struct LocalModelPreset {
    std::string name;
    double params_b = 0;
    double kv_cache_gb = 0;
    int layers = 0;
    int kv_heads = 0;
    int head_dim = 0;
    int context_tokens = 0;
    std::string as_of;
    std::string source;
};

struct HardwarePreset {
    std::string name;
    std::string description;
    std::optional<double> purchase;
    std::optional<double> rent_per_hour;
    Billing billing = Billing::always_on;
    double lifetime_months = 36;
    double ram_gb = 0;
    double idle_watts = 0;
    double active_watts = 0;
    std::optional<double> prefill_tokens_per_s;
    std::optional<double> decode_tokens_per_s;
    std::string as_of;
    std::string source;
};

struct Catalog {
    std::vector<CloudModel> cloud_models;
    std::vector<Quant> quants;
    std::vector<LocalModelPreset> local_models;
    std::vector<HardwarePreset> hardware;

    /// By name or alias.
    const CloudModel* find_cloud(const std::string& name) const;
    const Quant* find_quant(const std::string& name) const;
    const LocalModelPreset* find_local_model(const std::string& name) const;
    const HardwarePreset* find_hardware(const std::string& name) const;
    std::vector<std::string> cloud_names() const; ///< names and aliases
    std::vector<std::string> quant_names() const;
    std::vector<std::string> local_model_names() const;
    std::vector<std::string> hardware_names() const;
};

} // namespace llmtco
