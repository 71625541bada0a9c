#pragma once
// The one table of profile keys: the loader validates against it, `schema` and the key reference
// in docs/profile-format.md are generated from it, and "did you mean" suggestions come from it.

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco::load {

enum class KeyType {
    map,        ///< a map of further keys
    named_list, ///< a list of maps, each with a unique `name`
    list,       ///< a list of maps
    number,     ///< a number, a range "a..b" or {min, mode, max}
    share,      ///< a number in [0, 1], or a percentage "5%"; ranges allowed
    integer,    ///< a whole number, no range
    rate,       ///< a call rate: "48/day", "every 30 minutes", …
    boolean,
    string,
    machines,    ///< "auto" or a whole number ≥ 1
    hardware,    ///< a catalog hardware name, or a map of hardware keys
    local_model, ///< a catalog local model name, or a map of model keys
    string_list,
};

struct KeySpec {
    std::string_view path; ///< dot-separated; "[]" marks a list element: "workloads[].calls"
    KeyType type;
    std::string_view unit;
    std::string_view default_text; ///< as written in docs; empty: required or no default
    double min = 0;
    double max = std::numeric_limits<double>::infinity();
    bool min_exclusive = false; ///< the value must be > min
    bool nullable = false;      ///< `null` is allowed and means "none"
    bool required = false;
    std::string_view description;
};

const std::vector<KeySpec>& key_table();

/// The spec of an exact pattern path ("options.local[].hardware.purchase"), or nullptr.
const KeySpec* find_key(std::string_view path);

/// The key names directly below a pattern path, in table order.
const std::vector<std::string>& child_keys(std::string_view path);

std::string_view type_name(KeyType type);

} // namespace llmtco::load
