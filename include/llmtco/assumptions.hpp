#pragma once
/// The assumptions ledger (PRODUCT §4d): every input that moves money and was not written in the
/// profile — a key table default, a catalog figure, a `--set`, a speed the engine derived — with
/// its PATH (as --set writes it), the value used and where it came from.

#include "llmtco/profile.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco {

struct Capacity;

struct Assumption {
    std::string path;            ///< concrete PATH: "options.local.mac-mini.setup_hours"
    std::string key;             ///< the PATH below its item: "setup_hours", "power.pue"
    std::optional<double> value; ///< the number used (a range: its mean); nullopt: `word`
    std::string word;            ///< the word used when it is not a number ("auto", "llama.cpp")
    std::optional<double> low;   ///< a range's ends
    std::optional<double> high;
    Origin origin = Origin::default_value;
    std::string entry;     ///< the catalog entry (origin catalog)
    std::string catalog;   ///< the file the entry came from, when named: "user catalog PATH, imported …"
    std::string_view unit; ///< the key table's unit ("hours", "currency/hour")
};

/// The settings and team keys not written in the profile (the top level of the ledger).
std::vector<Assumption> settings_assumptions(const Profile& p);

/// The keys of workload `w` (an index into Profile::workloads) not written in the profile.
std::vector<Assumption> workload_assumptions(const Profile& p, std::size_t w);

/// The keys of cloud option `c` not written in the profile; with a workload, only those that move
/// its money (no batch discount for a workload that is not batchable, say).
std::vector<Assumption> cloud_assumptions(const Profile& p, std::size_t c, const Workload* w = nullptr);

/// The keys of local option `l` not written in the profile that move its money (a rented machine's
/// electricity does not), and the figures the engine derived for the workload (`capacity`: the
/// speeds, batch and latency when not measured).
std::vector<Assumption> local_assumptions(const Profile& p, std::size_t l, const Capacity* capacity);

/// "default", "set", "catalog:ENTRY" or "derived", as JSON writes an assumption's origin.
std::string origin_text(const Assumption& a);

} // namespace llmtco
