#pragma once
/// Capacity from physics (PRODUCT §4b, docs/capacity.md): how fast a local option serves a
/// workload's calls and whether its model fits, derived from the hardware's memory, bandwidth and
/// TFLOPS, the model's architecture and the serving engine's settings, unless the profile gives
/// measured speeds. Pure computation: one function per formula, the `--explain` text beside it.

#include "llmtco/profile.hpp"

#include <string>
#include <vector>

namespace llmtco {

/// The plain numbers the derivation reads, taken from a workload and a local option.
struct CapacityInputs {
    // The workload: tokens of one call.
    double input_tokens = 0;
    double generated_tokens = 0; ///< output + reasoning
    double max_latency_ms = 0;   ///< 0: no limit
    double max_utilization = 1;  ///< the busy share a machine is planned for
    double context_tokens = 0;   ///< the model's window; 0: unknown
    // The hardware.
    double accelerators = 1;
    double memory_gb = 0;
    double bandwidth_gbs = 0;
    double tflops = 0; ///< for the model's compute type
    bool unified_memory = false;
    double host_ram_gb = 0;
    double host_bandwidth_gbs = 0;
    // The model.
    double params_b = 0;
    double active_params_b = 0;
    double bits_per_weight = 16;
    double embedding_params_b = 0;
    double prefill_factor = 1; ///< the quantisation's, on the compute share of prefill
    double layers = 0;
    double attention_heads = 0;
    double head_dim = 0;
    double experts = 0;
    double experts_per_token = 0;
    double kv_gb_per_token = 0;
    double kv_gb_per_call = -1; ///< ≥ 0: written (kv_cache_gb), overrides kv_gb_per_token × context
    double overhead_gb = 0;
    // The engine.
    double memory_fraction = 1;
    double max_concurrency = 1;
    double concurrency = 0; ///< > 0: written, the batch it runs at
    double eta_bandwidth = 1;
    double eta_compute = 1;
    double overhead_ms_per_token = -1; ///< ≥ 0: written; else per layer and expert
    double overhead_ms_per_layer = 0;
    double overhead_ms_per_expert = 0;
    double eta_host = 1;
    double accelerators_per_copy = 0; ///< > 0: written; else the fewest that hold the model
    bool tensor_parallel = false;
    bool can_offload = false;
    bool operator==(const CapacityInputs&) const = default;
};

/// The derivation's figures for one workload on one local option (`capacity` in JSON).
struct Capacity {
    bool derived = false; ///< false: the profile's measured throughput
    bool fits = true;
    double offload_share = 0; ///< of the weights, held in host RAM
    double weights_gb = 0;
    double kv_gb_per_token = 0;
    double kv_gb_per_call = 0;
    double overhead_gb = 0;
    double usable_gb = 0;
    int accelerators_per_copy = 1;
    int copies = 1;
    double kv_concurrency = 0;  ///< calls the KV cache holds (0: no limit from it)
    double max_concurrency = 1; ///< the largest batch: KV cache, the engine's cap, the latency limit
    std::string limited_by;     ///< what set max_concurrency: "KV cache", "engine", "latency", "written"
    double concurrency = 1;     ///< the operating batch at the workload's peak load
    double prefill_s = 0;
    double step_s = 0; ///< one decode step at the operating batch
    double prefill_tokens_per_s = 0;
    double decode_tokens_per_s = 0; ///< per stream
    double decode_tokens_per_s_aggregate = 0;
    bool memory_bound = true;
    double machine_seconds_per_call = 0; ///< at the operating batch (busy time)
    double sizing_seconds_per_call = 0;  ///< at max_concurrency (what one machine serves when full)
    double latency_ms = 0;               ///< at the operating batch
    std::vector<std::string> infeasible; ///< why it cannot run, with the figures
    std::vector<std::string> warnings;
};

namespace capacity {

/// weights_gb = params_b · bits / 8.
double weights_gb(double params_b, double bits_per_weight);
/// KV bytes per token of context in GB: 2 · layers · kv_heads · head_dim · kv_bits / 8 / 1e9, or
/// the model's kv_bytes_per_token / 1e9.
double kv_gb_per_token(const LocalModel& m);
/// Share of a MoE layer's experts that a batch of B tokens touches: 1 − (1 − k/E)^B.
double expert_coverage(double experts, double experts_per_token, double batch);
/// GB streamed from memory by one decode step at batch B: the weights without the embedding
/// table; of a MoE model the shared part and the experts the batch touches.
double streamed_weights_gb(const CapacityInputs& in, double batch);
/// The fixed cost of a decode step in ms: the written overhead_ms_per_token, else layers ×
/// (overhead per layer + experts the batch touches per layer × overhead per expert).
double step_overhead_ms(const CapacityInputs& in, double batch);
/// One decode step at batch B, in seconds: the larger of the memory time (streamed weights plus
/// the batch's KV cache over the bandwidth; offloaded weights over the host's) and the compute
/// time (2 · A · B FLOPs), plus the engine's fixed overhead per step.
double decode_step_s(const CapacityInputs& in, const Capacity& c, double batch, bool* memory_bound = nullptr);
/// Prefill of one call in seconds: the compute of 2 · A · in + causal attention
/// 2 · layers · heads · head_dim · in², never faster than one read of the weights.
double prefill_s(const CapacityInputs& in, const Capacity& c);
/// Latency of a call at batch B in seconds: prefill + generated tokens × step.
double latency_s(const CapacityInputs& in, const Capacity& c, double batch);
/// Machine-seconds per call at batch B: (prefill + generated × step / B) / copies.
double machine_seconds(const CapacityInputs& in, const Capacity& c, double batch);
/// The batch the offered load fills (Little's law): min(cap, max(1, ceil(λ · latency(B)))) at its
/// smallest fixed point, λ the peak calls per second per model copy.
double operating_batch(const CapacityInputs& in, const Capacity& c, double calls_per_s_per_copy);

/// The whole derivation: fit, copies, KV capacity, the batch caps, speeds at the operating batch of
/// `peak_calls_per_s` (the workload's peak arrival rate on one machine).
Capacity derive(const CapacityInputs& in, double peak_calls_per_s);

/// The derivation's lines for `--explain`, with the figures.
std::vector<std::string> explain(const CapacityInputs& in, const Capacity& c);

} // namespace capacity

/// The inputs of workload `w` on local option `l`.
CapacityInputs capacity_inputs(const Workload& w, const LocalOption& l);

/// The capacity of local option `l` for workload `w` at `calls_per_day` (its peak applied):
/// derived (PRODUCT §4b) unless `l.throughput` gives both measured speeds.
Capacity local_capacity(const Workload& w, const LocalOption& l, double calls_per_day);

} // namespace llmtco
