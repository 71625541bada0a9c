#pragma once
// Control characters in text that reaches a terminal: found (the loaders refuse them) and made
// visible (the writers escape what still arrives, e.g. a file name from the command line); names
// made safe for a profile PATH.

#include <string>
#include <string_view>

namespace llmtco::util {

/// The offset of the first control character in `s` — C0 other than tab and line feed, DEL, or a
/// C1 code point (U+0080–U+009F, UTF-8 C2 80–C2 9F) — or npos.
std::size_t control_char_at(std::string_view s);

/// "U+001B": the code point of the control character at `s[at]` (as control_char_at found it).
std::string control_char_name(std::string_view s, std::size_t at);

/// `s` with every control character of control_char_at written visibly as \xHH (C0, DEL) or
/// \u{HH} (C1). With `keep_sgr`, an ANSI colour sequence ESC [ digits/semicolons m (what the tables'
/// colours are) is kept as it is; every other escape sequence is broken up.
std::string escape_controls(std::string_view s, bool keep_sgr = false);

/// The 1-based line and column (in code points) of byte `offset` of `text`.
struct LineColumn {
    int line = 1;
    int column = 1;
};
LineColumn line_column(std::string_view text, std::size_t offset);

/// `s` as a name a profile PATH can carry: letters, digits, '-' and '_', other characters as one
/// '-', none at either end ("openai/gpt-4o-mini" → "openai-gpt-4o-mini"); "usage" for nothing left.
std::string path_safe_name(std::string_view s);

} // namespace llmtco::util
