#include "load/tree.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <string_view>
#include <unordered_map>
#include <yaml-cpp/yaml.h>

namespace llmtco::load {

std::string Loc::str() const {
    return fmt::format("{}:{}:{}", file ? *file : std::string("<input>"), line, column);
}

const Tree* Tree::find(std::string_view key) const {
    for (const auto& e : map) {
        if (e.key == key) return &e.value;
    }
    return nullptr;
}

Tree* Tree::find(std::string_view key) {
    for (auto& e : map) {
        if (e.key == key) return &e.value;
    }
    return nullptr;
}

const Entry* Tree::entry(std::string_view key) const {
    for (const auto& e : map) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

std::string Tree::item_name() const {
    if (!is_map()) return {};
    const auto* n = find("name");
    return n && n->is_scalar() ? n->scalar : std::string();
}

std::string Tree::kind_name() const {
    switch (kind) {
    case Kind::null:
        return "null";
    case Kind::scalar:
        return "'" + scalar + "'";
    case Kind::map:
        return "a map";
    case Kind::seq:
        return "a list";
    }
    return "?";
}

namespace {

struct Converter {
    std::shared_ptr<const std::string> file;
    const Limits& limits;
    std::size_t nodes = 0;
    std::size_t bytes = 0; ///< of keys and values, each alias counted again

    Loc loc(const YAML::Mark& m) const { return Loc{file, m.line + 1, m.column + 1}; }

    [[noreturn]] void fail(const YAML::Mark& m, const std::string& message) const {
        throw InputError(fmt::format("{}: error: {}", loc(m).str(), message));
    }

    /// Counts a key's or value's bytes against max_expanded_bytes and refuses control characters:
    /// names and text end up in terminals and reports.
    void check_text(const YAML::Mark& m, const std::string& text, const char* what) {
        bytes += text.size();
        if (bytes > limits.max_expanded_bytes) {
            fail(m, fmt::format("the document expands to more than {} bytes of keys and values (limit "
                                "max_expanded_bytes; an alias bomb?)",
                                limits.max_expanded_bytes));
        }
        if (const auto at = util::control_char_at(text); at != std::string::npos) {
            fail(m, fmt::format("{} holds the control character {} ('{}'); names and text are printed in "
                                "terminals and reports: remove it",
                                what, util::control_char_name(text, at),
                                util::escape_controls(text.substr(0, 60))));
        }
    }

    Tree convert(const YAML::Node& node, int depth) {
        if (++nodes > limits.max_nodes) {
            fail(node.Mark(), fmt::format("the document expands to more than {} nodes (limit max_nodes; "
                                          "an alias bomb?)",
                                          limits.max_nodes));
        }
        if (depth > limits.max_depth) {
            fail(node.Mark(),
                 fmt::format("nesting deeper than {} levels (limit max_depth)", limits.max_depth));
        }
        Tree t;
        t.loc = loc(node.Mark());
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            t.kind = Tree::Kind::null;
            break;
        case YAML::NodeType::Scalar:
            t.kind = Tree::Kind::scalar;
            t.scalar = node.Scalar();
            t.quoted = node.Tag() == "!";
            if (t.scalar.size() > limits.max_scalar_bytes) {
                fail(node.Mark(), fmt::format("a value longer than {} bytes (limit max_scalar_bytes)",
                                              limits.max_scalar_bytes));
            }
            check_text(node.Mark(), t.scalar, "a value");
            break;
        case YAML::NodeType::Sequence:
            t.kind = Tree::Kind::seq;
            for (const auto& item : node)
                t.seq.push_back(convert(item, depth + 1));
            break;
        case YAML::NodeType::Map: {
            t.kind = Tree::Kind::map;
            // Keys seen, for the duplicate check in linear time (the views point into yaml-cpp's
            // nodes, which outlive the conversion).
            std::unordered_map<std::string_view, std::size_t> seen;
            for (const auto& kv : node) {
                if (!kv.first.IsScalar()) fail(kv.first.Mark(), "a key must be a plain name");
                const auto& key = kv.first.Scalar();
                check_text(kv.first.Mark(), key, "a key");
                const auto [it, fresh] = seen.emplace(key, t.map.size());
                if (!fresh) {
                    fail(kv.first.Mark(), fmt::format("duplicate key '{}' (first written at line {})", key,
                                                      t.map[it->second].key_loc.line));
                }
                t.map.push_back(Entry{key, loc(kv.first.Mark()), convert(kv.second, depth + 1)});
            }
            break;
        }
        }
        return t;
    }
};

} // namespace

namespace {

/// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07;
        } else {
            return i;
        }
        if (i + length > text.size()) return i;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return i;
            code = (code << 6) | (next & 0x3F);
        }
        const bool overlong =
            (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
        i += length;
    }
    return std::string_view::npos;
}

/// The line where a second YAML document starts, or 0. yaml-cpp's Load reads the first document
/// and ignores the rest in silence (and its LoadAll never returns on some inputs, such as ","),
/// so documents are found here: a '---' or '...' marker at column 0 (YAML allows them nowhere
/// else), and content after a document that already had some.
int second_document_line(std::string_view text) {
    bool content = false; // the first document has content
    int closed = 0;       // the line of the marker that ended it
    int line = 0;
    auto has_content = [](std::string_view r) {
        const auto at = r.find_first_not_of(" \t\r");
        return at != std::string_view::npos && r[at] != '#';
    };
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto l = text.substr(start, end - start);
        start = end + 1;
        ++line;
        const auto marker = [&](std::string_view m) {
            return l.substr(0, 3) == m && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
        };
        if (marker("---") || marker("...")) {
            if (content && !closed) closed = line;
            const bool inline_content = l[0] == '-' && has_content(l.substr(3));
            if (closed && inline_content) return closed;
            content = content || inline_content;
        } else if (has_content(l) && !(l[0] == '%' && !content)) { // (a %directive before the document)
            if (closed) return closed;
            content = true;
        }
    }
    return 0;
}

} // namespace

Tree parse_yaml(std::string_view text, const std::string& display_name, const Limits& limits) {
    auto file = std::make_shared<const std::string>(display_name);
    if (text.size() > limits.max_file_bytes) {
        throw InputError(
            fmt::format("{}:1:1: error: the file is {} bytes, over the limit of {} (max_file_bytes)",
                        display_name, text.size(), limits.max_file_bytes));
    }
    // Nesting is checked before yaml-cpp sees the text: its parser recurses once per level.
    int depth = 0;
    int line = 1;
    int column = 1;
    for (const char c : text) {
        if (c == '[' || c == '{') {
            if (++depth > limits.max_depth) {
                throw InputError(
                    fmt::format("{}:{}:{}: error: nesting deeper than {} levels (limit max_depth)",
                                display_name, line, column, limits.max_depth));
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    if (const auto bad = invalid_utf8_at(text); bad != std::string_view::npos) {
        const auto [bad_line, bad_column] = util::line_column(text, bad);
        throw InputError(
            fmt::format("{}:{}:{}: error: the file is not valid UTF-8 here (byte 0x{:02X}); profiles "
                        "are UTF-8 text",
                        display_name, bad_line, bad_column, static_cast<unsigned char>(text[bad])));
    }
    if (text.find('\0') != std::string_view::npos) {
        throw InputError(fmt::format("{}:1:1: error: the file contains a NUL byte; profiles are UTF-8 text",
                                     display_name));
    }
    if (const int line = second_document_line(text)) {
        throw InputError(fmt::format(
            "{}:{}:1: error: a second YAML document (after '---'); a profile is one document: put its keys "
            "in the first, or pass it as another FILE (later files override earlier ones)",
            display_name, line));
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        // yaml-cpp stops at 500 levels of nesting with "bad file" (its depth guard's message);
        // shallower block nesting reaches the converter's max_depth check.
        const std::string message =
            e.msg == YAML::ErrorMsg::BAD_FILE
                ? fmt::format("nesting deeper than {} levels (limit max_depth)", limits.max_depth)
                : e.msg;
        throw InputError(
            fmt::format("{}:{}:{}: error: {}", display_name, e.mark.line + 1, e.mark.column + 1, message));
    }
    Converter converter{file, limits};
    try {
        auto tree = converter.convert(root, 0);
        if (tree.is_null()) tree.loc = Loc{file, 1, 1};
        return tree;
    } catch (const YAML::Exception& e) {
        throw InputError(
            fmt::format("{}:{}:{}: error: {}", display_name, e.mark.line + 1, e.mark.column + 1, e.msg));
    }
}

void merge(Tree& base, const Tree& overlay) {
    if (base.is_map() && overlay.is_map()) {
        for (const auto& e : overlay.map) {
            if (e.value.is_null()) { // an overlay's null removes the key: its default applies again
                std::erase_if(base.map, [&](const Entry& b) { return b.key == e.key; });
                continue;
            }
            if (auto* existing = base.find(e.key)) {
                merge(*existing, e.value);
            } else {
                base.map.push_back(e);
            }
        }
        return;
    }
    if (base.is_seq() && overlay.is_seq()) {
        bool named = true;
        for (const auto& item : overlay.seq)
            named = named && !item.item_name().empty();
        for (const auto& item : base.seq)
            named = named && !item.item_name().empty();
        if (named) {
            for (const auto& item : overlay.seq) {
                auto it = std::find_if(base.seq.begin(), base.seq.end(),
                                       [&](const Tree& b) { return b.item_name() == item.item_name(); });
                if (it != base.seq.end()) {
                    merge(*it, item);
                } else {
                    base.seq.push_back(item);
                }
            }
            return;
        }
    }
    base = overlay;
}

} // namespace llmtco::load
