#pragma once
// A command's output formats as one table, name → renderer, the first entry the default. The
// --format option's validation, its --help text, the dispatch and shell completion all read it.

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco::cli {

/// The names of a command's formats, default first.
class FormatList {
  public:
    explicit FormatList(std::vector<std::string> names);

    const std::vector<std::string>& names() const { return names_; }

    /// The position of `name` in the table, or npos.
    std::size_t find(std::string_view name) const;

    /// Binds -f,--format to `sub`, writing into `format`: a name not in the table is a UsageError
    /// naming the valid ones, with the nearest as "did you mean"; --help lists them and the default.
    CLI::Option* add_option(CLI::App& sub, std::string& format) const;

    static constexpr std::size_t npos = std::string_view::npos;

  private:
    std::vector<std::string> names_;
};

template <typename Renderer> struct FormatEntry {
    std::string_view name;
    Renderer render;
};

/// A FormatList with what each format renders with.
template <typename Renderer> class FormatTable : public FormatList {
  public:
    FormatTable(std::initializer_list<FormatEntry<Renderer>> entries)
        : FormatList(names_of(entries)), entries_(entries) {}

    /// The renderer of `name`; empty is the default (the first entry). `name` has passed the
    /// option's check, so another name is a bug.
    const Renderer& operator[](std::string_view name) const {
        const auto i = name.empty() ? 0 : find(name);
        if (i == npos) throw std::logic_error("format '" + std::string(name) + "' is not in the table");
        return entries_[i].render;
    }

  private:
    static std::vector<std::string> names_of(std::initializer_list<FormatEntry<Renderer>> entries) {
        std::vector<std::string> out;
        for (const auto& e : entries)
            out.emplace_back(e.name);
        return out;
    }

    std::vector<FormatEntry<Renderer>> entries_;
};

} // namespace llmtco::cli
