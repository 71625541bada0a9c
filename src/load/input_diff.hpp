#pragma once
// The inputs that differ between two versions of a profile, for `diff`: every keyed value of the
// key table (fields.hpp) compared by its --set PATH.

#include "llmtco/diff.hpp"
#include "llmtco/profile.hpp"

#include <vector>

namespace llmtco::load {

/// The values at PATHs both profiles have that differ, in the order of `after`'s bindings; a
/// value reads as --set takes it ("10k/day" is "10000/day", a range "4..8").
std::vector<InputChange> changed_inputs(const Profile& before, const Profile& after);

} // namespace llmtco::load
