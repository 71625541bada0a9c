#include "util/text.hpp"

#include <cctype>
#include <fmt/format.h>

namespace llmtco::util {
namespace {

/// The length of the control character at `s[i]` (1 for C0/DEL, 2 for a C1), or 0.
std::size_t control_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return 1;
    if (c == 0xC2 && i + 1 < s.size()) {
        const auto next = static_cast<unsigned char>(s[i + 1]);
        if (next >= 0x80 && next <= 0x9F) return 2;
    }
    return 0;
}

/// The length of an SGR sequence ESC [ [0-9;]* m at `s[i]`, or 0.
std::size_t sgr_length(std::string_view s, std::size_t i) {
    if (s[i] != '\033' || i + 1 >= s.size() || s[i + 1] != '[') return 0;
    for (std::size_t k = i + 2; k < s.size(); ++k) {
        if (s[k] == 'm') return k - i + 1;
        if (!(s[k] == ';' || (s[k] >= '0' && s[k] <= '9'))) return 0;
    }
    return 0;
}

} // namespace

std::size_t control_char_at(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (control_length(s, i)) return i;
    return std::string_view::npos;
}

std::string control_char_name(std::string_view s, std::size_t at) {
    const auto c = static_cast<unsigned char>(s[at]);
    const unsigned code = c == 0xC2 ? static_cast<unsigned char>(s[at + 1]) : c;
    return fmt::format("U+{:04X}", code);
}

std::string escape_controls(std::string_view s, bool keep_sgr) {
    if (control_char_at(s) == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size() + 16);
    for (std::size_t i = 0; i < s.size();) {
        if (keep_sgr) {
            if (const auto n = sgr_length(s, i)) {
                out.append(s.substr(i, n));
                i += n;
                continue;
            }
        }
        const auto n = control_length(s, i);
        if (n == 0) {
            out += s[i++];
        } else if (n == 1) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
            ++i;
        } else {
            out += fmt::format("\\u{{{:02x}}}", static_cast<unsigned char>(s[i + 1]));
            i += 2;
        }
    }
    return out;
}

LineColumn line_column(std::string_view text, std::size_t offset) {
    LineColumn at;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) { // not a continuation byte
            ++at.column;
        }
    }
    return at;
}

std::string path_safe_name(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        if (keep)
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? std::string("usage") : out;
}

} // namespace llmtco::util
