#include "catalog/catalog.hpp"
#include "catalog/price_age.hpp"
#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/output.hpp"
#include "cli/user_catalog.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/money.hpp"
#include "load/profile_loader.hpp"
#include "render/catalog.hpp"
#include "render/format.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace llmtco::cli {
namespace {

struct PricesOptions {
    std::string what = "list";
    std::string name;
    std::string other; ///< diff: the NEW catalog
    std::string provider;
    std::string mode;
    std::string filter;
    std::string sort = "name";
    std::string format;
    std::vector<std::string> catalogs;
    std::vector<std::string> profiles;
    int max_price_age = 180;
    bool local = false;
    bool no_color = false;
    bool no_user_catalog = false;
    bool remove = false; ///< import --remove
};

Catalog load_catalog(const PricesOptions& o) { return cli::load_catalog(o.catalogs, o.no_user_catalog); }

/// One place where a catalog entry feeds a profile's math, with that option's figures.
struct Use {
    std::string profile;
    std::string option;
    std::string role;
    std::string workload;
    std::optional<double> per_call;
    double per_month = 0; ///< month 1's recurring cost
    double total = 0;
    int horizon = 0;
    std::string currency;
};

/// The options of the example profiles (and of --profile files) that use the catalog entry for
/// which `matches_cloud` / `matches_local` hold, with their estimates.
template <typename CloudMatch, typename LocalMatch>
std::vector<Use> find_uses(const PricesOptions& o, const Catalog& c, CloudMatch matches_cloud,
                           LocalMatch matches_local) {
    std::vector<load::Source> sources;
    for (const auto& [name, text] : catalog::example_profiles())
        sources.push_back({std::string(name), std::string(text), {}});
    for (const auto& file : o.profiles)
        sources.push_back(read_input(file));
    std::vector<Use> uses;
    for (const auto& source : sources) {
        const auto profile = load::load_profile({source}, {}, c);
        const auto& s = profile.settings;
        auto add = [&](const Workload& w, const OptionResult& r, std::string role) {
            uses.push_back({source.display_name, r.name, std::move(role), w.name, r.cost_per_call,
                            r.recurring_cost.front(), r.total_cost, s.horizon_months, s.currency});
        };
        // only the matching options are evaluated: no breakeven searches or recommendation
        for (const auto& w : profile.workloads) {
            for (const auto& cloud : profile.cloud) {
                if (!matches_cloud(cloud)) continue;
                std::string role = "cloud option";
                for (const auto& l : profile.local) {
                    if (l.fallback == cloud.name) role += fmt::format(", fallback of '{}'", l.name);
                }
                add(w, evaluate_cloud(profile, w, cloud, false), role);
            }
            for (const auto& l : profile.local) {
                if (const char* role = matches_local(l)) add(w, evaluate_local(profile, w, l, false), role);
            }
        }
    }
    return uses;
}

nlohmann::ordered_json uses_json(const std::vector<Use>& uses) {
    auto j = nlohmann::ordered_json::array();
    for (const auto& u : uses) {
        j.push_back({{"profile", u.profile},
                     {"option", u.option},
                     {"role", u.role},
                     {"workload", u.workload},
                     {"cost_per_call", u.per_call ? nlohmann::ordered_json(*u.per_call) : nullptr},
                     {"monthly_cost", u.per_month},
                     {"total_cost", u.total},
                     {"horizon_months", u.horizon},
                     {"currency", u.currency}});
    }
    return j;
}

std::string uses_text(const std::vector<Use>& uses, const PricesOptions& o) {
    if (uses.empty()) {
        return o.profiles.empty()
                   ? "  used by:        none of the example profiles (add yours with --profile FILE)\n"
                   : "  used by:        none of the example profiles or the --profile files\n";
    }
    std::vector<std::vector<std::string>> rows{
        {"profile", "option", "as", "workload", "per call", "per month", "total"}};
    for (const auto& u : uses) {
        rows.push_back({u.profile, u.option, u.role, u.workload,
                        u.per_call ? format_money(*u.per_call, u.currency) : std::string("—"),
                        format_money(u.per_month, u.currency),
                        fmt::format("{} ({} mo)", format_money(u.total, u.currency), u.horizon)});
    }
    return "  used by (the example profiles" + std::string(o.profiles.empty() ? "" : " and --profile files") +
           "; month 1's recurring cost, total over the profile's horizon):\n" +
           render::aligned_table(rows, {false, false, false, false, true, true, true}, render::Style{},
                                 "    ");
}

/// "2026-02-19 (283 days ago), older than --max-price-age 180 days".
std::string dated(const std::string& as_of, const PricesOptions& o) {
    if (as_of.empty()) return "— (the catalog file gives no date)";
    const auto today = cli::today();
    std::string out = catalog::age_phrase(as_of, today);
    if (catalog::is_stale(as_of, today, o.max_price_age))
        out += fmt::format(", older than --max-price-age {} days", o.max_price_age);
    return out;
}

/// Which catalog an entry came from, as `prices show` says it: "built-in", "--catalog extra.json",
/// "user catalog ~/.local/share/llm-tco/prices.json, imported 2026-12-04 from /path/original.json".
std::string catalog_text(const std::string& label, const Catalog& c) {
    if (const auto note = c.notes.find(label); note != c.notes.end()) return note->second;
    return label == "built-in" ? label : "--catalog " + label;
}

nlohmann::ordered_json age_json(const std::string& as_of, const PricesOptions& o) {
    const auto today = cli::today();
    const auto age = catalog::days_between(as_of, today);
    return {{"age_days", age ? nlohmann::ordered_json(*age) : nullptr},
            {"stale", catalog::is_stale(as_of, today, o.max_price_age)}};
}

render::Style prices_style(const PricesOptions& o) {
    CommonOptions common;
    common.no_color = o.no_color;
    return render::Style{render_options(common).color};
}

std::string models_table(const std::vector<const CloudModel*>& models, const PricesOptions& o) {
    std::vector<std::string> stale;
    const auto now = cli::today();
    for (const auto* m : models)
        if (catalog::is_stale(m->as_of, now, o.max_price_age)) stale.push_back(m->name);
    return render::cloud_models_table(models, prices_style(o), now) +
           fmt::format("\n{} models. Prices in USD per million tokens; 'llm-tco prices show NAME' for "
                       "sources, 'llm-tco prices list --local' for hardware and local models.\n",
                       models.size()) +
           (stale.empty() ? ""
                          : fmt::format("Older than --max-price-age {} days: {} (a profile using them gets a "
                                        "warning).\n",
                                        o.max_price_age, fmt::join(stale, ", ")));
}

std::string models_json(const std::vector<const CloudModel*>& models, const PricesOptions& o) {
    auto j = nlohmann::ordered_json::array();
    for (const auto* m : models) {
        auto model = render::cloud_model_json(*m);
        model.update(age_json(m->as_of, o));
        j.push_back(std::move(model));
    }
    return render::dump(j);
}

std::string models_csv(const std::vector<const CloudModel*>& models, const PricesOptions&) {
    return render::cloud_models_csv(models, cli::today());
}

/// One entry of `prices show`: its fields, its date and where it is used.
struct ShownEntry {
    nlohmann::ordered_json json;
    std::string text;
    std::string as_of;
    std::vector<Use> uses;
};

std::string entry_text(const ShownEntry& e, const PricesOptions& o) { return e.text + uses_text(e.uses, o); }

std::string entry_json(const ShownEntry& e, const PricesOptions& o) {
    auto j = e.json;
    j.update(age_json(e.as_of, o));
    j["used_by"] = uses_json(e.uses);
    return render::dump(j);
}

/// How each --format prints `prices list`, `prices list --local` and `prices show`.
struct PricesFormat {
    std::string (*models)(const std::vector<const CloudModel*>&, const PricesOptions&);
    std::string (*local)(const Catalog&, const PricesOptions&); ///< null: not with --local
    std::string (*entry)(const ShownEntry&, const PricesOptions&);
};

} // namespace

static const FormatTable<PricesFormat> kPricesFormats{
    {"table",
     {models_table,
      [](const Catalog& c, const PricesOptions& o) {
          return render::local_catalog_table(c, prices_style(o));
      },
      entry_text}},
    {"json",
     {models_json,
      [](const Catalog& c, const PricesOptions&) { return render::dump(render::local_catalog_json(c)); },
      entry_json}},
    {"csv", {models_csv, nullptr, entry_text}},
};

const FormatList& prices_formats() { return kPricesFormats; }

namespace {

/// A catalog file on its own (LiteLLM JSON or llm-tco YAML); "builtin": the compiled-in one;
/// "user": the built-in one with the user catalog over it, as the other commands see them.
Catalog catalog_file(const std::string& path) {
    if (path == "builtin") return catalog::builtin();
    if (path == "user") {
        const auto user = installed_user_catalog();
        if (!user)
            throw UsageError("prices diff: no user catalog is installed ('llm-tco prices import FILE')");
        Catalog c = catalog::builtin();
        merge_user_catalog(c, *user);
        return c;
    }
    Catalog c;
    const auto source = read_input(path);
    catalog::merge_catalog_file(c, source.text, source.display_name);
    return c;
}

/// The prices of a model that a diff compares, by name, as $/Mtok (batch as a share).
std::vector<std::pair<std::string, std::optional<double>>> compared(const CloudModel& m) {
    auto opt = [](const std::optional<Num>& n) { return n ? std::optional<double>(n->value) : std::nullopt; };
    return {{"input", m.price.input_per_mtok.value},
            {"output", m.price.output_per_mtok.value},
            {"cached input", opt(m.price.cached_input_per_mtok)},
            {"cache write", opt(m.price.cache_write_per_mtok)},
            {"cache write 1h", opt(m.price.cache_write_1h_per_mtok)},
            {"reasoning", opt(m.price.reasoning_per_mtok)},
            {"batch discount", m.price.batch_discount.value}};
}

/// `prices diff OLD NEW`: the cloud models added, removed and repriced between two catalogs.
void diff(const PricesOptions& o) {
    if (o.name.empty() || o.other.empty())
        throw UsageError("prices diff needs two catalogs: prices diff OLD NEW (a file, or 'builtin')");
    const auto before = catalog_file(o.name), after = catalog_file(o.other);
    auto find = [](const Catalog& c, const std::string& name) -> const CloudModel* {
        for (const auto& m : c.cloud_models)
            if (m.name == name) return &m;
        return nullptr;
    };
    std::vector<std::string> added, removed;
    struct Change {
        std::string model, what;
        std::optional<double> from, to;
    };
    std::vector<Change> changes;
    for (const auto& m : after.cloud_models) {
        const auto* old = find(before, m.name);
        if (!old) {
            added.push_back(m.name);
            continue;
        }
        const auto a = compared(*old), b = compared(m);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const bool differ = a[i].second.has_value() != b[i].second.has_value() ||
                                (a[i].second && std::fabs(*a[i].second - *b[i].second) > 1e-12);
            if (differ) changes.push_back({m.name, a[i].first, a[i].second, b[i].second});
        }
    }
    for (const auto& m : before.cloud_models)
        if (!find(after, m.name)) removed.push_back(m.name);
    std::sort(added.begin(), added.end());
    std::sort(removed.begin(), removed.end());
    if (o.format == "json") {
        nlohmann::ordered_json j;
        j["old"] = o.name;
        j["new"] = o.other;
        j["added"] = added;
        j["removed"] = removed;
        auto& list = j["repriced"] = nlohmann::ordered_json::array();
        for (const auto& c : changes) {
            list.push_back({{"model", c.model},
                            {"price", c.what},
                            {"old", c.from ? nlohmann::ordered_json(*c.from) : nlohmann::ordered_json()},
                            {"new", c.to ? nlohmann::ordered_json(*c.to) : nlohmann::ordered_json()}});
        }
        write_stdout(j.dump(2) + "\n");
        return;
    }
    if (o.format == "csv") throw UsageError("prices diff prints a table or JSON (--format table|json)");
    auto price = [](const std::string& what, const std::optional<double>& v) {
        if (!v) return std::string("—");
        return what == "batch discount" ? fmt::format("{}%", format_number(*v * 100))
                                        : format_unit_price(*v) + "/Mtok";
    };
    std::size_t models = 0;
    for (std::size_t k = 0; k < changes.size(); ++k)
        if (k == 0 || changes[k].model != changes[k - 1].model) ++models;
    std::string out = fmt::format("{} → {}: {} added, {} removed, {} price{} changed on {} model{}\n", o.name,
                                  o.other, added.size(), removed.size(), changes.size(),
                                  changes.size() == 1 ? "" : "s", models, models == 1 ? "" : "s");
    if (!added.empty()) out += fmt::format("\nadded:   {}\n", fmt::join(added, ", "));
    if (!removed.empty()) out += fmt::format("\nremoved: {}\n", fmt::join(removed, ", "));
    if (!changes.empty()) {
        std::vector<std::vector<std::string>> rows{{"model", "price", "old", "new", "change"}};
        for (const auto& c : changes) {
            std::string change = "—";
            if (c.from && c.to && *c.from > 0)
                change = fmt::format("{:+.1f}%", 100 * (*c.to - *c.from) / *c.from);
            rows.push_back({c.model, c.what, price(c.what, c.from), price(c.what, c.to), change});
        }
        const auto table = render::aligned_table(rows, {false, false, true, true, true}, render::Style{}, "");
        out += "\n" + table;
    }
    write_stdout(out);
}

void list(const PricesOptions& o) {
    const auto c = load_catalog(o);
    const auto& format = kPricesFormats[o.format];
    if (o.local) {
        if (!format.local)
            throw UsageError("prices list --local prints table or json (three lists do not fit one CSV)");
        write_stdout(format.local(c, o));
        return;
    }
    std::vector<const CloudModel*> models;
    for (const auto& m : c.cloud_models) {
        if (!o.provider.empty() && m.provider != o.provider) continue;
        if (!o.mode.empty() && m.mode != o.mode) continue;
        if (!o.filter.empty() && m.name.find(o.filter) == std::string::npos) continue;
        models.push_back(&m);
    }
    std::stable_sort(models.begin(), models.end(), [&](const CloudModel* a, const CloudModel* b) {
        if (o.sort == "input") return a->price.input_per_mtok.value < b->price.input_per_mtok.value;
        if (o.sort == "output") return a->price.output_per_mtok.value < b->price.output_per_mtok.value;
        if (o.sort == "provider") return a->provider < b->provider;
        return a->name < b->name;
    });
    write_stdout(format.models(models, o));
}

/// Prints one entry: its fields in --format, then where it is used.
void print_entry(const PricesOptions& o, nlohmann::ordered_json j, std::string text, const std::string& as_of,
                 const std::vector<Use>& uses) {
    write_stdout(kPricesFormats[o.format].entry({std::move(j), std::move(text), as_of, uses}, o));
}

void show(const PricesOptions& o) {
    const auto c = load_catalog(o);
    if (const auto* m = c.find_cloud(o.name)) {
        const auto uses = find_uses(
            o, c, [&](const CloudOption& x) { return !x.model.empty() && c.find_cloud(x.model) == m; },
            [](const LocalOption&) -> const char* { return nullptr; });
        std::string out = fmt::format("{} ({}, {})\n", m->name, m->provider, m->mode);
        out += fmt::format("  input:          {}/Mtok\n", format_unit_price(m->price.input_per_mtok.value));
        out += fmt::format("  output:         {}/Mtok\n", format_unit_price(m->price.output_per_mtok.value));
        if (m->price.cached_input_per_mtok) {
            out += fmt::format("  cached input:   {}/Mtok\n",
                               format_unit_price(m->price.cached_input_per_mtok->value));
        }
        if (m->price.cache_write_per_mtok) {
            out += fmt::format("  cache write:    {}/Mtok (5 min)\n",
                               format_unit_price(m->price.cache_write_per_mtok->value));
        }
        if (m->price.cache_write_1h_per_mtok) {
            out += fmt::format("  cache write 1h: {}/Mtok\n",
                               format_unit_price(m->price.cache_write_1h_per_mtok->value));
        }
        if (m->price.reasoning_per_mtok) {
            out += fmt::format("  reasoning:      {}/Mtok\n",
                               format_unit_price(m->price.reasoning_per_mtok->value));
        }
        if (m->price.batch_discount.value > 0) {
            out += fmt::format("  batch discount: {}%\n", format_number(m->price.batch_discount.value * 100));
        }
        for (const auto& t : m->price.tiers) {
            out += fmt::format("  above {} input tokens: {} in / {} out per Mtok (whole call)\n",
                               format_number(t.above_input_tokens), format_unit_price(t.input_per_mtok.value),
                               format_unit_price(t.output_per_mtok.value));
        }
        if (!m->aliases.empty()) out += fmt::format("  aliases:        {}\n", fmt::join(m->aliases, ", "));
        out += fmt::format("  as of:          {}\n  source:         {}\n  catalog:        {}\n",
                           dated(m->as_of, o), m->source, catalog_text(m->catalog, c));
        print_entry(o, render::cloud_model_json(*m), out, m->as_of, uses);
        return;
    }
    if (const auto* h = c.find_hardware(o.name)) {
        const auto uses = find_uses(
            o, c, [](const CloudOption&) { return false; },
            [&](const LocalOption& l) -> const char* {
                return !l.hardware.preset.empty() && c.find_hardware(l.hardware.preset) == h
                           ? "local (hardware)"
                           : nullptr;
            });
        std::string out = fmt::format("{}: {}\n", h->name, h->description);
        if (h->purchase) out += fmt::format("  purchase:     {}\n", format_money(*h->purchase));
        if (h->rent_per_hour)
            out += fmt::format("  rent:         {}/h on demand\n", format_unit_price(*h->rent_per_hour));
        if (h->reserved) {
            out += fmt::format(
                "  reserved:     {}/h for {}-month terms ({} below on demand), as of {}\n    {}\n",
                format_unit_price(h->reserved->rent_per_hour), format_number(h->reserved->term_months),
                *h->rent_per_hour > 0
                    ? format_number(100 * (1 - h->reserved->rent_per_hour / *h->rent_per_hour), 0) + " %"
                    : std::string("—"),
                dated(h->reserved->as_of, o), h->reserved->source);
        }
        if (h->spot) {
            out += fmt::format("  spot:         {}/h, {} interruptions/day × {} min lost, as of {}\n    {}\n",
                               format_unit_price(h->spot->rent_per_hour),
                               format_number(h->spot->interruptions_per_day, 4),
                               format_number(h->spot->minutes_lost_per_interruption),
                               dated(h->spot->as_of, o), h->spot->source);
        }
        out += fmt::format("  accelerators: {} × {} GB at {} GB/s{}\n", h->accelerators,
                           format_number(h->memory_gb), format_number(h->memory_bandwidth_gbs, 1),
                           h->unified_memory ? " (unified memory)" : "");
        std::vector<std::string> tflops;
        for (const auto& [type, value] :
             {std::pair{"FP16", h->tflops_fp16}, std::pair{"FP8", h->tflops_fp8},
              std::pair{"INT8", h->tflops_int8}, std::pair{"FP4", h->tflops_fp4}}) {
            if (value > 0) tflops.push_back(fmt::format("{} {}", type, format_number(value, 1)));
        }
        out += fmt::format("  dense TFLOPS: {} (each)\n", fmt::join(tflops, ", "));
        if (h->host_ram_gb > 0)
            out += fmt::format("  host RAM:     {} GB at {} GB/s (for offload)\n",
                               format_number(h->host_ram_gb), format_number(h->host_bandwidth_gbs, 1));
        out += fmt::format(
            "  class:        {}{}; default engine {}{}\n", class_name(h->hw_class),
            h->architecture.empty() ? std::string() : " (" + h->architecture + ")", h->default_engine,
            h->engines.empty() ? std::string() : fmt::format("; runs {}", fmt::join(h->engines, ", ")));
        if (!h->rent_per_hour)
            out += fmt::format("  power:        {} W idle, {} W active\n", format_number(h->idle_watts),
                               format_number(h->active_watts));
        out += fmt::format("  as of:        {}\n  source:       {}\n  catalog:      {}\n", dated(h->as_of, o),
                           h->source, catalog_text(h->catalog, c));
        print_entry(o, render::hardware_json(*h), out, h->as_of, uses);
        return;
    }
    if (const auto* m = c.find_local_model(o.name)) {
        const auto uses = find_uses(
            o, c, [](const CloudOption&) { return false; },
            [&](const LocalOption& l) -> const char* {
                return !l.model.preset.empty() && c.find_local_model(l.model.preset) == m ? "local (model)"
                                                                                          : nullptr;
            });
        print_entry(
            o, render::local_model_json(*m),
            fmt::format(
                "{}: {} B parameters{}, {} layers, {} attention / {} KV heads × {}, KV cache {} KB per "
                "token, "
                "context window {} tokens\n  as of:   {}\n  source:  {}\n  catalog: {}\n",
                m->name, format_number(m->params_b, 3),
                m->active_params_b > 0
                    ? fmt::format(" ({} B active, {} of {} experts per token)",
                                  format_number(m->active_params_b, 3), m->experts_per_token, m->experts)
                    : std::string(),
                m->layers, m->attention_heads, m->kv_heads, m->head_dim,
                format_number((m->kv_bytes_per_token ? *m->kv_bytes_per_token
                                                     : 2.0 * m->layers * m->kv_heads * m->head_dim * 2) /
                                  1024,
                              1),
                format_number(m->context_tokens), m->as_of, m->source, catalog_text(m->catalog, c)),
            m->as_of, uses);
        return;
    }
    if (const auto* q = c.find_quant(o.name)) {
        const auto uses = find_uses(
            o, c, [](const CloudOption&) { return false; },
            [&](const LocalOption& l) -> const char* {
                return !l.model.quant.empty() && c.find_quant(l.model.quant) == q ? "local (quantisation)"
                                                                                  : nullptr;
            });
        print_entry(o, render::quant_json(*q),
                    fmt::format("{}: {} bits per weight\n  as of:   {}\n  source:  {}\n  catalog: {}\n",
                                q->name, format_number(q->bits_per_weight, 4), q->as_of, q->source,
                                catalog_text(q->catalog, c)),
                    q->as_of, uses);
        return;
    }
    auto names = c.cloud_names();
    for (auto extra : {c.hardware_names(), c.local_model_names(), c.quant_names()}) {
        names.insert(names.end(), extra.begin(), extra.end());
    }
    throw UsageError(fmt::format("'{}' is not in the catalog{}; see 'llm-tco prices list'", o.name,
                                 util::did_you_mean(o.name, names)));
}

} // namespace

void set_prices_command(CLI::App& sub, Context& ctx) {
    static PricesOptions o;
    sub.add_option("ACTION", o.what, "list (default), show, diff or import")
        ->check(CLI::IsMember({"list", "show", "diff", "import"}));
    sub.add_option("NAME", o.name,
                   "With show: a cloud model, hardware, local model or quantisation; with diff: the OLD "
                   "catalog; with import: the price file to install");
    sub.add_option("NEW", o.other, "With diff: the NEW catalog (a file, 'builtin' or 'user')");
    sub.add_option("--provider", o.provider, "Only this provider (anthropic, openai, …)");
    sub.add_option("--mode", o.mode, "Only chat or embedding models")
        ->check(CLI::IsMember({"chat", "embedding"}));
    sub.add_option("--name", o.filter, "Only models whose name contains this");
    sub.add_option("--sort", o.sort, "Sort by name, provider, input or output price")
        ->check(CLI::IsMember({"name", "provider", "input", "output"}));
    sub.add_flag("--local", o.local, "List hardware, local models and quantisation formats instead");
    kPricesFormats.add_option(sub, o.format);
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    sub.add_option("--profile", o.profiles,
                   "With show: also report how these profiles use the entry (besides the examples)");
    sub.add_option("--max-price-age", o.max_price_age,
                   "Say which prices are older than DAYS (default 180; 0: never)")
        ->check(CLI::Range(0, 100000))
        ->option_text("DAYS");
    add_user_catalog_flag(sub, o.no_user_catalog);
    sub.add_flag("--remove", o.remove, "With import: remove the user catalog");
    sub.add_flag("--no-color", o.no_color, "No colour");
    sub.footer(
        R"(The catalog is compiled in (profiles/catalog/*.yaml); every entry has an as_of date and a source.
'list' says which catalog each price comes from (built-in, user, or a --catalog file) and its age.
'show' prints every field, the entry's age, its catalog, and which options of the example profiles
(and of --profile files) use it, with what they cost there. 'diff OLD NEW' compares two catalogs
(files in llm-tco's YAML or LiteLLM's JSON, 'builtin', or 'user': the built-in catalog with the
user catalog over it): cloud models added, removed and repriced.
'import FILE' installs a newer price file (LiteLLM's model_prices_and_context_window.json, or
llm-tco's YAML) as the user catalog, in $XDG_DATA_HOME/llm-tco (default ~/.local/share/llm-tco):
every command then lays it over the built-in catalog (a --catalog file still wins over it), and
each price taken from it is an assumption naming the file. A LiteLLM file's prices are dated with
the day of the import. Importing again replaces it; 'import --remove' removes it;
--no-user-catalog (or LLMTCO_NO_USER_CATALOG=1) ignores it for one run.
Nothing is fetched from the network: fetch the file yourself (see Examples).
Prices are in USD and keep the digits they have ($0.125/Mtok); a profile in another currency
converts them at its settings.exchange_rate.

Examples:
  llm-tco prices list --provider anthropic --sort input
  llm-tco prices list --mode embedding --format json
  llm-tco prices show claude-3-5-haiku
  llm-tco prices show rtx-4090-24gb --profile my-costs.yaml
  llm-tco prices list --local
  llm-tco prices diff builtin model_prices_and_context_window.json   # what a newer LiteLLM file changes
  curl -fsSL -o model_prices.json https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json
  llm-tco prices import model_prices.json
  llm-tco prices diff builtin user                                    # what the user catalog changes
  llm-tco prices import --remove)");
    sub.callback([&ctx] {
        if (o.remove && o.what != "import")
            throw UsageError("--remove goes with import: 'llm-tco prices import --remove'");
        if (o.what == "import") {
            if (!o.other.empty()) throw UsageError("prices import takes one FILE");
            if (o.remove && !o.name.empty())
                throw UsageError(fmt::format(
                    "prices import --remove takes no FILE; it removes the installed user catalog (got '{}')",
                    o.name));
            if (o.remove)
                remove_user_catalog();
            else if (o.name.empty())
                throw UsageError("prices import needs a FILE, e.g. 'llm-tco prices import model_prices.json' "
                                 "(or --remove)");
            else
                import_user_catalog(o.name);
        } else if (o.what == "diff") {
            diff(o);
        } else if (o.what == "show") {
            if (o.name.empty())
                throw UsageError("prices show needs a NAME, e.g. 'llm-tco prices show gpt-4o-mini'");
            show(o);
        } else {
            if (!o.name.empty())
                throw UsageError(
                    fmt::format("prices list takes no NAME; did you mean 'llm-tco prices show {}'?", o.name));
            list(o);
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
