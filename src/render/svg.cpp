#include "render/svg.hpp"

#include "llmtco/money.hpp"
#include "render/axes.hpp"
#include "render/ci.hpp"
#include "render/format.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace llmtco::render {
namespace {

constexpr const char* kFont =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
constexpr int kLeft = 76, kRight = 20, kTop = 40, kPlotHeight = 280;

std::string num(double v) { return fmt::format("{:.1f}", v); }

/// A <text> element; `s` longer than `max_columns` is cut with "…" and kept whole in a <title>.
std::string text(double x, double y, const std::string& s, const std::string& extra = "",
                 std::size_t max_columns = 200) {
    const auto shown = fit_columns(s, max_columns);
    return fmt::format("<text x=\"{}\" y=\"{}\"{}>{}{}</text>\n", num(x), num(y),
                       extra.empty() ? "" : " " + extra, xml_escape(shown),
                       shown == s ? "" : "<title>" + xml_escape(s) + "</title>");
}

/// Characters of 12-px text that fit in `pixels` (7 px a character, a little generous).
std::size_t chars_in(double pixels) { return static_cast<std::size_t>(std::max(4.0, pixels / 7.2)); }

/// A chart's bold title across the top, cut to the width.
std::string title_text(double x, const std::string& title, int width) {
    return text(x, 24, title, "font-size=\"15\" font-weight=\"bold\" fill=\"#111111\"",
                chars_in((width - x) * 0.8));
}

/// Legend entries laid out left to right, wrapped; returns the SVG and the height used.
std::pair<std::string, int> legend(const std::vector<std::pair<std::string, std::string>>& entries, int x0,
                                   int y0, int width, bool swatch_line) {
    std::string out = "<g class=\"legend\">\n";
    int x = x0, y = y0;
    for (const auto& [label, colour] : entries) {
        const int w =
            34 + static_cast<int>(std::min(display_width(label), chars_in(width - kRight - x0 - 28))) * 7;
        if (x > x0 && x + w > width - kRight) {
            x = x0;
            y += 20;
        }
        if (swatch_line) {
            out += fmt::format(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3\"/>\n", x,
                y - 4, x + 22, y - 4, colour);
        } else {
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"12\" fill=\"{}\"/>\n", x,
                               y - 11, colour);
        }
        out += text(x + 28, y, label, "", chars_in(width - kRight - x - 28));
        x += w + 14;
    }
    return {out + "</g>\n", y - y0 + 20};
}

std::string open_svg(int width, int height, const std::string& title) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
        "{1}\" font-family=\"{2}\" font-size=\"12\" role=\"img\">\n<title>{3}</title>\n"
        "<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
        width, height, kFont, xml_escape(title));
}

/// Horizontal grid lines with their labels on the left.
std::string y_grid(const std::vector<std::pair<double, std::string>>& ticks, int x0, int x1) {
    std::string out = "<g class=\"y-axis\" fill=\"#444444\">\n";
    for (const auto& [y, label] : ticks) {
        out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e3e3e3\"/>\n", x0, num(y),
                           x1, num(y));
        out += text(x0 - 6, y + 4, label, "text-anchor=\"end\"");
    }
    return out + "</g>\n";
}

/// Vertical tick marks with labels under the x axis, and the axis title.
std::string x_axis(const std::vector<std::pair<double, std::string>>& ticks, int x0, int x1, int y,
                   const std::string& title) {
    std::string out =
        fmt::format("<g class=\"x-axis\" fill=\"#444444\">\n<line x1=\"{}\" y1=\"{}\" x2=\"{}\" "
                    "y2=\"{}\" stroke=\"#444444\"/>\n",
                    x0, y, x1, y);
    for (const auto& [x, label] : ticks) {
        out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444444\"/>\n", num(x), y,
                           num(x), y + 5);
        out += text(x, y + 18, label, "text-anchor=\"middle\"");
    }
    out += text((x0 + x1) / 2.0, y + 36, title, "text-anchor=\"middle\"");
    return out + "</g>\n";
}

/// A finished chart and the height it takes.
struct Chart {
    std::string svg;
    int height = 0;
};

std::string kind_name(OptionKind k) { return k == OptionKind::cloud ? "cloud" : "local"; }

std::size_t option_index(const WorkloadResult& w, const std::string& name) {
    for (std::size_t i = 0; i < w.options.size(); ++i)
        if (w.options[i].name == name) return i;
    return w.options.size();
}

std::vector<std::pair<std::string, std::string>> option_legend(const WorkloadResult& w) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (std::size_t i = 0; i < w.options.size(); ++i)
        entries.emplace_back(w.options[i].name + " (" + kind_name(w.options[i].kind) +
                                 (w.options[i].feasible ? ")" : ", cannot serve every call: dashed)"),
                             series_color(i));
    return entries;
}

Chart cumulative_chart(const Result& r, const WorkloadResult& w, int width) {
    const int horizon = r.horizon_months;
    const int x0 = kLeft, x1 = width - kRight, y0 = kTop, y1 = kTop + kPlotHeight;
    std::vector<std::vector<double>> curves;
    double top = 0;
    for (const auto& o : w.options) {
        curves.push_back(cumulative_net(o));
        top = std::max(top, curves.back().back());
    }
    const auto y_ticks = linear_ticks(top, 5);
    const double y_max = y_ticks.back();
    auto x = [&](double month) { return x0 + (x1 - x0) * month / horizon; };
    auto y = [&](double value) { return y1 - (y1 - y0) * std::clamp(value / y_max, 0.0, 1.0); };

    const auto [legend_svg, legend_height] = legend(option_legend(w), x0, y1 + 62, width, true);
    const int height = y1 + 62 + legend_height;
    const std::string title = fmt::format("{}: cumulative cost ({}) by month", w.name, r.currency);
    std::string out = open_svg(width, height, title);
    out += title_text(x0, title, width);
    std::vector<std::pair<double, std::string>> yt, xt;
    for (double t : y_ticks)
        yt.emplace_back(y(t), compact_money(t, r.currency));
    for (int m : month_ticks(horizon, 12))
        xt.emplace_back(x(m), std::to_string(m));
    out += y_grid(yt, x0, x1);
    out += x_axis(xt, x0, x1, y1, "month");
    for (std::size_t s = 0; s < curves.size(); ++s) {
        std::string points;
        for (std::size_t m = 0; m < curves[s].size(); ++m)
            points += (m ? " " : "") + num(x(static_cast<double>(m))) + "," + num(y(curves[s][m]));
        out += fmt::format("<g class=\"series\" data-option=\"{}\" data-kind=\"{}\" data-total=\"{}\">\n"
                           "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" "
                           "stroke-linejoin=\"round\"{}/>\n</g>\n",
                           xml_escape(w.options[s].name), kind_name(w.options[s].kind),
                           checked(w.options[s].total_cost, "total"), points, series_color(s),
                           w.options[s].feasible ? "" : " stroke-dasharray=\"7 5\"");
    }
    std::vector<std::pair<double, double>> placed; // crossing labels so far: x, y
    for (const auto& b : w.breakeven) {
        if (!b.month) continue;
        const auto li = option_index(w, b.local);
        if (li == w.options.size()) continue;
        const double value = curves[li][static_cast<std::size_t>(*b.month)];
        const double cx = x(*b.month), cy = y(value);
        out += fmt::format("<g class=\"breakeven\" data-local=\"{}\" data-cloud=\"{}\" data-month=\"{}\">\n",
                           xml_escape(b.local), xml_escape(b.cloud), *b.month);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555555\" "
                           "stroke-dasharray=\"4 3\"/>\n",
                           num(cx), num(cy), y1);
        out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"#ffffff\" stroke=\"#111111\" "
                           "stroke-width=\"2\"/>\n",
                           num(cx), num(cy));
        const bool right = cx < (x0 + x1) / 2.0;
        // labels of crossings close together go one under another
        double ly = std::max(cy - 9, double(y0) + 10);
        for (bool moved = true; moved;) {
            moved = false;
            for (const auto& [px, py] : placed) {
                if (std::abs(px - cx) < 240 && std::abs(py - ly) < 14) {
                    ly = py + 15;
                    moved = true;
                }
            }
        }
        placed.emplace_back(cx, ly);
        out += text(cx + (right ? 9 : -9), ly, fmt::format("{} = {}: month {}", b.local, b.cloud, *b.month),
                    right ? "fill=\"#111111\"" : "text-anchor=\"end\" fill=\"#111111\"",
                    chars_in(right ? x1 - cx - 9 : cx - 9 - x0));
        out += "</g>\n";
    }
    return {out + legend_svg + "</svg>\n", height};
}

} // namespace

std::string cumulative_svg(const Result& r, const WorkloadResult& w, int width) {
    return cumulative_chart(r, w, width).svg;
}

std::string items_svg(const Result& r, const WorkloadResult& w, int width) {
    const double months = r.horizon_months;
    std::vector<std::string> labels; // line items in order of first appearance, one colour each
    double top = 0;
    std::size_t name_width = 0;
    for (const auto& o : w.options) {
        for (const auto& item : o.items)
            if (std::find(labels.begin(), labels.end(), item.label) == labels.end())
                labels.push_back(item.label);
        top = std::max(top, o.total_cost / months);
        name_width = std::max(name_width, display_width(o.name));
    }
    std::map<std::string, std::string> colour;
    for (std::size_t i = 0; i < labels.size(); ++i)
        colour[labels[i]] = series_color(i + 1);
    const int x0 = std::clamp(static_cast<int>(name_width) * 7 + 16, 90, 260);
    const int x1 = width - kRight - 90; // room for the value at a bar's end
    const int bar = 22, gap = 14, y0 = kTop;
    const int y1 = y0 + static_cast<int>(w.options.size()) * (bar + gap);
    const auto ticks = linear_ticks(top, 5);
    auto x = [&](double v) { return x0 + (x1 - x0) * v / ticks.back(); };

    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& l : labels)
        entries.emplace_back(l, colour[l]);
    const auto [legend_svg, legend_height] = legend(entries, 16, y1 + 62, width, false);
    const int height = y1 + 62 + legend_height;
    const std::string title = fmt::format("{}: average monthly cost by line item ({}, total ÷ {})", w.name,
                                          r.currency, month_count(r.horizon_months));
    std::string out = open_svg(width, height, title);
    out += title_text(16, title, width);
    out += "<g class=\"x-grid\" fill=\"#444444\">\n";
    for (double t : ticks) {
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>\n",
                           num(x(t)), y0 - 6, y1);
        out += text(x(t), y1 + 18, compact_money(t, r.currency), "text-anchor=\"middle\"");
    }
    out += text((x0 + x1) / 2.0, y1 + 36, "per month, on average over the horizon", "text-anchor=\"middle\"");
    out += "</g>\n";
    for (std::size_t i = 0; i < w.options.size(); ++i) {
        const auto& o = w.options[i];
        const double top_y = y0 + static_cast<double>(i) * (bar + gap);
        out += fmt::format("<g class=\"bar\" data-option=\"{}\" data-monthly=\"{}\">\n", xml_escape(o.name),
                           checked(o.total_cost / months, "monthly"));
        out += text(x0 - 8, top_y + bar / 2.0 + 4, o.name, "text-anchor=\"end\" fill=\"#111111\"",
                    chars_in(x0 - 14));
        double at = 0;
        for (const auto& item : o.items) {
            if (!(item.total > 0)) continue;
            const double v = item.total / months;
            out += fmt::format("<rect class=\"item\" data-label=\"{}\" data-monthly=\"{}\" x=\"{}\" y=\"{}\" "
                               "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}/month</title></rect>\n",
                               xml_escape(item.label), checked(v, "item"), num(x(at)), num(top_y),
                               num(x(at + v) - x(at)), bar, colour[item.label], xml_escape(item.label),
                               xml_escape(format_money(v, r.currency)));
            at += v;
        }
        out += text(x(at) + 6, top_y + bar / 2.0 + 4, format_money(o.total_cost / months, r.currency),
                    "fill=\"#111111\"");
        out += "</g>\n";
    }
    return out + legend_svg + "</svg>\n";
}

std::string volume_svg(const Result& r, const WorkloadResult& w, const VolumeCurve& curve, int width) {
    const int x0 = kLeft, x1 = width - kRight, y0 = kTop, y1 = kTop + kPlotHeight;
    const double v_lo = curve.calls_per_day.front(), v_hi = curve.calls_per_day.back();
    double c_lo = INFINITY, c_hi = 0;
    for (std::size_t o = 0; o < curve.totals.size(); ++o) {
        for (std::size_t i = 0; i < curve.totals[o].size(); ++i) {
            const double t = curve.totals[o][i];
            if (!curve.feasible[o][i] || !(t > 0)) continue;
            c_lo = std::min(c_lo, t);
            c_hi = std::max(c_hi, t);
        }
    }
    if (!(c_hi > 0)) c_lo = 1, c_hi = 10;
    const double y_lo = std::pow(10.0, std::floor(std::log10(c_lo))),
                 y_hi = std::pow(10.0, std::ceil(std::log10(c_hi)));
    const double y_top = y_hi > y_lo ? y_hi : y_lo * 10;
    auto x = [&](double v) { return x0 + (x1 - x0) * std::log10(v / v_lo) / std::log10(v_hi / v_lo); };
    auto y = [&](double c) {
        return y1 - (y1 - y0) * std::clamp(std::log10(c / y_lo) / std::log10(y_top / y_lo), 0.0, 1.0);
    };
    const auto [legend_svg, legend_height] = legend(option_legend(w), x0, y1 + 62, width, true);
    const int height = y1 + 62 + legend_height;
    const std::string title = fmt::format("{}: total cost over {} ({}) by calls/day", w.name,
                                          month_count(r.horizon_months), r.currency);
    std::string out = open_svg(width, height, title);
    out += title_text(x0, title, width);
    std::vector<std::pair<double, std::string>> yt, xt;
    for (double t : log_ticks(y_lo, y_top))
        yt.emplace_back(y(t), compact_money(t, r.currency));
    for (double t : log_ticks(v_lo, v_hi))
        xt.emplace_back(x(t), compact_volume(t));
    out += y_grid(yt, x0, x1);
    out += x_axis(xt, x0, x1, y1, "calls per day (log scale)");
    for (std::size_t o = 0; o < curve.totals.size(); ++o) {
        out += fmt::format("<g class=\"series\" data-option=\"{}\" data-kind=\"{}\">\n",
                           xml_escape(w.options[o].name), kind_name(w.options[o].kind));
        std::string points;
        auto flush = [&] {
            if (!points.empty())
                out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" "
                                   "stroke-linejoin=\"round\"/>\n",
                                   points, series_color(o));
            points.clear();
        };
        for (std::size_t i = 0; i < curve.calls_per_day.size(); ++i) {
            const double t = curve.totals[o][i];
            if (!curve.feasible[o][i] || !(t > 0)) {
                flush(); // an option that cannot serve every call has no total there
                continue;
            }
            points += (points.empty() ? "" : " ") + num(x(curve.calls_per_day[i])) + "," + num(y(t));
        }
        flush();
        out += "</g>\n";
    }
    int row = 0;
    for (const auto& b : w.breakeven) {
        if (!b.calls_per_day || *b.calls_per_day < v_lo || *b.calls_per_day > v_hi) continue;
        const double bx = x(*b.calls_per_day);
        const double ty = y0 + 12 + 15 * (row++ % 6);
        out += fmt::format("<g class=\"breakeven-volume\" data-local=\"{}\" data-cloud=\"{}\" "
                           "data-calls-per-day=\"{}\">\n",
                           xml_escape(b.local), xml_escape(b.cloud), checked(*b.calls_per_day, "volume"));
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555555\" "
                           "stroke-dasharray=\"4 3\"/>\n",
                           num(bx), y0, y1);
        const bool right = bx < (x0 + x1) / 2.0;
        out += text(bx + (right ? 5 : -5), ty,
                    fmt::format("{} = {} at {}/day", b.local, b.cloud, format_number(*b.calls_per_day, 0)),
                    right ? "fill=\"#111111\"" : "text-anchor=\"end\" fill=\"#111111\"");
        out += "</g>\n";
    }
    if (w.calls_per_day >= v_lo && w.calls_per_day <= v_hi) {
        const double cx = x(w.calls_per_day);
        out += fmt::format("<g class=\"current-volume\" data-calls-per-day=\"{}\">\n", w.calls_per_day);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#111111\" "
                           "stroke-width=\"1.5\"/>\n",
                           num(cx), y0, y1);
        const bool right = cx < (x0 + x1) / 2.0;
        out += text(cx + (right ? 5 : -5), y1 - 8,
                    fmt::format("this workload: {}/day", format_number(w.calls_per_day, 0)),
                    right ? "fill=\"#111111\"" : "text-anchor=\"end\" fill=\"#111111\"");
        out += "</g>\n";
    }
    return out + legend_svg + "</svg>\n";
}

std::string cumulative_svg_document(const Result& r) {
    const int width = 760;
    std::vector<Chart> charts;
    for (const auto& w : r.workloads)
        if (!w.options.empty()) charts.push_back(cumulative_chart(r, w, width));
    const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (charts.size() == 1) return xml + charts.front().svg;
    // nested <svg> elements, one under another: y places each, its own height follows it
    std::string body;
    int height = 0;
    for (const auto& c : charts) {
        body += fmt::format("<svg y=\"{}\"{}", height, c.svg.substr(4));
        height += c.height;
    }
    return xml + fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
                             "viewBox=\"0 0 {0} {1}\">\n{2}</svg>\n",
                             width, std::max(height, 1), body);
}

} // namespace llmtco::render
