#include "render/chart.hpp"

#include "llmtco/curves.hpp"
#include "llmtco/money.hpp"
#include "render/axes.hpp"
#include "render/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

namespace llmtco::render {
namespace {

/// Cells of text; in Unicode mode each cell is a 2×4 braille dot matrix, in ASCII one dot.
class Canvas {
  public:
    Canvas(int width, int height, bool braille)
        : w_(width), h_(height), sx_(braille ? 2 : 1), sy_(braille ? 4 : 1),
          bits_(static_cast<std::size_t>(width * height), 0), owner_(bits_.size(), -1), text_(bits_.size()) {}

    int pixel_width() const { return w_ * sx_; }
    int pixel_height() const { return h_ * sy_; }
    int width() const { return w_; }

    void dot(int px, int py, int series) {
        if (px < 0 || py < 0 || px >= pixel_width() || py >= pixel_height()) return;
        const auto cell = index(px / sx_, py / sy_);
        if (sx_ == 2) {
            static const std::uint8_t mask[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
            bits_[cell] |= mask[py % 4][px % 2];
        }
        owner_[cell] = series;
    }

    /// A straight line of dots between two pixels (Bresenham).
    void line(int x0, int y0, int x1, int y1, int series) {
        const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
        const int step_x = x0 < x1 ? 1 : -1, step_y = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            dot(x0, y0, series);
            if (x0 == x1 && y0 == y1) break;
            const int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += step_x;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += step_y;
            }
        }
    }

    /// The cell holding a pixel.
    std::pair<int, int> cell_of(int px, int py) const { return {px / sx_, py / sy_}; }

    bool free(int x, int y) const {
        return x >= 0 && x < w_ && y >= 0 && y < h_ && owner_[index(x, y)] < 0 && text_[index(x, y)].empty();
    }

    void put(int x, int y, std::string text) {
        if (x >= 0 && x < w_ && y >= 0 && y < h_) text_[index(x, y)] = std::move(text);
    }

    /// One line of the plot, `unicode` styling series in their colours.
    std::string row(int y, bool unicode) const {
        std::string out;
        for (int x = 0; x < w_; ++x) {
            const auto i = index(x, y);
            if (!text_[i].empty()) {
                out += text_[i];
            } else if (owner_[i] < 0) {
                out += ' ';
            } else if (unicode) {
                const char32_t c = 0x2800 + bits_[i];
                const std::string glyph{char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)),
                                        char(0x80 | (c & 0x3F))};
                out += "\033[" + series_ansi(static_cast<std::size_t>(owner_[i])) + "m" + glyph + "\033[0m";
            } else {
                out += series_mark(static_cast<std::size_t>(owner_[i]));
            }
        }
        return out;
    }

  private:
    std::size_t index(int x, int y) const { return static_cast<std::size_t>(y * w_ + x); }
    int w_, h_, sx_, sy_;
    std::vector<std::uint8_t> bits_;
    std::vector<int> owner_;
    std::vector<std::string> text_;
};

/// `text` in lines of at most `width` columns, broken at spaces (a word longer than a line is
/// broken where the line ends): the first line starts with `indent`, the others with `indent` and
/// two more spaces.
std::string wrap(const std::string& text, int width, const std::string& indent) {
    const std::string next = indent + "  ";
    std::string out, line = indent;
    std::size_t prefix = indent.size();
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(start, end - start);
        const bool fits_a_line = static_cast<int>(next.size() + display_width(word)) <= width;
        if (line.size() > prefix && fits_a_line &&
            static_cast<int>(display_width(line) + 1 + display_width(word)) > width) {
            out += line + "\n";
            line = next;
            prefix = next.size();
        }
        if (line.size() > prefix) line += " ";
        while (static_cast<int>(display_width(line) + display_width(word)) > width) {
            const auto room =
                static_cast<std::size_t>(std::max(1, width - static_cast<int>(display_width(line))));
            const auto head = first_columns(word, room);
            out += line + head + "\n";
            word = word.substr(head.size());
            line = next;
            prefix = next.size();
        }
        line += word;
        start = end + 1;
    }
    return out + line + "\n";
}

std::string workload_chart(const Result& r, const WorkloadResult& w, const ChartOptions& o) {
    const bool u = o.unicode;
    const int horizon = r.horizon_months;
    std::vector<std::vector<double>> curves;
    double top = 0;
    for (const auto& opt : w.options) {
        curves.push_back(cumulative_net(opt));
        top = std::max(top, *std::max_element(curves.back().begin(), curves.back().end()));
    }
    const auto y_ticks = linear_ticks(top);
    const double y_max = y_ticks.back();
    std::vector<std::string> y_labels;
    std::size_t label_width = 0;
    for (double t : y_ticks) {
        y_labels.push_back(compact_money(t, r.currency));
        label_width = std::max(label_width, display_width(y_labels.back()));
    }
    const int lw = static_cast<int>(label_width);
    const int plot_width = o.columns - lw - 3; // label, space, axis, …, one column to spare
    if (plot_width < kMinChartColumns / 2) {
        return wrap(
            fmt::format("{}: chart left out: its money labels ({}) leave too little room in {} columns",
                        w.name, y_labels.back(), o.columns),
            o.columns, "");
    }
    Canvas canvas(plot_width, o.rows, u);
    const auto px_of = [&](double month) {
        return static_cast<int>(std::lround(month / horizon * (canvas.pixel_width() - 1)));
    };
    const auto py_of = [&](double value) {
        const double f = std::clamp(value / y_max, 0.0, 1.0);
        return static_cast<int>(std::lround((1 - f) * (canvas.pixel_height() - 1)));
    };
    for (std::size_t s = 0; s < curves.size(); ++s) {
        const auto& c = curves[s];
        for (int m = 1; m <= horizon; ++m) {
            canvas.line(px_of(m - 1), py_of(c[static_cast<std::size_t>(m - 1)]), px_of(m),
                        py_of(c[static_cast<std::size_t>(m)]), static_cast<int>(s));
        }
    }
    const std::string marker = u ? "\033[1m◆\033[0m" : "X";
    std::vector<std::string> notes;
    for (const auto& b : w.breakeven) {
        std::size_t li = 0;
        while (li < w.options.size() && w.options[li].name != b.local)
            ++li;
        if (li == w.options.size()) continue;
        if (!b.month) {
            notes.push_back(fmt::format(
                "{} vs {}: no crossing within {} ({})", b.local, b.cloud, month_count(horizon),
                b.months ? "breakeven after " + format_months(*b.months) : std::string("never breaks even")));
            continue;
        }
        const double value = curves[li][static_cast<std::size_t>(*b.month)];
        const auto [cx, cy] = canvas.cell_of(px_of(*b.month), py_of(value));
        canvas.put(cx, cy, marker);
        const std::string label = fmt::format("month {}", *b.month);
        const int n = static_cast<int>(label.size());
        auto fits = [&](int from, int row) {
            for (int x = from; x < from + n; ++x)
                if (!canvas.free(x, row)) return false;
            return true;
        };
        // beside the marker, else just above or below it, where no curve passes
        for (const int row : {cy, cy - 1, cy + 1}) {
            const int from = fits(cx + 2, row) ? cx + 2 : fits(cx - 1 - n, row) ? cx - 1 - n : -1;
            if (from < 0) continue;
            for (int i = 0; i < n; ++i)
                canvas.put(from + i, row, std::string(1, label[static_cast<std::size_t>(i)]));
            break;
        }
        notes.push_back(fmt::format("{} {} meets {} in month {}, at {}", u ? "◆" : "X", b.local, b.cloud,
                                    *b.month, format_money(value, r.currency)));
    }

    std::string out = wrap(
        fmt::format("{}: cumulative cost ({}) by month, over {}", w.name, r.currency, month_count(horizon)),
        o.columns, "");
    // y axis: each tick on the row nearest to it
    std::vector<int> tick_row(static_cast<std::size_t>(o.rows), -1);
    for (std::size_t t = 0; t < y_ticks.size(); ++t) {
        const int row = static_cast<int>(std::lround((1 - y_ticks[t] / y_max) * (o.rows - 1)));
        tick_row[static_cast<std::size_t>(row)] = static_cast<int>(t);
    }
    for (int y = 0; y < o.rows; ++y) {
        const int t = tick_row[static_cast<std::size_t>(y)];
        const std::string label = t >= 0 ? y_labels[static_cast<std::size_t>(t)] : "";
        out += std::string(label_width - display_width(label), ' ') + label + " " +
               (t >= 0 ? (u ? "┤" : "+") : (u ? "│" : "|")) + canvas.row(y, u);
        while (out.back() == ' ')
            out.pop_back();
        out += "\n";
    }
    // x axis: ticks under their months, labels centred on them where they do not collide
    const auto m_ticks = month_ticks(horizon, std::max(2, plot_width / 8));
    std::string axis = std::string(label_width + 1, ' ') + (u ? "└" : "+");
    std::vector<bool> is_tick(static_cast<std::size_t>(plot_width), false);
    for (int m : m_ticks)
        is_tick[static_cast<std::size_t>(canvas.cell_of(px_of(m), 0).first)] = true;
    for (int x = 0; x < plot_width; ++x)
        axis += is_tick[static_cast<std::size_t>(x)] ? (u ? "┬" : "+") : (u ? "─" : "-");
    out += axis + "\n";
    // the horizon's label first: it is always shown; the others where they leave a space around them
    std::string labels(static_cast<std::size_t>(o.columns), ' ');
    std::vector<bool> taken(labels.size() + 1, false);
    auto place = [&](int m) {
        const std::string text = std::to_string(m);
        const int n = static_cast<int>(text.size());
        const int centre = lw + 2 + canvas.cell_of(px_of(m), 0).first;
        const int at = std::clamp(centre - n / 2, 0, o.columns - n);
        for (int x = std::max(0, at - 1); x <= at + n && x < o.columns; ++x)
            if (taken[static_cast<std::size_t>(x)]) return;
        labels.replace(static_cast<std::size_t>(at), text.size(), text);
        for (int x = at; x < at + n; ++x)
            taken[static_cast<std::size_t>(x)] = true;
    };
    place(horizon);
    for (int m : m_ticks)
        if (m != horizon) place(m);
    while (!labels.empty() && labels.back() == ' ')
        labels.pop_back();
    out += labels + "\n";
    // legend, wrapped by its visible width: colour codes take no columns
    std::string line;
    int width = 0;
    std::string legend_out;
    for (std::size_t s = 0; s < w.options.size(); ++s) {
        const auto name =
            fit_columns(w.options[s].name, static_cast<std::size_t>(std::max(1, o.columns - 5)));
        const std::string key = u ? "\033[" + series_ansi(s) + "m━━\033[0m " + name
                                  : fmt::format("{}{} {}", series_mark(s), series_mark(s), name);
        const int key_width = 3 + static_cast<int>(display_width(name));
        if (width > 0 && width + 3 + key_width > o.columns) {
            legend_out += line + "\n";
            line.clear();
            width = 0;
        }
        line += (width == 0 ? "  " : "   ") + key;
        width += (width == 0 ? 2 : 3) + key_width;
    }
    out += legend_out + line + "\n";
    for (const auto& opt : w.options) {
        if (!opt.feasible) {
            notes.push_back(
                fmt::format("! {} cannot serve every call ({} unserved over the horizon): its curve "
                            "leaves them out",
                            opt.name, format_number(opt.unserved_calls, 0)));
        }
    }
    for (const auto& note : notes)
        out += wrap(note, o.columns, "  ");
    return out;
}

} // namespace

std::string cumulative_chart(const Result& r, const ChartOptions& o) {
    if (o.columns < kMinChartColumns) {
        return fmt::format("(chart left out: it needs {} columns, COLUMNS is {})\n", kMinChartColumns,
                           o.columns);
    }
    std::string out;
    for (const auto& w : r.workloads) {
        if (w.options.empty()) continue;
        out += (out.empty() ? "" : "\n") + workload_chart(r, w, o);
    }
    return out;
}

} // namespace llmtco::render
