#include "load/usage_formats.hpp"

#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace llmtco::load {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kBadExamples = 5;

const std::array<std::pair<std::string_view, UsageFormat>, 7> kFormats{{
    {"openai-usage", UsageFormat::openai_usage},
    {"anthropic-usage", UsageFormat::anthropic_usage},
    {"litellm-spend", UsageFormat::litellm_spend},
    {"otel", UsageFormat::otel},
    {"bedrock", UsageFormat::bedrock},
    {"openrouter", UsageFormat::openrouter},
    {"csv", UsageFormat::csv},
}};

/// A record that cannot be used: why, for the report.
struct Bad : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using util::trim;

std::optional<double> number_text(std::string_view t) {
    t = trim(t);
    if (t.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// A JSON number, or a number written as a string (OTLP's int64s, CSV-born JSON); null: nullopt.
std::optional<double> json_number(const Json* v) {
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_number()) {
        const double d = v->get<double>();
        if (!std::isfinite(d)) return std::nullopt;
        return d;
    }
    if (v->is_string()) return number_text(v->get_ref<const std::string&>());
    throw Bad(fmt::format("expected a number, got {}", v->dump()));
}

const Json* member(const Json& o, std::string_view key) {
    if (!o.is_object()) return nullptr;
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}

/// The member at a dotted path ("usage_object.prompt_tokens_details.cached_tokens").
const Json* at_path(const Json& o, std::string_view path) {
    const Json* cur = &o;
    while (cur) {
        const auto dot = path.find('.');
        cur = member(*cur, path.substr(0, dot));
        if (dot == std::string_view::npos) return cur;
        path.remove_prefix(dot + 1);
    }
    return nullptr;
}

double tokens(const Json& o, std::string_view path, bool required = false) {
    const auto v = json_number(at_path(o, path));
    if (!v) {
        if (required) throw Bad(fmt::format("no '{}'", path));
        return 0;
    }
    if (*v < 0) throw Bad(fmt::format("'{}' is negative ({})", path, *v));
    return *v;
}

std::string text(const Json& o, std::string_view path) {
    const Json* v = at_path(o, path);
    if (!v || v->is_null()) return {};
    if (v->is_string()) return v->get<std::string>();
    return v->dump();
}

double time_of(const Json& o, std::string_view path) {
    const Json* v = at_path(o, path);
    if (!v || v->is_null()) throw Bad(fmt::format("no '{}'", path));
    const auto t = v->is_number() ? std::optional<double>(v->get<double>()) : parse_time(text(o, path));
    if (!t) throw Bad(fmt::format("'{}' is not a time: {}", path, v->dump()));
    return *t;
}

/// Reads the file whole.
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}:1:1: error: cannot read the file", path));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Counts, examples and notes as the readers go.
class Reading {
  public:
    Reading(const std::string& file, const std::function<void(const usage::Record&)>& sink) : sink_(sink) {
        report.file = file;
    }
    void emit(const usage::Record& r) {
        ++report.records;
        sink_(r);
    }
    void bad(std::size_t line, const std::string& why) {
        ++report.bad;
        if (report.bad_examples.size() < kBadExamples)
            report.bad_examples.push_back(fmt::format("{}:{}: {}", report.file, line, why));
    }
    void ignore() { ++report.ignored; }
    void note(const std::string& n) {
        if (std::find(report.notes.begin(), report.notes.end(), n) == report.notes.end())
            report.notes.push_back(n);
    }
    UsageFileReport report;

  private:
    const std::function<void(const usage::Record&)>& sink_;
};

/// Calls `each(doc, line)` for every JSON document of the file: one whole document (pretty
/// printed), or one a line (JSON lines). A line that is not JSON is a bad record.
template <class Each> void json_documents(const std::string& path, Reading& r, Each&& each) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}:1:1: error: cannot read the file", path));
    std::string line;
    std::size_t number = 0;
    bool first = true;
    while (std::getline(in, line)) {
        ++number;
        if (trim(line).empty()) continue;
        Json doc;
        try {
            doc = Json::parse(line);
        } catch (const Json::exception&) {
            if (first) { // perhaps not JSON lines but one document over many lines
                first = false;
                bool whole_ok = true;
                try {
                    doc = Json::parse(slurp(path));
                } catch (const Json::exception&) {
                    whole_ok = false; // JSON lines whose first line is bad
                }
                if (whole_ok) {
                    each(doc, std::size_t{1});
                    return;
                }
            }
            r.bad(number, "not a JSON document");
            continue;
        }
        first = false;
        each(doc, number);
    }
}

/// The array of items of a document: the document itself when it is an array, its "data" when it
/// has one (an API page), else the document alone.
std::vector<const Json*> items_of(const Json& doc) {
    std::vector<const Json*> out;
    const Json* list = doc.is_array() ? &doc : member(doc, "data");
    if (list && list->is_array()) {
        for (const auto& item : *list)
            out.push_back(&item);
    } else if (list && list->is_object()) {
        out.push_back(list); // OpenRouter's /generation wraps one object in "data"
    } else {
        out.push_back(&doc);
    }
    return out;
}

// ---- OpenAI: organization usage API, completions buckets ---------------------------------------

// ---- The usage APIs of OpenAI and Anthropic: pages of time buckets of results -----------------

/// Calls `each(result, start, end, line)` for every result of every bucket of the file's pages (a
/// page {data: [bucket…]}, a list of pages, a page a line, or a bucket a line); the buckets' times
/// under `start_key` and `end_key`.
template <class Each>
void bucket_results(const std::string& path, Reading& r, const char* start_key, const char* end_key,
                    Each&& each) {
    json_documents(path, r, [&](const Json& doc, std::size_t line) {
        std::vector<const Json*> buckets;
        for (const Json* page : items_of(doc)) {
            if (member(*page, "results")) {
                buckets.push_back(page);
            } else if (const Json* data = member(*page, "data"); data && data->is_array()) {
                for (const auto& b : *data)
                    buckets.push_back(&b);
            }
        }
        if (buckets.empty()) r.bad(line, "no usage buckets ('data' of buckets with 'results')");
        for (const Json* bucket : buckets) {
            double start = 0, end = 0;
            try {
                start = time_of(*bucket, start_key);
                end = time_of(*bucket, end_key);
            } catch (const Bad& e) {
                r.bad(line, e.what());
                continue;
            }
            const Json* results = member(*bucket, "results");
            if (!results || !results->is_array()) {
                r.bad(line, "a bucket without 'results'");
                continue;
            }
            for (const auto& x : *results) {
                try {
                    each(x, start, end);
                } catch (const Bad& e) {
                    r.bad(line, e.what());
                }
            }
        }
    });
}

void read_openai(const std::string& path, const UsageOptions& o, Reading& r) {
    bucket_results(path, r, "start_time", "end_time", [&](const Json& x, double start, double end) {
        if (const auto kind = text(x, "object");
            !kind.empty() && kind != "organization.usage.completions.result") {
            r.ignore(); // the same buckets carry embeddings, images, costs…
            return;
        }
        usage::Record rec;
        rec.start_s = start;
        rec.end_s = end;
        rec.calls = tokens(x, "num_model_requests", true);
        if (rec.calls <= 0) {
            r.ignore();
            return;
        }
        rec.model = text(x, "model");
        if (rec.model.empty()) throw Bad("a result without 'model': export with group_by=model");
        rec.input = tokens(x, "input_tokens", true); // cached tokens included (OpenAI)
        rec.cached = std::min(rec.input, tokens(x, "input_cached_tokens"));
        rec.write_5m = std::min(rec.input - rec.cached, tokens(x, "input_cache_write_tokens"));
        rec.output = tokens(x, "output_tokens", true); // reasoning included: billed as output
        const Json* batch = member(x, "batch");
        rec.batch = batch && batch->is_boolean() && batch->get<bool>();
        if (!o.group_by.empty()) rec.group = text(x, o.group_by);
        r.emit(rec);
    });
    r.note("openai-usage: input_tokens include the cached and cache-write ones; output_tokens include "
           "reasoning (billed at the "
           "output price), so no reasoning tokens are counted apart; P10/P90 are of each bucket's mean "
           "tokens per call, not of single calls");
}

// ---- Anthropic: Admin API usage report (messages) -----------------------------------------------

void read_anthropic(const std::string& path, const UsageOptions& o, Reading& r) {
    if (!o.input_per_call) {
        throw UsageError(
            "anthropic-usage reports tokens, not requests: give --input-per-call TOKENS (one call's "
            "input tokens, cached ones included), and calls are counted as input tokens ÷ TOKENS");
    }
    const double per_call = *o.input_per_call;
    bucket_results(path, r, "starting_at", "ending_at", [&](const Json& x, double start, double end) {
        usage::Record rec;
        rec.start_s = start;
        rec.end_s = end;
        rec.model = text(x, "model");
        if (rec.model.empty()) throw Bad("a result without 'model': export with group_by[]=model");
        // Anthropic reports the three kinds of input apart; they add up to the prompt.
        const double uncached = tokens(x, "uncached_input_tokens", true);
        rec.cached = tokens(x, "cache_read_input_tokens");
        rec.write_5m = tokens(x, "cache_creation.ephemeral_5m_input_tokens");
        rec.write_1h = tokens(x, "cache_creation.ephemeral_1h_input_tokens");
        rec.input = uncached + rec.cached + rec.write_5m + rec.write_1h;
        rec.output = tokens(x, "output_tokens", true);
        if (rec.input <= 0 && rec.output <= 0) {
            r.ignore();
            return;
        }
        rec.calls = std::max(1.0, rec.input / per_call);
        rec.batch = text(x, "service_tier") == "batch";
        if (!o.group_by.empty()) rec.group = text(x, o.group_by);
        r.emit(rec);
    });
    r.note(fmt::format("anthropic-usage: no request counts in the report; calls estimated as input tokens ÷ "
                       "{} (--input-per-call), at least one a bucket",
                       per_call));
    r.note(
        "anthropic-usage: uncached_input_tokens, cache_read_input_tokens and cache_creation's 5-minute and "
        "1-hour tokens are apart in the report and add up to the input");
}

// ---- LiteLLM proxy spend logs (CSV or JSON) and OpenRouter activity (CSV or JSON) ---------------

/// A row as field → text, from a CSV header or a JSON object: values by position, names looked
/// up once per header.
class Row {
  public:
    void set_header(std::vector<std::string> names) {
        names_ = std::move(names);
        index_.clear();
        for (std::size_t i = 0; i < names_.size(); ++i)
            index_.emplace(names_[i], i);
        values_.resize(names_.size());
    }
    /// A JSON object's fields, in place of a header and values.
    void set(std::string name, std::string value) {
        if (const auto it = index_.find(name); it != index_.end()) {
            values_[it->second] = std::move(value);
            return;
        }
        names_.push_back(std::move(name));
        values_.push_back(std::move(value));
        index_.clear(); // (views into names_, which may have moved)
        for (std::size_t i = 0; i < names_.size(); ++i)
            index_.emplace(names_[i], i);
    }
    std::vector<std::string>& values() { return values_; }
    const std::vector<std::string>& names() const { return names_; }
    const std::string* get(std::string_view name) const {
        const auto it = index_.find(name);
        return it == index_.end() ? nullptr : &values_[it->second];
    }
    bool has(std::string_view name) const { return get(name) != nullptr; }

  private:
    std::vector<std::string> names_, values_;
    std::unordered_map<std::string_view, std::size_t> index_;
};

template <class Each> void csv_rows(const std::string& path, Reading& r, Each&& each) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}:1:1: error: cannot read the file", path));
    CsvReader csv(in);
    std::vector<std::string> header, fields;
    if (!csv.next(header)) return;
    for (auto& h : header)
        h = std::string(trim(h));
    if (!header.empty() && header[0].starts_with("\xEF\xBB\xBF")) header[0].erase(0, 3); // a BOM
    const std::size_t width = header.size();
    Row row;
    row.set_header(std::move(header));
    while (csv.next(row.values())) {
        auto& values = row.values();
        if (values.size() == 1 && trim(values[0]).empty()) {
            values.resize(width);
            continue;
        }
        if (values.size() != width) {
            r.bad(csv.line(), fmt::format("{} fields, the header has {}", values.size(), width));
            values.resize(width);
            continue;
        }
        each(row, csv.line());
    }
}

/// JSON rows: an array of objects, {data: […]}, or an object a line.
template <class Each> void json_rows(const std::string& path, Reading& r, Each&& each) {
    json_documents(path, r, [&](const Json& doc, std::size_t line) {
        for (const Json* item : items_of(doc))
            each(*item, line);
    });
}

bool looks_like_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char c = 0;
    while (in.get(c))
        if (!std::isspace(static_cast<unsigned char>(c))) return c == '[' || c == '{';
    return false;
}

double row_number(const Row& row, std::string_view key, bool required = false) {
    const auto* value = row.get(key);
    if (!value || trim(*value).empty()) {
        if (required) throw Bad(fmt::format("no '{}'", key));
        return 0;
    }
    const auto v = number_text(*value);
    if (!v) throw Bad(fmt::format("'{}' is not a number: '{}'", key, *value));
    if (*v < 0) throw Bad(fmt::format("'{}' is negative ({})", key, *v));
    return *v;
}

std::string_view row_text(const Row& row, std::string_view key) {
    const auto* value = row.get(key);
    return value ? std::string_view(*value) : std::string_view();
}

/// What import reads of LiteLLM's metadata: the usage object's cache and reasoning counts (or,
/// before usage_object existed, additional_usage_values') and a top-level field to group by. Read
/// by a SAX pass, without building the document (a million rows each carry one).
struct SpendMetadata {
    double cached_tokens = 0, cache_read = 0, cache_writes = 0, reasoning = 0;
    std::string group;
};

class MetadataScan : public nlohmann::json_sax<Json> {
  public:
    MetadataScan(SpendMetadata& out, std::string_view group_by) : out_(out), group_by_(group_by) {}
    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
    bool number_float(number_float_t v, const string_t&) override { return number(v); }
    bool string(string_t& v) override {
        if (depth_ == 1 && !group_by_.empty() && key_ == group_by_) out_.group = v;
        return value();
    }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override {
        push();
        return true;
    }
    bool key(string_t& k) override {
        key_ = k;
        return true;
    }
    bool end_object() override { return pop(); }
    bool start_array(std::size_t) override {
        push();
        in_array_.back() = true;
        return true;
    }
    bool end_array() override { return pop(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }
    bool usage_seen = false; ///< a usage_object (else additional_usage_values, if any, is used)

  private:
    void push() {
        if (depth_ > 0) path_.push_back(in_array_.back() ? std::string() : key_);
        ++depth_;
        in_array_.push_back(false);
    }
    bool pop() {
        --depth_;
        in_array_.pop_back();
        if (!path_.empty() && depth_ > 0) path_.pop_back();
        return true;
    }
    bool value() { return true; }
    bool number(double v) {
        if (depth_ == 1 && !group_by_.empty() && key_ == group_by_) out_.group = util_number(v);
        if (path_.empty()) return true;
        const bool usage = path_[0] == "usage_object";
        if (!usage && path_[0] != "additional_usage_values") return true;
        if (!usage && usage_seen) return true;
        if (usage && !usage_seen) { // the usage object wins over the older field
            usage_seen = true;
            out_ = SpendMetadata{0, 0, 0, 0, out_.group};
        }
        if (path_.size() == 1) {
            if (key_ == "cache_read_input_tokens") out_.cache_read = v;
            if (key_ == "cache_creation_input_tokens") out_.cache_writes = v;
        } else if (path_.size() == 2 && path_[1] == "prompt_tokens_details" && key_ == "cached_tokens") {
            out_.cached_tokens = v;
        } else if (path_.size() == 2 && path_[1] == "completion_tokens_details" &&
                   key_ == "reasoning_tokens") {
            out_.reasoning = v;
        }
        return true;
    }
    static std::string util_number(double v) { return fmt::format("{}", v); }

    SpendMetadata& out_;
    std::string_view group_by_;
    std::vector<std::string> path_; ///< the keys of the objects above, below the top
    std::vector<bool> in_array_;
    std::string key_;
    int depth_ = 0;
};

SpendMetadata metadata_of(std::string_view text, std::string_view group_by) {
    SpendMetadata out;
    if (trim(text).empty()) return out;
    MetadataScan scan(out, group_by);
    if (!Json::sax_parse(text, &scan)) throw Bad("'metadata' is not JSON");
    for (const double v : {out.cached_tokens, out.cache_read, out.cache_writes, out.reasoning})
        if (!(v >= 0) || !std::isfinite(v)) throw Bad("a negative token count in 'metadata'");
    return out;
}

usage::Record litellm_record(const Row& row, const SpendMetadata& m, const UsageOptions& o) {
    usage::Record rec;
    rec.model = std::string(row_text(row, "model"));
    if (rec.model.empty()) throw Bad("no 'model'");
    const auto t = parse_time(row_text(row, "startTime"));
    if (!t) throw Bad(fmt::format("'startTime' is not a time: '{}'", row_text(row, "startTime")));
    rec.start_s = rec.end_s = *t;
    // LiteLLM writes every provider's usage as OpenAI's: prompt_tokens hold the cached tokens and
    // the cache writes, completion_tokens the reasoning ones.
    rec.input = row_number(row, "prompt_tokens", true);
    const double completion = row_number(row, "completion_tokens", true);
    rec.cached = std::min(std::max(m.cached_tokens, m.cache_read), rec.input);
    // (one cache-write count: priced as 5-minute writes)
    rec.write_5m = std::min(m.cache_writes, rec.input - rec.cached);
    rec.reasoning = std::min(completion, m.reasoning);
    rec.output = completion - rec.reasoning;
    if (const auto* spend = row.get("spend"); spend && !trim(*spend).empty())
        rec.cost = row_number(row, "spend");
    if (!o.group_by.empty()) {
        rec.group = std::string(row_text(row, o.group_by));
        if (rec.group.empty()) rec.group = m.group;
    }
    return rec;
}

void read_litellm(const std::string& path, const UsageOptions& o, Reading& r) {
    auto use = [&](const Row& row, std::string_view metadata, std::size_t line) {
        try {
            if (row_text(row, "status") == "failure") { // logged, not billed
                r.ignore();
                return;
            }
            r.emit(litellm_record(row, metadata_of(metadata, o.group_by), o));
        } catch (const Bad& e) {
            r.bad(line, e.what());
        }
    };
    if (looks_like_json(path)) {
        json_rows(path, r, [&](const Json& item, std::size_t line) {
            Row row;
            if (!item.is_object()) {
                r.bad(line, "a row is not a JSON object");
                return;
            }
            for (const auto& [k, v] : item.items())
                if (k != "metadata")
                    row.set(k, v.is_string() ? v.get<std::string>() : (v.is_null() ? "" : v.dump()));
            const Json* m = member(item, "metadata");
            use(row, m && m->is_string() ? m->get<std::string>() : (m && m->is_object() ? m->dump() : ""),
                line);
        });
    } else {
        csv_rows(path, r,
                 [&](const Row& row, std::size_t line) { use(row, row_text(row, "metadata"), line); });
    }
    r.note("litellm-spend: prompt_tokens include cache reads and writes, completion_tokens include reasoning "
           "(LiteLLM's OpenAI-shaped usage); cache and reasoning counts from metadata.usage_object");
}

/// The first of `keys` the row has a value for, or "".
std::string_view first_of(const Row& row, std::initializer_list<std::string_view> keys) {
    for (const auto key : keys)
        if (const auto* value = row.get(key); value && !trim(*value).empty()) return key;
    return {};
}

usage::Record openrouter_record(const Row& row, const UsageOptions& o) {
    usage::Record rec;
    rec.model = std::string(row_text(row, first_of(row, {"model", "model_permaslug"})));
    if (rec.model.empty()) throw Bad("no 'model' or 'model_permaslug'");
    if (const auto day = row_text(row, "date"); !day.empty() && row.has("requests")) {
        // /api/v1/activity: a day's requests of one endpoint
        const auto t = parse_time(day);
        if (!t) throw Bad(fmt::format("'date' is not a date: '{}'", day));
        rec.start_s = *t;
        rec.end_s = *t + 86400;
        rec.calls = row_number(row, "requests", true);
    } else {
        const auto t = parse_time(row_text(row, "created_at"));
        if (!t) throw Bad(fmt::format("'created_at' is not a time: '{}'", row_text(row, "created_at")));
        rec.start_s = rec.end_s = *t;
    }
    // The provider's own counts (what it bills) when present, else OpenRouter's normalised ones;
    // cached tokens inside the prompt, reasoning inside the completion.
    const auto prompt = first_of(row, {"native_tokens_prompt", "tokens_prompt", "prompt_tokens"});
    const auto completion_key =
        first_of(row, {"native_tokens_completion", "tokens_completion", "completion_tokens"});
    if (prompt.empty()) throw Bad("no 'native_tokens_prompt', 'tokens_prompt' or 'prompt_tokens'");
    if (completion_key.empty())
        throw Bad("no 'native_tokens_completion', 'tokens_completion' or 'completion_tokens'");
    rec.input = row_number(row, prompt, true);
    const double completion = row_number(row, completion_key, true);
    const auto cached = first_of(row, {"native_tokens_cached", "tokens_cached"});
    rec.cached = cached.empty() ? 0 : std::min(rec.input, row_number(row, cached));
    const auto reasoning = first_of(row, {"native_tokens_reasoning", "tokens_reasoning", "reasoning_tokens"});
    rec.reasoning = reasoning.empty() ? 0 : std::min(completion, row_number(row, reasoning));
    rec.output = completion - rec.reasoning;
    if (const auto cost = first_of(row, {"total_cost", "cost_total", "usage"}); !cost.empty())
        rec.cost = row_number(row, cost);
    if (!o.group_by.empty()) rec.group = std::string(row_text(row, o.group_by));
    return rec;
}

void read_openrouter(const std::string& path, const UsageOptions& o, Reading& r) {
    auto use = [&](const Row& row, std::size_t line) {
        try {
            r.emit(openrouter_record(row, o));
        } catch (const Bad& e) {
            r.bad(line, e.what());
        }
    };
    if (looks_like_json(path)) {
        json_rows(path, r, [&](const Json& item, std::size_t line) {
            if (!item.is_object()) {
                r.bad(line, "a row is not a JSON object");
                return;
            }
            Row row;
            for (const auto& [k, v] : item.items())
                row.set(k, v.is_string() ? v.get<std::string>() : (v.is_null() ? "" : v.dump()));
            use(row, line);
        });
    } else {
        csv_rows(path, r, use);
    }
    r.note("openrouter: the provider's native_tokens_* (what it bills) over OpenRouter's tokens_*; cached "
           "tokens inside the prompt, reasoning inside the completion; no cache-write counts in the export");
}

// ---- OpenTelemetry GenAI spans (OTLP JSON) -------------------------------------------------------

/// An OTLP attribute list's value for `key`: its stringValue, intValue or doubleValue as text.
std::optional<std::string> attribute(const Json* list, std::string_view key) {
    if (!list || !list->is_array()) return std::nullopt;
    for (const auto& a : *list) {
        if (text(a, "key") != key) continue;
        const Json* v = member(a, "value");
        if (!v) return std::nullopt;
        for (const char* kind : {"stringValue", "intValue", "doubleValue", "boolValue"})
            if (const Json* x = member(*v, kind)) return x->is_string() ? x->get<std::string>() : x->dump();
        return std::nullopt;
    }
    return std::nullopt;
}

void read_otel(const std::string& path, const UsageOptions& o, Reading& r) {
    json_documents(path, r, [&](const Json& doc, std::size_t line) {
        const Json* resources = member(doc, "resourceSpans");
        if (!resources || !resources->is_array()) {
            r.bad(line, "no 'resourceSpans' (OTLP JSON)");
            return;
        }
        for (const auto& rs : *resources) {
            const Json* resource_attrs = at_path(rs, "resource.attributes");
            const Json* scopes = member(rs, "scopeSpans");
            if (!scopes) scopes = member(rs, "instrumentationLibrarySpans"); // (OTLP before 0.15)
            if (!scopes || !scopes->is_array()) continue;
            for (const auto& ss : *scopes) {
                const Json* spans = member(ss, "spans");
                if (!spans || !spans->is_array()) continue;
                for (const auto& span : *spans) {
                    const Json* attrs = member(span, "attributes");
                    auto num = [&](std::initializer_list<std::string_view> keys) -> std::optional<double> {
                        for (const auto key : keys) {
                            if (const auto v = attribute(attrs, key)) {
                                const auto d = number_text(*v);
                                if (!d || *d < 0)
                                    throw Bad(fmt::format("'{}' is not a count: '{}'", key, *v));
                                return d;
                            }
                        }
                        return std::nullopt;
                    };
                    try {
                        const auto in = num({"gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"});
                        const auto out =
                            num({"gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"});
                        if (!in && !out) { // a span of something else
                            r.ignore();
                            continue;
                        }
                        usage::Record rec;
                        rec.model = attribute(attrs, "gen_ai.response.model").value_or("");
                        if (rec.model.empty())
                            rec.model = attribute(attrs, "gen_ai.request.model").value_or("");
                        if (rec.model.empty())
                            throw Bad("a GenAI span without gen_ai.response.model or gen_ai.request.model");
                        const auto t = parse_time(text(span, "startTimeUnixNano"));
                        if (!t) throw Bad("a span without startTimeUnixNano");
                        rec.start_s = rec.end_s = *t;
                        rec.input = in.value_or(0);
                        const double generated = out.value_or(0);
                        rec.cached =
                            std::min(rec.input, num({"gen_ai.usage.cache_read.input_tokens"}).value_or(0));
                        rec.write_5m =
                            std::min(rec.input - rec.cached,
                                     num({"gen_ai.usage.cache_creation.input_tokens"}).value_or(0));
                        rec.reasoning =
                            std::min(generated, num({"gen_ai.usage.reasoning.output_tokens"}).value_or(0));
                        rec.output = generated - rec.reasoning;
                        if (!o.group_by.empty()) {
                            rec.group = attribute(attrs, o.group_by).value_or("");
                            if (rec.group.empty())
                                rec.group = attribute(resource_attrs, o.group_by).value_or("");
                        }
                        r.emit(rec);
                    } catch (const Bad& e) {
                        r.bad(line, e.what());
                    }
                }
            }
        }
    });
    r.note(
        "otel: gen_ai.usage.input_tokens include the cache reads and writes, gen_ai.usage.output_tokens the "
        "reasoning tokens (the GenAI semantic conventions)");
}

// ---- AWS Bedrock model invocation logs (JSON lines) ----------------------------------------------

void read_bedrock(const std::string& path, const UsageOptions& o, Reading& r) {
    json_documents(path, r, [&](const Json& doc, std::size_t line) {
        for (const Json* item : items_of(doc)) {
            try {
                const auto schema = text(*item, "schemaType");
                if (!schema.empty() && schema != "ModelInvocationLog") {
                    r.ignore();
                    continue;
                }
                usage::Record rec;
                rec.model = text(*item, "modelId");
                if (rec.model.empty()) throw Bad("no 'modelId'");
                rec.start_s = rec.end_s = time_of(*item, "timestamp");
                // Bedrock counts cache reads and writes apart from inputTokenCount (as Anthropic does).
                const double uncached = tokens(*item, "input.inputTokenCount", true);
                rec.cached = tokens(*item, "input.cacheReadInputTokenCount");
                rec.write_5m = tokens(*item, "input.cacheWriteInputTokenCount");
                rec.input = uncached + rec.cached + rec.write_5m;
                rec.output = tokens(*item, "output.outputTokenCount", true);
                if (!o.group_by.empty()) rec.group = text(*item, o.group_by);
                r.emit(rec);
            } catch (const Bad& e) {
                r.bad(line, e.what());
            }
        }
    });
    r.note("bedrock: input.inputTokenCount leaves out cacheReadInputTokenCount and "
           "cacheWriteInputTokenCount; cache "
           "writes counted at the 5-minute price (Bedrock's default cache lifetime)");
}

// ---- any CSV, with a column map --------------------------------------------------------------------

void read_csv(const std::string& path, const UsageOptions& o, Reading& r) {
    static const std::vector<std::string> kFields{"calls", "input",    "output",    "model", "time", "cached",
                                                  "write", "write_1h", "reasoning", "cost",  "group"};
    for (const auto& [field, column] : o.columns) {
        if (std::find(kFields.begin(), kFields.end(), field) == kFields.end())
            throw UsageError(fmt::format("--map: unknown field '{}'{}; the fields are {}", field,
                                         util::did_you_mean(field, kFields), fmt::join(kFields, ", ")));
    }
    for (const char* required : {"input", "output", "model", "time"}) {
        if (!o.columns.count(required))
            throw UsageError(
                fmt::format("csv needs --map {}=COLUMN (and input, output, model, time; optionally "
                            "calls, cached, write, write_1h, reasoning, cost, group)",
                            required));
    }
    auto column = [&](const char* field) {
        const auto it = o.columns.find(field);
        return it == o.columns.end() ? std::string() : it->second;
    };
    bool checked = false;
    csv_rows(path, r, [&](const Row& row, std::size_t line) {
        if (!checked) { // every mapped column is in the header
            const auto& names = row.names();
            for (const auto& [field, name] : o.columns) {
                if (!row.has(name))
                    throw InputError(fmt::format("{}:1:1: error: --map {}={}: no column '{}' in the header{}",
                                                 path, field, name, name, util::did_you_mean(name, names)));
            }
            checked = true;
        }
        try {
            usage::Record rec;
            rec.model = std::string(row_text(row, column("model")));
            if (rec.model.empty()) throw Bad(fmt::format("no model in '{}'", column("model")));
            const auto t = parse_time(row_text(row, column("time")));
            if (!t)
                throw Bad(
                    fmt::format("'{}' is not a time: '{}'", column("time"), row_text(row, column("time"))));
            rec.start_s = rec.end_s = *t;
            rec.calls = column("calls").empty() ? 1 : row_number(row, column("calls"), true);
            if (rec.calls <= 0) {
                r.ignore();
                return;
            }
            const double in = row_number(row, column("input"), true);
            const double cached = column("cached").empty() ? 0 : row_number(row, column("cached"));
            const double write = column("write").empty() ? 0 : row_number(row, column("write"));
            const double write_1h = column("write_1h").empty() ? 0 : row_number(row, column("write_1h"));
            rec.input = o.cached_apart ? in + cached + write + write_1h : in;
            rec.cached = std::min(cached, rec.input);
            rec.write_5m = std::min(write, rec.input - rec.cached);
            rec.write_1h = std::min(write_1h, rec.input - rec.cached - rec.write_5m);
            const double out = row_number(row, column("output"), true);
            const double reasoning = column("reasoning").empty() ? 0 : row_number(row, column("reasoning"));
            rec.reasoning = o.reasoning_apart ? reasoning : std::min(reasoning, out);
            rec.output = o.reasoning_apart ? out : out - rec.reasoning;
            if (!column("cost").empty() && !trim(row_text(row, column("cost"))).empty())
                rec.cost = row_number(row, column("cost"));
            if (!column("group").empty()) rec.group = std::string(row_text(row, column("group")));
            r.emit(rec);
        } catch (const Bad& e) {
            r.bad(line, e.what());
        }
    });
    r.note(
        fmt::format("csv: the input column {} the cached tokens, the output column {} the reasoning tokens",
                    o.cached_apart ? "leaves out (--cached-apart)" : "includes",
                    o.reasoning_apart ? "leaves out (--reasoning-apart)" : "includes"));
}

} // namespace

std::optional<UsageFormat> usage_format(std::string_view name) {
    for (const auto& [n, f] : kFormats)
        if (n == name) return f;
    return std::nullopt;
}

std::vector<std::string> usage_format_names() {
    std::vector<std::string> out;
    for (const auto& [n, f] : kFormats)
        out.emplace_back(n);
    return out;
}

std::optional<double> parse_time(std::string_view t) {
    t = trim(t);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
    if (t.empty()) return std::nullopt;
    if (const auto n = number_text(t)) { // seconds, or ms / µs / ns since the epoch by size
        double v = *n;
        if (v > 1e17)
            v /= 1e9;
        else if (v > 1e14)
            v /= 1e6;
        else if (v > 1e11)
            v /= 1e3;
        return v;
    }
    // YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh:mm]
    auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > t.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
    if (!y || !mo || !d || t[4] != '-' || t[7] != '-' || *mo < 1 || *mo > 12 || *d < 1 || *d > 31)
        return std::nullopt;
    // days from civil (H. Hinnant)
    const int yy = *y - (*mo <= 2);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(yy - era * 400);
    const unsigned mp = static_cast<unsigned>(*mo > 2 ? *mo - 3 : *mo + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(*d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    double s = (static_cast<double>(era) * 146097 + doe - 719468) * 86400.0;
    std::size_t at = 10;
    if (at < t.size() && (t[at] == 'T' || t[at] == ' ' || t[at] == 't')) {
        const auto h = digits(at + 1, 2), mi = digits(at + 4, 2);
        if (!h || !mi || t[at + 3] != ':' || *h > 23 || *mi > 59) return std::nullopt;
        s += *h * 3600.0 + *mi * 60.0;
        at += 6;
        if (at < t.size() && t[at] == ':') {
            const auto sec = digits(at + 1, 2);
            if (!sec || *sec > 60) return std::nullopt;
            s += *sec;
            at += 3;
            if (at < t.size() && (t[at] == '.' || t[at] == ',')) {
                double scale = 0.1;
                for (++at; at < t.size() && std::isdigit(static_cast<unsigned char>(t[at]));
                     ++at, scale /= 10)
                    s += (t[at] - '0') * scale;
            }
        }
    }
    const auto zone = trim(t.substr(std::min(at, t.size())));
    if (zone.empty() || zone == "Z" || zone == "z" || zone == "UTC" || zone == "+00:00") return s;
    if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
        const auto zt = std::string(zone);
        const int zh = (zt[1] - '0') * 10 + (zt[2] - '0'), zm = (zt[4] - '0') * 10 + (zt[5] - '0');
        const double offset = zh * 3600.0 + zm * 60.0;
        return zone[0] == '+' ? s - offset : s + offset;
    }
    return std::nullopt;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    // The fields' strings are reused from call to call (a million rows, no allocation each).
    if (!std::getline(in_, buffer_)) return false;
    line_ = next_line_++;
    std::size_t count = 0;
    auto field = [&]() -> std::string& {
        if (count == fields.size()) fields.emplace_back();
        auto& f = fields[count++];
        f.clear();
        return f;
    };
    std::size_t i = 0;
    while (true) {
        auto& f = field();
        if (i < buffer_.size() && buffer_[i] == '"') { // quoted: "" is a quote, and it may span lines
            ++i;
            while (true) {
                const auto q = buffer_.find('"', i);
                if (q == std::string::npos) {
                    f.append(buffer_, i, std::string::npos);
                    std::string more;
                    if (!std::getline(in_, more)) {
                        i = buffer_.size();
                        break;
                    }
                    ++next_line_;
                    f += '\n';
                    buffer_ = std::move(more);
                    i = 0;
                    continue;
                }
                f.append(buffer_, i, q - i);
                if (q + 1 < buffer_.size() && buffer_[q + 1] == '"') {
                    f += '"';
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            // (anything between the closing quote and the comma is kept, as most readers do)
            const auto comma = buffer_.find(',', i);
            const auto stop = comma == std::string::npos ? buffer_.size() : comma;
            f.append(buffer_, i, stop - i);
            if (comma == std::string::npos) break;
            i = comma + 1;
        } else {
            const auto comma = buffer_.find(',', i);
            const auto stop = comma == std::string::npos ? buffer_.size() : comma;
            f.assign(buffer_, i, stop - i);
            if (comma == std::string::npos) break;
            i = comma + 1;
        }
    }
    if (count > 0 && !fields[count - 1].empty() && fields[count - 1].back() == '\r')
        fields[count - 1].pop_back();
    fields.resize(count);
    return true;
}

std::vector<CostLine> read_costs(UsageFormat format, const std::string& path) {
    if (format != UsageFormat::openai_usage && format != UsageFormat::anthropic_usage)
        throw UsageError(
            "--costs reads the cost exports of openai-usage and anthropic-usage; the other formats "
            "carry their costs in the records");
    const bool openai = format == UsageFormat::openai_usage;
    std::vector<CostLine> out;
    std::function<void(const usage::Record&)> none = [](const usage::Record&) {};
    Reading r(path, none);
    bucket_results(path, r, openai ? "start_time" : "starting_at", openai ? "end_time" : "ending_at",
                   [&](const Json& x, double start, double) {
                       CostLine line;
                       line.start_s = start;
                       if (openai) {
                           const auto v = json_number(at_path(x, "amount.value"));
                           if (!v) throw Bad("a cost result without amount.value");
                           line.usd = *v;
                           const auto item = text(x, "line_item"); // "gpt-4o-mini-2024-07-18, input"
                           line.model = item.substr(0, item.find(','));
                       } else {
                           const auto v = json_number(member(x, "amount")); // cents, as a decimal string
                           if (!v) throw Bad("a cost result without amount");
                           if (const auto cur = text(x, "currency"); !cur.empty() && cur != "USD")
                               throw Bad(fmt::format("a cost in {}, not USD", cur));
                           line.usd = *v / 100;
                           line.model = text(x, "model");
                       }
                       out.push_back(std::move(line));
                   });
    if (out.empty()) {
        throw InputError(fmt::format(
            "{}:1:1: error: no cost line in the file{}", path,
            r.report.bad ? fmt::format(" ({})", fmt::join(r.report.bad_examples, "; ")) : std::string()));
    }
    return out;
}

UsageFileReport read_usage(UsageFormat format, const std::string& path, const UsageOptions& options,
                           const std::function<void(const usage::Record&)>& sink) {
    Reading r(path, sink);
    switch (format) {
    case UsageFormat::openai_usage:
        read_openai(path, options, r);
        break;
    case UsageFormat::anthropic_usage:
        read_anthropic(path, options, r);
        break;
    case UsageFormat::litellm_spend:
        read_litellm(path, options, r);
        break;
    case UsageFormat::otel:
        read_otel(path, options, r);
        break;
    case UsageFormat::bedrock:
        read_bedrock(path, options, r);
        break;
    case UsageFormat::openrouter:
        read_openrouter(path, options, r);
        break;
    case UsageFormat::csv:
        read_csv(path, options, r);
        break;
    }
    if (r.report.records == 0) {
        std::string why = r.report.bad > 0 ? fmt::format(" ({} malformed; {})", r.report.bad,
                                                         fmt::join(r.report.bad_examples, "; "))
                                           : "";
        throw InputError(fmt::format("{}:1:1: error: no usable usage record in the file{}", path, why));
    }
    return r.report;
}

} // namespace llmtco::load
