#include "llmtco/capacity.hpp"

#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco {
namespace capacity {
namespace {

constexpr double kGB = 1e9;

/// Accelerators one decode step's bandwidth and FLOPS add up over: the copy's for a tensor split,
/// one for a layer split (the memory adds up, a token visits the cards in turn).
double parallel_accelerators(const CapacityInputs& in, const Capacity& c) {
    return in.tensor_parallel ? c.accelerators_per_copy : 1.0;
}

/// Parameters that do matrix work for one token: active parameters less the embedding table.
double active_matmul_params(const CapacityInputs& in) {
    const double active = in.active_params_b > 0 ? in.active_params_b : in.params_b;
    return std::max(0.0, active - in.embedding_params_b) * 1e9;
}

/// A call's average context during decode: the prompt plus half the generated tokens.
double mean_decode_context(const CapacityInputs& in) { return in.input_tokens + in.generated_tokens / 2; }

/// A call longer than the model's context window cannot run: infeasible, with the figures.
void check_context(const CapacityInputs& in, Capacity& c) {
    const double context = in.input_tokens + in.generated_tokens;
    if (!(in.context_tokens > 0) || context <= in.context_tokens) return;
    c.fits = false;
    c.infeasible.push_back(
        fmt::format("a call of {} tokens (in + out + reasoning) exceeds the model's context "
                    "window of {} tokens",
                    format_number(context, 0), format_number(in.context_tokens, 0)));
}

} // namespace

double weights_gb(double params_b, double bits_per_weight) { return params_b * bits_per_weight / 8; }

double kv_gb_per_token(const LocalModel& m) {
    if (m.kv_bytes_per_token) return m.kv_bytes_per_token->value / kGB;
    return 2 * m.layers.value * m.kv_heads.value * m.head_dim.value * m.kv_bits.value / 8 / kGB;
}

double expert_coverage(double experts, double experts_per_token, double batch) {
    if (!(experts > 0) || experts_per_token >= experts) return 1;
    return 1 - std::pow(1 - experts_per_token / experts, std::max(1.0, batch));
}

double streamed_weights_gb(const CapacityInputs& in, double batch) {
    const double total = in.params_b;
    const double active = in.active_params_b > 0 ? in.active_params_b : total;
    double streamed = total - in.embedding_params_b;
    if (in.experts > in.experts_per_token && in.experts_per_token > 0 && active < total) {
        const double expert =
            (total - active) / (in.experts - in.experts_per_token); // one expert, all layers
        const double shared = total - in.experts * expert - in.embedding_params_b;
        streamed = shared + in.experts * expert * expert_coverage(in.experts, in.experts_per_token, batch);
    }
    return weights_gb(std::max(0.0, streamed), in.bits_per_weight);
}

double decode_step_s(const CapacityInputs& in, const Capacity& c, double batch, bool* memory_bound) {
    const double n = parallel_accelerators(in, c);
    const double weights = streamed_weights_gb(in, batch);
    const double kv = batch * c.kv_gb_per_token * mean_decode_context(in);
    const double device =
        (weights * (1 - c.offload_share) + kv) * kGB / (in.eta_bandwidth * in.bandwidth_gbs * kGB * n);
    const double host = c.offload_share > 0
                            ? weights * c.offload_share * kGB / (in.eta_host * in.host_bandwidth_gbs * kGB)
                            : 0;
    const double memory = device + host;
    const double compute = 2 * active_matmul_params(in) * batch / (in.eta_compute * in.tflops * 1e12 * n);
    if (memory_bound) *memory_bound = memory >= compute;
    return std::max(memory, compute) + step_overhead_ms(in, batch) / 1000;
}

double step_overhead_ms(const CapacityInputs& in, double batch) {
    if (in.overhead_ms_per_token >= 0) return in.overhead_ms_per_token;
    const double experts = in.experts > in.experts_per_token && in.experts_per_token > 0
                               ? in.experts * expert_coverage(in.experts, in.experts_per_token, batch)
                               : 0;
    return in.layers * (in.overhead_ms_per_layer + experts * in.overhead_ms_per_expert);
}

double prefill_s(const CapacityInputs& in, const Capacity& c) {
    if (!(in.input_tokens > 0)) return 0;
    const double tokens = in.input_tokens;
    const double flops = 2 * active_matmul_params(in) * tokens +
                         2 * in.layers * in.attention_heads * in.head_dim * tokens * tokens;
    const double compute =
        flops / (in.eta_compute * in.prefill_factor * in.tflops * 1e12 * c.accelerators_per_copy);
    const double read = streamed_weights_gb(in, tokens) * (1 - c.offload_share) * kGB /
                        (in.eta_bandwidth * in.bandwidth_gbs * kGB * parallel_accelerators(in, c));
    const double host = c.offload_share > 0 ? weights_gb(in.params_b, in.bits_per_weight) * c.offload_share *
                                                  kGB / (in.eta_host * in.host_bandwidth_gbs * kGB)
                                            : 0;
    // One forward pass launches each layer's kernels once, as a decode step does.
    const double launches = in.overhead_ms_per_token >= 0 ? 0 : in.layers * in.overhead_ms_per_layer / 1000;
    return std::max(compute, read) + host + launches;
}

double latency_s(const CapacityInputs& in, const Capacity& c, double batch) {
    return c.prefill_s + in.generated_tokens * decode_step_s(in, c, batch);
}

double machine_seconds(const CapacityInputs& in, const Capacity& c, double batch) {
    return (c.prefill_s + in.generated_tokens * decode_step_s(in, c, batch) / batch) / c.copies;
}

double operating_batch(const CapacityInputs& in, const Capacity& c, double calls_per_s_per_copy) {
    const double cap = c.max_concurrency;
    if (!(calls_per_s_per_copy > 0)) return 1;
    double batch = 1;
    // Latency grows with the batch, so this climbs to the smallest fixed point; a load that has
    // not settled in 64 rounds is at the edge of saturation and runs at the cap.
    bool settled = false;
    for (int round = 0; round < 64 && !settled; ++round) {
        const double next =
            std::clamp(std::ceil(calls_per_s_per_copy * latency_s(in, c, batch) - 1e-9), 1.0, cap);
        settled = !(next > batch);
        batch = next;
    }
    if (!settled) return cap;
    // A load the batch cannot keep up with queues, and the queue fills the batch further: the
    // smallest batch whose throughput carries the load at the planned utilisation (the fleet is
    // sized so the full batch does), at most the cap.
    const double limit = in.max_utilization > 0 ? in.max_utilization : 1;
    auto busy = [&](double b) { return calls_per_s_per_copy * machine_seconds(in, c, b) * c.copies; };
    if (busy(batch) <= limit) return batch;
    double lo = batch, hi = cap;
    if (busy(hi) > limit) return cap;
    // (64 halvings cover any batch a double holds; the bound also ends a NaN's loop)
    for (int i = 0; i < 64 && hi - lo > 1; ++i) {
        const double mid = std::floor((lo + hi) / 2);
        (busy(mid) <= limit ? hi : lo) = mid;
    }
    return hi;
}

namespace {

/// What does not depend on the load, for one split: fit, copies, prefill, the batch caps, the
/// machine time at the full batch.
Capacity derive_split(const CapacityInputs& in) {
    Capacity c;
    c.derived = true;
    c.weights_gb = weights_gb(in.params_b, in.bits_per_weight);
    const double context = in.input_tokens + in.generated_tokens;
    c.kv_gb_per_token =
        in.kv_gb_per_call >= 0 ? (context > 0 ? in.kv_gb_per_call / context : 0) : in.kv_gb_per_token;
    c.kv_gb_per_call = in.kv_gb_per_call >= 0 ? in.kv_gb_per_call : in.kv_gb_per_token * context;
    c.overhead_gb = in.overhead_gb;
    const int accelerators = std::max(1, static_cast<int>(std::min(in.accelerators, 1e6)));
    const double per_accelerator = in.memory_gb * in.memory_fraction;
    const double need = c.weights_gb + c.kv_gb_per_call + c.overhead_gb;

    // Fit: the fewest of the machine's accelerators that hold one call; a tensor split needs a
    // power of two (engines split the attention heads evenly), a layer split any count.
    int n = 0;
    if (in.accelerators_per_copy > 0) {
        const int written = std::min(accelerators, std::max(1, static_cast<int>(in.accelerators_per_copy)));
        if (need <= written * per_accelerator) n = written;
    } else if (per_accelerator > 0) {
        const double fewest = std::ceil(need / per_accelerator - 1e-12);
        if (fewest <= accelerators) {
            n = std::max(1, static_cast<int>(fewest));
            if (in.tensor_parallel) {
                int power = 1;
                while (power < n)
                    power *= 2;
                n = power <= accelerators ? power : accelerators;
            }
        }
    }
    double device_weights = c.weights_gb;
    if (n > 0) {
        c.accelerators_per_copy = n;
        c.copies = accelerators / n;
        c.usable_gb = n * per_accelerator;
    } else {
        c.accelerators_per_copy = accelerators;
        c.copies = 1;
        c.usable_gb = accelerators * per_accelerator;
        const double room = c.usable_gb - c.kv_gb_per_call - c.overhead_gb; // for weights on the device
        const double host = c.weights_gb - std::max(0.0, room);
        if (in.can_offload && !in.unified_memory && room > 0 && in.host_ram_gb > 0 &&
            in.host_bandwidth_gbs > 0 && host <= in.host_ram_gb) {
            c.offload_share = c.weights_gb > 0 ? host / c.weights_gb : 0;
            device_weights = c.weights_gb - host;
        } else {
            c.fits = false;
            std::string why = fmt::format(
                "the model does not fit: {} GB of weights + {} GB of KV cache for one call + {} GB overhead "
                "= {} GB, "
                "{} GB usable ({} × {} GB × {} memory fraction)",
                format_number(c.weights_gb, 1), format_number(c.kv_gb_per_call, 2),
                format_number(c.overhead_gb, 2), format_number(need, 2), format_number(c.usable_gb, 2),
                accelerators, format_number(in.memory_gb, 1), format_number(in.memory_fraction, 2));
            if (in.unified_memory) {
                why += "; unified memory has no host RAM to offload to";
            } else if (!in.can_offload) {
                why += "; the engine cannot offload to host RAM";
            } else if (!(in.host_ram_gb > 0) || !(in.host_bandwidth_gbs > 0)) {
                why += "; no host RAM (host_ram_gb, host_bandwidth_gbs) to offload to";
            } else if (room > 0) {
                why += fmt::format("; offloading the other {} GB needs more than the {} GB of host RAM",
                                   format_number(host, 1), format_number(in.host_ram_gb, 1));
            }
            c.infeasible.push_back(why);
        }
    }
    check_context(in, c);
    if (!(in.bandwidth_gbs > 0) || !(in.tflops > 0)) {
        c.fits = false;
        c.infeasible.push_back(
            "no memory bandwidth or TFLOPS to derive its speed from; give hardware.memory_bandwidth_gbs "
            "and hardware.tflops, or measured throughput");
    }
    c.prefill_s = prefill_s(in, c);

    // The batch caps: the KV cache, the engine, an offload (one call at a time), the latency limit.
    const double free_gb = c.usable_gb - device_weights - c.overhead_gb;
    c.kv_concurrency =
        c.kv_gb_per_call > 0 ? std::max(0.0, std::floor(free_gb / c.kv_gb_per_call + 1e-9)) : 0;
    c.max_concurrency = std::max(1.0, std::floor(in.max_concurrency));
    c.limited_by = "engine";
    if (c.kv_gb_per_call > 0 && c.kv_concurrency < c.max_concurrency) {
        c.max_concurrency = std::max(1.0, c.kv_concurrency);
        c.limited_by = "KV cache";
    }
    if (c.offload_share > 0) {
        c.max_concurrency = 1;
        c.limited_by = "offload";
    }
    if (in.concurrency > 0) {
        if (in.concurrency > c.max_concurrency) {
            c.warnings.push_back(
                fmt::format("concurrency {} capped at {} ({}): the KV cache holds {} calls of {} tokens ({} "
                            "GB each) in the {} GB "
                            "left of {} GB usable after {} GB of weights and {} GB overhead",
                            format_number(in.concurrency, 0), format_number(c.max_concurrency, 0),
                            c.limited_by, format_number(c.kv_concurrency, 0), format_number(context, 0),
                            format_number(c.kv_gb_per_call, 3), format_number(std::max(0.0, free_gb), 1),
                            format_number(c.usable_gb, 1), format_number(device_weights, 1),
                            format_number(c.overhead_gb, 2)));
        } else {
            c.max_concurrency = std::max(1.0, std::floor(in.concurrency));
            c.limited_by = "written";
        }
    } else if (in.max_latency_ms > 0 && c.fits &&
               latency_s(in, c, c.max_concurrency) * 1000 > in.max_latency_ms &&
               latency_s(in, c, 1) * 1000 <= in.max_latency_ms) {
        // (when no batch meets the limit, none is imposed: the option is excluded on latency)
        double lo = 1, hi = c.max_concurrency; // latency(lo) may exceed it too: then the option is excluded
        for (int i = 0; i < 64 && hi - lo > 1; ++i) { // (as in the batch search above)
            const double mid = std::floor((lo + hi) / 2);
            (latency_s(in, c, mid) * 1000 <= in.max_latency_ms ? lo : hi) = mid;
        }
        c.max_concurrency = lo;
        c.limited_by = "latency";
    }
    if (!c.fits) {
        c.concurrency = 1;
        return c;
    }
    c.sizing_seconds_per_call = machine_seconds(in, c, c.max_concurrency);
    return c;
}

/// The load-free part for the best split: the fewest accelerators that hold the model, or — on a
/// machine with more — a wider copy when it serves more calls per machine-second (a 70B model at
/// FP8 fits one 80 GB card with room for one call's cache; two cards hold a batch of a hundred). A
/// written accelerators_per_copy is kept.
Capacity derive_core(const CapacityInputs& in) {
    auto best = derive_split(in);
    if (in.accelerators_per_copy > 0 || !best.fits) return best;
    const int accelerators = std::max(1, static_cast<int>(std::min(in.accelerators, 1e6)));
    for (int n = best.accelerators_per_copy * 2; n <= accelerators; n *= 2) {
        auto wider = in;
        wider.accelerators_per_copy = n;
        auto c = derive_split(wider);
        if (c.fits && c.sizing_seconds_per_call < best.sizing_seconds_per_call * (1 - 1e-9))
            best = std::move(c);
    }
    return best;
}

/// The operating batch `peak_calls_per_s` fills, and the speeds and times at it.
void at_load(const CapacityInputs& in, Capacity& c, double peak_calls_per_s) {
    c.concurrency = in.concurrency > 0 ? c.max_concurrency
                                       : operating_batch(in, c, peak_calls_per_s / std::max(1, c.copies));
    c.step_s = decode_step_s(in, c, c.concurrency, &c.memory_bound);
    c.prefill_tokens_per_s = c.prefill_s > 0 ? in.input_tokens / c.prefill_s : 0;
    c.decode_tokens_per_s = c.step_s > 0 ? 1 / c.step_s : 0;
    c.decode_tokens_per_s_aggregate = c.decode_tokens_per_s * c.concurrency * c.copies;
    c.machine_seconds_per_call = machine_seconds(in, c, c.concurrency);
    c.latency_ms = latency_s(in, c, c.concurrency) * 1000;
}

} // namespace

Capacity derive(const CapacityInputs& in, double peak_calls_per_s) {
    Capacity c = derive_core(in);
    if (c.fits) at_load(in, c, peak_calls_per_s);
    return c;
}

std::vector<std::string> explain(const CapacityInputs& in, const Capacity& c) {
    std::vector<std::string> out;
    if (!c.derived) {
        out.push_back(
            fmt::format("capacity: measured throughput ({} prefill tokens/s, {} decode tokens/s at {} "
                        "concurrent calls) → {} s of machine time per call, latency {} ms",
                        format_number(c.prefill_tokens_per_s, 1), format_number(c.decode_tokens_per_s, 1),
                        format_number(c.concurrency, 0), format_number(c.machine_seconds_per_call, 4),
                        format_number(c.latency_ms, 0)));
        return out;
    }
    const double context = in.input_tokens + in.generated_tokens;
    out.push_back(fmt::format("weights: {} B params × {} bits / 8 = {} GB", format_number(in.params_b, 3),
                              format_number(in.bits_per_weight, 4), format_number(c.weights_gb, 2)));
    out.push_back(fmt::format("KV cache: {} MB/token × {} tokens (in + out + reasoning) = {} GB per call",
                              format_number(c.kv_gb_per_token * 1000, 4), format_number(context, 0),
                              format_number(c.kv_gb_per_call, 3)));
    out.push_back(fmt::format(
        "fit: {} + {} + {} GB overhead ≤ {} usable ({} × {} GB × {} memory fraction): {}",
        format_number(c.weights_gb, 2), format_number(c.kv_gb_per_call, 3), format_number(c.overhead_gb, 2),
        format_number(c.usable_gb, 1), c.accelerators_per_copy, format_number(in.memory_gb, 1),
        format_number(in.memory_fraction, 2),
        !c.fits               ? "does not fit"
        : c.offload_share > 0 ? fmt::format("only with {}% of the weights offloaded to host RAM",
                                            format_number(c.offload_share * 100, 1))
                              : fmt::format("fits; {} cop{} per machine", format_number(c.copies, 0),
                                            c.copies == 1 ? "y" : "ies")));
    if (!c.fits) return out;
    out.push_back(fmt::format("max concurrency: {} (set by {}; the KV cache holds {}, the engine allows {})",
                              format_number(c.max_concurrency, 0), c.limited_by,
                              format_number(c.kv_concurrency, 0), format_number(in.max_concurrency, 0)));
    const double n = in.tensor_parallel ? c.accelerators_per_copy : 1;
    const double streamed = streamed_weights_gb(in, c.concurrency);
    const double kv = c.concurrency * c.kv_gb_per_token * (in.input_tokens + in.generated_tokens / 2);
    const auto times_n = n > 1 ? fmt::format(" × {}", format_number(n, 0)) : std::string();
    const auto memory =
        c.offload_share > 0
            ? fmt::format("({} GB of weights on the GPU + {} GB KV) / ({} × {} GB/s) + {} GB in host RAM / "
                          "({} × {} GB/s)",
                          format_number(streamed * (1 - c.offload_share), 2), format_number(kv, 3),
                          format_number(in.eta_bandwidth, 2), format_number(in.bandwidth_gbs, 0),
                          format_number(streamed * c.offload_share, 2), format_number(in.eta_host, 2),
                          format_number(in.host_bandwidth_gbs, 1))
            : fmt::format("({} GB streamed + {} GB KV) / ({} × {} GB/s{})", format_number(streamed, 2),
                          format_number(kv, 3), format_number(in.eta_bandwidth, 2),
                          format_number(in.bandwidth_gbs, 0), times_n);
    const auto overhead =
        in.overhead_ms_per_token >= 0 ? fmt::format("{} ms", format_number(in.overhead_ms_per_token, 3))
        : in.experts > 0 && in.overhead_ms_per_expert > 0
            ? fmt::format(
                  "{} layers × ({} ms + {} experts × {} ms)", format_number(in.layers, 0),
                  format_number(in.overhead_ms_per_layer, 4),
                  format_number(in.experts * expert_coverage(in.experts, in.experts_per_token, c.concurrency),
                                1),
                  format_number(in.overhead_ms_per_expert, 5))
            : fmt::format("{} layers × {} ms", format_number(in.layers, 0),
                          format_number(in.overhead_ms_per_layer, 4));
    if (in.generated_tokens > 0) // an encoder (embeddings) has no decode step
        out.push_back(fmt::format(
            "decode step at batch {}: max({}, 2 × {} B × {} / ({} × {} TFLOPS{})) + {} = {} ms "
            "({}-bound) → {} tokens/s per stream, {} per machine",
            format_number(c.concurrency, 0), memory, format_number(active_matmul_params(in) / 1e9, 3),
            format_number(c.concurrency, 0), format_number(in.eta_compute, 3), format_number(in.tflops, 1),
            times_n, overhead, format_number(c.step_s * 1000, 3), c.memory_bound ? "memory" : "compute",
            format_number(c.decode_tokens_per_s, 1), format_number(c.decode_tokens_per_s_aggregate, 1)));
    out.push_back(fmt::format(
        "prefill: max((2 × {} B × {} + 2 × {} layers × {} heads × {} × {}²) / ({} × {} TFLOPS × "
        "{}), one read of the weights){} = {} ms → {} tokens/s",
        format_number(active_matmul_params(in) / 1e9, 3), format_number(in.input_tokens, 0),
        format_number(in.layers, 0), format_number(in.attention_heads, 0), format_number(in.head_dim, 0),
        format_number(in.input_tokens, 0),
        in.prefill_factor < 1
            ? fmt::format("{} × {}", format_number(in.eta_compute, 3), format_number(in.prefill_factor, 2))
            : format_number(in.eta_compute, 3),
        format_number(in.tflops, 1), c.accelerators_per_copy,
        in.overhead_ms_per_token < 0 && in.overhead_ms_per_layer > 0
            ? fmt::format(" + {} layers × {} ms", format_number(in.layers, 0),
                          format_number(in.overhead_ms_per_layer, 4))
            : std::string(),
        format_number(c.prefill_s * 1000, 2), format_number(c.prefill_tokens_per_s, 0)));
    out.push_back(
        fmt::format("per call: latency {} ms + {} × {} ms = {} ms; machine time ({} + {} × {} ms / {}) / {} "
                    "= {} s (at the full batch of {}: {} s, which sizes the fleet)",
                    format_number(c.prefill_s * 1000, 2), format_number(in.generated_tokens, 0),
                    format_number(c.step_s * 1000, 3), format_number(c.latency_ms, 0),
                    format_number(c.prefill_s * 1000, 2), format_number(in.generated_tokens, 0),
                    format_number(c.step_s * 1000, 3), format_number(c.concurrency, 0), c.copies,
                    format_number(c.machine_seconds_per_call, 4), format_number(c.max_concurrency, 0),
                    format_number(c.sizing_seconds_per_call, 4)));
    return out;
}

} // namespace capacity

namespace {

double tflops_for(const Hardware& h, ComputeType t) {
    const double fp16 = h.tflops_fp16.value;
    const double fp8 = h.tflops_fp8.value > 0 ? h.tflops_fp8.value : fp16;
    switch (t) {
    case ComputeType::fp8:
        return fp8;
    case ComputeType::int8:
        return h.tflops_int8.value > 0 ? h.tflops_int8.value : fp16;
    case ComputeType::fp4:
        return h.tflops_fp4.value > 0 ? h.tflops_fp4.value : fp8;
    case ComputeType::fp16:
        break;
    }
    return fp16;
}

} // namespace

CapacityInputs capacity_inputs(const Workload& w, const LocalOption& l) {
    CapacityInputs in;
    const auto& h = l.hardware;
    const auto& m = l.model;
    const auto& s = l.serving;
    in.input_tokens = w.input_tokens.value;
    in.generated_tokens = w.output_tokens.value + w.reasoning_tokens.value;
    in.max_latency_ms = w.max_latency_ms ? w.max_latency_ms->value : 0;
    in.max_utilization = l.throughput.max_utilization.value > 0 ? l.throughput.max_utilization.value : 1;
    in.context_tokens = l.model.context_tokens.value;
    in.accelerators = std::max(1.0, h.accelerators.value);
    in.memory_gb = h.memory_gb.value > 0 ? h.memory_gb.value : h.ram_gb.value / in.accelerators;
    in.bandwidth_gbs = h.memory_bandwidth_gbs.value;
    in.tflops = tflops_for(h, m.compute);
    in.unified_memory = h.unified_memory;
    in.host_ram_gb = h.host_ram_gb.value;
    in.host_bandwidth_gbs = h.host_bandwidth_gbs.value;
    in.params_b = m.params_b.value;
    in.active_params_b = m.active_params_b.value > 0 ? m.active_params_b.value : m.params_b.value;
    in.bits_per_weight = m.bits_per_weight.value;
    in.embedding_params_b = m.embedding_params_b.value;
    in.prefill_factor = m.prefill_factor;
    in.layers = m.layers.value;
    in.attention_heads = m.attention_heads.value;
    in.head_dim = m.head_dim.value;
    in.experts = m.experts.value;
    in.experts_per_token = m.experts_per_token.value;
    in.kv_gb_per_token = capacity::kv_gb_per_token(m);
    in.kv_gb_per_call = m.kv_cache_gb ? m.kv_cache_gb->value : -1;
    in.overhead_gb = m.overhead_gb ? m.overhead_gb->value : s.overhead_gb.value;
    in.memory_fraction = s.memory_fraction.value > 0 ? s.memory_fraction.value : 1;
    in.max_concurrency = std::max(1.0, s.max_concurrency.value);
    in.concurrency = s.concurrency ? s.concurrency->value : 0;
    in.eta_bandwidth = s.efficiency_bandwidth.value > 0 ? s.efficiency_bandwidth.value : 1;
    in.eta_compute = s.efficiency_compute.value > 0 ? s.efficiency_compute.value : 1;
    in.overhead_ms_per_token = s.overhead_ms_per_token ? s.overhead_ms_per_token->value : -1;
    in.overhead_ms_per_layer = s.overhead_ms_per_layer.value;
    in.overhead_ms_per_expert = s.overhead_ms_per_expert.value;
    in.eta_host = s.efficiency_host_bandwidth.value > 0 ? s.efficiency_host_bandwidth.value : 1;
    in.accelerators_per_copy = s.accelerators_per_copy ? s.accelerators_per_copy->value : 0;
    in.tensor_parallel = s.parallel == Parallel::tensor;
    in.can_offload = s.can_offload;
    return in;
}

Capacity local_capacity(const Workload& w, const LocalOption& l, double calls_per_day) {
    const auto in = capacity_inputs(w, l);
    // The calls of a day arrive in its active hours (peak_to_average is over them).
    const double arrival_seconds = std::clamp(w.active_hours_per_day.value, 0.01, 24.0) * 3600;
    const double peak_calls_per_s = std::max(0.0, calls_per_day) * w.peak_to_average.value / arrival_seconds;
    const double utilization =
        l.throughput.max_utilization.value > 0 ? l.throughput.max_utilization.value : 1;
    if (l.throughput.measured()) {
        Capacity c;
        const auto& t = l.throughput;
        const double seconds = in.input_tokens / t.prefill_tokens_per_s.value +
                               in.generated_tokens / t.decode_tokens_per_s.value;
        c.weights_gb = capacity::weights_gb(in.params_b, in.bits_per_weight);
        c.kv_gb_per_call = in.kv_gb_per_call >= 0
                               ? in.kv_gb_per_call
                               : in.kv_gb_per_token * (in.input_tokens + in.generated_tokens);
        c.kv_gb_per_token = in.kv_gb_per_token;
        c.overhead_gb = in.overhead_gb;
        c.usable_gb = in.memory_gb * in.accelerators;
        c.concurrency = c.max_concurrency = in.concurrency > 0 ? in.concurrency : t.concurrency.value;
        c.limited_by = "written";
        c.prefill_tokens_per_s = t.prefill_tokens_per_s.value;
        c.decode_tokens_per_s = t.decode_tokens_per_s.value;
        c.decode_tokens_per_s_aggregate = c.decode_tokens_per_s * c.concurrency;
        c.step_s = 1 / c.decode_tokens_per_s;
        c.prefill_s = in.input_tokens / c.prefill_tokens_per_s;
        c.machine_seconds_per_call = c.sizing_seconds_per_call = seconds / c.concurrency;
        c.latency_ms = seconds * 1000;
        // Measured speeds say nothing of memory: the model must still fit the machine.
        const double need = c.weights_gb + c.kv_gb_per_call + c.overhead_gb;
        if (in.params_b > 0 && c.usable_gb > 0 && need > c.usable_gb) {
            c.fits = false;
            c.infeasible.push_back(fmt::format("the model does not fit: needs {} GB, {} GB on the machine",
                                               format_number(need, 1), format_number(c.usable_gb, 2)));
        }
        capacity::check_context(in, c);
        return c;
    }
    // The load-free part once; the peak is spread over month 1's fleet, a fixed one or the one
    // the full batch sizes. A sweep or a simulation asks again and again for the same inputs
    // (only a price varies) or the same inputs at another load: the last answer of this thread is
    // kept for each step, a pure function's result looked up, never a different figure.
    struct Memo {
        bool core_valid = false, load_valid = false;
        CapacityInputs in;
        Capacity core;
        double load = 0;
        Capacity at_load;
    };
    thread_local Memo memo;
    if (!memo.core_valid || !(memo.in == in)) {
        memo.core_valid = false; // (until derive_core has returned)
        memo.in = in;
        memo.core = capacity::derive_core(in);
        memo.core_valid = true;
        memo.load_valid = false;
    }
    if (!memo.core.fits) return memo.core;
    const double machines =
        l.machines
            ? *l.machines
            : std::max(1.0,
                       std::ceil(peak_calls_per_s * memo.core.sizing_seconds_per_call / utilization - 1e-9));
    const double load = peak_calls_per_s / machines;
    if (!memo.load_valid || !(memo.load == load)) {
        memo.load_valid = false;
        memo.at_load = memo.core;
        capacity::at_load(in, memo.at_load, load);
        memo.load = load;
        memo.load_valid = true;
    }
    return memo.at_load;
}

} // namespace llmtco
