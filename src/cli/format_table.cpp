#include "cli/format_table.hpp"

#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace llmtco::cli {

FormatList::FormatList(std::vector<std::string> names) : names_(std::move(names)) {
    if (names_.empty()) throw std::logic_error("a format table needs at least one format");
}

std::size_t FormatList::find(std::string_view name) const {
    const auto it = std::find(names_.begin(), names_.end(), name);
    return it == names_.end() ? npos : static_cast<std::size_t>(it - names_.begin());
}

CLI::Option* FormatList::add_option(CLI::App& sub, std::string& format) const {
    // "Output: table (default), json, csv or markdown"
    std::string help = fmt::format("Output: {} (default)", names_.front());
    for (std::size_t i = 1; i < names_.size(); ++i)
        help += (i + 1 == names_.size() ? " or " : ", ") + names_[i];
    const CLI::Validator check(
        [names = names_, command = sub.get_name()](std::string& value) {
            if (std::find(names.begin(), names.end(), value) == names.end()) {
                // thrown past CLI11, so main prints it as one line, as for an unknown command
                throw UsageError(fmt::format("unknown format '{}' for {}{}; formats: {}", value, command,
                                             util::did_you_mean(value, names), fmt::join(names, ", ")));
            }
            return std::string();
        },
        fmt::format("{{{}}}", fmt::join(names_, ",")));
    return sub.add_option("-f,--format", format, help)->check(check);
}

} // namespace llmtco::cli
