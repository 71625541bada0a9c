#pragma once
/// Every keyed value of a profile with its PATH ("workloads.monitoring.input_tokens"), enumerated
/// from the key table (keys.hpp), so --set, --vary, sweeps, simulations and sensitivity can read and
/// set inputs without re-parsing the profile. No list of paths is kept by hand.

#include "llmtco/keys.hpp"
#include "llmtco/profile.hpp"

#include <string>
#include <vector>

namespace llmtco {

/// The items a value sits in, as indices into the profile's lists (-1: not inside one).
struct Address {
    int workload = -1;
    int cloud = -1;
    int tier = -1; ///< within `cloud`'s price tiers
    int local = -1;
    int budget = -1;
    bool operator==(const Address&) const = default;
};

/// One keyed value: its concrete PATH, its row in the key table, and where it sits.
struct Binding {
    std::string path;
    const KeySpec* key;
    Address at;
};

/// Every row with a target, for every item of `p`, in a fixed order (the same for any copy of the
/// same profile): settings, team, then each workload, each cloud option (its tiers after its other
/// price keys), each local option, each budget; within an item, table order. Optional values that
/// are absent are listed too.
std::vector<Binding> bindings(const Profile& p);

/// The bindings of one item, as bindings() lists them: a workload's, a cloud option's (its tiers
/// with it), a local option's, a budget's; Address{}: settings, team and version.
std::vector<Binding> item_bindings(const Profile& p, const Address& item);

/// The item pointers for an address of `p`.
Scope scope_at(Profile& p, const Address& at);

/// A money key: its unit is in the profile's currency ("currency/Mtok", "currency/hour"). The
/// exchange rate itself is not one.
bool is_money_key(const KeySpec& k);

/// Whether the money value at PATH is a USD figure that settings.exchange_rate converted: a catalog
/// price or a default of the key table. Amounts written in the profile or by --set are not.
bool converted_from_usd(const Profile& p, const std::string& path);

struct Field {
    std::string path;
    Num* num;           ///< into the profile the list was made from
    const KeySpec* key; ///< its row: the range it must lie in
};

/// Every `Num` of the profile (absent optional ones left out), in the order of bindings(). A call
/// rate appears as "workloads.NAME.calls" with its amount.
std::vector<Field> numeric_fields(Profile& p);

/// The fields whose value is a range.
std::vector<Field> ranged_fields(Profile& p);

} // namespace llmtco
