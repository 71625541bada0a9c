#include "load/plan.hpp"

#include "catalog/apply.hpp"
#include "llmtco/capacity.hpp"
#include "llmtco/engine.hpp"
#include "load/exchange_rate.hpp"
#include "load/profile_loader.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace llmtco::load {
namespace {

template <typename T>
void check_names(const std::vector<std::string>& wanted, const std::vector<T>& entries, const char* flag,
                 const std::vector<std::string>& names) {
    for (const auto& w : wanted) {
        if (std::none_of(entries.begin(), entries.end(), [&](const T& e) { return e.name == w; })) {
            throw UsageError(fmt::format("{} '{}' is not in the catalog{}; see 'llm-tco prices list --local'",
                                         flag, w, util::did_you_mean(w, names)));
        }
    }
}

bool wanted(const std::vector<std::string>& filter, const std::string& name) {
    return filter.empty() || std::find(filter.begin(), filter.end(), name) != filter.end();
}

/// The local option whose labour, power price and fallback every candidate keeps.
LocalOption template_option(const Profile& p, const Catalog& c, const PlanFilters& f, std::string* from) {
    if (!f.like.empty()) {
        for (const auto& l : p.local) {
            if (l.name == f.like) {
                *from = l.name;
                return l;
            }
        }
        std::vector<std::string> names;
        for (const auto& l : p.local)
            names.push_back(l.name);
        throw UsageError(fmt::format("--like '{}' is not a local option of the profile{}", f.like,
                                     util::did_you_mean(f.like, names)));
    }
    if (!p.local.empty()) {
        *from = p.local.front().name;
        return p.local.front();
    }
    // No local option: the key table's defaults of one (labour defaults and all).
    *from = "the defaults of a local option";
    const auto bare = load_profile({Source{"<plan>", R"(workloads: [{name: w, calls: 1/day, input_tokens: 1}]
options: {local: [{name: t, hardware: rtx-4090-workstation, model: llama-3.1-8b}]})"}},
                                   {}, c);
    return bare.local.front();
}

bool is_quant_for(const Quant& q, const LocalModelPreset& m) {
    // Formats a model ships in only (MXFP4: gpt-oss); every other quant applies to any model.
    if (q.name == "MXFP4") return m.name.rfind("gpt-oss", 0) == 0;
    return q.name != "BF16"; // the same size and speed as F16: listed once
}

} // namespace

Plan plan(const Profile& p, const Catalog& c, const PlanFilters& f) {
    check_names(f.hardware, c.hardware, "--hardware", c.hardware_names());
    std::vector<std::string> models = f.models;
    if (models.size() == 1 && models[0] == "all") {
        models.clear();
    } else if (models.empty()) { // the models the profile's local options run
        for (const auto& l : p.local) {
            if (!l.model.preset.empty() &&
                std::find(models.begin(), models.end(), l.model.preset) == models.end())
                models.push_back(l.model.preset);
        }
    }
    check_names(models, c.local_models, "--model", c.local_model_names());
    check_names(f.engines, c.engines, "--engine", c.engine_names());
    Plan out;
    out.currency = p.settings.currency;
    out.horizon_months = p.settings.horizon_months;
    out.models = models;
    const auto base = template_option(p, c, f, &out.template_option);
    // The catalog's USD prices in the profile's currency, as the loader converts a preset's.
    const auto& x = p.settings.exchange_rate;
    const double usd_rate = x.converts(p.settings.currency) ? x.rate : 1;
    out.exchange_rate = x;
    std::vector<double> monthly, recurring;
    LocalOption l = base; // what every candidate keeps: labour, power price, fallback, availability
    l.machines.reset();
    l.latency_ms.reset();
    l.throughput.prefill_tokens_per_s = Num::point(0);
    l.throughput.decode_tokens_per_s = Num::point(0);
    l.model = LocalModel{};
    l.model.kv_bits = Num::point(16);
    l.serving = Serving{};
    l.notes.clear();
    for (const auto& w : p.workloads) {
        PlanWorkload pw;
        pw.name = w.name;
        pw.calls_per_day = w.calls.calls_per_day(p.settings.days_per_month);
        const bool embedding = w.output_tokens.value + w.reasoning_tokens.value == 0;
        const double tokens = w.input_tokens.value + w.output_tokens.value + w.reasoning_tokens.value;
        for (const auto& hp : c.hardware) {
            if (!wanted(f.hardware, hp.name) || !(hp.memory_bandwidth_gbs > 0) || !(hp.tflops_fp16 > 0))
                continue;
            for (const auto& mp : c.local_models) {
                if (!wanted(models, mp.name) || mp.embedding != embedding) continue;
                for (const auto& q : c.quants) {
                    if (!is_quant_for(q, mp)) continue;
                    for (const auto& e : c.engines) {
                        if (!wanted(f.engines, e.name)) continue;
                        // One option, its catalog fields overwritten each time (a copy a candidate
                        // would be a tenth of plan's time).
                        catalog::apply_hardware(l, hp);
                        scale_hardware_money(
                            l, usd_rate); // the catalog's USD, as the loader converts a preset's
                        l.model.kv_cache_gb.reset();
                        l.model.overhead_gb.reset();
                        catalog::apply_model(l.model, mp);
                        catalog::apply_quant(l.model, q);
                        if (!catalog::engine_runs_on(e, l.hardware) ||
                            !catalog::engine_loads(c, l.model, e.name))
                            continue;
                        catalog::apply_engine(l.serving, e, l.hardware);
                        ++pw.candidates;
                        const auto cap = local_capacity(w, l, pw.calls_per_day);
                        if (!cap.fits) {
                            ++pw.not_fitting;
                            continue;
                        }
                        if (w.max_latency_ms && cap.latency_ms > w.max_latency_ms->value) {
                            ++pw.too_slow;
                            continue;
                        }
                        // A rented machine on each of its purchase terms: on demand only when it can
                        // scale to zero (calls in fewer than 24 hours a day), else it is always on.
                        std::vector<Billing> billings{l.hardware.billing};
                        auto also = [&](Billing b) {
                            if (std::find(billings.begin(), billings.end(), b) == billings.end())
                                billings.push_back(b);
                        };
                        if (l.hardware.rented()) {
                            if (w.active_hours_per_day.value < 24) also(Billing::on_demand);
                            if (l.hardware.reserved.rent_per_hour) also(Billing::reserved);
                            if (l.hardware.spot.rent_per_hour) also(Billing::spot);
                        }
                        // A combination leaves calls unserved when none of its terms serves them all
                        // (spot alone may lose some); the terms that do not are left out quietly.
                        bool served = false;
                        for (const Billing billing : billings) {
                            l.hardware.billing = billing;
                            LocalSummary s;
                            const double total =
                                local_series(p, w, l, pw.calls_per_day, monthly, recurring, &s);
                            if (!s.feasible || (f.max_machines && s.machines > *f.max_machines)) continue;
                            served = true;
                            PlanRow r;
                            r.hardware = hp.name;
                            r.billing = l.hardware.rented() ? billing_name(billing) : "";
                            r.model = mp.name;
                            r.quant = q.name;
                            r.engine = e.name;
                            r.name = fmt::format("{}{} / {} {} / {}", hp.name,
                                                 billings.size() > 1 ? fmt::format(" ({})", r.billing) : "",
                                                 mp.name, q.name, e.name);
                            r.machines = s.machines;
                            r.concurrency = cap.concurrency;
                            r.decode_tokens_per_s = cap.decode_tokens_per_s;
                            r.decode_tokens_per_s_aggregate = cap.decode_tokens_per_s_aggregate;
                            r.latency_ms = cap.latency_ms;
                            r.latency_known = true;
                            r.bound = cap.memory_bound ? "memory" : "compute";
                            r.offload_share = cap.offload_share;
                            r.total = total;
                            const double served = s.calls - s.unserved_calls;
                            r.cost_per_mtok = served * tokens > 0 ? total * 1e6 / (served * tokens) : 0;
                            pw.rows.push_back(std::move(r));
                        }
                        if (!served) ++pw.unserved;
                    }
                }
            }
        }
        // The profile's cloud options, then the catalog's hosted endpoints of the planned open
        // models (the same weights as a local row, on a provider's machines, per token).
        std::vector<CloudOption> clouds(p.cloud.begin(), p.cloud.end());
        std::vector<bool> hosted(clouds.size(), false);
        std::vector<std::size_t> hosted_entry(clouds.size(), 0); // its catalog entry
        for (const auto& m : c.cloud_models) {
            if (m.open_model.empty() || !wanted(models, m.open_model)) continue;
            if (std::any_of(p.cloud.begin(), p.cloud.end(),
                            [&](const CloudOption& x) { return x.model == m.name; }))
                continue; // already an option of the profile
            CloudOption h;
            h.name = m.name;
            h.model = m.open_model;
            h.provider = m.provider;
            h.price = m.price;
            h.price.discount = Num::point(0);
            scale_cloud_money(h, usd_rate); // catalog prices are USD, as the profile's own options' were
            h.max_input_tokens = m.max_input_tokens;
            h.max_output_tokens = m.max_output_tokens;
            clouds.push_back(std::move(h));
            hosted.push_back(true);
            hosted_entry.push_back(static_cast<std::size_t>(&m - c.cloud_models.data()));
        }
        for (std::size_t k = 0; k < clouds.size(); ++k) {
            const auto& cl = clouds[k];
            const auto o = evaluate_cloud(p, w, cl, false);
            PlanRow r;
            r.cloud = true;
            r.hosted = hosted[k];
            r.name = cl.name;
            r.model = cl.model;
            r.total = o.total_cost;
            r.cost_per_mtok = o.cost_per_mtok.value_or(0);
            r.latency_known = o.latency_known;
            r.latency_ms = o.latency_ms_high;
            if (r.hosted) r.note = "catalog price of " + c.cloud_models[hosted_entry[k]].as_of;
            if (w.data_must_stay_local)
                r.note = "excluded: data must stay local";
            else if (w.max_latency_ms && (!o.latency_known || o.latency_ms_high > w.max_latency_ms->value))
                r.note =
                    o.latency_known ? "excluded: latency above max_latency_ms" : "excluded: latency unknown";
            pw.rows.push_back(std::move(r));
        }
        // Cheapest first; among equal totals (always-on rent does not depend on the model's speed) the
        // faster, then the name, so the row kept for a hardware × model is the best of its ties.
        // (by index, each row moved once: sorting 18,000 rows of eight strings moved them a
        // dozen times, a quarter of plan's time)
        std::vector<std::size_t> order(pw.rows.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
            const PlanRow& a = pw.rows[i];
            const PlanRow& b = pw.rows[j];
            if (a.total != b.total) return a.total < b.total;
            if (a.latency_ms != b.latency_ms) return a.latency_ms < b.latency_ms;
            return a.name < b.name;
        });
        std::vector<PlanRow> sorted;
        sorted.reserve(order.size());
        for (const std::size_t i : order)
            sorted.push_back(std::move(pw.rows[i]));
        pw.rows = std::move(sorted);
        if (!f.variants) { // the cheapest quantisation × engine of each hardware × model × billing
            std::vector<PlanRow> best;
            for (auto& r : pw.rows) {
                const bool seen = !r.cloud && std::any_of(best.begin(), best.end(), [&](const PlanRow& b) {
                    return !b.cloud && b.hardware == r.hardware && b.model == r.model &&
                           b.billing == r.billing;
                });
                if (seen) {
                    ++pw.variants;
                } else {
                    best.push_back(std::move(r));
                }
            }
            pw.rows = std::move(best);
        }
        out.workloads.push_back(std::move(pw));
    }
    return out;
}

} // namespace llmtco::load
