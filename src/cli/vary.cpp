#include "cli/vary.hpp"

#include "util/error.hpp"
#include "util/parse.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco::cli {
namespace {

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

} // namespace

load::Vary parse_vary(const std::string& arg) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size()) {
        throw UsageError(fmt::format(
            "--vary expects PATH=SPEC (a..b:n, a..b:n:log, v1,v2,… or [v1, v2, …]), got '{}'", arg));
    }
    load::Vary v;
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
        return load::Vary::generated(v.path, {a, b, static_cast<std::size_t>(count), log, number_text(b)});
    }
    if (spec.find('{') != std::string::npos) {
        throw UsageError(
            fmt::format("--vary {}: a {{min, mode, max}} range cannot be a --vary value (values are "
                        "split at commas); set it with --set, or vary its ends as a..b values",
                        v.path));
    }
    // A list as YAML writes one, [a, b], is the same list as a,b; spaces around a value are not part of it.
    const bool bracketed = spec.size() >= 2 && spec.front() == '[' && spec.back() == ']';
    auto values = split(bracketed ? spec.substr(1, spec.size() - 2) : spec, ',');
    for (auto& value : values) {
        value = std::string(util::trim(value));
        if (value.empty()) throw UsageError(fmt::format("--vary {}: empty value in '{}'", v.path, spec));
        if (value.front() == '[' || value.back() == ']') {
            throw UsageError(
                fmt::format("--vary {}: '{}' is not a list: write v1,v2 or [v1, v2]", v.path, spec));
        }
    }
    return load::Vary::list(v.path, std::move(values));
}

} // namespace llmtco::cli
