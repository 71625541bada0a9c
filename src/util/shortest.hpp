#pragma once

namespace llmtco::util {

/// Longest text write_shortest writes (a sign, 17 digits, a point and an exponent fit in 32).
inline constexpr int kShortestChars = 32;

/// Writes `v` (finite) as fmt's "{}" does: the shortest digits that read back as the same double,
/// in fixed notation for decimal exponents −4 … 15 and exponent notation otherwise. The fixed
/// notation, which every sweep figure uses, is written here from the shortest decimal
/// (fmt's Dragonbox) at a third of the cost of fmt's general float writer; the rest is fmt's.
/// `out` must hold kShortestChars characters; returns the end of what was written.
char* write_shortest(char* out, double v);

} // namespace llmtco::util
