#pragma once
/// The one table of profile keys. Each row says what a key is (type, unit, default, bounds, whether
/// it may be a range, its doc text) and where its value lands in the Profile structs. Everything
/// else is derived from it: the loader's generic decoding, defaults and "unknown key" messages,
/// the PATHs that --set, --vary, simulate and sensitivity address (fields.hpp), the sweep's fast
/// assignments, `llm-tco schema` and the key reference in docs/profile-format.md.
///
/// Adding a numeric key is one row here and one member in profile.hpp (plus the formula that reads
/// it); see docs/architecture.md.

#include "llmtco/profile.hpp"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace llmtco {

enum class KeyType {
    map,        ///< a map of further keys
    named_list, ///< a list of maps, each with a unique `name`
    list,       ///< a list of maps
    number,     ///< a number (a range too, where the row says `ranged`)
    share,      ///< a number in [0, 1], or a percentage "5%" (a range too, where `ranged`)
    integer,    ///< a whole number
    rate,       ///< a call rate: "48/day", "every 30 minutes", …
    boolean,
    string,
    machines,    ///< "auto" or a whole number ≥ 1
    hardware,    ///< a catalog hardware name, or a map of hardware keys
    local_model, ///< a catalog local model name, or a map of model keys
    string_list,
};

/// The items a key's value lands in, for one concrete item of each list (null where not inside one).
struct Scope {
    Profile* profile = nullptr;
    Workload* workload = nullptr;
    CloudOption* cloud = nullptr;
    PriceTier* tier = nullptr;
    LocalOption* local = nullptr;
    Budget* budget = nullptr;
};

/// Where a key's value lands: a function from the scope to the member. `CloudOption*` stands for
/// a cloud option's `model`, whose value is the model together with the price it brings;
/// `std::optional<int>*` is a machine count (nullopt: auto).
using Target = std::variant<std::monostate, Num* (*)(Scope&), std::optional<Num>* (*)(Scope&),
                            double* (*)(Scope&), std::optional<double>* (*)(Scope&), int* (*)(Scope&),
                            bool* (*)(Scope&), std::string* (*)(Scope&), CallRate* (*)(Scope&),
                            CloudOption* (*)(Scope&), std::optional<int>* (*)(Scope&)>;

/// How the loader reads a key.
enum class Decode {
    plain,    ///< generically from the row: type, bounds, range, default, target
    custom,   ///< by a hand-written decoder (structure, a catalog reference, an enum); it still
              ///< lands in `target`, so --vary and the fields below see it
    structure ///< a map or list holding further keys
};

struct KeySpec {
    std::string_view path; ///< dot-separated; "[]" marks a list element: "workloads[].calls"
    KeyType type;
    std::string_view unit;
    /// As the docs show it. For a plain key that parses as a value of its type (`0.8`, `5%`,
    /// `true`, `USD`) it is also the value the loader applies when the key is absent.
    std::string_view default_text;
    double min = 0;
    double max = std::numeric_limits<double>::infinity();
    bool min_exclusive = false; ///< the value must be > min
    bool nullable = false;      ///< `null` is allowed and means "none"
    bool required = false;
    bool ranged = false; ///< may be written as a range; sampled by simulate, swung by sensitivity
    Decode decode = Decode::plain;
    Target target;
    std::string_view description;
};

const std::vector<KeySpec>& key_table();

/// The spec of an exact pattern path ("options.local[].hardware.purchase"), or nullptr.
const KeySpec* find_key(std::string_view path);

/// The key names directly below a pattern path, in table order.
const std::vector<std::string>& child_keys(std::string_view path);

/// The rows directly below a pattern path, in table order.
const std::vector<const KeySpec*>& child_specs(std::string_view path);

std::string_view type_name(KeyType type);

/// The last component of a pattern path: "options.local[].power.pue" → "pue".
std::string_view key_name(const KeySpec& spec);

/// A row's default as a number (shares read as percentages), when its default text is one.
std::optional<double> numeric_default(const KeySpec& spec);

} // namespace llmtco
