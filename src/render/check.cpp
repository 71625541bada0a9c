#include "render/ci.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::size_t failures(const std::vector<BudgetResult>& results) {
    std::size_t n = 0;
    for (const auto& r : results)
        n += r.pass ? 0 : 1;
    return n;
}

std::string subject(const BudgetResult& r) {
    return r.option.empty() ? r.workload : r.workload + "/" + r.option;
}

std::string summary(const std::vector<BudgetResult>& results) {
    const auto failed = failures(results);
    if (results.empty()) return "no budgets in the profile";
    if (failed == 0)
        return fmt::format("all {} budget{} pass", results.size(), results.size() == 1 ? "" : "s");
    return fmt::format("{} of {} budget{} failed", failed, results.size(), results.size() == 1 ? "" : "s");
}

} // namespace

std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
            out += c;
        }
    }
    return out;
}

std::string check_text(const std::vector<BudgetResult>& results, const Style& style, bool quiet) {
    if (quiet) {
        std::string out;
        for (const auto& r : results) {
            if (!r.pass) out += fmt::format("{}:{}: {}\n", r.loc.file, r.loc.line, r.message);
        }
        return out;
    }
    std::vector<std::vector<std::string>> rows{{"result", "workload/option", "budget", "actual", "limit"}};
    for (const auto& r : results) {
        rows.push_back({r.pass ? style.green("PASS") : style.yellow("FAIL"), subject(r),
                        budget_kind_name(r.kind), r.actual_text, r.limit_text});
    }
    std::string out =
        results.empty() ? std::string() : aligned_table(rows, {false, false, false, true, true}, style, "");
    std::string details;
    for (const auto& r : results) {
        if (!r.pass) details += fmt::format("  {}:{}: {}\n", r.loc.file, r.loc.line, r.message);
    }
    if (!details.empty()) out += "\n" + details;
    out += "\n" + summary(results) + "\n";
    return out;
}

nlohmann::ordered_json check_json(const std::vector<BudgetResult>& results) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& r : results) {
        list.push_back({{"workload", r.workload},
                        {"option", r.option.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(r.option)},
                        {"against", r.against.empty() ? nlohmann::ordered_json(nullptr)
                                                      : nlohmann::ordered_json(r.against)},
                        {"budget", budget_kind_name(r.kind)},
                        {"actual", r.actual ? nlohmann::ordered_json(checked(*r.actual, "budget actual"))
                                            : nlohmann::ordered_json(nullptr)},
                        {"limit", r.kind == BudgetKind::recommend ? nlohmann::ordered_json(r.limit_text)
                                                                  : nlohmann::ordered_json(r.limit)},
                        {"actual_text", r.actual_text},
                        {"pass", r.pass},
                        {"message", r.message},
                        {"file", r.loc.file},
                        {"line", r.loc.line}});
    }
    const auto failed = failures(results);
    return {{"passed", results.size() - failed}, {"failed", failed}, {"budgets", list}};
}

std::string check_junit(const std::vector<BudgetResult>& results, const std::string& suite_name) {
    const auto failed = failures(results);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"llm-tco check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                       results.size(), failed);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                       xml_escape(suite_name), results.size(), failed);
    for (const auto& r : results) {
        const auto name = fmt::format("{} {} {}", subject(r), budget_kind_name(r.kind), r.limit_text);
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                           xml_escape("llm-tco." + r.workload), xml_escape(name), xml_escape(r.loc.file),
                           r.loc.line);
        if (r.pass) {
            out += "/>\n";
        } else {
            out += ">\n";
            out +=
                fmt::format("      <failure message=\"{}\" type=\"{}\">{}\nactual: {}\nlimit: {}</failure>\n",
                            xml_escape(r.message), budget_kind_name(r.kind), xml_escape(r.message),
                            xml_escape(r.actual_text), xml_escape(r.limit_text));
            out += "    </testcase>\n";
        }
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

std::string check_markdown(const std::vector<BudgetResult>& results) {
    const auto failed = failures(results);
    std::string out =
        fmt::format("### llm-tco budget check: {} {}\n\n", failed == 0 ? "✅" : "❌", summary(results));
    if (results.empty()) return out;
    out += "| | workload | option | budget | actual | limit |\n|---|---|---|---|---:|---:|\n";
    for (const auto& r : results) {
        out += fmt::format("| {} | {} | {} | `{}` | {} | {} |\n", r.pass ? "✅" : "❌",
                           markdown_text(r.workload), markdown_text(r.option), budget_kind_name(r.kind),
                           markdown_text(r.actual_text), markdown_text(r.limit_text));
    }
    bool any = false;
    for (const auto& r : results) {
        if (r.pass) continue;
        if (!any) out += "\n";
        any = true;
        out += fmt::format("- ❌ {}\n", markdown_text(r.message));
    }
    return out;
}

} // namespace llmtco::render
