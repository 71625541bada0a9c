// The capacity derivation (PRODUCT §4b, docs/capacity.md) with hand-worked numbers, its properties,
// and the cases issue 14 names: a 70B model on a 24 GB card, 1B/8B/70B latencies, a concurrency the
// KV cache cannot hold, a call longer than the context window.

#include "helpers.hpp"
#include "llmtco/capacity.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

namespace {

// A chat workload on the catalog's RTX 4090 workstation with llama.cpp (its consumer-GPU factors:
// bandwidth 0.93, compute 0.869, 0.11 ms a layer; 0.95 of the memory, 4 slots, 0.5 GB overhead).
const std::string kChat = R"(
workloads: [{name: chat, calls: 2000/day, input_tokens: 800, output_tokens: 300}]
options:
  cloud: [{name: mini, model: gpt-4o-mini}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: rtx-4090-workstation
      model: {preset: llama-3.1-8b, quant: Q4_K_M}
)";

Capacity capacity_of(const std::vector<std::string>& sets, double calls_per_day = 2000) {
    const auto p = profile(kChat, sets);
    return local_capacity(p.workloads[0], p.local[0], calls_per_day);
}

} // namespace

TEST_CASE("capacity: Llama 3.1 8B Q4_K_M on an RTX 4090, worked by hand") {
    const auto c = capacity_of({});
    CHECK(c.derived);
    CHECK(c.fits);
    CHECK(c.weights_gb == Approx(8.03 * 4.9 / 8));                          // 4.918 GB
    CHECK(c.kv_gb_per_call == Approx(2.0 * 32 * 8 * 128 * 2 * 1100 / 1e9)); // 131,072 B × 1,100 tokens
    CHECK(c.usable_gb == Approx(24 * 0.95));                                // 22.8 GB
    CHECK(c.kv_concurrency == 120); // ⌊(22.8 − 4.918 − 0.5) / 0.1442⌋ = ⌊120.5⌋
    CHECK(c.max_concurrency == 4);  // llama.cpp's 4 slots
    CHECK(c.concurrency == 1);      // 2,000/day: 0.023 calls/s × 2.7 s fills one slot
    // step: ((8.03 − 0.525) × 4.9/8 + 131,072e-9 × (800 + 150)) / (0.93 × 1,008) + 32 × 0.11 ms
    //     = (4.59678 + 0.12452) / 937.44 + 0.00352 = 0.0050364 + 0.00352 = 0.0085564 s
    CHECK(c.step_s == Approx(0.0085564).epsilon(1e-4));
    CHECK(c.memory_bound);
    // prefill: (2 × 7.505e9 × 800 + 2 × 32 × 32 × 128 × 800²) / (0.869 × 0.8 × 165.2e12) + 32 × 0.11 ms
    //        = (1.2008e13 + 1.6777e11) / 1.14847e14 + 0.00352 = 0.106019 + 0.00352 = 0.10954 s
    CHECK(c.prefill_s == Approx(0.10954).epsilon(1e-3));
    CHECK(c.latency_ms == Approx(109.54 + 300 * 8.5564).epsilon(1e-3));             // 2,676 ms
    CHECK(c.machine_seconds_per_call == Approx(c.latency_ms / 1000).epsilon(1e-9)); // batch 1, one copy
    // sized at the full batch of 4: 0.10954 + 300 × step(4) / 4
    CHECK(c.sizing_seconds_per_call < c.machine_seconds_per_call / 3);
}

TEST_CASE("capacity: a 70B model on a 24 GB card offloads with llama.cpp and is infeasible with vLLM") {
    const auto offloaded = capacity_of({"options.local.box.model.preset=llama-3.1-70b"});
    CHECK(offloaded.fits);
    // 70.6 × 4.9 / 8 = 43.24 GB; the GPU keeps 22.8 − 0.36 − 0.5 = 21.94 GB: 21.30 GB (49.3 %) in RAM
    CHECK(offloaded.offload_share == Approx((43.2425 - (22.8 - 0.36045 - 0.5)) / 43.2425).epsilon(1e-3));
    CHECK(offloaded.max_concurrency == 1);
    // A few tokens/s: the host's 83.2 GB/s carries half the weights each step.
    CHECK(offloaded.decode_tokens_per_s == Approx(2.61).epsilon(0.01));
    const auto gpu_only =
        capacity_of({"options.local.box.model.preset=llama-3.1-70b", "options.local.box.model.quant=INT4-AWQ",
                     "options.local.box.serving.engine=vllm"});
    CHECK_FALSE(gpu_only.fits);
    REQUIRE(gpu_only.infeasible.size() == 1);
    CHECK_THAT(gpu_only.infeasible[0], Catch::Contains("the model does not fit: 37.5 GB of weights") &&
                                           Catch::Contains("the engine cannot offload to host RAM"));
    // and the verdict changes: the estimate buys 4 machines where one fast one was recommended
    const auto r = estimate(profile(kChat, {"options.local.box.model.preset=llama-3.1-70b"}));
    CHECK(test::option(r.workloads[0], "box").machines == 4); // 116 s a call, 2,000 a day at peak 1 / 0.8
}

TEST_CASE("capacity: 1B, 8B and 70B take different times, as the bytes they stream say") {
    const double one = capacity_of({"options.local.box.model.preset=llama-3.2-1b"}).latency_ms;
    const double eight = capacity_of({}).latency_ms;
    const double seventy = capacity_of({"options.local.box.model.preset=llama-3.1-70b"}).latency_ms;
    CHECK(one < eight);
    CHECK(eight < seventy);
    CHECK(eight / one > 2);      // 4.6 GB against 0.75 GB streamed a token, plus the layers' overhead
    CHECK(seventy / eight > 20); // half the 70B from host RAM
    // and F16 is slower than Q4_K_M: 3.3 times the bytes
    CHECK(capacity_of({"options.local.box.model.quant=F16"}).latency_ms > 1.8 * eight);
}

TEST_CASE("capacity: a concurrency the KV cache cannot hold is capped with the figures") {
    const auto p = profile(
        kChat, {"options.local.box.hardware=l4-rented", "options.local.box.model.quant=FP8",
                "options.local.box.serving.engine=vllm", "options.local.box.serving.concurrency=1000"});
    const auto c = local_capacity(p.workloads[0], p.local[0], 2000);
    // usable 24 × 0.92 = 22.08 GB; (22.08 − 8.03 − 2) / 0.14418 = 83.6 calls
    CHECK(c.max_concurrency == 83);
    CHECK(c.concurrency == 83);
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] == "concurrency 1,000 capped at 83 (KV cache): the KV cache holds 83 calls of 1,100 "
                           "tokens (0.144 GB each) "
                           "in the 12.1 GB left of 22.1 GB usable after 8 GB of weights and 2 GB overhead");
}

TEST_CASE("capacity: a machine with several GPUs runs the split that serves the most calls") {
    // Llama 3.3 70B at FP8 fits one 80 GB H100 with room for two calls' cache: (80 × 0.92 − 70.6 − 2)
    // / 0.3605 = 2.8 (1,100 tokens × 327,680 bytes). On the 8-GPU machine copies of two cards hold
    // (2 × 73.6 − 72.6) / 0.3605 = 206.9 calls each, and four of them run side by side.
    const auto one =
        capacity_of({"options.local.box.hardware=h100-rented", "options.local.box.model.preset=llama-3.3-70b",
                     "options.local.box.model.quant=FP8"});
    CHECK(one.max_concurrency == 2);
    CHECK(one.limited_by == "KV cache");
    const auto eight =
        capacity_of({"options.local.box.hardware=h100-sxm-8x-rented",
                     "options.local.box.model.preset=llama-3.3-70b", "options.local.box.model.quant=FP8"});
    CHECK(eight.accelerators_per_copy == 2);
    CHECK(eight.copies == 4);
    CHECK(eight.max_concurrency == 206);
    // far less machine time a call than eight single cards at a batch of 2
    CHECK(eight.sizing_seconds_per_call < one.sizing_seconds_per_call / 8 / 4);
    // a written split is kept
    const auto written = capacity_of(
        {"options.local.box.hardware=h100-sxm-8x-rented", "options.local.box.model.preset=llama-3.3-70b",
         "options.local.box.model.quant=FP8", "options.local.box.serving.accelerators_per_copy=1"});
    CHECK(written.accelerators_per_copy == 1);
    CHECK(written.copies == 8);
}

TEST_CASE("capacity: a call longer than the model's context window is an error naming both") {
    CHECK_THROWS_WITH(profile(kChat, {"workloads.chat.input_tokens=131000"}),
                      Catch::Contains("workload 'chat': a call of 131,300 tokens") &&
                          Catch::Contains("exceeds the 131,072-token context window of local option 'box'"));
    // 130,300 tokens fit the window; the cloud option is one whose input limit (1,047,576) takes them.
    CHECK_NOTHROW(
        profile(kChat, {"workloads.chat.input_tokens=130000", "options.cloud.mini.model=gpt-4.1-mini"}));
}

TEST_CASE("capacity: MoE coverage, tensor copies, and measured speeds left alone") {
    CHECK(capacity::expert_coverage(8, 2, 1) == Approx(0.25));
    CHECK(capacity::expert_coverage(8, 2, 4) == Approx(1 - 0.75 * 0.75 * 0.75 * 0.75)); // 0.6836
    CHECK(capacity::expert_coverage(128, 8, 1000) == Approx(1));
    // Mixtral at batch 1 streams its active weights: 12.9 B less the 0.131 B embedding table
    const auto moe =
        capacity_of({"options.local.box.model.preset=mixtral-8x7b", "options.local.box.hardware=h100-rented",
                     "options.local.box.model.quant=FP8", "options.local.box.serving.engine=vllm"});
    CapacityInputs in;
    in.params_b = 46.7;
    in.active_params_b = 12.9;
    in.embedding_params_b = 0.131;
    in.experts = 8;
    in.experts_per_token = 2;
    in.bits_per_weight = 8;
    CHECK(capacity::streamed_weights_gb(in, 1) == Approx(12.9 - 0.131));
    CHECK(capacity::streamed_weights_gb(in, 64) == Approx(46.7 - 0.131).epsilon(1e-6));
    CHECK(moe.fits);
    // An 8B model on a 2-GPU workstation: two copies, one per card, not one split over both.
    const auto two = capacity_of({"options.local.box.hardware=rtx-4090-2x-workstation"});
    CHECK(two.copies == 2);
    CHECK(two.accelerators_per_copy == 1);
    CHECK(two.sizing_seconds_per_call == Approx(capacity_of({}).sizing_seconds_per_call / 2).epsilon(1e-9));
    // Measured throughput wins: t = 800/4000 + 300/50 = 6.2 s, at 2 calls at once 3.1 s a call.
    const auto measured = capacity_of({"options.local.box.throughput={prefill_tokens_per_s: 4000, "
                                       "decode_tokens_per_s: 50, concurrency: 2}"});
    CHECK_FALSE(measured.derived);
    CHECK(measured.latency_ms == Approx(6200));
    CHECK(measured.machine_seconds_per_call == Approx(3.1));
}

TEST_CASE(
    "capacity properties: latency grows and machine time falls with the batch; the batch follows the load") {
    const auto p = profile(kChat);
    const auto in = capacity_inputs(p.workloads[0], p.local[0]);
    const auto c = capacity::derive(in, 0.01);
    double last_latency = 0, last_machine = 1e300;
    for (double b = 1; b <= c.max_concurrency; ++b) {
        const double latency = capacity::latency_s(in, c, b);
        const double machine = capacity::machine_seconds(in, c, b);
        CHECK(latency >= last_latency);
        CHECK(machine <= last_machine);
        last_latency = latency;
        last_machine = machine;
    }
    double last_batch = 0;
    for (double load = 0.001; load < 100; load *= 1.7) {
        const double b = capacity::operating_batch(in, c, load);
        CHECK(b >= last_batch);
        CHECK(b >= 1);
        CHECK(b <= c.max_concurrency);
        last_batch = b;
    }
    CHECK(last_batch == c.max_concurrency); // a load beyond what the full batch carries fills it
}

TEST_CASE("capacity: a sized fleet is no busier at the peak than max_utilization, and never busier than it "
          "exists") {
    // 200k summaries a day on a rented H100 (vLLM, FP8): the fleet is sized at the full batch, and the
    // batch the load fills is raised until each machine is at most 80 % busy at the peak.
    const std::vector<std::string> h100{
        "workloads.chat.calls=200k/day",     "workloads.chat.input_tokens=3000",
        "workloads.chat.peak_to_average=2",  "options.local.box.hardware=h100-rented",
        "options.local.box.model.quant=FP8", "options.local.box.serving.engine=vllm"};
    const auto p = profile(kChat, h100);
    const auto r = estimate(p);
    const auto& o = test::option(r.workloads[0], "box");
    const double peak_per_s = 200000.0 * 2 / 86400; // 4.63 calls/s
    REQUIRE(o.capacity);
    CHECK(peak_per_s * o.capacity->machine_seconds_per_call / *o.machines <= 0.8 * (1 + 1e-9));
    // 20 fixed machines, 10 %/month growth for 10 years: the load outgrows them; electricity stays
    // within 20 × 504 W × 730 h × $0.15/kWh = $1,103.76 a month.
    const auto g =
        estimate(profile(kChat, {"options.local.box.machines=20", "workloads.chat.growth_per_month=10%",
                                 "settings.horizon_months=120", "options.local.box.fallback=mini"}));
    const auto& fleet = test::option(g.workloads[0], "box");
    double electricity = 0;
    for (const auto& item : fleet.items) {
        if (item.label == "electricity") electricity = item.total;
    }
    CHECK(electricity > 0);
    CHECK(electricity <= 20 * 504 * 730.0 * 120 / 1000 * 0.15 * (1 + 1e-9));
}

TEST_CASE(
    "capacity: llama.cpp's factors follow the GPU's architecture (Hopper's compute, Ampere's bandwidth)") {
    // The catalog's llama.cpp datacenter_gpu entry: compute 0.386 and bandwidth 0.67, with 0.240
    // compute on Hopper and 0.57 bandwidth on Ampere (docs/capacity.md, rows 7-15).
    const auto factors = [](const std::string& hardware) {
        const auto p = profile(
            R"(
workloads: [{name: w, calls: 100/day, input_tokens: 500, output_tokens: 100}]
options:
  local:
    - {name: x, hardware: )" +
            hardware + R"(, model: {preset: llama-3.1-8b, quant: Q4_K_M}, serving: {engine: llama.cpp}}
)");
        return std::pair{p.local[0].serving.efficiency_compute.value,
                         p.local[0].serving.efficiency_bandwidth.value};
    };
    CHECK(factors("h100-pcie-rented") == std::pair{0.240, 0.67});
    CHECK(factors("a100-rented") == std::pair{0.386, 0.57});
    CHECK(factors("l40s-rented") == std::pair{0.386, 0.67});
    // inline hardware names its architecture, or gets the class's factors
    CHECK(factors("{rent_per_hour: 2, class: datacenter_gpu, memory_gb: 80, memory_bandwidth_gbs: 2000, "
                  "tflops: {fp16: 756}, architecture: hopper}") == std::pair{0.240, 0.67});
    CHECK(factors("{rent_per_hour: 2, class: datacenter_gpu, memory_gb: 80, memory_bandwidth_gbs: 2000, "
                  "tflops: {fp16: 756}}") == std::pair{0.386, 0.67});
    // a written factor wins over the architecture's
    const auto p = profile(kChat, {"options.local.box.hardware=h100-pcie-rented",
                                   "options.local.box.serving.efficiency.compute=0.5"});
    CHECK(p.local[0].serving.efficiency_compute.value == 0.5);
    CHECK_THROWS_WITH(
        factors("{rent_per_hour: 2, class: datacenter_gpu, memory_gb: 80, architecture: hoper}"),
        Catch::Contains("'architecture' must be one of") && Catch::Contains("did you mean 'hopper'?"));
}

TEST_CASE("capacity: the last answer kept for a repeated question is the answer, whatever came between") {
    // local_capacity keeps its thread's last derivation (the sweep asks the same question for
    // every price); interleaved inputs and loads must give what a first call gives.
    const auto p = profile(kChat);
    auto other = p;
    other.local[0].model.params_b.value = 70.6; // another model: another load-free part
    const auto first = local_capacity(p.workloads[0], p.local[0], 2000);
    const auto busy = local_capacity(p.workloads[0], p.local[0], 2'000'000);
    const auto big = local_capacity(p.workloads[0], other.local[0], 2000);
    const auto again = local_capacity(p.workloads[0], p.local[0], 2000);
    CHECK(busy.concurrency > first.concurrency); // (the calls above really differ)
    CHECK(big.weights_gb > first.weights_gb);
    CHECK(again.weights_gb == first.weights_gb);
    CHECK(again.concurrency == first.concurrency);
    CHECK(again.latency_ms == first.latency_ms);
    CHECK(again.machine_seconds_per_call == first.machine_seconds_per_call);
    CHECK(again.sizing_seconds_per_call == first.sizing_seconds_per_call);
    CHECK(again.fits == first.fits);
    // and a load after another input set is derived at that load, not the kept one's
    const auto busy_again = local_capacity(p.workloads[0], p.local[0], 2'000'000);
    CHECK(busy_again.concurrency == busy.concurrency);
    CHECK(busy_again.latency_ms == busy.latency_ms);
}
