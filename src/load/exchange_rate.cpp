#include "load/exchange_rate.hpp"

#include "catalog/price_age.hpp"
#include "llmtco/fields.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

namespace llmtco::load {
namespace {

constexpr std::string_view kCatalogCurrency = "USD";

[[noreturn]] void refuse(const Loc& loc, const std::string& message) {
    throw InputError(fmt::format("{}: error: {}", loc.str(), message));
}

void scale(Num& n, double rate) {
    n.value *= rate;
    n.low *= rate;
    n.mode *= rate;
    n.high *= rate;
}

/// Multiplies the value a money key's target holds (when it holds one) by `rate`.
void scale_target(const Target& target, Scope& scope, double rate) {
    std::visit(
        [&](auto f) {
            using F = decltype(f);
            if constexpr (std::is_same_v<F, Num* (*)(Scope&)>) {
                scale(*f(scope), rate);
            } else if constexpr (std::is_same_v<F, std::optional<Num>* (*)(Scope&)>) {
                if (auto* n = f(scope); n->has_value()) scale(**n, rate);
            } else if constexpr (std::is_same_v<F, double* (*)(Scope&)>) {
                *f(scope) *= rate;
            } else if constexpr (std::is_same_v<F, std::optional<double>* (*)(Scope&)>) {
                if (auto* v = f(scope); v->has_value()) **v *= rate;
            }
        },
        target);
}

} // namespace

void apply_exchange_rate(Profile& p, const Tree& root) {
    const auto& currency = p.settings.currency;
    const auto& x = p.settings.exchange_rate;
    const auto* settings = root.find("settings");
    const auto* block = settings ? settings->find("exchange_rate") : nullptr;
    if (block && block->is_null()) block = nullptr;
    auto loc_of = [&](const Tree* map, std::string_view key) {
        const auto* v = map ? map->find(key) : nullptr;
        return v ? v->loc : (map ? map->loc : root.loc);
    };
    if (!block) {
        if (currency == kCatalogCurrency) return;
        refuse(
            loc_of(settings, "currency"),
            fmt::format("currency '{}' needs 'settings.exchange_rate: {{from: USD, rate: {} per USD, as_of: "
                        "DATE}}': the catalog's prices and the tool's money defaults (labour rate, "
                        "electricity price) are in USD",
                        currency, currency));
    }
    if (x.from != kCatalogCurrency) {
        refuse(
            loc_of(block, "from"),
            fmt::format("exchange_rate 'from' must be USD, the currency of the catalog, got '{}'", x.from));
    }
    if (!catalog::is_date(x.as_of)) {
        refuse(loc_of(block, "as_of"),
               fmt::format("exchange_rate 'as_of' must be a date, YYYY-MM-DD, got '{}'", x.as_of));
    }
    if (currency == x.from && x.rate != 1) {
        refuse(loc_of(block, "rate"),
               fmt::format("exchange_rate converts {} into {}: 'rate' must be 1, got {}", x.from, currency,
                           util::format_plain(x.rate)));
    }
    if (currency == x.from) return;
    for (const auto& b : bindings(p)) {
        if (!is_money_key(*b.key) || !converted_from_usd(p, b.path)) continue;
        auto scope = scope_at(p, b.at);
        scale_target(b.key->target, scope, x.rate);
    }
}

void scale_cloud_money(CloudOption& c, double rate) {
    constexpr std::string_view option = "options.cloud[].", tier = "options.cloud[].price.tiers[].";
    for (const auto& k : key_table()) {
        if (!is_money_key(k) || !std::string_view(k.path).starts_with(option)) continue;
        if (std::string_view(k.path).starts_with(tier)) {
            for (auto& t : c.price.tiers) {
                Scope scope{nullptr, nullptr, &c, &t};
                scale_target(k.target, scope, rate);
            }
        } else {
            Scope scope{nullptr, nullptr, &c};
            scale_target(k.target, scope, rate);
        }
    }
}

void scale_hardware_money(LocalOption& l, double rate) {
    // (the rows, found once: plan converts every candidate's hardware)
    static const std::vector<const KeySpec*> keys = [] {
        std::vector<const KeySpec*> out;
        for (const auto& k : key_table())
            if (is_money_key(k) && std::string_view(k.path).starts_with("options.local[].hardware."))
                out.push_back(&k);
        return out;
    }();
    Scope scope{nullptr, nullptr, nullptr, nullptr, &l};
    for (const auto* k : keys)
        scale_target(k->target, scope, rate);
}

} // namespace llmtco::load
