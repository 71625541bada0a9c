#pragma once
// The capacity derivation (PRODUCT §4b) against published measurements:
// tests/data/throughput/measurements.csv, one row per measurement with its source. Each row names
// the hardware, model and engine as profile YAML; the row is loaded through the real loader and the
// built-in catalog, and the derived speeds are compared with the measured ones.

#include <optional>
#include <string>
#include <vector>

namespace llmtco::validation {

struct Row {
    std::string id, status, hardware, model, serving, note, measured_on, engine, source, date;
    bool fit = false;
    double prompt = 0, gen = 0;
    std::optional<double> prefill, decode, aggregate; ///< measured tokens/s
    bool separate = false; ///< prefill and decode measured in separate runs (llama-bench)
    std::string klass;     ///< hardware class and engine, filled by predict()
};

struct Comparison {
    std::string metric; ///< prefill, decode, aggregate
    double measured = 0;
    double predicted = 0;
    double error() const { return predicted / measured - 1; }
};

struct Result {
    const Row* row = nullptr;
    std::vector<Comparison> comparisons;
    std::string bound;        ///< memory or compute (decode)
    std::string group;        ///< engine on class
    std::string architecture; ///< the hardware's, if known
};

struct Summary {
    int rows = 0;
    int comparisons = 0;
    double median_abs_error = 0;
    double within_25 = 0;   ///< share of comparisons within ±25 %
    double worst_ratio = 1; ///< the largest max(p/m, m/p)
};

std::vector<Row> read_rows(const std::string& path);
/// Predictions of a row; `sets` are --set overrides applied to option `x` (e.g. efficiency 1).
Result predict(const Row& row, const std::vector<std::string>& sets = {});
/// The summary over the results whose row satisfies `keep`.
Summary summarise(const std::vector<Result>& results, bool (*keep)(const Row&));
/// The Markdown row docs/capacity.md shows for a summary: "| all rows (58) | 86 | 11.3 % | … |".
std::string summary_line(const std::string& name, const Summary& s);

} // namespace llmtco::validation
