#include "render/plan.hpp"

#include "llmtco/money.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::size_t shown(const load::PlanWorkload& w, std::size_t top) {
    return top == 0 ? w.rows.size() : std::min(top, w.rows.size());
}

std::vector<std::string> header() {
    return {"#", "option", "machines", "batch", "tok/s/stream", "latency ms", "per Mtok", "total"};
}

std::vector<std::string> cells(const load::PlanRow& r, std::size_t rank, const std::string& cur) {
    if (r.cloud) {
        return {std::to_string(rank),
                fmt::format("{} ({}{}){}", r.name, r.hosted ? "hosted" : "cloud",
                            r.model.empty() ? "" : ", " + r.model, r.note.empty() ? "" : " — " + r.note),
                "—",
                "—",
                "—",
                r.latency_known ? format_number(r.latency_ms, 0) : "—",
                format_money_exact(checked(r.cost_per_mtok, "cost_per_mtok"), cur),
                format_money(checked(r.total, "total"), cur)};
    }
    return {std::to_string(rank),
            r.name + (r.offload_share > 0
                          ? fmt::format(" ({}% offloaded)", format_number(r.offload_share * 100, 0))
                          : ""),
            format_number(r.machines, 0),
            format_number(r.concurrency, 0),
            format_number(checked(r.decode_tokens_per_s, "decode_tokens_per_s"), 1),
            format_number(checked(r.latency_ms, "latency_ms"), 0),
            format_money_exact(checked(r.cost_per_mtok, "cost_per_mtok"), cur),
            format_money(checked(r.total, "total"), cur)};
}

std::string summary(const load::Plan& p, const load::PlanWorkload& w, std::size_t top) {
    const std::size_t fitting = w.candidates - w.not_fitting - w.too_slow - w.unserved;
    return fmt::format(
        "{} — {} calls/day, {} months, {}\n  {}: {} hardware × model × quant × engine combinations, {} "
        "serve it ({} do not fit, {} too slow for max_latency_ms, {} leave calls unserved or need "
        "too many machines){}\n  labour, power and fallback of {}; showing {} of {} rows",
        w.name, format_number(w.calls_per_day, 0), p.horizon_months, p.currency,
        p.models.empty() ? std::string("every catalog model")
                         : fmt::format("models {}", fmt::join(p.models, ", ")),
        w.candidates, fitting, w.not_fitting, w.too_slow, w.unserved,
        w.variants ? fmt::format("; the cheapest quant × engine of each hardware × model ({} dearer "
                                 "variants: --variants)",
                                 w.variants)
                   : std::string(),
        p.template_option, shown(w, top), w.rows.size());
}

} // namespace

std::string plan_table(const load::Plan& p, std::size_t top, const Style& style) {
    std::string out = exchange_rate_line(p.currency, p.exchange_rate);
    for (const auto& w : p.workloads) {
        if (&w != &p.workloads.front()) out += "\n";
        out += style.bold(summary(p, w, top)) + "\n\n";
        std::vector<std::vector<std::string>> rows{header()};
        for (std::size_t i = 0; i < shown(w, top); ++i)
            rows.push_back(cells(w.rows[i], i + 1, p.currency));
        out += aligned_table(rows, {true, false, true, true, true, true, true, true}, style);
    }
    return out;
}

std::string plan_markdown(const load::Plan& p, std::size_t top) {
    std::string out = exchange_rate_line(p.currency, p.exchange_rate);
    for (const auto& w : p.workloads) {
        out += fmt::format("## {}\n\n{}\n\n", markdown_text(w.name), markdown_text(summary(p, w, top)));
        out += "| # | option | machines | batch | tok/s/stream | latency ms | per Mtok | total |\n";
        out += "|---:|---|---:|---:|---:|---:|---:|---:|\n";
        for (std::size_t i = 0; i < shown(w, top); ++i) {
            auto c = cells(w.rows[i], i + 1, p.currency);
            for (auto& text : c)
                text = markdown_text(text);
            out += "| " + fmt::format("{}", fmt::join(c, " | ")) + " |\n";
        }
        out += "\n";
    }
    return out;
}

std::string plan_csv(const load::Plan& p, std::size_t top) {
    std::string out = "workload,rank,kind,option,hardware,model,quant,engine,machines,concurrency,"
                      "decode_tokens_per_s,decode_tokens_per_s_aggregate,latency_ms,bound,offload_share,"
                      "cost_per_mtok,total,note,billing\n";
    for (const auto& w : p.workloads) {
        for (std::size_t i = 0; i < shown(w, top); ++i) {
            const auto& r = w.rows[i];
            out += fmt::format(
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(w.name), i + 1,
                r.cloud ? (r.hosted ? "hosted" : "cloud") : "local", csv_field(r.name), csv_field(r.hardware),
                csv_field(r.model), r.quant, r.engine, r.cloud ? "" : fmt::format("{}", r.machines),
                r.cloud ? "" : fmt::format("{}", r.concurrency),
                r.cloud ? "" : fmt::format("{}", r.decode_tokens_per_s),
                r.cloud ? "" : fmt::format("{}", r.decode_tokens_per_s_aggregate),
                r.latency_known ? fmt::format("{}", r.latency_ms) : "", r.bound,
                r.cloud ? "" : fmt::format("{}", r.offload_share), checked(r.cost_per_mtok, "cost"),
                checked(r.total, "total"), csv_field(r.note), r.billing);
        }
    }
    return out;
}

nlohmann::ordered_json plan_json(const load::Plan& p, std::size_t top) {
    using json = nlohmann::ordered_json;
    json j{{"currency", p.currency},
           {"horizon_months", p.horizon_months},
           {"template_option", p.template_option},
           {"workloads", json::array()}};
    add_exchange_rate(j, p.currency, p.exchange_rate);
    for (const auto& w : p.workloads) {
        json rows = json::array();
        for (std::size_t i = 0; i < shown(w, top); ++i) {
            const auto& r = w.rows[i];
            json row{{"rank", i + 1},
                     {"kind", r.cloud ? (r.hosted ? "hosted" : "cloud") : "local"},
                     {"option", r.name}};
            if (r.cloud) {
                row["model"] = r.model;
                row["latency_ms"] = r.latency_known ? json(r.latency_ms) : json(nullptr);
                row["note"] = r.note;
            } else {
                row["hardware"] = r.hardware;
                row["billing"] = r.billing.empty() ? json(nullptr) : json(r.billing);
                row["model"] = r.model;
                row["quant"] = r.quant;
                row["engine"] = r.engine;
                row["machines"] = r.machines;
                row["concurrency"] = r.concurrency;
                row["decode_tokens_per_s"] = checked(r.decode_tokens_per_s, "decode_tokens_per_s");
                row["decode_tokens_per_s_aggregate"] = checked(r.decode_tokens_per_s_aggregate, "aggregate");
                row["latency_ms"] = checked(r.latency_ms, "latency_ms");
                row["bound"] = r.bound;
                row["offload_share"] = r.offload_share;
            }
            row["cost_per_mtok"] = checked(r.cost_per_mtok, "cost_per_mtok");
            row["total_cost"] = checked(r.total, "total");
            rows.push_back(std::move(row));
        }
        j["workloads"].push_back({{"name", w.name},
                                  {"calls_per_day", w.calls_per_day},
                                  {"candidates", w.candidates},
                                  {"not_fitting", w.not_fitting},
                                  {"too_slow", w.too_slow},
                                  {"unserved_or_too_many_machines", w.unserved},
                                  {"rows_total", w.rows.size()},
                                  {"rows", rows}});
    }
    return j;
}

} // namespace llmtco::render
