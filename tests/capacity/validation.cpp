#include "validation.hpp"

#include "catalog/catalog.hpp"
#include "llmtco/capacity.hpp"
#include "load/profile_loader.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace llmtco::validation {
namespace {

std::vector<std::string> split_csv_line(std::istream& in) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    char c;
    bool any = false;
    while (in.get(c)) {
        any = true;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    field += '"';
                    in.get(c);
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(field);
            field.clear();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            field += c;
        }
    }
    if (any) fields.push_back(field);
    return fields;
}

std::optional<double> number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return std::stod(s);
}

Capacity derive_row(const Row& row, double prompt, double gen, const std::vector<std::string>& sets,
                    bool saturate, std::string* group, std::string* architecture) {
    const std::string yaml = fmt::format(R"(version: 1
workloads: [{{name: w, calls: 1/day, input_tokens: {}, output_tokens: {}}}]
options:
  local:
    - name: x
      hardware: {}
      model: {}
      serving: {}
)",
                                         prompt, gen, row.hardware, row.model, row.serving);
    std::vector<std::string> full;
    for (const auto& s : sets)
        full.push_back("options.local.x." + s);
    const auto p =
        load::load_profile({load::Source{"row-" + row.id + ".yaml", yaml}}, full, catalog::builtin());
    const auto& l = p.local[0];
    if (group) *group = fmt::format("{} on {}", l.serving.engine, class_name(l.hardware.hw_class));
    if (architecture) *architecture = l.hardware.architecture;
    const auto in = capacity_inputs(p.workloads[0], l);
    // A benchmark at maximum load fills the largest batch the memory and the engine allow.
    return capacity::derive(in, saturate ? 1e12 : 1e-9);
}

} // namespace

std::vector<Row> read_rows(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    const auto header = split_csv_line(in);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header.size(); ++i)
        col[header[i]] = i;
    std::vector<Row> rows;
    while (in.peek() != EOF) {
        const auto f = split_csv_line(in);
        if (f.size() < header.size()) continue;
        auto get = [&](const char* name) { return f.at(col.at(name)); };
        Row r;
        r.id = get("id");
        r.status = get("status");
        r.fit = get("fit") == "1";
        r.hardware = get("hardware_yaml");
        r.model = get("model_yaml");
        r.serving = get("serving_yaml");
        r.note = get("prediction_note");
        r.measured_on = fmt::format("{} ×{}, {} {}, {}", get("hardware"), get("gpus"), get("model"),
                                    get("precision"), get("engine"));
        r.engine = get("engine");
        r.source = get("source");
        r.date = get("date");
        r.prompt = number(get("predict_prompt")).value_or(0);
        r.gen = number(get("predict_gen")).value_or(0);
        r.prefill = number(get("prefill_tps"));
        r.decode = number(get("decode_tps"));
        r.aggregate = number(get("decode_tps_aggregate"));
        r.separate = r.note.rfind("llama-bench", 0) == 0;
        rows.push_back(std::move(r));
    }
    return rows;
}

Result predict(const Row& row, const std::vector<std::string>& sets) {
    Result r;
    r.row = &row;
    const bool saturate = row.serving.find("concurrency") == std::string::npos;
    if (row.prefill) {
        const auto c = derive_row(row, row.prompt, row.separate ? 1 : row.gen, sets, saturate, &r.group,
                                  &r.architecture);
        r.comparisons.push_back({"prefill", *row.prefill, c.prefill_tokens_per_s});
    }
    if (row.decode || row.aggregate) {
        const auto c = derive_row(row, row.separate ? 0 : row.prompt, row.gen, sets, saturate, &r.group,
                                  &r.architecture);
        r.bound = c.memory_bound ? "memory" : "compute";
        if (row.decode) r.comparisons.push_back({"decode", *row.decode, c.decode_tokens_per_s});
        if (row.aggregate)
            r.comparisons.push_back({"aggregate", *row.aggregate, row.gen / c.machine_seconds_per_call});
    }
    return r;
}

Summary summarise(const std::vector<Result>& results, bool (*keep)(const Row&)) {
    Summary s;
    std::vector<double> errors;
    for (const auto& r : results) {
        if (!keep(*r.row)) continue;
        ++s.rows;
        for (const auto& c : r.comparisons) {
            errors.push_back(std::fabs(c.error()));
            s.worst_ratio = std::max({s.worst_ratio, c.predicted / c.measured, c.measured / c.predicted});
        }
    }
    s.comparisons = static_cast<int>(errors.size());
    if (errors.empty()) return s;
    std::sort(errors.begin(), errors.end());
    const auto n = errors.size();
    s.median_abs_error = n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    s.within_25 =
        static_cast<double>(std::count_if(errors.begin(), errors.end(), [](double e) { return e <= 0.25; })) /
        static_cast<double>(n);
    return s;
}

std::string summary_line(const std::string& name, const Summary& s) {
    return fmt::format("| {} ({}) | {} | {:.1f} % | {:.0f} % | {:.2f}× |", name, s.rows, s.comparisons,
                       s.median_abs_error * 100, s.within_25 * 100, s.worst_ratio);
}

} // namespace llmtco::validation
