#pragma once
// A YAML document as a plain tree that remembers where every node was written (file, line,
// column), so that overlays of several files and `--set` values keep their own locations.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco::load {

struct Loc {
    std::shared_ptr<const std::string> file;
    int line = 0;   ///< 1-based
    int column = 0; ///< 1-based

    std::string str() const; ///< "FILE:LINE:COLUMN"
};

struct Entry;

struct Tree {
    enum class Kind { null, scalar, map, seq };
    Kind kind = Kind::null;
    std::string scalar;
    bool quoted = false; ///< a quoted scalar is always a string
    std::vector<Entry> map;
    std::vector<Tree> seq;
    Loc loc;

    bool is_map() const { return kind == Kind::map; }
    bool is_seq() const { return kind == Kind::seq; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_null() const { return kind == Kind::null; }
    const Tree* find(std::string_view key) const;
    Tree* find(std::string_view key);
    const Entry* entry(std::string_view key) const;
    /// The `name:` of a list item, or empty.
    std::string item_name() const;
    std::string kind_name() const; ///< "a map", "a list", "a string", "null"
};

struct Entry {
    std::string key;
    Loc key_loc;
    Tree value;
};

/// Limits against hostile input (docs/profile-format.md, "Limits").
struct Limits {
    std::size_t max_file_bytes = 4 * 1024 * 1024;
    int max_depth = 64;
    std::size_t max_nodes = 200000; ///< after alias expansion
    std::size_t max_scalar_bytes = 64 * 1024;
    std::size_t max_expanded_bytes = 16 * 1024 * 1024; ///< keys and values, after alias expansion
};

/// Parses YAML text into a Tree. Throws InputError "NAME:LINE:COLUMN: error: …" on syntax errors,
/// duplicate keys, non-scalar keys and exceeded limits.
Tree parse_yaml(std::string_view text, const std::string& display_name, const Limits& limits = {});

/// Merges `overlay` onto `base`: maps key by key, lists of named items by name, anything else replaced.
void merge(Tree& base, const Tree& overlay);

} // namespace llmtco::load
