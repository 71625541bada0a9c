#pragma once
// What a catalog entry puts into a local option: the one mapping the profile loader (a `preset:`)
// and `plan` (every catalog combination) both use.

#include "llmtco/catalog.hpp"
#include "llmtco/profile.hpp"

#include <string>

namespace llmtco::catalog {

/// A hardware preset's price, lifetime, memory, bandwidth, TFLOPS, class and power.
void apply_hardware(LocalOption& l, const HardwarePreset& hp);
/// A local model preset's size and architecture.
void apply_model(LocalModel& m, const LocalModelPreset& lm);
/// A quantisation's bits per weight, compute type and prefill factor.
void apply_quant(LocalModel& m, const Quant& q);
/// An engine's defaults and its efficiency factors for the hardware's class and architecture.
void apply_engine(Serving& s, const Engine& e, const Hardware& h);

/// Whether `e` runs on the hardware (its class, and the preset's list of engines when it has one).
bool engine_runs_on(const Engine& e, const Hardware& h);
/// Whether `engine` loads the model's quantisation (a GGUF file needs llama.cpp or Ollama).
bool engine_loads(const Catalog& c, const LocalModel& m, const std::string& engine);
/// The engine used when the profile names none: the hardware's default engine if it runs there and
/// loads the quantisation, else the first catalog engine that does; nullptr when none does.
const Engine* default_engine(const Catalog& c, const Hardware& h, const LocalModel& m);

} // namespace llmtco::catalog
