#include "llmtco/money.hpp"
#include "render/format.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {

std::string explain_option(const OptionResult& o, const std::string& currency, const std::string& indent) {
    std::string out;
    for (const auto& reason : o.infeasible_reasons)
        out += fmt::format("{}infeasible: {}\n", indent, reason);
    for (const auto& line : o.capacity_explain)
        out += fmt::format("{}{}\n", indent, line);
    for (const auto& item : o.items) {
        out += fmt::format("{}{}\n", indent, item.formula);
    }
    out += fmt::format("{}total: {} = {}\n", indent,
                       o.items.empty() ? std::string("no costs")
                                       : [&] {
                                             std::string terms;
                                             for (const auto& item : o.items) {
                                                 const bool credit = item.total < 0; // residual value
                                                 terms += terms.empty() ? (credit ? "−" : "")
                                                                        : (credit ? " − " : " + ");
                                                 terms += format_money(std::fabs(item.total), currency);
                                             }
                                             return terms;
                                         }(),
                       format_money(o.total_cost, currency));
    return out;
}

} // namespace llmtco::render
