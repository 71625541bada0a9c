#include "render/sweep.hpp"

#include "llmtco/portfolio.hpp"
#include "llmtco/sweep.hpp"
#include "render/format.hpp"
#include "util/error.hpp"
#include "util/ordered_chunks.hpp"
#include "util/parse.hpp"
#include "util/shortest.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>

namespace llmtco::render {
namespace {

bool looks_numeric(const std::string& s) {
    if (s == "true" || s == "false") return true; // written bare in JSON too
    try {
        util::parse_number(s);
        return true;
    } catch (const ValueError&) {
        return false;
    }
}

/// A JSON string literal; computed once per name and value, never per row.
std::string json_string(const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Column names of the sweep output (PRODUCT.md section 4a).
std::vector<std::string> columns(const load::SweepPlan& plan) {
    std::vector<std::string> out;
    for (const auto& v : plan.varies)
        out.push_back(v.path);
    const auto& p = plan.base;
    for (const auto& w : p.workloads) {
        for (const auto& c : p.cloud)
            out.push_back(w.name + "/" + c.name + "/total_cost");
        for (const auto& l : p.local)
            out.push_back(w.name + "/" + l.name + "/total_cost");
        for (const auto& c : p.cloud)
            out.push_back(w.name + "/" + c.name + "/feasible");
        for (const auto& l : p.local)
            out.push_back(w.name + "/" + l.name + "/feasible");
        for (const auto& l : p.local)
            out.push_back(w.name + "/" + l.name + "/residual_value");
        for (const auto& l : p.local) {
            for (const auto& c : p.cloud)
                out.push_back(w.name + "/" + l.name + "~" + c.name + "/breakeven_months");
        }
        for (const auto& l : p.local) {
            for (const auto& c : p.cloud)
                out.push_back(w.name + "/" + l.name + "~" + c.name + "/breakeven_month");
        }
        out.push_back(w.name + "/recommended");
    }
    if (p.workloads.size() > 1) { // the whole profile as one bill (PRODUCT §4c)
        out.push_back("portfolio/total_cost");
        out.push_back("portfolio/assignment");
    }
    return out;
}

constexpr std::string_view kTrue = "true";
/// Room for one number cell's text: the shortest round trip or "{:.2f}" of a sweep figure, a
/// computed grid value, or a fixed word.
constexpr std::size_t kNumberChars = 64;
constexpr std::string_view kFalse = "false";

/// Formats rows [begin, end) of the grid into `out`. One per worker thread.
class RowWriter {
  public:
    RowWriter(const load::SweepPlan& plan, SweepFormat format)
        : plan_(plan), format_(format), builder_(plan) {
        names_ = columns(plan);
        for (const auto& o : plan.base.cloud)
            option_names_.push_back(o.name);
        for (const auto& o : plan.base.local)
            option_names_.push_back(o.name);
        // Cells as written, escaped once here rather than once a row.
        for (const auto& n : option_names_)
            option_names_csv_.push_back(csv_field(n));
        for (const auto& v : plan.varies) {
            std::vector<bool> numeric;
            std::vector<std::string> texts;
            for (const auto& value : v.values) {
                numeric.push_back(looks_numeric(value));
                texts.push_back(numeric.back() ? value : csv_field(value));
            }
            numeric_value_.push_back(std::move(numeric));
            values_csv_.push_back(std::move(texts));
        }
        widths_.reserve(names_.size());
        for (const auto& n : names_)
            widths_.push_back(std::max<std::size_t>(n.size(), 12));
        if (format_ == SweepFormat::jsonl) {
            for (const auto& n : names_)
                names_json_.push_back(json_string(n) + ":");
            for (const auto& n : option_names_)
                option_names_json_.push_back(json_string(n));
            for (const auto& v : plan.varies) {
                std::vector<std::string> texts;
                for (const auto& value : v.values)
                    texts.push_back(json_string(value));
                values_json_.push_back(std::move(texts));
            }
        }
        clouds_ = plan.base.cloud.size();
        portfolio_ = plan.base.workloads.size() > 1;
        for (const auto& w : plan.base.workloads) {
            std::vector<bool> served;
            for (const auto& c : plan.base.cloud)
                served.push_back(serves_workload(c.serves, w.name));
            for (const auto& l : plan.base.local)
                served.push_back(serves_workload(l.serves, w.name));
            any_unserved_ = any_unserved_ || std::find(served.begin(), served.end(), false) != served.end();
            served_.push_back(std::move(served));
        }
        row_bound_ = row_bound();
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
        for (std::size_t i = begin; i < end; ++i) {
            load::grid_digits(plan_, i, digits_);
            const auto& profile = builder_.build(digits_);
            evaluator_.evaluate(profile, figures_);
            if (portfolio_) best_portfolio(profile);
            builder_.check_fleets(digits_, figures_);
            write_row(out);
        }
    }

  private:
    /// The most bytes a row can take: every cell at its longest, with its separator, padding and
    /// (jsonl) name. A row is written through a pointer into that much room, then trimmed.
    std::size_t row_bound() const {
        std::size_t longest_option = 4; // "null", "none"
        for (std::size_t o = 0; o < option_names_.size(); ++o) {
            longest_option = std::max({longest_option, option_names_[o].size(), option_names_csv_[o].size(),
                                       format_ == SweepFormat::jsonl ? option_names_json_[o].size() : 0});
        }
        std::size_t bound = 2; // the row's end
        for (std::size_t column = 0; column < names_.size(); ++column) {
            std::size_t longest = kNumberChars; // numbers, "true"/"false", "never"
            if (column < plan_.varies.size()) {
                for (const auto& value : values_csv_[column])
                    longest = std::max(longest, value.size());
                for (const auto& value : plan_.varies[column].values)
                    longest = std::max(longest, value.size());
                if (format_ == SweepFormat::jsonl) {
                    for (const auto& value : values_json_[column])
                        longest = std::max(longest, value.size());
                }
            } else if (portfolio_ && column + 1 == names_.size()) { // portfolio/assignment
                std::size_t text = 2;
                for (const auto& w : plan_.base.workloads)
                    text += w.name.size() + 2 + longest_option;
                longest = std::max(longest, 2 * text + 2); // every character escaped, and quotes
            } else {
                longest = std::max(longest, longest_option);
            }
            bound += 2 + longest + widths_[column] +
                     (format_ == SweepFormat::jsonl ? names_json_[column].size() : 0);
        }
        return bound;
    }

    /// Writes one cell at `at` and returns its end; `text` is already escaped for CSV, `json` its
    /// JSON form (a string literal or a bare number; null: `text` is a bare number or empty), used
    /// for jsonl only. The row's room was reserved by write_row.
    char* cell(std::size_t column, std::string_view text, const std::string* json, char* at) const {
        const auto put = [&at](std::string_view s) {
            std::memcpy(at, s.data(), s.size());
            at += s.size();
        };
        switch (format_) {
        case SweepFormat::csv:
            if (column) *at++ = ',';
            put(text);
            break;
        case SweepFormat::table:
            if (column) put("  ");
            at = fmt::format_to(at, "{:>{}}", text, widths_[column]);
            break;
        case SweepFormat::jsonl:
            *at++ = column ? ',' : '{';
            put(names_json_[column]);
            if (json)
                put(*json);
            else if (text.empty())
                put("null");
            else
                put(text);
            break;
        }
        return at;
    }

    char* number(std::size_t column, double v, char* at) const {
        if (!std::isfinite(v))
            throw std::logic_error("internal error: a sweep figure is not a finite number");
        char digits[kNumberChars];
        char* end = digits;
        if (format_ == SweepFormat::table) {
            const auto written = fmt::format_to_n(digits, sizeof digits, FMT_COMPILE("{:.2f}"), v);
            if (written.size > sizeof digits)
                throw std::logic_error("internal error: a sweep figure is too long to print");
            end = written.out;
        } else if (v >= 0 && v < 1e6 && v == std::floor(v) && !std::signbit(v)) {
            // Months, counts, a zero residual: the same digits as "{}" prints, without the
            // shortest-representation search (a tenth of a second over a million rows).
            end = fmt::format_to(digits, FMT_COMPILE("{}"), static_cast<long long>(v));
        } else {
            end = util::write_shortest(digits, v); // "{}": the shortest round trip, ≤ 24 chars
        }
        return cell(column, std::string_view(digits, static_cast<std::size_t>(end - digits)), nullptr, at);
    }

    void write_row(std::string& out) {
        const bool jsonl = format_ == SweepFormat::jsonl;
        const bool csv = format_ == SweepFormat::csv;
        std::size_t column = 0;
        const std::size_t start = out.size();
        out.resize(start + row_bound_);
        char* at = out.data() + start;
        for (std::size_t v = 0; v < digits_.size(); ++v) {
            const auto& vary = plan_.varies[v];
            if (vary.values.empty()) { // a grid too long to hold: its value (a number) is computed
                value_text_ = vary.text(digits_[v]); // 12 significant digits: within kNumberChars
                if (value_text_.size() > kNumberChars)
                    throw std::logic_error("internal error: a grid value is too long to print");
                at = cell(column++, value_text_, nullptr, at);
                continue;
            }
            const bool is_string = !numeric_value_[v][digits_[v]];
            at = cell(column++, csv ? values_csv_[v][digits_[v]] : vary.values[digits_[v]],
                      jsonl && is_string ? &values_json_[v][digits_[v]] : nullptr, at);
        }
        static const std::string kNull = "null";
        for (std::size_t wi = 0; wi < figures_.size(); ++wi) {
            const auto& w = figures_[wi];
            // An option whose `serves` leaves the workload out has no figures for it: empty cells
            // ("n/a" in a table, null in jsonl).
            const auto* served = any_unserved_ ? &served_[wi] : nullptr;
            auto absent = [&](std::size_t option) { return served && !(*served)[option]; };
            auto empty_cell = [&](char* to) {
                return cell(column++, format_ == SweepFormat::table ? "n/a" : "", jsonl ? &kNull : nullptr,
                            to);
            };
            for (std::size_t o = 0; o < w.totals.size(); ++o)
                at = absent(o) ? empty_cell(at) : number(column++, w.totals[o], at);
            for (std::size_t o = 0; o < w.feasible.size(); ++o)
                at = absent(o) ? empty_cell(at) : cell(column++, w.feasible[o] ? kTrue : kFalse, nullptr, at);
            for (std::size_t l = 0; l < w.residual_value.size(); ++l)
                at = absent(clouds_ + l) ? empty_cell(at) : number(column++, w.residual_value[l], at);
            for (const auto* months : {&w.breakeven_months, &w.breakeven_month}) {
                for (std::size_t pr = 0; pr < months->size(); ++pr) {
                    const auto& m = (*months)[pr];
                    if (absent(clouds_ + pr / std::max<std::size_t>(1, clouds_)) ||
                        absent(pr % std::max<std::size_t>(1, clouds_)))
                        at = empty_cell(at);
                    else if (m)
                        at = number(column++, *m, at);
                    else
                        at = cell(column++, format_ == SweepFormat::table ? "never" : "", nullptr, at);
                }
            }
            if (w.recommended >= 0) {
                const auto r = static_cast<std::size_t>(w.recommended);
                at = cell(column++, csv ? option_names_csv_[r] : option_names_[r],
                          jsonl ? &option_names_json_[r] : nullptr, at);
            } else { // jsonl: null, no option recommended
                at =
                    cell(column++, format_ == SweepFormat::table ? "none" : "", jsonl ? &kNull : nullptr, at);
            }
        }
        if (portfolio_) {
            if (pick_.empty()) {
                at =
                    cell(column++, format_ == SweepFormat::table ? "none" : "", jsonl ? &kNull : nullptr, at);
                at =
                    cell(column++, format_ == SweepFormat::table ? "none" : "", jsonl ? &kNull : nullptr, at);
            } else {
                at = number(column++, portfolio_total(problem_, pick_), at);
                assignment_.clear();
                for (std::size_t wi = 0; wi < pick_.size(); ++wi) {
                    assignment_ += (wi ? ";" : "") + plan_.base.workloads[wi].name + "=" +
                                   option_names_[problem_.candidates[wi][pick_[wi]].option];
                }
                if (csv) {
                    const auto text = csv_field(assignment_);
                    at = cell(column++, text, nullptr, at);
                } else if (jsonl) {
                    const auto text = json_string(assignment_);
                    at = cell(column++, assignment_, &text, at);
                } else {
                    at = cell(column++, assignment_, nullptr, at);
                }
            }
        }
        if (jsonl) *at++ = '}';
        *at++ = '\n';
        out.resize(static_cast<std::size_t>(at - out.data()));
    }

    /// The cheapest portfolio of this row's figures (portfolio.hpp).
    void best_portfolio(const Profile& p) {
        portfolio_problem(p, figures_, problem_);
        long long nodes = 0;
        bool proven = true;
        pick_ = cheapest_assignment(problem_, kPortfolioNodeLimit, &nodes, &proven);
    }

    const load::SweepPlan& plan_;
    SweepFormat format_;
    load::ScenarioBuilder builder_;
    std::vector<std::size_t> digits_;
    std::vector<std::string> names_;
    std::vector<std::string> names_json_;
    std::vector<std::string> option_names_;
    std::vector<std::string> option_names_json_;
    std::vector<std::string> option_names_csv_;
    std::vector<std::vector<std::string>> values_csv_;
    std::vector<std::vector<std::string>> values_json_;
    std::vector<std::vector<bool>> numeric_value_;
    std::string value_text_; ///< scratch: a computed grid value
    std::vector<std::size_t> widths_;
    std::size_t row_bound_ = 0; ///< row_bound()
    std::size_t clouds_ = 0;
    bool portfolio_ = false; ///< several workloads: the portfolio columns
    PortfolioProblem problem_;
    std::vector<std::size_t> pick_;
    std::string assignment_;
    bool any_unserved_ = false;             ///< some option's `serves` leaves a workload out
    std::vector<std::vector<bool>> served_; ///< per workload, per option position
    ScenarioEvaluator evaluator_;
    std::vector<ScenarioWorkload> figures_;
};

} // namespace

std::size_t run_sweep(const load::SweepPlan& plan, const SweepRun& run, std::FILE* out) {
    const unsigned threads = std::max(1u, run.threads);
    std::vector<RowWriter> writers;
    writers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t)
        writers.emplace_back(plan, run.format);
    const auto header = writers[0].header();
    // A short write (a full disk) stops the sweep; errno is left as that write set it, for the
    // caller's report of the stream's error.
    int write_error = 0;
    auto write = [&](const std::string& text) {
        if (!write_error && std::fwrite(text.data(), 1, text.size(), out) != text.size())
            write_error = errno ? errno : EIO;
    };
    write(header);

    constexpr std::size_t kChunk = 8192;
    std::vector<std::string> buffers(threads);
    const auto written = util::run_ordered_chunks(
        plan.scenarios, kChunk, threads,
        [&](unsigned t, std::size_t begin, std::size_t end) {
            buffers[t].clear();
            writers[t].rows(begin, end, buffers[t]);
        },
        [&](unsigned t) { write(buffers[t]); },
        [&](std::size_t done) {
            if (run.progress) run.progress(done, plan.scenarios);
        },
        [&] { return write_error != 0 || (run.cancel && run.cancel->load()); });
    if (!write_error && std::fflush(out) != 0) write_error = errno ? errno : EIO;
    errno = write_error;
    return written;
}

} // namespace llmtco::render
