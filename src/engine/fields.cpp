#include "llmtco/fields.hpp"

namespace llmtco {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The rows with a target whose pattern is `item_pattern` + "." + more, not inside a nested list
/// given in `nested` (a cloud option's tiers are listed per tier).
void add_rows(std::vector<Binding>& out, std::string_view item_pattern, const std::string& concrete,
              const Address& at, std::string_view nested = {}) {
    const std::string prefix = item_pattern.empty() ? std::string() : std::string(item_pattern) + ".";
    for (const auto& k : key_table()) {
        if (std::holds_alternative<std::monostate>(k.target)) continue;
        if (!starts_with(k.path, prefix)) continue;
        const auto rest = k.path.substr(prefix.size());
        if (rest.find("[]") != std::string_view::npos) continue; // inside a list of its own
        if (!nested.empty() && starts_with(k.path, nested)) continue;
        out.push_back({concrete.empty() ? std::string(rest) : concrete + "." + std::string(rest), &k, at});
    }
}

void add_root_rows(std::vector<Binding>& out) {
    for (const auto& k : key_table()) { // settings, team, version: no list above them
        if (!std::holds_alternative<std::monostate>(k.target) && k.path.find("[]") == std::string_view::npos)
            out.push_back({std::string(k.path), &k, {}});
    }
}

void add_cloud_rows(std::vector<Binding>& out, const Profile& p, std::size_t i) {
    const auto concrete = "options.cloud." + p.cloud[i].name;
    add_rows(out, "options.cloud[]", concrete, Address{.cloud = static_cast<int>(i)});
    for (std::size_t t = 0; t < p.cloud[i].price.tiers.size(); ++t) {
        add_rows(out, "options.cloud[].price.tiers[]", concrete + ".price.tiers." + std::to_string(t),
                 Address{.cloud = static_cast<int>(i), .tier = static_cast<int>(t)});
    }
}

} // namespace

std::vector<Binding> bindings(const Profile& p) {
    std::vector<Binding> out;
    out.reserve(16 + 16 * p.workloads.size() + 16 * p.cloud.size() + 40 * p.local.size());
    add_root_rows(out);
    for (std::size_t i = 0; i < p.workloads.size(); ++i)
        add_rows(out, "workloads[]", "workloads." + p.workloads[i].name,
                 Address{.workload = static_cast<int>(i)});
    for (std::size_t i = 0; i < p.cloud.size(); ++i)
        add_cloud_rows(out, p, i);
    for (std::size_t i = 0; i < p.local.size(); ++i)
        add_rows(out, "options.local[]", "options.local." + p.local[i].name,
                 Address{.local = static_cast<int>(i)});
    for (std::size_t i = 0; i < p.budgets.size(); ++i)
        add_rows(out, "budgets[]", "budgets." + std::to_string(i), Address{.budget = static_cast<int>(i)});
    return out;
}

std::vector<Binding> item_bindings(const Profile& p, const Address& item) {
    std::vector<Binding> out;
    const auto i = [](int index) { return static_cast<std::size_t>(index); };
    if (item.workload >= 0)
        add_rows(out, "workloads[]", "workloads." + p.workloads[i(item.workload)].name, item);
    else if (item.cloud >= 0)
        add_cloud_rows(out, p, i(item.cloud));
    else if (item.local >= 0)
        add_rows(out, "options.local[]", "options.local." + p.local[i(item.local)].name, item);
    else if (item.budget >= 0)
        add_rows(out, "budgets[]", "budgets." + std::to_string(item.budget), item);
    else
        add_root_rows(out);
    return out;
}

Scope scope_at(Profile& p, const Address& at) {
    Scope s;
    s.profile = &p;
    if (at.workload >= 0) s.workload = &p.workloads[static_cast<std::size_t>(at.workload)];
    if (at.cloud >= 0) {
        s.cloud = &p.cloud[static_cast<std::size_t>(at.cloud)];
        if (at.tier >= 0) s.tier = &s.cloud->price.tiers[static_cast<std::size_t>(at.tier)];
    }
    if (at.local >= 0) s.local = &p.local[static_cast<std::size_t>(at.local)];
    if (at.budget >= 0) s.budget = &p.budgets[static_cast<std::size_t>(at.budget)];
    return s;
}

bool is_money_key(const KeySpec& k) {
    return starts_with(k.unit, "currency") && k.path != "settings.exchange_rate.rate";
}

bool converted_from_usd(const Profile& p, const std::string& path) {
    const auto& x = p.settings.exchange_rate;
    if (!x.converts(p.settings.currency)) return false;
    const auto it = p.origins.find(path);
    return it != p.origins.end() &&
           (it->second.origin == Origin::catalog || it->second.origin == Origin::default_value);
}

std::vector<Field> numeric_fields(Profile& p) {
    std::vector<Field> out;
    for (const auto& b : bindings(p)) {
        auto scope = scope_at(p, b.at);
        if (const auto* f = std::get_if<Num* (*)(Scope&)>(&b.key->target)) {
            out.push_back({b.path, (*f)(scope), b.key});
        } else if (const auto* g = std::get_if<std::optional<Num>* (*)(Scope&)>(&b.key->target)) {
            if (auto* n = (*g)(scope); n->has_value()) out.push_back({b.path, &**n, b.key});
        } else if (const auto* r = std::get_if<CallRate* (*)(Scope&)>(&b.key->target)) {
            out.push_back({b.path, &(*r)(scope)->amount, b.key});
        }
    }
    return out;
}

std::vector<Field> ranged_fields(Profile& p) {
    std::vector<Field> out;
    for (auto& f : numeric_fields(p)) {
        if (f.num->ranged()) out.push_back(f);
    }
    return out;
}

} // namespace llmtco
