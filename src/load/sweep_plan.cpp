#include "load/sweep_plan.hpp"

#include "llmtco/fields.hpp"
#include "llmtco/sweep.hpp"
#include "load/path.hpp"
#include "render/format.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <thread>

namespace llmtco::load {
namespace {

using render::csv_field;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return out;
}

/// A generated grid value: 12 significant digits, so 10^(1/4)·… prints as 100, not 100.00000000000004.
std::string number_text(double v) { return fmt::format("{}", std::stod(fmt::format("{:.12g}", v))); }

std::vector<std::string> field_paths(Profile& p) {
    std::vector<std::string> out;
    for (const auto& f : numeric_fields(p))
        out.push_back(f.path);
    return out;
}

/// Finds the fast assignment for PATH in a profile loaded with PATH=value; false when there is none.
bool fast_assignment(const std::string& path, const std::vector<std::string>& base_paths, Profile& with_value,
                     Assignment& a) {
    using K = Assignment::Kind;
    if (path == "settings.horizon_months") {
        a.kind = K::horizon;
        a.number = with_value.settings.horizon_months;
        return true;
    }
    if (path == "settings.days_per_month") {
        a.kind = K::days_per_month;
        a.number = with_value.settings.days_per_month;
        return true;
    }
    if (path == "settings.labor_rate_per_hour") {
        a.kind = K::labor_rate;
        a.number = with_value.settings.labor_rate_per_hour;
        return true;
    }
    if (path == "team.can_maintain_local") {
        a.kind = K::can_maintain;
        a.flag = with_value.team.can_maintain_local;
        return true;
    }
    for (std::size_t i = 0; i < with_value.workloads.size(); ++i) {
        const auto prefix = "workloads." + with_value.workloads[i].name + ".";
        if (path == prefix + "calls") {
            a.kind = K::calls;
            a.index = i;
            a.rate = with_value.workloads[i].calls;
            return true;
        }
        if (path == prefix + "batchable" || path == prefix + "data_must_stay_local") {
            a.kind = path == prefix + "batchable" ? K::batchable : K::data_local;
            a.index = i;
            a.flag = a.kind == K::batchable ? with_value.workloads[i].batchable
                                            : with_value.workloads[i].data_must_stay_local;
            return true;
        }
    }
    for (std::size_t i = 0; i < with_value.cloud.size(); ++i) {
        if (path == "options.cloud." + with_value.cloud[i].name + ".model") {
            a.kind = K::price;
            a.index = i;
            a.price = with_value.cloud[i].price;
            a.model = with_value.cloud[i].model;
            return true;
        }
    }
    if (base_paths != field_paths(with_value)) return false; // the value added or removed a field
    const auto fields = numeric_fields(with_value);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].path == path) {
            a.kind = K::number;
            a.index = i;
            a.num = *fields[i].num;
            return true;
        }
    }
    return false;
}

void apply(const Assignment& a, Profile& p, std::vector<Field>& fields) {
    using K = Assignment::Kind;
    switch (a.kind) {
    case K::number:
        *fields[a.index].num = a.num;
        break;
    case K::calls:
        p.workloads[a.index].calls = a.rate;
        break;
    case K::price:
        p.cloud[a.index].price = a.price;
        p.cloud[a.index].model = a.model;
        break;
    case K::horizon:
        p.settings.horizon_months = static_cast<int>(a.number);
        break;
    case K::days_per_month:
        p.settings.days_per_month = a.number;
        break;
    case K::labor_rate:
        p.settings.labor_rate_per_hour = a.number;
        break;
    case K::batchable:
        p.workloads[a.index].batchable = a.flag;
        break;
    case K::data_local:
        p.workloads[a.index].data_must_stay_local = a.flag;
        break;
    case K::can_maintain:
        p.team.can_maintain_local = a.flag;
        break;
    }
}

bool looks_numeric(const std::string& s) {
    if (s == "true" || s == "false") return true; // written bare in JSON too
    try {
        util::parse_number(s);
        return true;
    } catch (const ValueError&) {
        return false;
    }
}

void append_json_string(std::string& out, const std::string& s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += fmt::format("\\u{:04x}", static_cast<int>(c));
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

/// Column names of the sweep output (PRODUCT.md section 4a).
std::vector<std::string> columns(const SweepPlan& plan) {
    std::vector<std::string> out;
    for (const auto& v : plan.varies)
        out.push_back(v.path);
    const auto& p = plan.base;
    for (const auto& w : p.workloads) {
        for (const auto& c : p.cloud)
            out.push_back(w.name + "/" + c.name + "/total_cost");
        for (const auto& l : p.local)
            out.push_back(w.name + "/" + l.name + "/total_cost");
        for (const auto& l : p.local) {
            for (const auto& c : p.cloud)
                out.push_back(w.name + "/" + l.name + "~" + c.name + "/breakeven_months");
        }
        out.push_back(w.name + "/recommended");
    }
    return out;
}

/// Formats rows [begin, end) of the grid into `out`.
class RowWriter {
  public:
    RowWriter(const SweepPlan& plan, SweepFormat format) : plan_(plan), format_(format), profile_(plan.base) {
        fields_ = numeric_fields(profile_);
        names_ = columns(plan);
        for (const auto& o : plan.base.cloud)
            option_names_.push_back(o.name);
        for (const auto& o : plan.base.local)
            option_names_.push_back(o.name);
        for (const auto& v : plan.varies) {
            std::vector<bool> numeric;
            for (const auto& value : v.values)
                numeric.push_back(looks_numeric(value));
            numeric_value_.push_back(std::move(numeric));
        }
        widths_.reserve(names_.size());
        for (const auto& n : names_)
            widths_.push_back(std::max<std::size_t>(n.size(), 12));
    }

    std::string header() const {
        std::string out;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (format_ == SweepFormat::csv) out += std::string(i ? "," : "") + csv_field(names_[i]);
            if (format_ == SweepFormat::table)
                out += std::string(i ? "  " : "") + fmt::format("{:>{}}", names_[i], widths_[i]);
        }
        return format_ == SweepFormat::jsonl ? std::string() : out + "\n";
    }

    void rows(std::size_t begin, std::size_t end, std::string& out) {
        std::vector<std::size_t> digits(plan_.varies.size());
        for (std::size_t i = begin; i < end; ++i) {
            std::size_t rest = i;
            for (std::size_t v = plan_.varies.size(); v-- > 0;) {
                digits[v] = rest % plan_.varies[v].values.size();
                rest /= plan_.varies[v].values.size();
            }
            const Profile& scenario = configure(digits);
            evaluator_.evaluate(scenario, figures_);
            write_row(digits, out);
        }
    }

  private:
    const Profile& configure(const std::vector<std::size_t>& digits) {
        if (plan_.fast) {
            for (std::size_t v = 0; v < digits.size(); ++v)
                apply(plan_.assignments[v][digits[v]], profile_, fields_);
            return profile_;
        }
        Tree tree = plan_.tree;
        for (std::size_t v = 0; v < digits.size(); ++v) {
            apply_set(tree, plan_.varies[v].path + "=" + plan_.varies[v].values[digits[v]], "--vary");
        }
        slow_ = decode_profile(tree, plan_.catalog);
        return slow_;
    }

    void cell(std::size_t column, const std::string& text, bool is_string, std::string& out) {
        switch (format_) {
        case SweepFormat::csv:
            if (column) out += ',';
            if (is_string)
                out += csv_field(text);
            else
                out += text; // (a ?: of the two would copy text into a temporary every cell)
            break;
        case SweepFormat::table:
            if (column) out += "  ";
            fmt::format_to(std::back_inserter(out), "{:>{}}", text, widths_[column]);
            break;
        case SweepFormat::jsonl:
            out += column ? "," : "{";
            append_json_string(out, names_[column]);
            out += ':';
            if (text.empty() && !is_string)
                out += "null";
            else if (is_string)
                append_json_string(out, text);
            else
                out += text;
            break;
        }
    }

    void number(std::size_t column, double v, std::string& out) {
        if (!std::isfinite(v))
            throw std::logic_error("internal error: a sweep figure is not a finite number");
        buffer_.clear();
        if (format_ == SweepFormat::table)
            fmt::format_to(std::back_inserter(buffer_), "{:.2f}", v);
        else
            fmt::format_to(std::back_inserter(buffer_), "{}", v);
        cell(column, buffer_, false, out);
    }

    void write_row(const std::vector<std::size_t>& digits, std::string& out) {
        std::size_t column = 0;
        for (std::size_t v = 0; v < digits.size(); ++v) {
            cell(column++, plan_.varies[v].values[digits[v]], !numeric_value_[v][digits[v]], out);
        }
        for (const auto& w : figures_) {
            for (const double t : w.totals)
                number(column++, t, out);
            for (const auto& m : w.breakeven_months) {
                if (m)
                    number(column++, *m, out);
                else
                    cell(column++, format_ == SweepFormat::table ? "never" : "", false, out);
            }
            if (w.recommended >= 0)
                cell(column++, option_names_[static_cast<std::size_t>(w.recommended)], true, out);
            else
                cell(column++, format_ == SweepFormat::table ? "none" : "", format_ != SweepFormat::jsonl,
                     out);
        }
        out += format_ == SweepFormat::jsonl ? "}\n" : "\n";
    }

    const SweepPlan& plan_;
    SweepFormat format_;
    Profile profile_;
    Profile slow_;
    std::vector<Field> fields_;
    std::vector<std::string> names_;
    std::vector<std::string> option_names_;
    std::vector<std::vector<bool>> numeric_value_;
    std::vector<std::size_t> widths_;
    ScenarioEvaluator evaluator_;
    std::vector<ScenarioWorkload> figures_;
    std::string buffer_;
};

} // namespace

Vary parse_vary(const std::string& arg) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size()) {
        throw UsageError(
            fmt::format("--vary expects PATH=SPEC (a..b:n, a..b:n:log or v1,v2,…), got '{}'", arg));
    }
    Vary v;
    v.path = arg.substr(0, eq);
    const auto spec = arg.substr(eq + 1);
    const auto dots = spec.find("..");
    const auto colon = spec.find(':');
    if (dots != std::string::npos && colon != std::string::npos && colon > dots) {
        const auto parts = split(spec.substr(dots + 2), ':');
        double a = 0;
        double b = 0;
        double count = 0;
        try {
            a = util::parse_scaled(spec.substr(0, dots));
            b = util::parse_scaled(parts[0]);
            count = util::parse_number(parts.size() > 1 ? parts[1] : "");
        } catch (const ValueError& e) {
            throw UsageError(fmt::format("--vary {}: {} (a grid is a..b:n or a..b:n:log)", v.path, e.what()));
        }
        const bool log = parts.size() > 2 && parts[2] == "log";
        if (parts.size() > 3 || (parts.size() == 3 && !log)) {
            throw UsageError(fmt::format("--vary {}: expected a..b:n or a..b:n:log, got '{}'", v.path, spec));
        }
        if (count < 1 || count != std::floor(count) || count > 1e7) {
            throw UsageError(
                fmt::format("--vary {}: the number of values must be a whole number from 1 to 10000000, "
                            "got '{}'",
                            v.path, parts.size() > 1 ? parts[1] : ""));
        }
        if (log && !(a > 0 && b > 0)) {
            throw UsageError(fmt::format("--vary {}: a log-spaced grid needs both ends above 0", v.path));
        }
        const auto n = static_cast<std::size_t>(count);
        for (std::size_t i = 0; i < n; ++i) {
            const double t = n == 1 ? 0 : static_cast<double>(i) / static_cast<double>(n - 1);
            const double value =
                log ? std::exp(std::log(a) + t * (std::log(b) - std::log(a))) : a + t * (b - a);
            v.values.push_back(number_text(i + 1 == n && n > 1 ? b : value));
            v.numbers.push_back(std::stod(v.values.back()));
        }
        return v;
    }
    if (spec.find('{') != std::string::npos) {
        throw UsageError(
            fmt::format("--vary {}: a {{min, mode, max}} range cannot be a --vary value (values are "
                        "split at commas); set it with --set, or vary its ends as a..b values",
                        v.path));
    }
    v.values = split(spec, ',');
    for (const auto& value : v.values) {
        if (value.empty()) throw UsageError(fmt::format("--vary {}: empty value in '{}'", v.path, spec));
    }
    return v;
}

SweepPlan plan_sweep(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog, const std::vector<Vary>& varies, std::size_t max_scenarios,
                     const std::atomic<bool>* cancel) {
    SweepPlan plan;
    plan.varies = varies;
    plan.catalog = catalog;
    plan.tree = merged_tree(sources, sets);
    plan.base = decode_profile(plan.tree, catalog);
    for (std::size_t i = 0; i < varies.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (varies[i].path == varies[j].path) {
                throw UsageError(
                    fmt::format("--vary {} is given twice; give one --vary per PATH", varies[i].path));
            }
        }
    }
    for (const auto& v : varies) {
        if (plan.scenarios > max_scenarios / v.values.size()) {
            throw UsageError(fmt::format("the grid has more than {} scenarios (limit max_sweep_scenarios); "
                                         "use fewer values",
                                         max_scenarios));
        }
        plan.scenarios *= v.values.size();
    }
    const auto base_paths = field_paths(plan.base); // once, not once per value
    for (const auto& v : varies) {
        std::vector<Assignment> list;
        auto load_value = [&](const std::string& value) {
            Tree tree = plan.tree;
            apply_set(tree, v.path + "=" + value, "--vary");
            Profile with_value = decode_profile(tree, catalog); // the loader's checks and messages
            Assignment a;
            if (!fast_assignment(v.path, base_paths, with_value, a)) plan.fast = false;
            return a;
        };
        if (!v.numbers.empty()) {
            // A generated grid lies between its ends: load both, and if they are plain numbers (or a
            // rate per day) the values between pass the same bounds and differ only in the number.
            const auto first = load_value(v.values.front());
            const auto last = load_value(v.values.back());
            using K = Assignment::Kind;
            const bool simple = plan.fast && first.kind == last.kind &&
                                (first.kind == K::number || first.kind == K::calls ||
                                 first.kind == K::labor_rate || first.kind == K::days_per_month);
            if (simple) {
                for (std::size_t i = 0; i < v.numbers.size(); ++i) {
                    Assignment a = i + 1 == v.numbers.size() ? last : first;
                    a.num = Num::point(v.numbers[i]);
                    a.rate = CallRate{Num::point(v.numbers[i]), 1, 0};
                    a.number = v.numbers[i];
                    list.push_back(std::move(a));
                }
                plan.assignments.push_back(std::move(list));
                continue;
            }
        }
        for (const auto& value : v.values) {
            if (cancel && cancel->load()) return plan;
            list.push_back(load_value(value));
        }
        plan.assignments.push_back(std::move(list));
    }
    return plan;
}

std::size_t run_sweep(const SweepPlan& plan, const SweepRun& run, std::FILE* out) {
    const unsigned threads = std::max(1u, run.threads);
    std::vector<RowWriter> writers;
    writers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t)
        writers.emplace_back(plan, run.format);
    const auto header = writers[0].header();
    std::fwrite(header.data(), 1, header.size(), out);

    constexpr std::size_t kChunk = 8192;
    std::vector<std::string> buffers(threads);
    std::size_t written = 0;
    while (written < plan.scenarios) {
        if (run.cancel && run.cancel->load()) break;
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> errors(threads);
        for (unsigned t = 0; t < threads; ++t) {
            const std::size_t begin = std::min(plan.scenarios, written + t * kChunk);
            const std::size_t end = std::min(plan.scenarios, begin + kChunk);
            buffers[t].clear();
            auto task = [&, t, begin, end] {
                try {
                    writers[t].rows(begin, end, buffers[t]);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            };
            if (t == 0) continue;
            pool.emplace_back(task);
        }
        {
            const std::size_t begin = written;
            const std::size_t end = std::min(plan.scenarios, begin + kChunk);
            try {
                writers[0].rows(begin, end, buffers[0]);
            } catch (...) {
                errors[0] = std::current_exception();
            }
        }
        for (auto& th : pool)
            th.join();
        for (auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        for (unsigned t = 0; t < threads; ++t) {
            std::fwrite(buffers[t].data(), 1, buffers[t].size(), out);
        }
        written = std::min(plan.scenarios, written + threads * kChunk);
        if (run.progress) run.progress(written, plan.scenarios);
    }
    std::fflush(out);
    return written;
}

} // namespace llmtco::load
