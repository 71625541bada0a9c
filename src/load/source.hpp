#pragma once
// Where a profile's text comes from: a file, standard input ("-"), or "git:REV:PATH" through
// `git show`. The loader (profile_loader.hpp) decodes the text; it never opens anything itself.

#include <string>
#include <vector>

namespace llmtco::load {

/// The most any source may hold: a file, standard input or a git blob (a profile is then held to
/// Limits::max_file_bytes; a LiteLLM price file may be this big).
inline constexpr std::size_t kMaxReadBytes = 16 * 1024 * 1024;

struct Source {
    std::string display_name; ///< as it appears in messages
    std::string text;
    std::vector<std::string> warnings = {}; ///< what git said on standard error when it still succeeded
};

/// Reads a file, "-" for standard input, or "git:REV:PATH", at most kMaxReadBytes. Throws
/// UsageError when it cannot be read, InputError "NAME:1:1: error: … (max_read_bytes)" when it is
/// bigger (naming a regular file's real size).
Source read_source(const std::string& path);

} // namespace llmtco::load
