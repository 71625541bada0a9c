#include "catalog/catalog.hpp"

#include "load/tree.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <span>
#include <utility>

namespace llmtco {

namespace catalog {
std::span<const std::pair<std::string_view, std::string_view>> builtin_sources();
}

namespace {

template <typename T> const T* find_named(const std::vector<T>& items, const std::string& name) {
    for (const auto& item : items) {
        if (item.name == name) return &item;
    }
    return nullptr;
}

template <typename T> std::vector<std::string> names_of(const std::vector<T>& items) {
    std::vector<std::string> out;
    for (const auto& item : items)
        out.push_back(item.name);
    return out;
}

template <typename T> void upsert(std::vector<T>& items, T item) {
    for (auto& existing : items) {
        if (existing.name == item.name) {
            existing = std::move(item);
            return;
        }
    }
    items.push_back(std::move(item));
}

using load::Tree;

[[noreturn]] void fail(const Tree& at, const std::string& message) {
    throw InputError(fmt::format("{}: error: {}", at.loc.str(), message));
}

std::string text(const Tree& map, std::string_view key, bool required = false) {
    const auto* v = map.find(key);
    if (!v || v->is_null()) {
        if (required) fail(map, fmt::format("catalog entry needs '{}'", key));
        return {};
    }
    if (!v->is_scalar()) fail(*v, fmt::format("'{}' must be a string, got {}", key, v->kind_name()));
    return v->scalar;
}

std::optional<double> number(const Tree& map, std::string_view key, bool required = false) {
    const auto* v = map.find(key);
    if (!v || v->is_null()) {
        if (required) fail(map, fmt::format("catalog entry '{}' needs '{}'", map.item_name(), key));
        return std::nullopt;
    }
    if (!v->is_scalar()) fail(*v, fmt::format("'{}' must be a number, got {}", key, v->kind_name()));
    try {
        const double value = util::parse_number(v->scalar);
        if (value < 0) fail(*v, fmt::format("'{}' cannot be negative", key));
        return value;
    } catch (const ValueError& e) {
        fail(*v, fmt::format("'{}': {}", key, e.what()));
    }
}

const Tree* list(const Tree& root, std::string_view key) {
    const auto* v = root.find(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_seq()) fail(*v, fmt::format("'{}' must be a list", key));
    for (const auto& item : v->seq) {
        if (!item.is_map()) fail(item, fmt::format("each entry of '{}' must be a map", key));
    }
    return v;
}

// The keys each kind of catalog entry has: what merge_catalog_tree reads, and nothing else is allowed.
const std::vector<std::string> kCloudModelKeys{"name",
                                               "provider",
                                               "mode",
                                               "input_per_mtok",
                                               "output_per_mtok",
                                               "cached_input_per_mtok",
                                               "reasoning_per_mtok",
                                               "batch_discount",
                                               "tiers",
                                               "aliases",
                                               "as_of",
                                               "source"};
const std::vector<std::string> kTierKeys{"above_input_tokens", "input_per_mtok", "output_per_mtok",
                                         "cached_input_per_mtok"};
const std::vector<std::string> kQuantKeys{"name", "bits_per_weight", "as_of", "source"};
const std::vector<std::string> kLocalModelKeys{
    "name", "params_b", "kv_cache_gb", "layers", "kv_heads", "head_dim", "context_tokens", "as_of", "source"};
const std::vector<std::string> kHardwareKeys{"name",
                                             "description",
                                             "purchase",
                                             "rent_per_hour",
                                             "billing",
                                             "lifetime_months",
                                             "ram_gb",
                                             "idle_watts",
                                             "active_watts",
                                             "prefill_tokens_per_s",
                                             "decode_tokens_per_s",
                                             "as_of",
                                             "source"};

/// "hardware 'rtx-4090'", or "an entry of 'hardware'" when it has no name.
std::string entry_label(const Tree& e, std::string_view kind, std::string_view section) {
    const auto name = e.item_name();
    return name.empty() ? fmt::format("an entry of '{}'", section) : fmt::format("{} '{}'", kind, name);
}

/// Refuses a key of `e` that is not in `keys`: a typo would otherwise be ignored and its default used.
void check_keys(const Tree& e, const std::vector<std::string>& keys, const std::string& label) {
    for (const auto& entry : e.map) {
        if (std::find(keys.begin(), keys.end(), entry.key) != keys.end()) continue;
        auto hint = util::did_you_mean(entry.key, keys);
        if (hint.empty()) hint = fmt::format(" (expected one of: {})", fmt::join(keys, ", "));
        throw InputError(
            fmt::format("{}: error: unknown key '{}' in {}{}", entry.key_loc.str(), entry.key, label, hint));
    }
}

/// The value of `key` when it is one of `allowed`; empty when absent.
std::string one_of(const Tree& e, std::string_view key, const std::vector<std::string>& allowed,
                   const std::string& label) {
    auto value = text(e, key);
    if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
    fail(*e.find(key), fmt::format("'{}' of {} must be {} or {}, got '{}'{}", key, label,
                                   fmt::join(allowed.begin(), allowed.end() - 1, ", "), allowed.back(), value,
                                   util::did_you_mean(value, allowed)));
}

Price read_price(const Tree& e) {
    Price p;
    p.input_per_mtok = Num::point(*number(e, "input_per_mtok", true));
    p.output_per_mtok = Num::point(*number(e, "output_per_mtok", true));
    if (auto v = number(e, "cached_input_per_mtok")) p.cached_input_per_mtok = Num::point(*v);
    if (auto v = number(e, "reasoning_per_mtok")) p.reasoning_per_mtok = Num::point(*v);
    p.batch_discount = Num::point(number(e, "batch_discount").value_or(0));
    if (p.batch_discount.value > 1) fail(e, "batch_discount must be a fraction in [0, 1]");
    if (const auto* tiers = e.find("tiers"); tiers && tiers->is_seq()) {
        for (const auto& t : tiers->seq) {
            if (t.is_map())
                check_keys(t, kTierKeys, "a tier of " + entry_label(e, "cloud model", "cloud_models"));
            PriceTier tier;
            tier.above_input_tokens = *number(t, "above_input_tokens", true);
            tier.input_per_mtok = Num::point(*number(t, "input_per_mtok", true));
            tier.output_per_mtok = Num::point(*number(t, "output_per_mtok", true));
            if (auto v = number(t, "cached_input_per_mtok")) tier.cached_input_per_mtok = Num::point(*v);
            p.tiers.push_back(tier);
        }
        std::sort(p.tiers.begin(), p.tiers.end(),
                  [](const auto& a, const auto& b) { return a.above_input_tokens < b.above_input_tokens; });
    }
    return p;
}

} // namespace

const CloudModel* Catalog::find_cloud(const std::string& name) const {
    if (const auto* m = find_named(cloud_models, name)) return m;
    for (const auto& m : cloud_models) {
        if (std::find(m.aliases.begin(), m.aliases.end(), name) != m.aliases.end()) return &m;
    }
    return nullptr;
}
const Quant* Catalog::find_quant(const std::string& name) const {
    for (const auto& q : quants) {
        if (q.name.size() == name.size() &&
            std::equal(q.name.begin(), q.name.end(), name.begin(), [](char a, char b) {
                return std::toupper(static_cast<unsigned char>(a)) ==
                       std::toupper(static_cast<unsigned char>(b));
            })) {
            return &q;
        }
    }
    return nullptr;
}
const LocalModelPreset* Catalog::find_local_model(const std::string& name) const {
    return find_named(local_models, name);
}
const HardwarePreset* Catalog::find_hardware(const std::string& name) const {
    return find_named(hardware, name);
}
std::vector<std::string> Catalog::cloud_names() const {
    auto out = names_of(cloud_models);
    for (const auto& m : cloud_models)
        out.insert(out.end(), m.aliases.begin(), m.aliases.end());
    return out;
}
std::vector<std::string> Catalog::quant_names() const { return names_of(quants); }
std::vector<std::string> Catalog::local_model_names() const { return names_of(local_models); }
std::vector<std::string> Catalog::hardware_names() const { return names_of(hardware); }

namespace catalog {

bool is_json_catalog(std::string_view text) {
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        return c == '{';
    }
    return false;
}

namespace {

/// The embedded catalog is JSON with every scalar a string: the same tree the YAML would give.
load::Tree json_to_tree(const nlohmann::json& j, const std::shared_ptr<const std::string>& file) {
    load::Tree t;
    t.loc = load::Loc{file, 1, 1};
    if (j.is_string()) {
        t.kind = load::Tree::Kind::scalar;
        t.scalar = j.get<std::string>();
    } else if (j.is_array()) {
        t.kind = load::Tree::Kind::seq;
        for (const auto& item : j)
            t.seq.push_back(json_to_tree(item, file));
    } else if (j.is_object()) {
        t.kind = load::Tree::Kind::map;
        for (const auto& item : j.items())
            t.map.push_back({item.key(), t.loc, json_to_tree(item.value(), file)});
    }
    return t;
}

void merge_catalog_tree(Catalog& into, const load::Tree& root);

} // namespace

void merge_catalog_text(Catalog& into, std::string_view source, const std::string& display_name) {
    merge_catalog_tree(into, load::parse_yaml(source, display_name));
}

namespace {

void merge_catalog_tree(Catalog& into, const load::Tree& root) {
    if (!root.is_map())
        fail(root, "a catalog file is a map with cloud_models, quants, local_models or hardware");
    for (const auto& e : root.map) {
        if (e.key != "cloud_models" && e.key != "quants" && e.key != "local_models" && e.key != "hardware") {
            throw InputError(
                fmt::format("{}: error: unknown catalog section '{}' (expected cloud_models, quants, "
                            "local_models or hardware)",
                            e.key_loc.str(), e.key));
        }
    }
    if (const auto* models = list(root, "cloud_models")) {
        for (const auto& e : models->seq) {
            const auto label = entry_label(e, "cloud model", "cloud_models");
            check_keys(e, kCloudModelKeys, label);
            CloudModel m;
            m.name = text(e, "name", true);
            m.provider = text(e, "provider");
            if (auto mode = one_of(e, "mode", {"chat", "embedding"}, label); !mode.empty()) m.mode = mode;
            m.price = read_price(e);
            if (const auto* aliases = e.find("aliases"); aliases && aliases->is_seq()) {
                for (const auto& a : aliases->seq)
                    m.aliases.push_back(a.scalar);
            }
            m.as_of = text(e, "as_of");
            m.source = text(e, "source");
            upsert(into.cloud_models, std::move(m));
        }
    }
    if (const auto* quants = list(root, "quants")) {
        for (const auto& e : quants->seq) {
            check_keys(e, kQuantKeys, entry_label(e, "quantisation", "quants"));
            upsert(into.quants, Quant{text(e, "name", true), *number(e, "bits_per_weight", true),
                                      text(e, "as_of"), text(e, "source")});
        }
    }
    if (const auto* models = list(root, "local_models")) {
        for (const auto& e : models->seq) {
            check_keys(e, kLocalModelKeys, entry_label(e, "local model", "local_models"));
            LocalModelPreset m;
            m.name = text(e, "name", true);
            m.params_b = *number(e, "params_b", true);
            m.kv_cache_gb = number(e, "kv_cache_gb").value_or(0);
            m.layers = static_cast<int>(number(e, "layers").value_or(0));
            m.kv_heads = static_cast<int>(number(e, "kv_heads").value_or(0));
            m.head_dim = static_cast<int>(number(e, "head_dim").value_or(0));
            m.context_tokens = static_cast<int>(number(e, "context_tokens").value_or(0));
            m.as_of = text(e, "as_of");
            m.source = text(e, "source");
            upsert(into.local_models, std::move(m));
        }
    }
    if (const auto* hardware = list(root, "hardware")) {
        for (const auto& e : hardware->seq) {
            const auto label = entry_label(e, "hardware", "hardware");
            check_keys(e, kHardwareKeys, label);
            HardwarePreset h;
            h.name = text(e, "name", true);
            h.description = text(e, "description");
            h.purchase = number(e, "purchase");
            h.rent_per_hour = number(e, "rent_per_hour");
            h.billing = one_of(e, "billing", {"always_on", "on_demand"}, label) == "on_demand"
                            ? Billing::on_demand
                            : Billing::always_on;
            h.lifetime_months = number(e, "lifetime_months").value_or(36);
            h.ram_gb = number(e, "ram_gb").value_or(0);
            h.idle_watts = number(e, "idle_watts").value_or(0);
            h.active_watts = number(e, "active_watts").value_or(0);
            h.prefill_tokens_per_s = number(e, "prefill_tokens_per_s");
            h.decode_tokens_per_s = number(e, "decode_tokens_per_s");
            h.as_of = text(e, "as_of");
            h.source = text(e, "source");
            upsert(into.hardware, std::move(h));
        }
    }
}

} // namespace

const Catalog& builtin() {
    static const Catalog catalog = [] {
        Catalog c;
        for (const auto& [name, text] : builtin_sources()) {
            const auto file = std::make_shared<const std::string>("<built-in catalog>/" + std::string(name));
            merge_catalog_tree(c, json_to_tree(nlohmann::json::parse(text), file));
        }
        return c;
    }();
    return catalog;
}

} // namespace catalog
} // namespace llmtco
