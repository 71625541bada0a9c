#include "catalog/catalog.hpp"
#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "llmtco/money.hpp"
#include "load/profile_loader.hpp"
#include "render/catalog.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace llmtco::cli {
namespace {

struct PricesOptions {
    std::string what = "list";
    std::string name;
    std::string provider;
    std::string mode;
    std::string filter;
    std::string sort = "name";
    std::string format;
    std::vector<std::string> catalogs;
    bool local = false;
    bool no_color = false;
};

Catalog load_catalog(const PricesOptions& o) { return cli::load_catalog(o.catalogs); }

void list(const PricesOptions& o) {
    const auto c = load_catalog(o);
    CommonOptions common;
    common.no_color = o.no_color;
    const render::Style style{render_options(common).color};
    if (o.local) {
        write_stdout(render::local_catalog_table(c, style));
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
    if (o.format == "json") {
        auto j = nlohmann::ordered_json::array();
        for (const auto* m : models)
            j.push_back(render::cloud_model_json(*m));
        write_stdout(render::dump(j));
    } else if (o.format == "csv") {
        write_stdout(render::cloud_models_csv(models));
    } else {
        write_stdout(
            render::cloud_models_table(models, style) +
            fmt::format("\n{} models. Prices in USD per million tokens; 'llm-tco prices show NAME' for "
                        "sources, 'llm-tco prices list --local' for hardware and local models.\n",
                        models.size()));
    }
}

void show(const PricesOptions& o) {
    const auto c = load_catalog(o);
    if (const auto* m = c.find_cloud(o.name)) {
        if (o.format == "json") {
            write_stdout(render::dump(render::cloud_model_json(*m)));
            return;
        }
        std::string out = fmt::format("{} ({}, {})\n", m->name, m->provider, m->mode);
        out += fmt::format("  input:          {}/Mtok\n", format_money(m->price.input_per_mtok.value));
        out += fmt::format("  output:         {}/Mtok\n", format_money(m->price.output_per_mtok.value));
        if (m->price.cached_input_per_mtok) {
            out += fmt::format("  cached input:   {}/Mtok\n",
                               format_money(m->price.cached_input_per_mtok->value));
        }
        if (m->price.reasoning_per_mtok) {
            out +=
                fmt::format("  reasoning:      {}/Mtok\n", format_money(m->price.reasoning_per_mtok->value));
        }
        if (m->price.batch_discount.value > 0) {
            out += fmt::format("  batch discount: {}%\n", format_number(m->price.batch_discount.value * 100));
        }
        for (const auto& t : m->price.tiers) {
            out += fmt::format("  above {} input tokens: {} in / {} out per Mtok (whole call)\n",
                               format_number(t.above_input_tokens), format_money(t.input_per_mtok.value),
                               format_money(t.output_per_mtok.value));
        }
        if (!m->aliases.empty()) out += fmt::format("  aliases:        {}\n", fmt::join(m->aliases, ", "));
        out += fmt::format("  as of:          {}\n  source:         {}\n", m->as_of, m->source);
        write_stdout(out);
        return;
    }
    if (const auto* h = c.find_hardware(o.name)) {
        std::string out = fmt::format("{}: {}\n", h->name, h->description);
        if (h->purchase) out += fmt::format("  purchase:  {}\n", format_money(*h->purchase));
        if (h->rent_per_hour) out += fmt::format("  rent:      {}/h\n", format_money(*h->rent_per_hour));
        out +=
            fmt::format("  RAM:       {} GB\n  power:     {} W idle, {} W active\n", format_number(h->ram_gb),
                        format_number(h->idle_watts), format_number(h->active_watts));
        out += fmt::format("  as of:     {}\n  source:    {}\n", h->as_of, h->source);
        write_stdout(out);
        return;
    }
    if (const auto* m = c.find_local_model(o.name)) {
        write_stdout(
            fmt::format("{}: {} B parameters, KV cache {} GB at {} tokens\n  as of:  {}\n  source: {}\n",
                        m->name, format_number(m->params_b, 3), format_number(m->kv_cache_gb, 3),
                        format_number(m->context_tokens), m->as_of, m->source));
        return;
    }
    if (const auto* q = c.find_quant(o.name)) {
        write_stdout(fmt::format("{}: {} bits per weight\n  as of:  {}\n  source: {}\n", q->name,
                                 format_number(q->bits_per_weight, 4), q->as_of, q->source));
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
    sub.add_option("ACTION", o.what, "list (default) or show")->check(CLI::IsMember({"list", "show"}));
    sub.add_option("NAME", o.name, "With show: a cloud model, hardware, local model or quantisation");
    sub.add_option("--provider", o.provider, "Only this provider (anthropic, openai, …)");
    sub.add_option("--mode", o.mode, "Only chat or embedding models")
        ->check(CLI::IsMember({"chat", "embedding"}));
    sub.add_option("--name", o.filter, "Only models whose name contains this");
    sub.add_option("--sort", o.sort, "Sort by name, provider, input or output price")
        ->check(CLI::IsMember({"name", "provider", "input", "output"}));
    sub.add_flag("--local", o.local, "List hardware, local models and quantisation formats instead");
    sub.add_option("-f,--format", o.format, "table (default), json or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}));
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    sub.add_flag("--no-color", o.no_color, "No colour");
    sub.footer(
        R"(The catalog is compiled in (profiles/catalog/*.yaml); every entry has an as_of date and a source.

Examples:
  llm-tco prices list --provider anthropic --sort input
  llm-tco prices list --mode embedding --format json
  llm-tco prices show claude-3-5-haiku
  llm-tco prices list --local)");
    sub.callback([&ctx] {
        if (o.what == "show") {
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
