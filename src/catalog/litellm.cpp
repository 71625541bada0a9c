#include "catalog/catalog.hpp"
#include "util/error.hpp"

#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace llmtco::catalog {
namespace {

using json = nlohmann::json;

std::optional<double> per_mtok(const json& entry, const std::string& key) {
    const auto it = entry.find(key);
    if (it == entry.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>() * 1e6;
    if (!std::isfinite(v) || v < 0) return std::nullopt;
    return std::round(v * 1e9) / 1e9; // 8e-07 × 1e6 → 0.8, not 0.7999999999999999
}

/// "input_cost_per_token_above_200k_tokens" → 200000, for each tier present in the entry.
std::map<double, std::string> tier_suffixes(const json& entry) {
    std::map<double, std::string> out;
    const std::string prefix = "input_cost_per_token_above_";
    for (const auto& item : entry.items()) {
        const auto& key = item.key();
        if (key.rfind(prefix, 0) != 0 || key.size() < prefix.size() + 9) continue;
        const auto rest = key.substr(prefix.size()); // "200k_tokens"
        const auto k = rest.find("k_tokens");
        if (k == std::string::npos || k + 8 != rest.size()) continue;
        const auto digits = rest.substr(0, k);
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            }))
            continue;
        // Past 9 digits (a trillion tokens) a tier can never apply: no call passes 1e9 tokens
        // (the key table's limit); std::stod of 300 digits would throw.
        if (digits.size() > 9) continue;
        out[std::stod(digits) * 1000] = "_above_" + rest;
    }
    return out;
}

} // namespace

LiteLLMImport merge_litellm_json(Catalog& into, std::string_view text, const std::string& display_name) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError(fmt::format("{}:1:1: error: not valid JSON: {}", display_name, e.what()));
    } catch (const json::exception& e) { // out_of_range: a number such as 1e400 a double cannot hold
        throw InputError(
            fmt::format("{}:1:1: error: a number in the JSON is out of range: {}", display_name, e.what()));
    }
    if (!root.is_object()) {
        throw InputError(
            fmt::format("{}:1:1: error: a LiteLLM price file is a JSON object of models", display_name));
    }
    LiteLLMImport result;
    for (const auto& item : root.items()) {
        const auto& entry = item.value();
        if (item.key() == "sample_spec" || !entry.is_object()) continue;
        const std::string mode = entry.value("mode", std::string("chat"));
        const auto input = per_mtok(entry, "input_cost_per_token");
        auto output = per_mtok(entry, "output_cost_per_token");
        if (!output && mode == "embedding") output = 0.0;
        if (!input || !output ||
            (mode != "chat" && mode != "embedding" && mode != "completion" && mode != "responses")) {
            ++result.skipped;
            continue;
        }
        CloudModel m;
        m.name = item.key();
        m.provider = entry.value("litellm_provider", std::string());
        m.mode = mode == "embedding" ? "embedding" : "chat";
        m.price.input_per_mtok = Num::point(*input);
        m.price.output_per_mtok = Num::point(*output);
        if (auto v = per_mtok(entry, "cache_read_input_token_cost"))
            m.price.cached_input_per_mtok = Num::point(*v);
        if (auto batch = per_mtok(entry, "input_cost_per_token_batches"); batch && *input > 0) {
            m.price.batch_discount = Num::point(std::clamp(1 - *batch / *input, 0.0, 1.0));
        }
        for (const auto& [threshold, suffix] : tier_suffixes(entry)) {
            PriceTier tier;
            tier.above_input_tokens = threshold;
            tier.input_per_mtok =
                Num::point(per_mtok(entry, "input_cost_per_token" + suffix).value_or(*input));
            tier.output_per_mtok =
                Num::point(per_mtok(entry, "output_cost_per_token" + suffix).value_or(*output));
            if (auto v = per_mtok(entry, "cache_read_input_token_cost" + suffix))
                tier.cached_input_per_mtok = Num::point(*v);
            m.price.tiers.push_back(tier);
        }
        for (auto [limit, key] : {std::pair{&m.max_input_tokens, "max_input_tokens"},
                                  std::pair{&m.max_output_tokens, "max_output_tokens"}}) {
            if (const auto it = entry.find(key);
                it != entry.end() && it->is_number() && it->get<double>() > 0)
                *limit = it->get<double>();
        }
        m.source = fmt::format("LiteLLM price file {} (key {})", display_name, item.key());
        bool replaced = false;
        for (auto& existing : into.cloud_models) {
            if (existing.name == m.name) {
                // The file's prices win; what it does not say (a batch discount, a cache price) is kept.
                m.aliases = existing.aliases;
                if (!m.price.cached_input_per_mtok)
                    m.price.cached_input_per_mtok = existing.price.cached_input_per_mtok;
                if (!entry.contains("input_cost_per_token_batches"))
                    m.price.batch_discount = existing.price.batch_discount;
                if (!m.max_input_tokens) m.max_input_tokens = existing.max_input_tokens;
                if (!m.max_output_tokens) m.max_output_tokens = existing.max_output_tokens;
                existing = std::move(m);
                replaced = true;
                break;
            }
        }
        if (!replaced) into.cloud_models.push_back(std::move(m));
        ++result.imported;
    }
    return result;
}

} // namespace llmtco::catalog
