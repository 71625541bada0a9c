#pragma once
// Usage records from the formats people export (PRODUCT §4e), read as a stream into
// usage::Record, each source's token conventions normalised (docs/import.md has the rules and
// their sources). Reading is I/O; the sums are the engine's (llmtco/usage.hpp).

#include "llmtco/usage.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco::load {

enum class UsageFormat { openai_usage, anthropic_usage, litellm_spend, otel, bedrock, openrouter, csv };

/// The format named `name` ("openai-usage", …), or nullopt.
std::optional<UsageFormat> usage_format(std::string_view name);
/// Every format name, in the order above.
std::vector<std::string> usage_format_names();

struct UsageOptions {
    /// The field whose value groups records into workloads instead of the model: a format's own
    /// ("project_id", "api_key_id", "user", a tag…) or, for csv, a column.
    std::string group_by;
    /// csv: field → column (calls, input, output, model, time, cached, write, write_1h, reasoning,
    /// cost, group); the other formats ignore it.
    std::map<std::string, std::string> columns;
    bool cached_apart = false;    ///< csv: its input column leaves the cached tokens out
    bool reasoning_apart = false; ///< csv: its output column leaves the reasoning tokens out
    /// Sources without a request count (anthropic-usage): one call's input tokens, to count calls
    /// as input ÷ it.
    std::optional<double> input_per_call;
};

/// What reading one file found.
struct UsageFileReport {
    std::string file;
    std::size_t records = 0;               ///< usable
    std::size_t ignored = 0;               ///< not usage (an OTel span of no GenAI call, a zero bucket)
    std::size_t bad = 0;                   ///< malformed
    std::vector<std::string> bad_examples; ///< "FILE:LINE: why", the first few
    std::vector<std::string> notes;        ///< what was estimated or assumed
};

/// Reads `path` as `format`, calling `sink` with each record. Throws InputError (exit 2) for a
/// file that cannot be read, a format that does not fit it, or one without a usable record.
UsageFileReport read_usage(UsageFormat format, const std::string& path, const UsageOptions& options,
                           const std::function<void(const usage::Record&)>& sink);

/// One line of a provider's cost export: a model's cost in a time bucket.
struct CostLine {
    std::string model; ///< empty: the line names none
    double start_s = 0;
    double usd = 0;
};

/// The cost export that goes with a usage format: the OpenAI Costs API's pages
/// (`/v1/organization/costs`, amount.value in dollars, the model from `line_item`'s text before its
/// comma) for openai-usage, the Anthropic cost report (`/v1/organizations/cost_report`, amount a
/// decimal string in cents, `model`) for anthropic-usage. Throws UsageError for another format and
/// InputError for a file without a cost line.
std::vector<CostLine> read_costs(UsageFormat format, const std::string& path);

/// Unix seconds of an ISO 8601 time ("2026-11-03T10:00:00Z", "2026-11-03 10:00:00.123456",
/// "+01:00" offsets) or a number (seconds; milliseconds, microseconds and nanoseconds told apart by
/// size); nullopt when it is neither.
std::optional<double> parse_time(std::string_view text);

/// One CSV record's fields (RFC 4180: quoted fields may hold commas, quotes and line breaks).
/// Returns false at the end of the input; `line` advances past the lines it read.
class CsvReader {
  public:
    explicit CsvReader(std::istream& in) : in_(in) {}
    bool next(std::vector<std::string>& fields);
    std::size_t line() const { return line_; } ///< the first line of the last record
  private:
    std::istream& in_;
    std::size_t line_ = 0, next_line_ = 1;
    std::string buffer_;
};

} // namespace llmtco::load
