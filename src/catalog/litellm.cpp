#include "catalog/catalog.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

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

/// FILE:LINE:COLUMN of the `n`th (0-based) occurrence of "key" in `text`, or FILE:1:1.
std::string key_location(std::string_view text, const std::string& key, int n, const std::string& file) {
    const std::string quoted = json(key).dump();
    std::size_t at = std::string_view::npos;
    for (std::size_t from = 0; n >= 0; --n, from = at + 1) {
        at = text.find(quoted, from);
        if (at == std::string_view::npos) return file + ":1:1";
    }
    const auto [line, column] = util::line_column(text, at);
    return fmt::format("{}:{}:{}", file, line, column);
}

/// A SAX pass over the JSON that refuses a key given twice in one object (nlohmann's DOM would
/// keep the last in silence) and a key with control characters. (nlohmann's parse callback would
/// do it in the DOM pass, but it rescans the parent object at every object's end: quadratic.)
struct UniqueKeys : nlohmann::json_sax<json> {
    std::string_view text;
    const std::string& file;
    std::vector<std::unordered_map<std::string, int>> open; // the keys of each open object

    UniqueKeys(std::string_view t, const std::string& f) : text(t), file(f) {}
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        open.emplace_back();
        return true;
    }
    bool end_object() override {
        open.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool key(string_t& key) override {
        if (const auto at = util::control_char_at(key); at != std::string::npos) {
            throw InputError(fmt::format("{}: error: the key '{}' holds the control character {}; remove it",
                                         key_location(text, key, 0, file), util::escape_controls(key),
                                         util::control_char_name(key, at)));
        }
        if (++open.back()[key] == 2) {
            throw InputError(fmt::format("{}: error: the key '{}' is given twice in one object; keep one",
                                         key_location(text, key, 1, file), key));
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false; // the DOM pass reports it
    }
};

/// The JSON of `text`, with the checks of UniqueKeys.
json parse_unique_keys(std::string_view text, const std::string& display_name) {
    UniqueKeys keys(text, display_name);
    json::sax_parse(text, &keys);
    return json::parse(text);
}

/// An entry's token prices per Mtok (an embedding model's output free when not given), and whether
/// with them and its mode it becomes a catalog model.
struct TokenPrices {
    std::optional<double> input, output;
    bool imported = false;
};
TokenPrices token_prices(const json& entry, const std::string& mode) {
    TokenPrices t{per_mtok(entry, "input_cost_per_token"), per_mtok(entry, "output_cost_per_token")};
    if (!t.output && mode == "embedding") t.output = 0.0;
    t.imported = t.input && t.output &&
                 (mode == "chat" || mode == "embedding" || mode == "completion" || mode == "responses");
    return t;
}

} // namespace

std::string digest_litellm_json(std::string_view text) {
    const auto root = json::parse(text);
    json out = json::object();
    for (const auto& item : root.items()) {
        const auto& entry = item.value();
        if (item.key() == "sample_spec" || !entry.is_object()) continue;
        const auto m = entry.find("mode");
        const std::string mode = m != entry.end() && m->is_string() ? m->get<std::string>() : "chat";
        if (!token_prices(entry, mode).imported) continue;
        json kept = json::object();
        for (const auto& field : entry.items()) {
            const auto& k = field.key();
            const bool used = k == "mode" || k == "litellm_provider" || k == "max_input_tokens" ||
                              k == "max_output_tokens" || k.starts_with("input_cost_per_token") ||
                              k.starts_with("output_cost_per_token") ||
                              k.starts_with("cache_read_input_token_cost") ||
                              k.starts_with("cache_creation_input_token_cost");
            if (used) kept[k] = field.value();
        }
        out[item.key()] = std::move(kept);
    }
    return out.dump() + "\n";
}

LiteLLMImport merge_litellm_json(Catalog& into, std::string_view text, const std::string& display_name,
                                 const std::string& catalog, const std::string& as_of) {
    json root;
    try {
        root = parse_unique_keys(text, display_name);
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
    std::unordered_map<std::string, std::size_t> index; // the catalog's models by name: a linear merge
    for (std::size_t i = 0; i < into.cloud_models.size(); ++i)
        index.emplace(into.cloud_models[i].name, i);
    for (const auto& item : root.items()) {
        const auto& entry = item.value();
        if (item.key() == "sample_spec" || !entry.is_object()) continue;
        // A text field of another type is a malformed file, not a model to guess at.
        auto string_field = [&](const char* key, const char* fallback) {
            const auto it = entry.find(key);
            if (it == entry.end() || it->is_null()) return std::string(fallback);
            if (!it->is_string()) {
                throw InputError(fmt::format("{}: error: '{}' of '{}' must be a string, got {}",
                                             key_location(text, item.key(), 0, display_name), key,
                                             util::escape_controls(item.key()), it->dump()));
            }
            return it->get<std::string>();
        };
        const std::string mode = string_field("mode", "chat");
        const auto [input, output, imported] = token_prices(entry, mode);
        if (!imported) {
            ++result.skipped;
            continue;
        }
        CloudModel m;
        m.name = item.key();
        m.provider = string_field("litellm_provider", "");
        m.mode = mode == "embedding" ? "embedding" : "chat";
        m.price.input_per_mtok = Num::point(*input);
        m.price.output_per_mtok = Num::point(*output);
        if (auto v = per_mtok(entry, "cache_read_input_token_cost"))
            m.price.cached_input_per_mtok = Num::point(*v);
        // Prompt-cache writes: LiteLLM's 5-minute price, and the 1-hour one ("above_1hr")
        if (auto v = per_mtok(entry, "cache_creation_input_token_cost"))
            m.price.cache_write_per_mtok = Num::point(*v);
        if (auto v = per_mtok(entry, "cache_creation_input_token_cost_above_1hr"))
            m.price.cache_write_1h_per_mtok = Num::point(*v);
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
            if (auto v = per_mtok(entry, "cache_creation_input_token_cost" + suffix))
                tier.cache_write_per_mtok = Num::point(*v);
            if (auto v = per_mtok(entry, "cache_creation_input_token_cost_above_1hr" + suffix))
                tier.cache_write_1h_per_mtok = Num::point(*v);
            m.price.tiers.push_back(tier);
        }
        for (auto [limit, key] : {std::pair{&m.max_input_tokens, "max_input_tokens"},
                                  std::pair{&m.max_output_tokens, "max_output_tokens"}}) {
            if (const auto it = entry.find(key);
                it != entry.end() && it->is_number() && it->get<double>() > 0)
                *limit = it->get<double>();
        }
        m.source = fmt::format("LiteLLM price file {} (key {})", display_name, item.key());
        m.catalog = catalog.empty() ? display_name : catalog;
        m.as_of = as_of;
        if (const auto found = index.find(m.name); found != index.end()) {
            auto& existing = into.cloud_models[found->second];
            // The file's prices win; what it does not say (a batch discount, a cache price) is kept.
            m.aliases = existing.aliases;
            m.open_model = existing.open_model; // which local model it serves: not a price
            if (!m.price.cached_input_per_mtok)
                m.price.cached_input_per_mtok = existing.price.cached_input_per_mtok;
            if (!m.price.cache_write_per_mtok)
                m.price.cache_write_per_mtok = existing.price.cache_write_per_mtok;
            if (!m.price.cache_write_1h_per_mtok)
                m.price.cache_write_1h_per_mtok = existing.price.cache_write_1h_per_mtok;
            if (!entry.contains("input_cost_per_token_batches"))
                m.price.batch_discount = existing.price.batch_discount;
            if (!m.max_input_tokens) m.max_input_tokens = existing.max_input_tokens;
            if (!m.max_output_tokens) m.max_output_tokens = existing.max_output_tokens;
            existing = std::move(m);
        } else {
            index.emplace(m.name, into.cloud_models.size());
            into.cloud_models.push_back(std::move(m));
        }
        ++result.imported;
    }
    return result;
}

} // namespace llmtco::catalog
