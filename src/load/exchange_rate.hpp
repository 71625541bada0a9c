#pragma once
/// settings.exchange_rate: the check that a non-USD profile states one, and the conversion of the
/// catalog's USD figures and the key table's money defaults into the profile's currency.

#include "llmtco/profile.hpp"
#include "load/tree.hpp"

namespace llmtco::load {

/// Checks settings.currency against settings.exchange_rate (`root` gives the locations) and
/// multiplies every money value whose origin is the catalog or a default by the rate. Values
/// written in the profile or by --set stay as they are.
void apply_exchange_rate(Profile& p, const Tree& root);

/// Multiplies every money value of a cloud option built from a catalog entry outside a profile
/// (plan's hosted endpoints) by `rate`: the key table's money keys of a cloud option and its tiers.
void scale_cloud_money(CloudOption& c, double rate);

/// Multiplies the money of a local option's hardware (every `options.local[].hardware.` money key of
/// the key table: purchase, rents, reserved and spot rates) by `rate`: a catalog preset's USD
/// figures in the profile's currency.
void scale_hardware_money(LocalOption& l, double rate);

} // namespace llmtco::load
