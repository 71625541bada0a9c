#include "catalog/catalog.hpp"

#include "catalog/price_age.hpp"
#include "load/tree.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <span>
#include <unordered_map>
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

/// An as_of date: YYYY-MM-DD and a real day of the calendar (the price-age check counts from it).
std::string date_text(const Tree& map) {
    auto date = text(map, "as_of");
    if (!date.empty() && !catalog::is_date(date)) {
        fail(*map.find("as_of"), fmt::format("as_of '{}' is not a date: write YYYY-MM-DD, a day that exists "
                                             "(e.g. 2026-11-30)",
                                             date));
    }
    return date;
}

/// One catalog section being merged: an entry replaces the one of its name (a later file overrides
/// an earlier one), found by hash so a file of 80,000 entries merges in linear time; a name given
/// twice in one file is an error, not a silent "last one wins". Each entry it adds is labelled with
/// the catalog it came from.
template <typename T> class SectionMerger {
  public:
    SectionMerger(std::vector<T>& items, const char* what, const std::string& catalog)
        : items_(items), what_(what), catalog_(catalog) {
        for (std::size_t i = 0; i < items_.size(); ++i)
            index_.emplace(items_[i].name, i);
    }

    void add(const Tree& at, T item) {
        item.catalog = catalog_;
        if (const auto [it, fresh] = lines_.emplace(item.name, at.loc.line); !fresh) {
            fail(at, fmt::format("{} '{}' is given twice in this file (first at line {}); keep one", what_,
                                 item.name, it->second));
        }
        if (const auto it = index_.find(item.name); it != index_.end()) {
            items_[it->second] = std::move(item);
        } else {
            index_.emplace(item.name, items_.size());
            items_.push_back(std::move(item));
        }
    }

  private:
    std::vector<T>& items_;
    const char* what_;
    const std::string& catalog_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, int> lines_;
};

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
                                               "cache_write_per_mtok",
                                               "cache_write_1h_per_mtok",
                                               "reasoning_per_mtok",
                                               "batch_discount",
                                               "tiers",
                                               "max_input_tokens",
                                               "max_output_tokens",
                                               "aliases",
                                               "open_model",
                                               "as_of",
                                               "source"};
const std::vector<std::string> kTierKeys{"above_input_tokens",   "input_per_mtok",
                                         "output_per_mtok",      "cached_input_per_mtok",
                                         "cache_write_per_mtok", "cache_write_1h_per_mtok"};
const std::vector<std::string> kQuantKeys{"name",    "bits_per_weight", "compute", "prefill_factor",
                                          "engines", "as_of",           "source"};
const std::vector<std::string> kLocalModelKeys{"name",
                                               "params_b",
                                               "active_params_b",
                                               "layers",
                                               "attention_heads",
                                               "kv_heads",
                                               "head_dim",
                                               "embedding_params_b",
                                               "context_tokens",
                                               "experts",
                                               "experts_per_token",
                                               "kv_bytes_per_token",
                                               "embedding",
                                               "as_of",
                                               "source"};
const std::vector<std::string> kHardwareKeys{"name",           "description",
                                             "purchase",       "rent_per_hour",
                                             "billing",        "lifetime_months",
                                             "ram_gb",         "accelerators",
                                             "memory_gb",      "memory_bandwidth_gbs",
                                             "tflops",         "unified_memory",
                                             "host_ram_gb",    "host_bandwidth_gbs",
                                             "class",          "architecture",
                                             "default_engine", "engines",
                                             "idle_watts",     "active_watts",
                                             "reserved",       "spot",
                                             "as_of",          "source"};
const std::vector<std::string> kReservedKeys{"term_months", "rent_per_hour", "as_of", "source"};
const std::vector<std::string> kSpotKeys{"rent_per_hour", "interruptions_per_day",
                                         "minutes_lost_per_interruption", "as_of", "source"};
const std::vector<std::string> kTflopsKeys{"fp16", "fp8", "int8", "fp4"};
const std::vector<std::string> kEngineKeys{"name",        "memory_fraction", "max_concurrency", "overhead_gb",
                                           "can_offload", "parallel",        "runs_on",         "efficiency",
                                           "as_of",       "source"};
const std::vector<std::string> kEfficiencyKeys{
    "bandwidth",      "compute",         "overhead_ms_per_layer", "overhead_ms_per_expert",
    "host_bandwidth", "memory_fraction", "by_architecture",       "fitted_on"};
const std::vector<std::string> kArchitectureEfficiencyKeys{"bandwidth", "compute", "overhead_ms_per_layer",
                                                           "fitted_on"};
const std::vector<std::string> kArchitectureNames{"turing",   "ampere",   "ada",      "hopper",   "blackwell",
                                                  "cdna2",    "cdna3",    "cdna4",    "rdna3",    "apple-m1",
                                                  "apple-m2", "apple-m3", "apple-m4", "apple-m5", "zen3",
                                                  "zen4",     "zen5",     "x86",      "arm"};
const std::vector<std::string> kClassNames{"consumer_gpu", "datacenter_gpu", "apple", "jetson", "cpu"};
const std::vector<std::string> kComputeNames{"fp16", "fp8", "int8", "fp4"};

bool flag(const Tree& map, std::string_view key) {
    const auto* v = map.find(key);
    if (!v || v->is_null()) return false;
    if (!v->is_scalar() || (v->scalar != "true" && v->scalar != "false"))
        fail(*v, fmt::format("'{}' must be true or false", key));
    return v->scalar == "true";
}

std::vector<std::string> strings(const Tree& map, std::string_view key) {
    std::vector<std::string> out;
    const auto* v = map.find(key);
    if (!v || v->is_null()) return out;
    if (!v->is_seq()) fail(*v, fmt::format("'{}' must be a list", key));
    for (const auto& item : v->seq) {
        if (!item.is_scalar()) fail(item, fmt::format("each entry of '{}' must be a name", key));
        out.push_back(item.scalar);
    }
    return out;
}

HardwareClass read_class(const Tree& at, const std::string& name) {
    if (const auto c = class_of(name)) return *c;
    fail(at, fmt::format("unknown hardware class '{}' (expected one of: {}){}", name,
                         fmt::join(kClassNames, ", "), util::did_you_mean(name, kClassNames)));
}

void read_architecture(const Tree& at, const std::string& name) {
    if (std::find(kArchitectureNames.begin(), kArchitectureNames.end(), name) != kArchitectureNames.end())
        return;
    fail(at, fmt::format("unknown architecture '{}' (expected one of: {}){}", name,
                         fmt::join(kArchitectureNames, ", "), util::did_you_mean(name, kArchitectureNames)));
}

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
    if (auto v = number(e, "cache_write_per_mtok")) p.cache_write_per_mtok = Num::point(*v);
    if (auto v = number(e, "cache_write_1h_per_mtok")) p.cache_write_1h_per_mtok = Num::point(*v);
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
            if (auto v = number(t, "cache_write_per_mtok")) tier.cache_write_per_mtok = Num::point(*v);
            if (auto v = number(t, "cache_write_1h_per_mtok")) tier.cache_write_1h_per_mtok = Num::point(*v);
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
const Engine* Catalog::find_engine(const std::string& name) const { return find_named(engines, name); }
std::vector<std::string> Catalog::engine_names() const { return names_of(engines); }

bool Engine::runs(HardwareClass c) const {
    return runs_on.empty() || std::find(runs_on.begin(), runs_on.end(), c) != runs_on.end();
}

Efficiency Engine::efficiency_for(HardwareClass c, std::string_view architecture) const {
    Efficiency out = efficiency.empty() ? Efficiency{} : efficiency.front().second;
    for (const auto& [cls, e] : efficiency) {
        if (cls == c) {
            out = e;
            break;
        }
    }
    for (const auto& a : out.by_architecture) {
        if (architecture.empty() || a.architecture != architecture) continue;
        out.bandwidth = a.bandwidth.value_or(out.bandwidth);
        out.compute = a.compute.value_or(out.compute);
        out.overhead_ms_per_layer = a.overhead_ms_per_layer.value_or(out.overhead_ms_per_layer);
    }
    return out;
}

const std::vector<std::string>& architecture_names() { return kArchitectureNames; }

std::string_view class_name(HardwareClass c) { return kClassNames[static_cast<std::size_t>(c)]; }
std::optional<HardwareClass> class_of(std::string_view name) {
    for (std::size_t i = 0; i < kClassNames.size(); ++i) {
        if (kClassNames[i] == name) return static_cast<HardwareClass>(i);
    }
    return std::nullopt;
}
std::string_view compute_name(ComputeType t) { return kComputeNames[static_cast<std::size_t>(t)]; }
std::optional<ComputeType> compute_of(std::string_view name) {
    for (std::size_t i = 0; i < kComputeNames.size(); ++i) {
        if (kComputeNames[i] == name) return static_cast<ComputeType>(i);
    }
    return std::nullopt;
}

namespace catalog {

bool is_json_catalog(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // a UTF-8 byte-order mark
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

void merge_catalog_tree(Catalog& into, const load::Tree& root, const std::string& catalog);

} // namespace

void merge_catalog_text(Catalog& into, std::string_view source, const std::string& display_name,
                        const std::string& catalog) {
    merge_catalog_tree(into, load::parse_yaml(source, display_name),
                       catalog.empty() ? display_name : catalog);
}

std::optional<LiteLLMImport> merge_catalog_file(Catalog& into, std::string_view text,
                                                const std::string& display_name, const std::string& catalog,
                                                const std::string& as_of) {
    if (is_json_catalog(text)) return merge_litellm_json(into, text, display_name, catalog, as_of);
    merge_catalog_text(into, text, display_name, catalog);
    return std::nullopt;
}

namespace {

void merge_catalog_tree(Catalog& into, const load::Tree& root, const std::string& catalog) {
    if (!root.is_map())
        fail(root, "a catalog file is a map with cloud_models, quants, local_models or hardware");
    for (const auto& e : root.map) {
        if (e.key != "cloud_models" && e.key != "quants" && e.key != "local_models" && e.key != "hardware" &&
            e.key != "engines") {
            throw InputError(
                fmt::format("{}: error: unknown catalog section '{}' (expected cloud_models, quants, "
                            "local_models, hardware or engines)",
                            e.key_loc.str(), e.key));
        }
    }
    if (const auto* models = list(root, "cloud_models")) {
        SectionMerger merger(into.cloud_models, "cloud model", catalog);
        for (const auto& e : models->seq) {
            const auto label = entry_label(e, "cloud model", "cloud_models");
            check_keys(e, kCloudModelKeys, label);
            CloudModel m;
            m.name = text(e, "name", true);
            m.provider = text(e, "provider");
            if (auto mode = one_of(e, "mode", {"chat", "embedding"}, label); !mode.empty()) m.mode = mode;
            m.price = read_price(e);
            m.max_input_tokens = number(e, "max_input_tokens");
            m.max_output_tokens = number(e, "max_output_tokens");
            if (const auto* aliases = e.find("aliases"); aliases && aliases->is_seq()) {
                for (const auto& a : aliases->seq)
                    m.aliases.push_back(a.scalar);
            }
            m.as_of = date_text(e);
            m.source = text(e, "source");
            m.open_model = text(e, "open_model");
            merger.add(e, std::move(m));
        }
    }
    if (const auto* quants = list(root, "quants")) {
        SectionMerger merger(into.quants, "quantisation", catalog);
        for (const auto& e : quants->seq) {
            check_keys(e, kQuantKeys, entry_label(e, "quantisation", "quants"));
            Quant q;
            q.name = text(e, "name", true);
            q.bits_per_weight = *number(e, "bits_per_weight", true);
            if (auto c = one_of(e, "compute", kComputeNames, entry_label(e, "quantisation", "quants"));
                !c.empty())
                q.compute = *compute_of(c);
            q.engines = strings(e, "engines");
            q.prefill_factor = number(e, "prefill_factor").value_or(1);
            if (!(q.prefill_factor > 0) || q.prefill_factor > 1) fail(e, "prefill_factor must be in (0, 1]");
            q.as_of = date_text(e);
            q.source = text(e, "source");
            merger.add(e, std::move(q));
        }
    }
    if (const auto* models = list(root, "local_models")) {
        SectionMerger merger(into.local_models, "local model", catalog);
        for (const auto& e : models->seq) {
            check_keys(e, kLocalModelKeys, entry_label(e, "local model", "local_models"));
            LocalModelPreset m;
            m.name = text(e, "name", true);
            m.params_b = *number(e, "params_b", true);
            m.active_params_b = number(e, "active_params_b").value_or(0);
            auto whole = [&](const char* key) {
                return static_cast<int>(std::min(1e9, number(e, key).value_or(0)));
            };
            m.layers = whole("layers");
            m.attention_heads = whole("attention_heads");
            m.kv_heads = whole("kv_heads");
            m.head_dim = whole("head_dim");
            m.embedding_params_b = number(e, "embedding_params_b").value_or(0);
            m.context_tokens = whole("context_tokens");
            m.experts = whole("experts");
            m.experts_per_token = whole("experts_per_token");
            m.kv_bytes_per_token = number(e, "kv_bytes_per_token");
            m.embedding = flag(e, "embedding");
            m.as_of = date_text(e);
            m.source = text(e, "source");
            merger.add(e, std::move(m));
        }
    }
    if (const auto* engines = list(root, "engines")) {
        SectionMerger merger(into.engines, "engine", catalog);
        for (const auto& e : engines->seq) {
            const auto label = entry_label(e, "engine", "engines");
            check_keys(e, kEngineKeys, label);
            Engine g;
            g.name = text(e, "name", true);
            g.memory_fraction = number(e, "memory_fraction").value_or(0.9);
            if (!(g.memory_fraction > 0) || g.memory_fraction > 1)
                fail(e, "memory_fraction must be in (0, 1]");
            g.max_concurrency = std::max(1.0, number(e, "max_concurrency").value_or(1));
            g.overhead_gb = number(e, "overhead_gb").value_or(0);
            g.can_offload = flag(e, "can_offload");
            g.parallel = one_of(e, "parallel", {"tensor", "layers"}, label) == "tensor" ? Parallel::tensor
                                                                                        : Parallel::layers;
            const auto* runs_on = e.find("runs_on");
            for (const auto& c : strings(e, "runs_on"))
                g.runs_on.push_back(read_class(*runs_on, c));
            if (const auto* eff = e.find("efficiency"); eff && eff->is_map()) {
                for (const auto& entry : eff->map) {
                    const auto cls = read_class(entry.value, entry.key);
                    if (!entry.value.is_map()) fail(entry.value, "each efficiency entry is a map");
                    check_keys(entry.value, kEfficiencyKeys,
                               fmt::format("the {} efficiency of {}", entry.key, label));
                    Efficiency f;
                    f.bandwidth = number(entry.value, "bandwidth", true).value();
                    f.compute = number(entry.value, "compute", true).value();
                    f.overhead_ms_per_layer = number(entry.value, "overhead_ms_per_layer").value_or(0);
                    f.overhead_ms_per_expert = number(entry.value, "overhead_ms_per_expert").value_or(0);
                    f.host_bandwidth = number(entry.value, "host_bandwidth").value_or(1);
                    f.memory_fraction = number(entry.value, "memory_fraction");
                    if (f.memory_fraction && (!(*f.memory_fraction > 0) || *f.memory_fraction > 1))
                        fail(entry.value, "memory_fraction must be in (0, 1]");
                    if (!(f.bandwidth > 0) || f.bandwidth > 1 || !(f.compute > 0) || f.compute > 1 ||
                        !(f.host_bandwidth > 0) || f.host_bandwidth > 1)
                        fail(entry.value, "efficiency factors must be in (0, 1]");
                    if (const auto* by = entry.value.find("by_architecture"); by && !by->is_null()) {
                        if (!by->is_map()) fail(*by, "'by_architecture' maps an architecture to its factors");
                        for (const auto& arch : by->map) {
                            read_architecture(arch.value, arch.key);
                            if (!arch.value.is_map()) fail(arch.value, "each by_architecture entry is a map");
                            check_keys(arch.value, kArchitectureEfficiencyKeys,
                                       fmt::format("the {} {} efficiency of {}", arch.key, entry.key, label));
                            ArchitectureEfficiency a;
                            a.architecture = arch.key;
                            a.bandwidth = number(arch.value, "bandwidth");
                            a.compute = number(arch.value, "compute");
                            a.overhead_ms_per_layer = number(arch.value, "overhead_ms_per_layer");
                            for (const auto share : {a.bandwidth, a.compute}) {
                                if (share && (!(*share > 0) || *share > 1))
                                    fail(arch.value, "efficiency factors must be in (0, 1]");
                            }
                            f.by_architecture.push_back(std::move(a));
                        }
                    }
                    g.efficiency.emplace_back(cls, f);
                }
            }
            if (g.efficiency.empty()) fail(e, fmt::format("{} needs efficiency factors", label));
            g.as_of = date_text(e);
            g.source = text(e, "source");
            merger.add(e, std::move(g));
        }
    }
    if (const auto* hardware = list(root, "hardware")) {
        SectionMerger merger(into.hardware, "hardware", catalog);
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
            h.idle_watts = number(e, "idle_watts").value_or(0);
            h.active_watts = number(e, "active_watts").value_or(0);
            h.accelerators = static_cast<int>(std::clamp(number(e, "accelerators").value_or(1), 1.0, 1024.0));
            h.memory_gb = number(e, "memory_gb").value_or(0);
            if (const auto ram = number(e, "ram_gb");
                ram && !e.find("memory_gb")) { // the first release's form
                h.memory_gb = *ram / h.accelerators;
                h.unified_memory = true;
            }
            h.memory_bandwidth_gbs = number(e, "memory_bandwidth_gbs").value_or(0);
            if (const auto* t = e.find("tflops"); t && t->is_map()) {
                check_keys(*t, kTflopsKeys, "the tflops of " + label);
                h.tflops_fp16 = number(*t, "fp16").value_or(0);
                h.tflops_fp8 = number(*t, "fp8").value_or(0);
                h.tflops_int8 = number(*t, "int8").value_or(0);
                h.tflops_fp4 = number(*t, "fp4").value_or(0);
            }
            if (e.find("unified_memory")) h.unified_memory = flag(e, "unified_memory");
            h.host_ram_gb = number(e, "host_ram_gb").value_or(0);
            h.host_bandwidth_gbs = number(e, "host_bandwidth_gbs").value_or(0);
            if (const auto cls = text(e, "class"); !cls.empty())
                h.hw_class = read_class(*e.find("class"), cls);
            h.architecture = text(e, "architecture");
            if (!h.architecture.empty()) read_architecture(*e.find("architecture"), h.architecture);
            h.default_engine = text(e, "default_engine");
            if (h.default_engine.empty()) h.default_engine = "llama.cpp";
            h.engines = strings(e, "engines");
            h.as_of = date_text(e);
            h.source = text(e, "source");
            // A rented machine's other purchase terms: every figure required, each with its source.
            auto term = [&](const char* key, const std::vector<std::string>& keys) {
                std::optional<HardwarePreset::Term> out;
                const auto* t = e.find(key);
                if (!t || t->is_null()) return out;
                const auto what = fmt::format("the {} terms of {}", key, label);
                if (!t->is_map()) fail(*t, what + " must be a map");
                if (!h.rent_per_hour) fail(*t, fmt::format("{} apply to rented hardware only", what));
                check_keys(*t, keys, what);
                HardwarePreset::Term x;
                for (const auto& k : keys) {
                    if (k == "as_of" || k == "source") continue;
                    const auto v = number(*t, k);
                    if (!v || !(*v >= 0)) fail(*t, fmt::format("{} need '{}' (a number ≥ 0)", what, k));
                    if (k == "rent_per_hour") x.rent_per_hour = *v;
                    if (k == "term_months") x.term_months = *v;
                    if (k == "interruptions_per_day") x.interruptions_per_day = *v;
                    if (k == "minutes_lost_per_interruption") x.minutes_lost_per_interruption = *v;
                }
                if (std::string_view(key) == "reserved" && !(x.term_months >= 1))
                    fail(*t, what + ": 'term_months' must be at least 1");
                x.as_of = date_text(*t);
                x.source = text(*t, "source");
                if (x.source.empty()) fail(*t, what + " need a 'source'");
                out = std::move(x);
                return out;
            };
            h.reserved = term("reserved", kReservedKeys);
            h.spot = term("spot", kSpotKeys);
            merger.add(e, std::move(h));
        }
    }
}

} // namespace

const Catalog& builtin() {
    static const Catalog catalog = [] {
        Catalog c;
        for (const auto& [name, text] : builtin_sources()) {
            const auto file = std::make_shared<const std::string>("<built-in catalog>/" + std::string(name));
            merge_catalog_tree(c, json_to_tree(nlohmann::json::parse(text), file), "built-in");
        }
        return c;
    }();
    return catalog;
}

} // namespace catalog
} // namespace llmtco
