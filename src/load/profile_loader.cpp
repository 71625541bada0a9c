#include "load/profile_loader.hpp"

#include "catalog/apply.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/keys.hpp"
#include "llmtco/limits.hpp"
#include "llmtco/money.hpp"
#include "load/exchange_rate.hpp"
#include "load/path.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace llmtco::load {

namespace {

[[noreturn]] void fail(const Loc& loc, const std::string& message) {
    throw InputError(fmt::format("{}: error: {}", loc.str(), message));
}

SourceLoc source_loc(const Loc& loc) { return SourceLoc{loc.file ? *loc.file : "", loc.line, loc.column}; }

std::string last_key(std::string_view path) {
    const auto dot = path.rfind('.');
    auto key = std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
    return key;
}

const KeySpec& spec_of(std::string_view path) {
    const auto* spec = find_key(path);
    if (!spec) throw std::logic_error("key table has no entry " + std::string(path));
    return *spec;
}

/// Checks that `node` is a map whose keys are all known below `path`, and required keys are there.
void check_map(const Tree& node, std::string_view path, const std::string& what) {
    if (!node.is_map()) fail(node.loc, fmt::format("{} must be a map, got {}", what, node.kind_name()));
    const auto keys = child_keys(path);
    for (const auto& e : node.map) {
        if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
            auto hint = util::did_you_mean(e.key, keys);
            if (hint.empty()) hint = fmt::format(" (expected one of: {})", fmt::join(keys, ", "));
            fail(e.key_loc, fmt::format("unknown key '{}'{}", e.key, hint));
        }
    }
    for (const auto& key : keys) {
        const auto& spec = spec_of(path.empty() ? key : std::string(path) + "." + key);
        if (spec.required && !node.find(key)) {
            auto description = std::string(spec.description);
            if (!description.empty() && description.back() == '.') description.pop_back();
            if (!description.empty()) description[0] = static_cast<char>(std::tolower(description[0]));
            std::replace(description.begin(), description.end(), '`', '\'');
            fail(node.loc, fmt::format("{} needs '{}' ({})", what, key, description));
        }
    }
}

/// Whether a key's maximum is a magnitude limit (docs/profile-format.md, "Limits": past any real
/// figure, there to keep the arithmetic finite) rather than part of its meaning (a share's 1).
bool magnitude_limit(const KeySpec& spec) { return std::isfinite(spec.max) && spec.max >= 1e6; }

std::string low_text(const KeySpec& spec) {
    const auto lo = util::format_plain(spec.min);
    if (spec.min_exclusive) return fmt::format("greater than {}", lo);
    return spec.min == 0 ? std::string("0 or more") : fmt::format("at least {}", lo);
}

/// What a value outside its key's range must be. Below a magnitude-limited key's minimum, only
/// the minimum is named; above it, the limit.
std::string range_text(const KeySpec& spec, double v) {
    if (std::isinf(spec.max) || (magnitude_limit(spec) && !(v > spec.max))) return low_text(spec);
    if (magnitude_limit(spec))
        return fmt::format("at most {} (a limit: docs/profile-format.md, \"Limits\")",
                           util::format_bound(spec.max));
    const auto lo = util::format_plain(spec.min);
    if (spec.min_exclusive)
        return fmt::format("greater than {} and at most {}", lo, util::format_plain(spec.max));
    return fmt::format("between {} and {}", lo, util::format_plain(spec.max));
}

/// Whether `v` lies in its key's range (false for NaN).
bool within_range(const KeySpec& spec, double v) {
    const bool low_ok = spec.min_exclusive ? v > spec.min : v >= spec.min;
    return low_ok && v <= spec.max;
}

void check_bounds(const KeySpec& spec, const Tree& node, double v, const std::string& key) {
    if (!within_range(spec, v)) {
        const bool written_as_percent = node.is_scalar() && node.scalar.find('%') != std::string::npos;
        fail(node.loc, fmt::format("'{}' must be {}, got {}", key, range_text(spec, v),
                                   written_as_percent ? node.scalar : util::format_plain(v)));
    }
}

Num parse_num_node(const KeySpec& spec, const Tree& node, const std::string& key) {
    const bool percent = spec.type == KeyType::share;
    Num n;
    if (node.is_map()) {
        for (const auto& e : node.map) {
            if (e.key != "min" && e.key != "mode" && e.key != "max") {
                fail(e.key_loc, fmt::format("unknown key '{}' in the range of '{}'{}", e.key, key,
                                            util::did_you_mean(e.key, {"min", "mode", "max"})));
            }
        }
        auto part = [&](std::string_view name) {
            const auto* v = node.find(name);
            if (!v)
                fail(node.loc, fmt::format("the range of '{}' needs '{}' (write {{min: a, mode: m, max: b}})",
                                           key, name));
            if (!v->is_scalar()) fail(v->loc, fmt::format("'{}' of '{}' must be a number", name, key));
            try {
                return percent ? util::parse_share(v->scalar) : util::parse_number(v->scalar);
            } catch (const ValueError& e) {
                fail(v->loc, fmt::format("'{}': {}", key, e.what()));
            }
        };
        const double lo = part("min");
        const double mode = part("mode");
        const double hi = part("max");
        if (!(lo <= mode && mode <= hi))
            fail(node.loc, fmt::format("the range of '{}' needs min ≤ mode ≤ max", key));
        n = Num::triangular(lo, mode, hi);
    } else if (node.is_scalar()) {
        try {
            n = util::parse_range(node.scalar, percent);
        } catch (const ValueError& e) {
            fail(node.loc, fmt::format("'{}': {}", key, e.what()));
        }
    } else {
        fail(node.loc, fmt::format("'{}' must be {}, got {}", key, type_name(spec.type), node.kind_name()));
    }
    check_bounds(spec, node, n.low, key);
    check_bounds(spec, node, n.high, key);
    return n;
}

int parse_integer(const KeySpec& s, const Tree& v, std::string_view key) {
    if (!v.is_scalar()) fail(v.loc, fmt::format("'{}' must be a whole number, got {}", key, v.kind_name()));
    double d = 0;
    try {
        d = util::parse_number(v.scalar);
    } catch (const ValueError&) {
        fail(v.loc, fmt::format("'{}' must be a whole number, got '{}'", key, v.scalar));
    }
    if (d != std::floor(d)) fail(v.loc, fmt::format("'{}' must be a whole number, got {}", key, v.scalar));
    if (key == "version" && d != 1) {
        fail(v.loc, fmt::format("unsupported profile version {}; this llm-tco reads version 1", v.scalar));
    }
    check_bounds(s, v, d, std::string(key));
    return static_cast<int>(d);
}

bool parse_boolean(const Tree& v, std::string_view key) {
    if (v.is_scalar() && !v.quoted) {
        if (v.scalar == "true" || v.scalar == "True" || v.scalar == "yes") return true;
        if (v.scalar == "false" || v.scalar == "False" || v.scalar == "no") return false;
    }
    fail(v.loc, fmt::format("'{}' must be true or false, got {}", key, v.kind_name()));
}

/// Reads the keys of one map, each checked against its spec; used by the hand-written decoders.
struct Reader {
    const Tree* node; ///< a map, or nullptr when the whole block is absent (all defaults)
    std::string path; ///< pattern path of the map

    const Tree* raw(std::string_view key) const {
        const auto* v = node ? node->find(key) : nullptr;
        return v;
    }
    const KeySpec& spec(std::string_view key) const {
        return spec_of(path.empty() ? std::string(key) : path + "." + std::string(key));
    }

    std::optional<Num> opt_num(std::string_view key) const {
        const auto& s = spec(key);
        const auto* v = raw(key);
        if (!v) return std::nullopt;
        if (v->is_null()) {
            if (s.nullable) return std::nullopt;
            fail(v->loc, fmt::format("'{}' needs a value ({})", key, type_name(s.type)));
        }
        return parse_num_node(s, *v, std::string(key));
    }
    int integer(std::string_view key, int fallback) const {
        const auto* v = raw(key);
        return v ? parse_integer(spec(key), *v, key) : fallback;
    }
    bool boolean(std::string_view key, bool fallback) const {
        const auto* v = raw(key);
        return v ? parse_boolean(*v, key) : fallback;
    }
    std::string string(std::string_view key) const {
        const auto& s = spec(key);
        const auto* v = raw(key);
        if (!v || (v->is_null() && s.nullable)) return {};
        if (!v->is_scalar()) fail(v->loc, fmt::format("'{}' must be a string, got {}", key, v->kind_name()));
        if (v->scalar.empty()) fail(v->loc, fmt::format("'{}' cannot be empty", key));
        return v->scalar;
    }
    Loc loc_of(std::string_view key) const {
        const auto* v = raw(key);
        return v ? v->loc : (node ? node->loc : Loc{});
    }
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string join(const std::string& concrete, std::string_view rest) {
    return concrete.empty() ? std::string(rest) : concrete + "." + std::string(rest);
}

/// The table-driven part of decoding: every row's default, every plain key's written value, and
/// where each value came from (Profile::origins).
class Decoder {
  public:
    explicit Decoder(Profile& p) : p_(p) {}

    /// Applies the default of every row below `pattern` (through nested maps, not into lists) to
    /// the item in `scope`, and records each as a default.
    void defaults(std::string_view pattern, Scope scope, const std::string& concrete) {
        const std::string prefix = std::string(pattern) + ".";
        for (const auto& k : key_table()) {
            if (std::holds_alternative<std::monostate>(k.target) || !starts_with(k.path, prefix)) continue;
            const auto rest = k.path.substr(prefix.size());
            if (rest.find("[]") != std::string_view::npos || key_name(k) == "name") continue;
            apply_default(k, scope);
            auto& o = p_.origins[join(concrete, rest)];
            o.origin = Origin::default_value;
            o.loc = SourceLoc{};
            o.detail.clear();
        }
    }

    /// Decodes the plain keys written directly below `pattern` in `node` into the item in `scope`.
    void plain(const Tree* node, std::string_view pattern, Scope scope, const std::string& concrete) {
        if (!node || !node->is_map()) return;
        for (const KeySpec* k : child_specs(pattern)) {
            if (k->decode != Decode::plain) continue;
            const auto name = std::string(key_name(*k));
            const Tree* v = node->find(name);
            if (!v) continue;
            decode_value(*k, *v, scope, name);
            written(join(concrete, name), *v);
        }
    }

    /// Records a value written in a profile or given by --set / --vary.
    void written(const std::string& path, const Tree& v) {
        const auto file = v.loc.file ? std::string_view(*v.loc.file) : std::string_view();
        const bool set = starts_with(file, "--set") || starts_with(file, "--vary");
        auto& o = p_.origins[path];
        o.origin = set ? Origin::set : Origin::profile;
        o.loc = source_loc(v.loc);
        o.detail.clear();
    }

    /// Forgets the origins of the values below a concrete PATH prefix (items replaced whole).
    void forget(const std::string& prefix) {
        std::erase_if(p_.origins, [&](const auto& o) { return starts_with(o.first, prefix); });
    }

    /// Records a value a catalog entry supplied.
    void from_catalog(const std::string& path, const std::string& entry) {
        auto& o = p_.origins[path]; // (members assigned: GCC 12 -O2 warns on a braced temporary here)
        o.origin = Origin::catalog;
        o.loc = SourceLoc{};
        o.detail = entry;
    }

  private:
    static void apply_default(const KeySpec& k, Scope& scope) {
        const auto number = numeric_default(k);
        const auto text = std::string(k.default_text);
        std::visit(
            [&](auto f) {
                using F = decltype(f);
                if constexpr (std::is_same_v<F, Num* (*)(Scope&)>) {
                    *f(scope) = Num::point(number.value_or(0));
                } else if constexpr (std::is_same_v<F, std::optional<Num>* (*)(Scope&)>) {
                    *f(scope) = number ? std::optional<Num>(Num::point(*number)) : std::nullopt;
                } else if constexpr (std::is_same_v<F, double* (*)(Scope&)>) {
                    *f(scope) = number.value_or(0);
                } else if constexpr (std::is_same_v<F, std::optional<double>* (*)(Scope&)>) {
                    *f(scope) = number;
                } else if constexpr (std::is_same_v<F, int* (*)(Scope&)>) {
                    *f(scope) = static_cast<int>(number.value_or(0));
                } else if constexpr (std::is_same_v<F, bool* (*)(Scope&)>) {
                    *f(scope) = text == "true";
                } else if constexpr (std::is_same_v<F, std::string* (*)(Scope&)>) {
                    *f(scope) = text;
                }
                // call rates, a cloud model and machine counts have no default to apply
            },
            k.target);
    }

    static void decode_value(const KeySpec& k, const Tree& v, Scope& scope, const std::string& key) {
        auto number = [&]() -> std::optional<Num> {
            if (v.is_null()) {
                if (k.nullable) return std::nullopt;
                fail(v.loc, fmt::format("'{}' needs a value ({})", key, type_name(k.type)));
            }
            auto n = parse_num_node(k, v, key);
            if (n.ranged() && !k.ranged) {
                fail(v.loc, fmt::format("'{}' takes a single number, not a range ({} is not sampled by "
                                        "simulate)",
                                        key, key));
            }
            return n;
        };
        std::visit(
            [&](auto f) {
                using F = decltype(f);
                if constexpr (std::is_same_v<F, Num* (*)(Scope&)>) {
                    if (auto n = number()) *f(scope) = *n;
                } else if constexpr (std::is_same_v<F, std::optional<Num>* (*)(Scope&)>) {
                    *f(scope) = number();
                } else if constexpr (std::is_same_v<F, double* (*)(Scope&)>) {
                    if (auto n = number()) *f(scope) = n->value;
                } else if constexpr (std::is_same_v<F, std::optional<double>* (*)(Scope&)>) {
                    const auto n = number();
                    *f(scope) = n ? std::optional<double>(n->value) : std::nullopt;
                } else if constexpr (std::is_same_v<F, int* (*)(Scope&)>) {
                    *f(scope) = parse_integer(k, v, key);
                } else if constexpr (std::is_same_v<F, bool* (*)(Scope&)>) {
                    *f(scope) = parse_boolean(v, key);
                } else if constexpr (std::is_same_v<F, std::string* (*)(Scope&)>) {
                    if (v.is_null() && k.nullable) {
                        f(scope)->clear();
                        return;
                    }
                    if (!v.is_scalar())
                        fail(v.loc, fmt::format("'{}' must be a string, got {}", key, v.kind_name()));
                    if (v.scalar.empty()) fail(v.loc, fmt::format("'{}' cannot be empty", key));
                    *f(scope) = v.scalar;
                } else {
                    throw std::logic_error("key table: a plain key with a structured target: " +
                                           std::string(k.path));
                }
            },
            k.target);
    }

    Profile& p_;
};

/// Checks a list of named items: maps, each with a unique name.
/// `first_line` holds the names already used in the namespace (workloads, or all options) and
/// the line each was first written on.
const std::vector<Tree>* named_items(const Tree* list, std::string_view path,
                                     std::map<std::string, int>& first_line) {
    if (!list || list->is_null()) return nullptr;
    if (!list->is_seq()) {
        fail(list->loc,
             fmt::format("'{}' must be a list of named items, got {}", last_key(path), list->kind_name()));
    }
    for (const auto& item : list->seq) {
        const auto* named = item.is_map() ? item.find("name") : nullptr;
        const std::string kind = path == "workloads"       ? "workload"
                                 : path == "options.cloud" ? "cloud option"
                                 : path == "options.local" ? "local option"
                                                           : "an item of '" + last_key(path) + "'";
        check_map(item, std::string(path) + "[]",
                  named && named->is_scalar() ? fmt::format("{} '{}'", kind, named->scalar) : "a " + kind);
        const auto* name = item.find("name");
        if (!name->is_scalar() || name->scalar.empty()) fail(name->loc, "'name' must be a non-empty string");
        if (const auto [it, added] = first_line.emplace(name->scalar, name->loc.line); !added) {
            fail(name->loc,
                 fmt::format("duplicate name '{}' (first used at line {})", name->scalar, it->second));
        }
    }
    return &list->seq;
}

Workload decode_workload(const Tree& node, Profile& p, Decoder& dec) {
    const Reader r{&node, "workloads[]"};
    Workload w;
    w.name = r.string("name");
    w.loc = source_loc(node.loc);
    const auto concrete = "workloads." + w.name;
    const Scope scope{&p, &w};
    dec.defaults("workloads[]", scope, concrete);
    dec.written(concrete + ".name", *r.raw("name"));
    const auto* calls = r.raw("calls");
    if (!calls->is_scalar())
        fail(calls->loc, fmt::format("'calls' must be a call rate, got {}", calls->kind_name()));
    try {
        w.calls = util::parse_rate(calls->scalar);
    } catch (const ValueError& e) {
        fail(calls->loc, fmt::format("'calls': {}", e.what()));
    }
    dec.written(concrete + ".calls", *calls);
    dec.plain(&node, "workloads[]", scope, concrete);
    // A rate per hour or second is read round the clock (× 24 hours a day): with fewer active hours
    // it cannot say whether it is the rate of the active hours or the day's average.
    if (w.active_hours_per_day.value < 24 && w.calls.sub_daily) {
        fail(calls->loc,
             fmt::format("'calls: {}' is a rate per hour or second, read round the clock, and the workload's "
                         "calls arrive in active_hours_per_day {} hours: write the day's calls ({}/day if "
                         "the rate holds through the active hours)",
                         calls->scalar, format_number(w.active_hours_per_day.value, 4),
                         format_number(w.calls.amount.value / 24 * w.active_hours_per_day.value, 0)));
    }
    return w;
}

void decode_price(const Tree* node, const std::string& path, bool has_base, CloudOption& c, Scope scope,
                  const std::string& concrete, Decoder& dec) {
    if (!node) return;
    check_map(*node, path, "'price'");
    if (!has_base && !node->find("input_per_mtok"))
        fail(node->loc, fmt::format("the price of '{}' needs 'input_per_mtok'", c.name));
    if (!has_base && !node->find("output_per_mtok"))
        fail(node->loc,
             fmt::format("the price of '{}' needs 'output_per_mtok' (0 for an embedding model)", c.name));
    dec.plain(node, path, scope, concrete);
    if (const auto* tiers = node->find("tiers"); tiers && !tiers->is_null()) {
        if (!tiers->is_seq()) fail(tiers->loc, "'tiers' must be a list");
        c.price.tiers.clear();
        dec.forget(concrete + ".tiers."); // the catalog's tiers, replaced
        for (std::size_t i = 0; i < tiers->seq.size(); ++i) {
            const auto& t = tiers->seq[i];
            check_map(t, path + ".tiers[]", "a tier");
            PriceTier tier;
            Scope tier_scope = scope;
            tier_scope.tier = &tier;
            const auto tier_concrete = concrete + ".tiers." + std::to_string(i);
            dec.defaults(path + ".tiers[]", tier_scope, tier_concrete);
            dec.plain(&t, path + ".tiers[]", tier_scope, tier_concrete);
            if (!c.price.tiers.empty() &&
                tier.above_input_tokens <= c.price.tiers.back().above_input_tokens) {
                // PATHs address tiers by their written position, so the order cannot be changed here.
                fail(t.find("above_input_tokens")->loc,
                     fmt::format("tiers must be written in increasing 'above_input_tokens' order; this one "
                                 "({}) follows {}",
                                 util::format_plain(tier.above_input_tokens),
                                 util::format_plain(c.price.tiers.back().above_input_tokens)));
            }
            c.price.tiers.push_back(tier);
        }
    }
}

/// `serves: [workload, …]`: names of the profile's workloads, each once, at least one.
std::vector<std::string> decode_serves(const Reader& r, const Profile& p, const std::string& option) {
    std::vector<std::string> out;
    const auto* v = r.raw("serves");
    if (!v || v->is_null()) return out;
    if (!v->is_seq())
        fail(v->loc, "'serves' must be a list of workload names, e.g. serves: [chat, summaries]");
    if (v->seq.empty()) {
        fail(v->loc, fmt::format("option '{}' serves no workload: list at least one in 'serves', or drop the "
                                 "key to serve every workload",
                                 option));
    }
    std::vector<std::string> names;
    for (const auto& w : p.workloads)
        names.push_back(w.name);
    for (const auto& item : v->seq) {
        if (!item.is_scalar()) fail(item.loc, "each entry of 'serves' must be a workload name");
        if (std::find(names.begin(), names.end(), item.scalar) == names.end()) {
            fail(item.loc, fmt::format("'serves' names '{}', which is not a workload of this profile{}",
                                       item.scalar, util::did_you_mean(item.scalar, names)));
        }
        if (std::find(out.begin(), out.end(), item.scalar) != out.end())
            fail(item.loc, fmt::format("'serves' lists workload '{}' twice", item.scalar));
        out.push_back(item.scalar);
    }
    return out;
}

CloudOption decode_cloud(const Tree& node, const Catalog& catalog, Profile& p, Decoder& dec) {
    const std::string path = "options.cloud[]";
    const Reader r{&node, path};
    CloudOption c;
    c.name = r.string("name");
    c.loc = source_loc(node.loc);
    const auto concrete = "options.cloud." + c.name;
    const Scope scope{&p, nullptr, &c};
    dec.defaults(path, scope, concrete);
    dec.written(concrete + ".name", *r.raw("name"));
    c.serves = decode_serves(r, p, c.name);
    c.model = r.string("model");
    bool has_base = false;
    if (!c.model.empty()) {
        const auto* m = catalog.find_cloud(c.model);
        if (!m) {
            fail(r.loc_of("model"),
                 fmt::format("unknown model '{}'{}: it is not in the catalog; see 'llm-tco prices list', "
                             "or give 'price:' explicitly",
                             c.model, util::did_you_mean(c.model, catalog.cloud_names())));
        }
        has_base = true;
        c.price = m->price;
        c.provider = m->provider;
        c.price_as_of = m->as_of;
        c.embedding = m->mode == "embedding";
        c.max_input_tokens = m->max_input_tokens;
        c.max_output_tokens = m->max_output_tokens;
        dec.written(concrete + ".model", *r.raw("model"));
        for (const KeySpec* k : child_specs(path + ".price")) {
            if (!std::holds_alternative<std::monostate>(k->target))
                dec.from_catalog(concrete + ".price." + std::string(key_name(*k)), c.model);
        }
        for (std::size_t t = 0; t < c.price.tiers.size(); ++t) {
            for (const KeySpec* k : child_specs(path + ".price.tiers[]")) {
                dec.from_catalog(fmt::format("{}.price.tiers.{}.{}", concrete, t, key_name(*k)), c.model);
            }
        }
    }
    const auto* price = r.raw("price");
    if (price && price->find("input_per_mtok") && price->find("output_per_mtok")) c.price_as_of.clear();
    if (!has_base && !price)
        fail(node.loc, fmt::format("cloud option '{}' needs 'model' or 'price'", c.name));
    decode_price(price && !price->is_null() ? price : nullptr, path + ".price", has_base, c, scope,
                 concrete + ".price", dec);
    dec.plain(&node, path, scope, concrete);
    return c;
}

/// A key that is either a catalog name or a map whose optional `preset:` names a catalog entry.
struct PresetRef {
    const Tree* map = nullptr; ///< the map of overrides, or nullptr for a bare name
    std::string name;          ///< the preset's name, or empty
    Loc loc;
};

PresetRef preset_ref(const Tree& node, const std::string& path, const char* key, const char* what) {
    PresetRef ref{nullptr, {}, node.loc};
    if (node.is_scalar()) {
        ref.name = node.scalar;
        return ref;
    }
    check_map(node, path, fmt::format("'{}'", key));
    ref.map = &node;
    if (const auto* p = node.find("preset")) {
        if (!p->is_scalar()) fail(p->loc, fmt::format("'preset' must be a {} name", what));
        ref.name = p->scalar;
        ref.loc = p->loc;
    }
    return ref;
}

/// The value of an enumerated string key: "'billing' must be always_on or on_demand, got 'x'"
/// with the nearest name otherwise.
template <class E>
E one_of(const Reader& r, std::string_view key,
         std::initializer_list<std::pair<std::string_view, E>> values) {
    const auto text = r.string(key);
    std::vector<std::string> names;
    for (const auto& [name, value] : values) {
        if (name == text) return value;
        names.emplace_back(name);
    }
    const auto last = names.back();
    const auto rest = std::vector<std::string>(names.begin(), names.end() - 1);
    fail(r.raw(key)->loc, fmt::format("'{}' must be {} or {}, got '{}'{}", key, fmt::join(rest, ", "), last,
                                      text, util::did_you_mean(text, names)));
}

/// `hardware`: a preset's fields (price, lifetime, memory, power, speeds), then the map's own keys.
/// Returns the speeds the preset gave.
std::vector<std::string> decode_hardware(const Tree* node, const Loc& option_loc, const std::string& path,
                                         const Catalog& catalog, LocalOption& l, Scope scope,
                                         const std::string& concrete, Decoder& dec) {
    std::vector<std::string> speed_defaults;
    auto& h = l.hardware;
    if (!node || node->is_null()) {
        fail(option_loc,
             "a local option needs 'hardware': a catalog name, {purchase: …} or {rent_per_hour: …}");
    }
    const auto [map, preset, preset_loc] = preset_ref(*node, path, "hardware", "hardware");
    if (!preset.empty()) {
        const auto* hp = catalog.find_hardware(preset);
        if (!hp) {
            fail(preset_loc, fmt::format("unknown hardware '{}'{}; see 'llm-tco prices list --local'", preset,
                                         util::did_you_mean(preset, catalog.hardware_names())));
        }
        catalog::apply_hardware(l, *hp);
        const std::string& name = preset; // (clang 14 cannot capture a structured binding)
        auto from = [&](const char* key) { dec.from_catalog(concrete + "." + key, name); };
        if (hp->purchase) from("hardware.purchase");
        if (hp->rent_per_hour) from("hardware.rent_per_hour");
        if (hp->reserved) {
            from("hardware.reserved.term_months");
            from("hardware.reserved.rent_per_hour");
        }
        if (hp->spot) {
            for (const char* key : {"hardware.spot.rent_per_hour", "hardware.spot.interruptions_per_day",
                                    "hardware.spot.minutes_lost_per_interruption"})
                from(key);
        }
        for (const char* key :
             {"hardware.preset", "hardware.lifetime_months", "hardware.ram_gb", "hardware.accelerators",
              "hardware.memory_gb", "hardware.memory_bandwidth_gbs", "hardware.tflops.fp16",
              "hardware.tflops.fp8", "hardware.tflops.int8", "hardware.tflops.fp4", "hardware.unified_memory",
              "hardware.host_ram_gb", "hardware.host_bandwidth_gbs", "hardware.class",
              "hardware.architecture", "power.idle_watts", "power.active_watts"})
            from(key);
    }
    if (!map) return speed_defaults;
    const Reader r{map, path};
    if (r.raw("purchase") && r.raw("rent_per_hour")) {
        fail(r.loc_of("rent_per_hour"),
             "hardware is either bought ('purchase') or rented ('rent_per_hour'), not both");
    }
    if (r.raw("purchase") || r.raw("rent_per_hour")) h.price_as_of.clear(); // the profile's own price
    if (auto v = r.opt_num("purchase")) {
        h.purchase = *v;
        dec.written(concrete + ".hardware.purchase", *r.raw("purchase"));
        if (!r.raw("rent_per_hour")) h.rent_per_hour.reset();
    }
    if (auto v = r.opt_num("rent_per_hour")) {
        h.rent_per_hour = *v;
        dec.written(concrete + ".hardware.rent_per_hour", *r.raw("rent_per_hour"));
        if (!r.raw("purchase")) h.purchase.reset();
    }
    dec.plain(map, path, scope, concrete + ".hardware");
    if (const auto* t = r.raw("tflops"); t && !t->is_null()) {
        check_map(*t, path + ".tflops", "'tflops'");
        dec.plain(t, path + ".tflops", scope, concrete + ".hardware.tflops");
    }
    if (const auto* c = r.raw("class")) {
        h.hw_class = one_of<HardwareClass>(r, "class",
                                           {{"consumer_gpu", HardwareClass::consumer_gpu},
                                            {"datacenter_gpu", HardwareClass::datacenter_gpu},
                                            {"apple", HardwareClass::apple},
                                            {"jetson", HardwareClass::jetson},
                                            {"cpu", HardwareClass::cpu}});
        dec.written(concrete + ".hardware.class", *c);
    }
    if (const auto* a = r.raw("architecture")) {
        const auto text = r.string("architecture");
        const auto& names = architecture_names();
        if (std::find(names.begin(), names.end(), text) == names.end()) {
            fail(a->loc, fmt::format("'architecture' must be one of {}, got '{}'{}", fmt::join(names, ", "),
                                     text, util::did_you_mean(text, names)));
        }
        h.architecture = text;
        dec.written(concrete + ".hardware.architecture", *a);
    }
    // A first-release profile's ram_gb alone is one accelerator of that memory: memory_gb stays 0
    // and the engine reads ram_gb (so a range on ram_gb is sampled). Otherwise the engine reads
    // memory_gb × accelerators and ram_gb is only the preset's figure, shown with it.
    if (!r.raw("memory_gb") && r.raw("ram_gb")) h.memory_gb = Num::point(0);
    // Other purchase terms of a rented machine: the preset's, or written (a written block without
    // `billing` selects itself).
    const Tree* written_terms = nullptr;
    for (const char* key : {"reserved", "spot"}) {
        const auto* t = r.raw(key);
        if (!t || t->is_null()) continue;
        if (!h.rented())
            fail(t->loc, fmt::format("'{}' applies to rented hardware ('rent_per_hour') only", key));
        check_map(*t, path + "." + key, fmt::format("'{}'", key));
        dec.plain(t, path + "." + key, scope, concrete + ".hardware." + key);
        if (written_terms && !r.raw("billing"))
            fail(t->loc, "both 'reserved' and 'spot' are given: say which one is paid with 'billing'");
        written_terms = t;
    }
    if (const auto* b = r.raw("billing")) {
        h.billing = one_of<Billing>(r, "billing",
                                    {{"always_on", Billing::always_on},
                                     {"on_demand", Billing::on_demand},
                                     {"reserved", Billing::reserved},
                                     {"spot", Billing::spot}});
        if (!h.rented()) fail(b->loc, "'billing' applies to rented hardware ('rent_per_hour') only");
        dec.written(concrete + ".hardware.billing", *b);
    } else if (written_terms) {
        h.billing = r.raw("reserved") == written_terms ? Billing::reserved : Billing::spot;
        dec.written(concrete + ".hardware.billing", *written_terms);
    }
    const Loc& billing_loc = r.raw("billing") ? r.raw("billing")->loc
                             : written_terms  ? written_terms->loc
                                              : map->loc;
    auto need = [&](const std::optional<Num>& v, const char* key) {
        if (v) return;
        fail(billing_loc,
             fmt::format(
                 "billing '{}' needs '{}'{}", h.billing == Billing::reserved ? "reserved" : "spot", key,
                 h.preset.empty() ? std::string()
                                  : fmt::format(" (the catalog's '{}' has no such terms)", h.preset)));
    };
    if (h.billing == Billing::reserved) {
        need(h.reserved.term_months, "reserved.term_months");
        need(h.reserved.rent_per_hour, "reserved.rent_per_hour");
    } else if (h.billing == Billing::spot) {
        need(h.spot.rent_per_hour, "spot.rent_per_hour");
        need(h.spot.interruptions_per_day, "spot.interruptions_per_day");
        need(h.spot.minutes_lost_per_interruption, "spot.minutes_lost_per_interruption");
    }
    // Written terms the billing does not use move no money: said, not silently ignored.
    for (const auto& [key, used] :
         {std::pair{"reserved", h.billing == Billing::reserved},
          std::pair{"spot", h.billing == Billing::spot},
          std::pair{"cold_start_seconds", h.billing == Billing::on_demand || h.billing == Billing::spot}}) {
        const auto* t = r.raw(key);
        if (!t || t->is_null() || used) continue;
        if (!h.rented())
            fail(t->loc, fmt::format("'{}' applies to rented hardware ('rent_per_hour') only", key));
        l.notes.push_back(
            fmt::format("'hardware.{}' is written but the machine is billed '{}': it is not used", key,
                        billing_name(h.billing)));
    }
    if (const auto* v = r.raw("residual")) {
        h.residual = one_of<Residual>(r, "residual",
                                      {{"straight_line", Residual::straight_line}, {"none", Residual::none}});
        if (h.rented()) fail(v->loc, "'residual' applies to owned hardware ('purchase') only");
        dec.written(concrete + ".hardware.residual", *v);
    }
    if (!h.purchase && !h.rent_per_hour) {
        fail(node->loc, "'hardware' needs 'purchase' (0 for a machine you already own) or 'rent_per_hour'");
    }
    return speed_defaults;
}

/// `model`: a preset's size and KV cache, then the map's own keys; `quant` or `bits_per_weight`.
void decode_model(const Tree* node, const std::string& path, const Catalog& catalog, LocalOption& l,
                  Scope scope, const std::string& concrete, Decoder& dec) {
    auto& m = l.model;
    if (!node || node->is_null()) return;
    const auto [map, preset, preset_loc] = preset_ref(*node, path, "model", "model");
    if (!preset.empty()) {
        const auto* lm = catalog.find_local_model(preset);
        if (!lm) {
            fail(preset_loc, fmt::format("unknown local model '{}'{}; see 'llm-tco prices list --local'",
                                         preset, util::did_you_mean(preset, catalog.local_model_names())));
        }
        catalog::apply_model(m, *lm);
        for (const char* key :
             {"model.preset", "model.params_b", "model.active_params_b", "model.layers",
              "model.attention_heads", "model.kv_heads", "model.head_dim", "model.embedding_params_b",
              "model.context_tokens", "model.experts", "model.experts_per_token", "model.kv_bytes_per_token"})
            dec.from_catalog(concrete + "." + key, preset);
    }
    auto common_quant = [&] { // a catalog model without a quant: the common 4-bit file
        if (const auto* q = catalog.find_quant("Q4_K_M")) catalog::apply_quant(m, *q);
        m.quant = "Q4_K_M";
        dec.from_catalog(concrete + ".model.quant", "Q4_K_M");
        dec.from_catalog(concrete + ".model.bits_per_weight", "Q4_K_M");
        dec.from_catalog(concrete + ".model.compute", "Q4_K_M");
    };
    if (!map) {
        common_quant();
        return;
    }
    const Reader r{map, path};
    dec.plain(map, path, scope, concrete + ".model");
    const auto* bits = r.raw("bits_per_weight");
    const auto* quant = r.raw("quant");
    if (bits && quant) fail(quant->loc, "give either 'quant' or 'bits_per_weight', not both");
    if (quant) {
        m.quant = r.string("quant");
        const auto* q = catalog.find_quant(m.quant);
        if (!q) {
            fail(quant->loc, fmt::format("unknown quantisation '{}'{}", m.quant,
                                         util::did_you_mean(m.quant, catalog.quant_names())));
        }
        catalog::apply_quant(m, *q);
        dec.written(concrete + ".model.quant", *quant);
        dec.from_catalog(concrete + ".model.bits_per_weight", m.quant);
        dec.from_catalog(concrete + ".model.compute", m.quant);
    } else if (bits) {
        m.bits_per_weight = *r.opt_num("bits_per_weight");
        dec.written(concrete + ".model.bits_per_weight", *bits);
    } else if (!m.preset.empty() && !r.raw("params_b")) {
        common_quant();
    } else if (m.params_b.value > 0) {
        fail(map->loc, "'model' needs 'bits_per_weight' or 'quant' (e.g. quant: Q4_K_M)");
    }
    if (m.params_b.value <= 0 && m.preset.empty()) {
        fail(map->loc, "'model' needs 'params_b' or a 'preset'");
    }
    if (const auto* c = r.raw("compute")) {
        m.compute = one_of<ComputeType>(r, "compute",
                                        {{"fp16", ComputeType::fp16},
                                         {"fp8", ComputeType::fp8},
                                         {"int8", ComputeType::int8},
                                         {"fp4", ComputeType::fp4}});
        dec.written(concrete + ".model.compute", *c);
    }
}

/// `serving`: the engine (written, else the hardware's default, else the first that loads the
/// quantisation), its catalog defaults for this hardware class, then the map's own keys.
void decode_serving(const Tree* node, const std::string& path, const Catalog& catalog, LocalOption& l,
                    Scope scope, const std::string& concrete, Decoder& dec) {
    auto& sv = l.serving;
    if (node && !node->is_null()) check_map(*node, path, "'serving'");
    const Reader r{node && !node->is_null() ? node : nullptr, path};
    const auto cls = l.hardware.hw_class;
    if (const auto* e = r.raw("engine")) {
        sv.engine = r.string("engine");
        const auto* engine = catalog.find_engine(sv.engine);
        if (!engine) {
            fail(e->loc, fmt::format("unknown engine '{}'{}; the catalog has {}", sv.engine,
                                     util::did_you_mean(sv.engine, catalog.engine_names()),
                                     fmt::join(catalog.engine_names(), ", ")));
        }
        if (!catalog::engine_runs_on(*engine, l.hardware)) {
            fail(e->loc,
                 fmt::format("engine '{}' does not run on {} hardware{}", sv.engine, class_name(cls),
                             l.hardware.preset.empty() ? "" : fmt::format(" ('{}')", l.hardware.preset)));
        }
        if (!catalog::engine_loads(catalog, l.model, sv.engine)) {
            const auto* q = catalog.find_quant(l.model.quant);
            fail(e->loc,
                 fmt::format("engine '{}' does not load quantisation '{}' (loaded by {}); choose another "
                             "quant or engine",
                             sv.engine, l.model.quant, fmt::join(q->engines, ", ")));
        }
        dec.written(concrete + ".serving.engine", *e);
    } else {
        if (const auto* e = catalog::default_engine(catalog, l.hardware, l.model)) sv.engine = e->name;
        if (sv.engine.empty()) {
            fail(node && !node->is_null() ? node->loc : Loc{},
                 fmt::format(
                     "local option '{}': no engine in the catalog loads quantisation '{}' on {} hardware",
                     l.name, l.model.quant, class_name(cls)));
        }
        // The preset's default engine, or (when it does not load this quantisation, or there is no
        // preset) the catalog's first engine that does: the entry the choice came from.
        dec.from_catalog(concrete + ".serving.engine",
                         !l.hardware.preset.empty() && sv.engine == l.hardware.default_engine
                             ? l.hardware.preset
                             : sv.engine);
    }
    catalog::apply_engine(sv, *catalog.find_engine(sv.engine), l.hardware);
    for (const char* key :
         {"serving.max_concurrency", "serving.memory_fraction", "serving.overhead_gb",
          "serving.efficiency.bandwidth", "serving.efficiency.compute",
          "serving.efficiency.overhead_ms_per_layer", "serving.efficiency.overhead_ms_per_expert",
          "serving.efficiency.host_bandwidth", "serving.parallel"})
        dec.from_catalog(concrete + "." + key, sv.engine);
    if (!r.node) return;
    dec.plain(r.node, path, scope, concrete + ".serving");
    if (const auto* eff_node = r.raw("efficiency"); eff_node && !eff_node->is_null()) {
        check_map(*eff_node, path + ".efficiency", "'efficiency'");
        dec.plain(eff_node, path + ".efficiency", scope, concrete + ".serving.efficiency");
    }
    if (const auto* v = r.raw("parallel")) {
        sv.parallel =
            one_of<Parallel>(r, "parallel", {{"tensor", Parallel::tensor}, {"layers", Parallel::layers}});
        dec.written(concrete + ".serving.parallel", *v);
    }
}

LocalOption decode_local(const Tree& node, const Catalog& catalog, Profile& p, Decoder& dec) {
    const std::string path = "options.local[]";
    const Reader r{&node, path};
    LocalOption l;
    l.name = r.string("name");
    l.loc = source_loc(node.loc);
    const auto concrete = "options.local." + l.name;
    Scope scope{&p};
    scope.local = &l;
    dec.defaults(path, scope, concrete);
    dec.written(concrete + ".name", *r.raw("name"));
    l.serves = decode_serves(r, p, l.name);
    if (const auto* h = r.raw("hardware")) l.hardware_loc = source_loc(h->loc);
    decode_hardware(r.raw("hardware"), node.loc, path + ".hardware", catalog, l, scope, concrete, dec);
    if (const auto* m = r.raw("machines"); m && !m->is_null()) {
        double n = 0;
        bool whole = false;
        if (m->is_scalar() && m->scalar == "auto") {
            l.machines.reset();
        } else {
            if (m->is_scalar()) {
                try {
                    n = util::parse_number(m->scalar);
                    whole = n == std::floor(n);
                } catch (const ValueError&) {
                }
            }
            if (!whole || n < 1 || n > 1e6) {
                fail(m->loc,
                     fmt::format("'machines' must be 'auto' or a whole number from 1 to 1000000, got {}",
                                 m->kind_name()));
            }
            l.machines = static_cast<int>(n);
        }
        dec.written(concrete + ".machines", *m);
    }
    decode_model(r.raw("model"), path + ".model", catalog, l, scope, concrete, dec);

    const auto* throughput = r.raw("throughput");
    if (throughput && !throughput->is_null()) check_map(*throughput, path + ".throughput", "'throughput'");
    const Reader t{throughput && !throughput->is_null() ? throughput : nullptr, path + ".throughput"};
    const auto prefill = t.opt_num("prefill_tokens_per_s");
    const auto decode = t.opt_num("decode_tokens_per_s");
    if (prefill.has_value() != decode.has_value()) {
        const char* given = prefill ? "prefill_tokens_per_s" : "decode_tokens_per_s";
        const char* missing = prefill ? "decode_tokens_per_s" : "prefill_tokens_per_s";
        fail(t.loc_of(given),
             fmt::format(
                 "local option '{}' gives throughput.{} but not throughput.{}: give both (measured speeds) "
                 "or neither (derived from the hardware, model and engine; docs/capacity.md)",
                 l.name, given, missing));
    }
    if (prefill) {
        l.throughput.prefill_tokens_per_s = *prefill;
        l.throughput.decode_tokens_per_s = *decode;
        dec.written(concrete + ".throughput.prefill_tokens_per_s", *t.raw("prefill_tokens_per_s"));
        dec.written(concrete + ".throughput.decode_tokens_per_s", *t.raw("decode_tokens_per_s"));
    }
    dec.plain(t.node, path + ".throughput", scope, concrete + ".throughput");
    decode_serving(r.raw("serving"), path + ".serving", catalog, l, scope, concrete, dec);
    if (!l.throughput.measured()) {
        // Without measured speeds, a lone throughput.concurrency is the batch the engine runs at.
        if (const auto* c = t.raw("concurrency"); c && !l.serving.concurrency) {
            l.serving.concurrency = l.throughput.concurrency;
            dec.written(concrete + ".serving.concurrency", *c);
        }
        const auto& h = l.hardware;
        if (!(h.memory_bandwidth_gbs.value > 0) || !(h.tflops_fp16.value > 0) ||
            !(l.model.params_b.value > 0)) {
            std::vector<std::string> missing;
            if (!(h.memory_bandwidth_gbs.value > 0)) missing.push_back("hardware.memory_bandwidth_gbs");
            if (!(h.tflops_fp16.value > 0)) missing.push_back("hardware.tflops.fp16");
            if (!(l.model.params_b.value > 0)) missing.push_back("model (params_b and a quant)");
            fail(throughput && !throughput->is_null() ? throughput->loc : node.loc,
                 fmt::format(
                     "local option '{}' needs measured throughput (throughput.prefill_tokens_per_s and "
                     "decode_tokens_per_s) or what to derive it from: {}",
                     l.name, fmt::join(missing, ", ")));
        }
    }

    if (const auto* power = r.raw("power"); power && !power->is_null()) {
        check_map(*power, path + ".power", "'power'");
        if (l.hardware.rented()) {
            fail(power->loc,
                 "rented hardware has no electricity line (the rent includes power); remove 'power'");
        }
        dec.plain(power, path + ".power", scope, concrete + ".power");
    }
    dec.plain(&node, path, scope, concrete);
    return l;
}

Budget decode_budget(const Tree& node, std::size_t index, Profile& p, Decoder& dec) {
    check_map(node, "budgets[]", "a budget");
    Budget b;
    b.loc = source_loc(node.loc);
    Scope scope{&p};
    scope.budget = &b;
    const auto concrete = "budgets." + std::to_string(index);
    dec.defaults("budgets[]", scope, concrete);
    dec.plain(&node, "budgets[]", scope, concrete);
    if (b.portfolio) { // the best portfolio: its total, its largest month and what it uses
        for (const char* key :
             {"workload", "option", "against", "max_cost_per_1k_calls", "breakeven_within_months"}) {
            if (const auto* v = node.find(key)) {
                fail(v->loc, fmt::format("'{}' does not apply to a portfolio budget (portfolio: true checks "
                                         "max_total, max_monthly and recommend: cloud, local or mixed)",
                                         key));
            }
        }
        if (!b.recommend.empty() && b.recommend != "cloud" && b.recommend != "local" &&
            b.recommend != "mixed") {
            fail(node.find("recommend")->loc,
                 fmt::format("a portfolio budget's 'recommend' must be cloud, local or mixed, got '{}'{}",
                             b.recommend, util::did_you_mean(b.recommend, {"cloud", "local", "mixed"})));
        }
        if (!b.max_monthly && !b.max_total && b.recommend.empty())
            fail(node.loc, "a portfolio budget needs at least one of max_total, max_monthly or recommend");
        return b;
    }
    if (!b.max_monthly && !b.max_total && !b.max_cost_per_1k_calls && !b.breakeven_within_months &&
        b.recommend.empty()) {
        fail(node.loc, "a budget needs at least one of max_monthly, max_total, max_cost_per_1k_calls, "
                       "breakeven_within_months or recommend");
    }
    return b;
}

/// Where an item's value is blamed when no line wrote it (a catalog entry's, a default): the item
/// at the head of PATH ("options.local.NAME.…"), else the first workload.
SourceLoc item_loc(const Profile& p, const std::string& path) {
    auto owns = [&](std::string_view list, const std::string& name) {
        const auto head = fmt::format("{}.{}.", list, name);
        return path.compare(0, head.size(), head) == 0;
    };
    for (const auto& w : p.workloads)
        if (owns("workloads", w.name)) return w.loc;
    for (const auto& c : p.cloud)
        if (owns("options.cloud", c.name)) return c.loc;
    for (const auto& l : p.local)
        if (owns("options.local", l.name)) return l.loc;
    return p.workloads.empty() ? SourceLoc{} : p.workloads.front().loc;
}

/// Values a catalog entry supplied (converted at the exchange rate, if any), held to the key
/// table's ranges as written ones are (check_bounds): within them every total the model forms is
/// finite, so a catalog price of $1e302 a token is refused here rather than overflowing later.
/// (Defaults lie within their ranges; a 0 left for the engine to derive is not a value yet.)
void check_catalog_bounds(Profile& p) {
    for (const auto& f : numeric_fields(p)) {
        const auto origin = p.origins.find(f.path);
        if (origin == p.origins.end() || origin->second.origin != Origin::catalog) continue;
        const auto& spec = *f.key;
        for (const double v : {f.num->low, f.num->high}) {
            if (v == 0) continue; // (0: not given, for the engine to derive or take from elsewhere)
            if (within_range(spec, v)) continue;
            const auto at = item_loc(p, f.path);
            const auto converted =
                converted_from_usd(p, f.path)
                    ? fmt::format(", converted at {} {} a USD",
                                  util::format_plain(p.settings.exchange_rate.rate), p.settings.currency)
                    : std::string();
            throw InputError(
                fmt::format("{}:{}:{}: error: '{}' is {} (from catalog entry '{}'{}), but must be {}",
                            at.file, at.line, at.column, f.path, util::format_plain(v), origin->second.detail,
                            converted, range_text(spec, v)));
        }
    }
}

/// Pools (PRODUCT §4c): the local options naming one `pool` share its machines, so they run on one
/// kind of hardware and take the pool's cost keys (hardware money, machines, power, labour,
/// availability) from its first option. A later member that writes one of them differently is an
/// error at what it wrote; one that leaves it out has nothing to say about it.
void check_pools(Profile& p) {
    auto written = [&](const std::string& path) -> const InputOrigin* {
        const auto it = p.origins.find(path);
        if (it == p.origins.end()) return nullptr;
        return it->second.origin == Origin::profile || it->second.origin == Origin::set ? &it->second
                                                                                        : nullptr;
    };
    auto raise = [](const SourceLoc& at, const std::string& message) {
        throw InputError(fmt::format("{}:{}:{}: error: {}", at.file, at.line, at.column, message));
    };
    for (std::size_t i = 0; i < p.local.size(); ++i) {
        auto& l = p.local[i];
        if (l.pool.empty()) continue;
        std::size_t owner = i;
        for (std::size_t k = 0; k < i; ++k) {
            if (p.local[k].pool == l.pool) {
                owner = k;
                break;
            }
        }
        l.pool_owner = static_cast<int>(owner);
        if (owner == i) continue;
        const auto& o = p.local[owner];
        const auto hw = [](const LocalOption& x) {
            return x.hardware.preset.empty() ? std::string("inline hardware") : "'" + x.hardware.preset + "'";
        };
        if (l.hardware.preset != o.hardware.preset || l.hardware.rented() != o.hardware.rented() ||
            l.hardware.accelerators.value != o.hardware.accelerators.value ||
            l.hardware.memory_gb.value != o.hardware.memory_gb.value) {
            raise(
                l.hardware_loc.line > 0 ? l.hardware_loc : l.loc,
                fmt::format("options.local.{}.hardware: pool '{}' shares one kind of machine, and its first "
                            "option '{}' runs on {} ({} × {} GB) while '{}' runs on {} ({} × {} GB): give "
                            "them the same hardware or different pools",
                            l.name, l.pool, o.name, hw(o), format_number(o.hardware.accelerators.value, 0),
                            format_number(o.hardware.memory_gb.value, 2), l.name, hw(l),
                            format_number(l.hardware.accelerators.value, 0),
                            format_number(l.hardware.memory_gb.value, 2)));
        }
        struct Shared {
            const char* key;
            double mine;
            double owners;
        };
        auto value = [](const std::optional<Num>& n) { return n ? n->value : -1.0; };
        const Shared shared[] = {
            {"hardware.purchase", value(l.hardware.purchase), value(o.hardware.purchase)},
            {"hardware.rent_per_hour", value(l.hardware.rent_per_hour), value(o.hardware.rent_per_hour)},
            {"hardware.billing", static_cast<double>(l.hardware.billing),
             static_cast<double>(o.hardware.billing)},
            {"hardware.residual", static_cast<double>(l.hardware.residual),
             static_cast<double>(o.hardware.residual)},
            {"hardware.lifetime_months", l.hardware.lifetime_months.value, o.hardware.lifetime_months.value},
            {"machines", l.machines ? *l.machines : -1.0, o.machines ? *o.machines : -1.0},
            {"power.idle_watts", l.power.idle_watts.value, o.power.idle_watts.value},
            {"power.active_watts", l.power.active_watts.value, o.power.active_watts.value},
            {"power.always_on", l.power.always_on ? 1.0 : 0.0, o.power.always_on ? 1.0 : 0.0},
            {"power.electricity_per_kwh", l.power.electricity_per_kwh.value,
             o.power.electricity_per_kwh.value},
            {"power.pue", l.power.pue.value, o.power.pue.value},
            {"setup_hours", l.setup_hours.value, o.setup_hours.value},
            {"setup_hours_per_added_machine", l.setup_hours_per_added_machine.value,
             o.setup_hours_per_added_machine.value},
            {"maintenance_hours_per_month", l.maintenance_hours_per_month.value,
             o.maintenance_hours_per_month.value},
            {"maintenance_hours_per_machine_month", l.maintenance_hours_per_machine_month.value,
             o.maintenance_hours_per_machine_month.value},
            {"incidents_per_year", l.incidents_per_year.value, o.incidents_per_year.value},
            {"hours_per_incident", l.hours_per_incident.value, o.hours_per_incident.value},
            {"availability", l.availability.value, o.availability.value},
        };
        for (const auto& k : shared) {
            const auto path = "options.local." + l.name + "." + k.key;
            const auto* w = written(path);
            if (!w || k.mine == k.owners) continue;
            raise(w->loc,
                  fmt::format("{}: pool '{}' takes '{}' from its first option '{}' (options.local.{}.{}): "
                              "write it there only, or the same value here",
                              path, l.pool, k.key, o.name, o.name, k.key));
        }
    }
}

} // namespace

Tree merged_tree(const std::vector<Source>& sources, const std::vector<std::string>& sets) {
    Tree root;
    bool first = true;
    for (const auto& s : sources) {
        auto tree = parse_yaml(s.text, s.display_name);
        if (tree.is_null()) {
            fail(tree.loc,
                 "the profile is empty; expected a map with version, settings, workloads and options "
                 "(see profiles/monitoring-agent.yaml)");
        }
        if (!tree.is_map()) {
            fail(
                tree.loc,
                fmt::format("a profile must be a map of keys (version, settings, workloads, options), got {}",
                            tree.kind_name()));
        }
        if (first) {
            root = std::move(tree);
            first = false;
        } else {
            merge(root, tree);
        }
    }
    for (const auto& set : sets)
        apply_set(root, set);
    return root;
}

Profile decode_profile(const Tree& root, const Catalog& catalog) {
    check_map(root, "", "a profile");
    Profile p;
    Decoder dec(p);
    const Scope top_scope{&p};
    const Reader top{&root, ""};
    p.version = top.integer("version", 1);
    if (const auto* v = root.find("version"))
        dec.written("version", *v);
    else
        p.origins["version"] = InputOrigin{};
    dec.defaults("settings", top_scope, "settings");
    dec.defaults("team", top_scope, "team");
    if (const auto* settings = root.find("settings"); settings && !settings->is_null()) {
        check_map(*settings, "settings", "'settings'");
        dec.plain(settings, "settings", top_scope, "settings");
        if (const auto* x = settings->find("exchange_rate"); x && !x->is_null()) {
            check_map(*x, "settings.exchange_rate", "'exchange_rate'");
            dec.plain(x, "settings.exchange_rate", top_scope, "settings.exchange_rate");
        }
    }

    std::map<std::string, int> workload_lines;
    if (const auto* items = named_items(root.find("workloads"), "workloads", workload_lines)) {
        for (const auto& item : *items)
            p.workloads.push_back(decode_workload(item, p, dec));
    }
    if (p.workloads.empty()) fail(root.find("workloads")->loc, "'workloads' needs at least one workload");

    const auto* options = root.find("options");
    check_map(*options, "options", "'options'");
    std::map<std::string, int> option_lines; // cloud and local share one namespace
    if (const auto* items = named_items(options->find("cloud"), "options.cloud", option_lines)) {
        for (const auto& item : *items)
            p.cloud.push_back(decode_cloud(item, catalog, p, dec));
    }
    if (const auto* items = named_items(options->find("local"), "options.local", option_lines)) {
        for (const auto& item : *items)
            p.local.push_back(decode_local(item, catalog, p, dec));
    }
    if (p.cloud.empty() && p.local.empty())
        fail(options->loc, "'options' needs at least one cloud or local option");
    apply_exchange_rate(p, root);

    for (const auto& w : p.workloads) { // every workload has an option to price it
        const bool served =
            std::any_of(p.cloud.begin(), p.cloud.end(),
                        [&](const CloudOption& c) { return serves_workload(c.serves, w.name); }) ||
            std::any_of(p.local.begin(), p.local.end(),
                        [&](const LocalOption& l) { return serves_workload(l.serves, w.name); });
        if (!served) {
            throw InputError(
                fmt::format("{}:{}:{}: error: workload '{}' is served by no option: every option's "
                            "'serves' leaves it out",
                            w.loc.file, w.loc.line, w.loc.column, w.name));
        }
    }

    std::vector<std::string> cloud_names;
    for (const auto& c : p.cloud)
        cloud_names.push_back(c.name);
    for (std::size_t i = 0; i < p.local.size(); ++i) {
        auto& l = p.local[i];
        if (l.fallback.empty()) continue;
        const auto it = std::find(cloud_names.begin(), cloud_names.end(), l.fallback);
        if (it == cloud_names.end()) {
            const auto* item = &options->find("local")->seq[i];
            fail(item->find("fallback")->loc,
                 fmt::format("fallback '{}' is not a cloud option of this profile{}", l.fallback,
                             util::did_you_mean(l.fallback, cloud_names)));
        }
        l.fallback_index = static_cast<int>(it - cloud_names.begin());
    }

    check_pools(p);
    check_catalog_bounds(p);
    // Calls within the models' windows, some option for each workload, volumes and fleets in range.
    if (const auto breach = first_limit_breach(p)) {
        auto at = p.origins[breach->path].loc;
        if (at.file.empty()) at = item_loc(p, breach->path); // (a default: blame its workload)
        throw InputError(fmt::format("{}:{}:{}: error: {}", at.file, at.line, at.column, breach->message));
    }

    for (const auto& [path, origin] : p.origins) { // the sources --explain cites, the files assumptions name
        if (origin.origin != Origin::catalog || p.catalog_sources.count(origin.detail)) continue;
        const auto& name = origin.detail;
        auto cite = [&](const auto& entry) {
            p.catalog_sources[name] = entry.source;
            if (const auto note = catalog.notes.find(entry.catalog); note != catalog.notes.end())
                p.catalog_notes[name] = note->second;
        };
        if (const auto* m = catalog.find_cloud(name))
            cite(*m);
        else if (const auto* h = catalog.find_hardware(name))
            cite(*h);
        else if (const auto* lm = catalog.find_local_model(name))
            cite(*lm);
        else if (const auto* q = catalog.find_quant(name))
            cite(*q);
        else if (const auto* e = catalog.find_engine(name))
            cite(*e);
    }

    if (const auto* team = root.find("team"); team && !team->is_null()) {
        check_map(*team, "team", "'team'");
        dec.plain(team, "team", top_scope, "team");
    }

    if (const auto* budgets = root.find("budgets"); budgets && !budgets->is_null()) {
        if (!budgets->is_seq()) fail(budgets->loc, "'budgets' must be a list");
        std::vector<std::string> workload_names;
        for (const auto& w : p.workloads)
            workload_names.push_back(w.name);
        std::vector<std::string> option_names = cloud_names;
        for (const auto& l : p.local)
            option_names.push_back(l.name);
        for (const auto& item : budgets->seq) {
            auto b = decode_budget(item, p.budgets.size(), p, dec);
            auto check_ref = [&](const std::string& value, const char* key,
                                 const std::vector<std::string>& valid, const char* what) {
                if (value.empty() || std::find(valid.begin(), valid.end(), value) != valid.end()) return;
                fail(item.find(key)->loc, fmt::format("'{}' refers to no {} named '{}'{}", key, what, value,
                                                      util::did_you_mean(value, valid)));
            };
            if (b.portfolio) {
                p.budgets.push_back(std::move(b));
                continue;
            }
            check_ref(b.workload, "workload", workload_names, "workload");
            check_ref(b.option, "option", option_names, "option");
            check_ref(b.against, "against", cloud_names, "cloud option");
            if (!b.recommend.empty() && b.recommend != "cloud" && b.recommend != "local" &&
                std::find(option_names.begin(), option_names.end(), b.recommend) == option_names.end()) {
                auto valid = option_names;
                valid.insert(valid.begin(), {"cloud", "local"});
                fail(item.find("recommend")->loc,
                     fmt::format("'recommend' must be cloud, local or an option name, got '{}'{}",
                                 b.recommend, util::did_you_mean(b.recommend, valid)));
            }
            if (!b.option.empty()) { // an option the budget names must serve the workloads it checks
                const std::vector<std::string>* serves = nullptr;
                for (const auto& c : p.cloud)
                    if (c.name == b.option) serves = &c.serves;
                for (const auto& l : p.local)
                    if (l.name == b.option) serves = &l.serves;
                if (serves && !serves->empty()) {
                    if (!b.workload.empty() && !serves_workload(*serves, b.workload)) {
                        fail(item.find("option")->loc,
                             fmt::format("option '{}' does not serve workload '{}' (it serves {})", b.option,
                                         b.workload, fmt::join(*serves, ", ")));
                    }
                    if (b.workload.empty() && serves->size() < p.workloads.size()) {
                        fail(item.find("option")->loc,
                             fmt::format("option '{}' serves only {}: name one of them in the budget's "
                                         "'workload'",
                                         b.option, fmt::join(*serves, ", ")));
                    }
                }
            }
            if (b.breakeven_within_months && !b.option.empty() &&
                std::find(cloud_names.begin(), cloud_names.end(), b.option) != cloud_names.end()) {
                fail(item.find("option")->loc,
                     fmt::format("'breakeven_within_months' needs a local option; '{}' is a "
                                 "cloud option",
                                 b.option));
            }
            p.budgets.push_back(std::move(b));
        }
    }
    return p;
}

Profile load_profile(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog) {
    return decode_profile(merged_tree(sources, sets), catalog);
}

} // namespace llmtco::load
