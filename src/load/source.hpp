#pragma once
// Where a profile's text comes from: a file, standard input ("-"), or "git:REV:PATH" through
// `git show`. The loader (profile_loader.hpp) decodes the text; it never opens anything itself.

#include <string>

namespace llmtco::load {

struct Source {
    std::string display_name; ///< as it appears in messages
    std::string text;
};

/// Reads a file, "-" for standard input, or "git:REV:PATH". Throws UsageError when it cannot be read.
Source read_source(const std::string& path);

} // namespace llmtco::load
