// Prints the validation of the capacity derivation as Markdown (docs/capacity.md), or with --fit
// the measured / predicted ratios at 100 % efficiency per engine and hardware class on the fitting
// rows, whose medians are the catalog's efficiency factors.
//   capacity_report tests/data/throughput/measurements.csv [--fit]
#include "catalog/catalog.hpp"
#include "llmtco/money.hpp"
#include "validation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <set>
#include <string>

using namespace llmtco;
using namespace llmtco::validation;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: capacity_report measurements.csv [--fit]\n");
        return 2;
    }
    const auto rows = read_rows(argv[1]);
    const bool fit = argc > 2 && std::string(argv[2]) == "--fit";
    if (fit) {
        // Per engine and hardware class, on the fitting rows only: the compute share from the
        // prefill rows (median of measured / ideal), then the bandwidth share and the per-layer
        // overhead of a decode step by grid search on the dense decode rows (least squared log
        // error), then the per-expert overhead on the MoE rows.
        std::map<std::string, std::vector<const Row*>> groups;
        for (const auto& row : rows) {
            if (row.status != "used" || !row.fit) continue;
            groups[predict(row).group].push_back(&row);
        }
        auto loss = [](const std::vector<const Row*>& members, const std::vector<std::string>& sets,
                       const char* only) {
            double sum = 0;
            int n = 0;
            for (const auto* row : members) {
                const bool moe = row->model.find("qwen3-30b") != std::string::npos ||
                                 row->model.find("mixtral") != std::string::npos ||
                                 row->model.find("deepseek") != std::string::npos ||
                                 row->model.find("experts") != std::string::npos ||
                                 row->model.find("gpt-oss") != std::string::npos;
                const bool offload = row->note.find("offload") != std::string::npos;
                const char* kind = offload ? "offload" : moe ? "moe" : "dense";
                if (std::string(only) != kind) continue;
                for (const auto& c : predict(*row, sets).comparisons) {
                    if (c.metric == "prefill") continue;
                    const double e = std::log(c.predicted / c.measured);
                    sum += e * e;
                    ++n;
                }
            }
            return n ? sum / n : -1.0;
        };
        // An engine without enough rows of its own inherits the factors of the engine it wraps or
        // resembles on the same class (Ollama runs llama.cpp; vLLM and SGLang, TensorRT-LLM's),
        // and fits only the per-layer and per-expert overheads on its own rows.
        const std::map<std::string, std::string> parent{
            {"ollama", "llama.cpp"}, {"vllm", "tensorrt-llm"}, {"sglang", "tensorrt-llm"}};
        struct Fit {
            double compute = 0.5, bandwidth = 0.7, per_layer = 0, per_expert = 0, host = 0.6;
        };
        std::map<std::string, Fit> fits;
        auto sets_of = [](const Fit& f, std::optional<double> layer = {}, std::optional<double> expert = {},
                          std::optional<double> bandwidth = {}, std::optional<double> host = {}) {
            return std::vector<std::string>{
                fmt::format("serving.efficiency.compute={:.3f}", f.compute),
                fmt::format("serving.efficiency.host_bandwidth={}", host.value_or(f.host)),
                fmt::format("serving.efficiency.bandwidth={}", bandwidth.value_or(f.bandwidth)),
                fmt::format("serving.efficiency.overhead_ms_per_layer={}", layer.value_or(f.per_layer)),
                fmt::format("serving.efficiency.overhead_ms_per_expert={}", expert.value_or(f.per_expert))};
        };
        auto fit_group = [&](const std::string& group, const std::vector<const Row*>& members) {
            Fit f;
            const auto engine = group.substr(0, group.find(" on "));
            const auto klass = group.substr(group.find(" on "));
            const auto up = parent.find(engine);
            const bool inherits = up != parent.end() && fits.count(up->second + klass);
            // The architectures the catalog gives a compute share of their own (the class entry's
            // by_architecture) are fitted apart; the class's share from the other rows.
            std::set<std::string> apart, apart_bandwidth;
            if (const auto* e = catalog::builtin().find_engine(engine)) {
                for (const auto& a : e->efficiency_for(*class_of(klass.substr(4))).by_architecture) {
                    if (a.compute) apart.insert(a.architecture);
                    if (a.bandwidth) apart_bandwidth.insert(a.architecture);
                }
            }
            // The decode factors of the class from the rows of the other architectures.
            std::map<std::string, std::vector<const Row*>> by_arch;
            std::vector<const Row*> class_members;
            for (const auto* row : members) {
                const auto arch = predict(*row).architecture;
                (apart_bandwidth.count(arch) ? by_arch[arch] : class_members).push_back(row);
            }
            std::map<std::string, std::vector<double>> ratios_by; // "" for the class
            for (const auto* row : members) {
                const auto r = predict(*row, {"serving.efficiency.compute=1"});
                for (const auto& c : r.comparisons) {
                    if (c.metric == "prefill")
                        ratios_by[apart.count(r.architecture) ? r.architecture : ""].push_back(c.measured /
                                                                                               c.predicted);
                }
            }
            auto median = [](std::vector<double> v) {
                std::sort(v.begin(), v.end());
                const auto n = v.size();
                return std::min(1.0, n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
            };
            const auto ratios = ratios_by[""];
            if (inherits) f = fits.at(up->second + klass);
            if (!ratios.empty()) f.compute = median(ratios);
            for (const auto& [arch, rs] : ratios_by) {
                if (!arch.empty())
                    fmt::print("{:<32} compute on {} {:.3f} ({} prefill rows)\n", group, arch, median(rs),
                               rs.size());
            }
            f.per_expert = 0;
            double best = 1e300;
            if (inherits) {
                const Fit base = f;
                for (int j = 0; j <= 80; ++j) {
                    const double o = j * 0.0025;
                    const double l = loss(members, sets_of(base, o), "dense");
                    if (l >= 0 && l < best) {
                        best = l;
                        f.per_layer = o;
                    }
                }
            } else {
                for (int i = 20; i <= 100; ++i) {
                    for (int j = 0; j <= 80; ++j) {
                        const double b = i / 100.0, o = j * 0.0025;
                        const double l = loss(class_members, sets_of(f, o, 0.0, b), "dense");
                        if (l >= 0 && l < best) {
                            best = l;
                            f.bandwidth = b;
                            f.per_layer = o;
                        }
                    }
                }
            }
            if (!inherits && best == 1e300) { // MoE rows only: the bandwidth share from them
                for (int i = 20; i <= 100; ++i) {
                    const double b = i / 100.0;
                    const double l = loss(members, sets_of(f, 0.0, 0.0, b), "moe");
                    if (l >= 0 && l < best) {
                        best = l;
                        f.bandwidth = b;
                    }
                }
            }
            double best_moe = 1e300;
            for (int k = 0; k <= 120; ++k) {
                const double o = k * 0.00025;
                const double l = loss(members, sets_of(f, {}, o), "moe");
                if (l >= 0 && l < best_moe) {
                    best_moe = l;
                    f.per_expert = o;
                }
            }
            double best_host = 1e300;
            for (int k = 10; k <= 100; ++k) {
                const double h = k / 100.0;
                const double l = loss(members, sets_of(f, {}, {}, {}, h), "offload");
                if (l >= 0 && l < best_host) {
                    best_host = l;
                    f.host = h;
                }
            }
            for (const auto& [arch, rows_of] : by_arch) { // its own bandwidth, the class's overhead
                double best_arch = 1e300, bandwidth = f.bandwidth;
                for (int i = 20; i <= 100; ++i) {
                    const double l = loss(rows_of, sets_of(f, {}, {}, i / 100.0), "dense");
                    if (l >= 0 && l < best_arch) {
                        best_arch = l;
                        bandwidth = i / 100.0;
                    }
                }
                std::string ids;
                for (const auto* row : rows_of)
                    ids += (ids.empty() ? "" : ", ") + row->id;
                fmt::print("{:<32} bandwidth on {} {:.2f} — fitted on rows {}\n", group, arch, bandwidth,
                           ids);
            }
            fits[group] = f;
            std::string ids;
            for (const auto* row : class_members)
                ids += (ids.empty() ? "" : ", ") + row->id;
            fmt::print(
                "{:<32} compute {:.3f} ({} prefill rows)  bandwidth {:.2f}  per layer {:.4f} ms  per expert "
                "{:.5f} ms  host {:.2f}{}  — fitted on rows {}\n",
                group, f.compute, ratios.size(), f.bandwidth, f.per_layer, f.per_expert, f.host,
                inherits ? fmt::format(" (inherits {})", up->second) : "", ids);
        };
        for (const auto& [group, members] : groups) { // the engines others inherit from first
            if (!parent.count(group.substr(0, group.find(" on ")))) fit_group(group, members);
        }
        for (const auto& [group, members] : groups) {
            if (parent.count(group.substr(0, group.find(" on ")))) fit_group(group, members);
        }
        return 0;
    }
    std::vector<Result> results;
    for (const auto& row : rows) {
        if (row.status == "used") results.push_back(predict(row));
    }
    fmt::print("| row | set | measured on | predicted as | metric | measured tok/s | predicted | error |\n");
    fmt::print("|---:|---|---|---|---|---:|---:|---:|\n");
    for (const auto& r : results) {
        for (const auto& c : r.comparisons) {
            fmt::print("| {} | {} | {} | {} | {} | {} | {} | {:+.0f} % |\n", r.row->id,
                       r.row->fit ? "fit" : "held out", r.row->measured_on, r.group, c.metric,
                       format_number(c.measured, 1), format_number(c.predicted, 1), c.error() * 100);
        }
    }
    fmt::print("\n| rows | comparisons | median absolute error | within ±25 % | worst ratio "
               "|\n|---|---:|---:|---:|---:|\n");
    const std::pair<const char*, bool (*)(const Row&)> sets[] = {
        {"fitting rows", [](const Row& r) { return r.fit; }},
        {"held-out rows", [](const Row& r) { return !r.fit; }},
        {"all rows", [](const Row&) { return true; }}};
    for (const auto& [name, keep] : sets) {
        const auto s = summarise(results, keep);
        fmt::print("{}\n", summary_line(name, s));
    }
    int excluded = 0;
    for (const auto& row : rows)
        excluded += row.status != "used";
    fmt::print("\n{} rows excluded (the reasons are in the dataset's status column).\n", excluded);
    return 0;
}
