#!/usr/bin/env python3
"""Writes the usage fixtures of tests/cli/test_import.cpp and the figures an import must find in them.

Every fixture is invented (no customer data), in the shape of the providers' published references
(docs/import.md cites them): five weeks of traffic, 2026-11-02 to 2026-12-06 UTC, growing about
0.5 % a day, busier in the European working day, on two models. Run from the repository root:

    python3 tests/data/usage/generate.py

It rewrites tests/data/usage/*.{json,jsonl,csv} and expected.json. The expected figures are computed
here, independently of the C++ importer, by the definitions in docs/import.md.
"""
import csv
import io
import json
import math
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
START = 1793577600  # 2026-11-02T00:00:00Z
DAYS = 35
GROWTH = 1.005  # a day: 16 % a month
DAYS_PER_MONTH = 730 / 24

# $ per Mtok, as the built-in catalog has them (profiles/catalog/cloud.yaml)
PRICES = {
    "gpt-4o-mini": {"in": 0.15, "cached": 0.075, "write": 0.15, "out": 0.60},
    "gpt-4o-mini-2024-07-18": {"in": 0.15, "cached": 0.075, "out": 0.60},
    "gpt-4.1-mini-2025-04-14": {"in": 0.40, "cached": 0.10, "out": 1.60},
    "claude-haiku-4-5-20251001": {"in": 1.00, "cached": 0.10, "write": 1.25, "write_1h": 2.00, "out": 5.00},
    "claude-sonnet-4-5-20250929": {"in": 3.00, "cached": 0.30, "write": 3.75, "write_1h": 6.00, "out": 15.00},
    "claude-haiku-4-5": {"in": 1.00, "cached": 0.10, "write": 1.25, "write_1h": 2.00, "out": 5.00},
}


def iso(t, sep="T", zone="Z", frac=False):
    s = __import__("datetime").datetime.utcfromtimestamp(t).strftime(f"%Y-%m-%d{sep}%H:%M:%S")
    if frac:
        s += ".%06d" % int(round((t - int(t)) * 1e6))
    return s + zone


def hour_weight(h):
    return 0.3 + (1.0 if 7 <= h <= 17 else 0.0) + (0.6 if 9 <= h <= 11 else 0.0)


def request_times(rng, n):
    """n request times over the fortnight: growth and the daily pattern by rejection sampling."""
    out = []
    top = GROWTH ** DAYS * hour_weight(10)
    while len(out) < n:
        t = START + rng.random() * DAYS * 86400
        d = (t - START) // 86400
        h = int((t - START) % 86400 // 3600)
        if rng.random() * top < GROWTH ** d * hour_weight(h):
            out.append(t)
    return sorted(out)


def cost(model, r):
    if model not in PRICES:
        return 0.0
    p = PRICES[model]
    uncached = r["input"] - r["cached"] - r["write_5m"] - r["write_1h"]
    usd = (uncached * p["in"] + r["cached"] * p["cached"] + r["write_5m"] * p.get("write", p["in"])
           + r["write_1h"] * p.get("write_1h", p["in"]) + (r["output"] + r["reasoning"]) * p["out"]) / 1e6
    return usd * (0.5 if r.get("batch") else 1.0)


# ---- the figures an import must find, by docs/import.md's definitions ---------------------------------

def percentile(hist, q):
    items = sorted(hist.items())
    total = sum(w for _, w in items)
    seen = 0
    for v, w in items:
        seen += w
        if seen >= q * total * (1 - 1e-12):
            return v / 100
    return items[-1][0] / 100


def spread(records, key):
    hist = {}
    calls = sum(r["calls"] for r in records)
    for r in records:
        v = int(round(max(0.0, r[key] / r["calls"]) * 100))
        hist[v] = hist.get(v, 0) + r["calls"]
    mean = sum(r[key] for r in records) / calls
    p10, p90 = percentile(hist, 0.1), percentile(hist, 0.9)
    mode = min(max(3 * mean - p10 - p90, p10), p90)
    return {"mean": mean, "p10": p10, "p90": p90, "mode": mode}


def figures(records):
    calls = sum(r["calls"] for r in records)
    first = math.floor(min(r["start"] for r in records) / 86400) * 86400
    last = math.ceil(max(max(r["end"], r["start"] + 1) for r in records) / 86400) * 86400
    days = max(1, (last - first) / 86400)
    inp = sum(r["input"] for r in records)
    widest = max(r["end"] - r["start"] for r in records)
    hourly, daily = {}, {}
    for r in records:
        if r["end"] - r["start"] <= 3600:
            h = math.floor(r["start"] / 3600)
            hourly[h] = hourly.get(h, 0) + r["calls"]
        d = math.floor(r["start"] / 86400)
        daily[d] = daily.get(d, 0) + r["calls"]
    if widest <= 3600:
        peak = max(hourly.values()) / (calls / (days * 24))
    elif widest <= 86400:
        peak = max(daily.values()) / (calls / days)
    else:
        peak = 1
    pts = sorted((d, math.log(c)) for d, c in daily.items() if c > 0)
    growth = 0.0
    fitted = None
    if len(pts) >= 7:
        n = len(pts)
        mx = sum(x for x, _ in pts) / n
        my = sum(y for _, y in pts) / n
        sxx = sum((x - mx) ** 2 for x, _ in pts)
        sxy = sum((x - mx) * (y - my) for x, y in pts)
        syy = sum((y - my) ** 2 for _, y in pts)
        fitted = math.exp(sxy / sxx * DAYS_PER_MONTH) - 1
        r2 = sxy * sxy / (sxx * syy) if syy > 0 else 1.0
        # adopted over four weeks or more of data with R² of 0.5 or more (docs/import.md)
        if days >= 28 and r2 >= 0.5:
            growth = fitted
    out = {
        "calls_per_day": calls / days,
        "input": spread(records, "input"),
        "output": spread(records, "output"),
        "reasoning": spread(records, "reasoning"),
        "cached_share": sum(r["cached"] for r in records) / inp,
        "write_share": sum(r["write_5m"] for r in records) / inp,
        "write_1h_share": sum(r["write_1h"] for r in records) / inp,
        "peak_to_average": max(1.0, peak),
        "growth_per_month": growth,
        "fitted_growth": fitted,
        "cost": sum(r.get("cost", 0) for r in records),
    }
    return out


def by_model(records):
    groups = {}
    for r in records:
        groups.setdefault(r["model"], []).append(r)
    return {m: figures(rs) for m, rs in groups.items()}


# ---- request-level traffic -------------------------------------------------------------------------

def requests(rng, n, model, reasoning=False, cache=True, writes=False):
    out = []
    for t in request_times(rng, n):
        inp = rng.randint(600, 2400)
        cached = (inp * rng.choice([0, 0.5, 0.75]) // 1) if cache else 0
        w5 = (inp - cached) // 4 if writes and rng.random() < 0.3 else 0
        out_t = rng.randint(40, 400)
        rea = rng.randint(0, 200) if reasoning else 0
        r = {"model": model, "start": t, "end": t, "calls": 1, "input": inp, "cached": cached,
             "write_5m": w5, "write_1h": 0, "output": out_t, "reasoning": rea}
        r["cost"] = cost(model, r)
        out.append(r)
    return out


def cost_pages(records, openai):
    """A provider's daily cost export of `records`, by model and token type, at PRICES."""
    days = {}
    for r in records:
        p = PRICES[r["model"]]
        d = int(r["start"] // 86400 * 86400)
        parts = {"input": (r["input"] - r["cached"] - r["write_5m"] - r["write_1h"]) * p["in"],
                 "cached input": r["cached"] * p["cached"], "cache write 5m": r["write_5m"] * p.get("write", p["in"]),
                 "cache write 1h": r["write_1h"] * p.get("write_1h", p["in"]), "output": r["output"] * p["out"]}
        for kind, usd in parts.items():
            key = (d, r["model"], kind)
            days[key] = days.get(key, 0) + usd / 1e6
    buckets = {}
    for (d, model, kind), usd in sorted(days.items()):
        if openai:
            result = {"object": "organization.costs.result", "amount": {"value": usd, "currency": "usd"},
                      "line_item": f"{model}, {kind}", "project_id": None}
        else:
            result = {"amount": "%.6f" % (usd * 100), "currency": "USD", "cost_type": "tokens",
                      "description": f"{model} {kind}", "model": model, "service_tier": "standard",
                      "context_window": "0-200k", "token_type": kind, "workspace_id": None}
        buckets.setdefault(d, []).append(result)
    if openai:
        data = [{"object": "bucket", "start_time": d, "end_time": d + 86400, "results": rs} for d, rs in buckets.items()]
        return {"object": "page", "data": data, "has_more": False, "next_page": None}
    data = [{"starting_at": iso(d), "ending_at": iso(d + 86400), "results": rs} for d, rs in buckets.items()]
    return {"data": data, "has_more": False, "next_page": None}


def write(name, text):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        f.write(text)


def main():
    rng = random.Random(20261204)
    expected = {}

    # LiteLLM spend logs, CSV: one row a request; metadata carries the usage object.
    recs = requests(rng, 420, "gpt-4o-mini", reasoning=False) + requests(rng, 260, "claude-haiku-4-5", writes=True)
    recs.sort(key=lambda r: r["start"])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["request_id", "call_type", "api_key", "spend", "total_tokens", "prompt_tokens", "completion_tokens",
                "startTime", "endTime", "model", "model_group", "custom_llm_provider", "user", "metadata",
                "cache_hit", "team_id", "status"])
    for i, r in enumerate(recs):
        usage = {"prompt_tokens": r["input"], "completion_tokens": r["output"] + r["reasoning"],
                 "total_tokens": r["input"] + r["output"] + r["reasoning"],
                 "prompt_tokens_details": {"cached_tokens": r["cached"]},
                 "cache_read_input_tokens": r["cached"], "cache_creation_input_tokens": r["write_5m"]}
        meta = {"user_api_key_alias": "ci-key", "usage_object": usage}
        w.writerow([f"chatcmpl-{i:05d}", "acompletion", "88dc28d0f030c55e", f"{r['cost']:.10f}",
                    usage["total_tokens"], r["input"], r["output"] + r["reasoning"], iso(r["start"], " ", "", True),
                    iso(r["start"] + 1.5, " ", "", True), r["model"], r["model"].split("-")[0],
                    "openai" if r["model"].startswith("gpt") else "anthropic", "u_%d" % (i % 7),
                    json.dumps(meta), "False", "team_a" if i % 3 else "team_b", "success"])
    text = buf.getvalue()
    # three malformed rows (a bad number, a missing field, a bad time) and a failure row
    lines = text.split("\n")
    lines.insert(50, 'chatcmpl-bad1,acompletion,k,0.1,10,ten,5,2026-11-03 10:00:00,2026-11-03 10:00:01,gpt-4o-mini,gpt,openai,u,{},False,team_a,success')
    lines.insert(120, 'chatcmpl-bad2,acompletion,k,0.1,10')
    lines.insert(200, 'chatcmpl-bad3,acompletion,k,0.1,10,5,5,yesterday,2026-11-03 10:00:01,gpt-4o-mini,gpt,openai,u,{},False,team_a,success')
    lines.insert(300, 'chatcmpl-fail,acompletion,k,0,0,0,0,2026-11-05 10:00:00,2026-11-05 10:00:01,gpt-4o-mini,gpt,openai,u,{},False,team_a,failure')
    write("litellm-spend.csv", "\n".join(lines))
    expected["litellm-spend"] = {"file": "litellm-spend.csv", "records": len(recs), "bad": 3, "bad_lines": [51, 121, 201],
                                 "workloads": by_model(recs)}
    # the same rows as LiteLLM's /spend/logs JSON array
    rows = []
    for i, r in enumerate(recs[:300]):
        rows.append({"request_id": f"chatcmpl-{i:05d}", "spend": r["cost"], "prompt_tokens": r["input"],
                     "completion_tokens": r["output"] + r["reasoning"], "startTime": iso(r["start"], "T", "", True),
                     "model": r["model"], "status": "success",
                     "metadata": {"usage_object": {"prompt_tokens_details": {"cached_tokens": r["cached"]},
                                                   "cache_creation_input_tokens": r["write_5m"]}}})
    write("litellm-spend.json", json.dumps(rows, indent=1))
    expected["litellm-spend-json"] = {"file": "litellm-spend.json", "records": 300, "bad": 0,
                                      "workloads": by_model(recs[:300])}

    # OpenAI usage API: hourly buckets (bucket_width=1h, group_by=model), pages of 24 buckets.
    recs = []
    pages = []
    for d in range(DAYS):
        buckets = []
        for h in range(24):
            start = START + d * 86400 + h * 3600
            results = []
            for model, base in (("gpt-4o-mini-2024-07-18", 20), ("gpt-4.1-mini-2025-04-14", 6)):
                n = max(0, int(base * GROWTH ** d * hour_weight(h) * rng.uniform(0.7, 1.3)))
                if n == 0:
                    continue
                per_in = rng.uniform(700, 1600)
                inp = int(n * per_in)
                cached = int(inp * rng.uniform(0.1, 0.5))
                out_t = int(n * rng.uniform(80, 260))
                results.append({"object": "organization.usage.completions.result", "input_tokens": inp,
                                "input_cached_tokens": cached, "output_tokens": out_t, "input_audio_tokens": 0,
                                "output_audio_tokens": 0, "num_model_requests": n, "project_id": None,
                                "user_id": None, "api_key_id": None, "model": model, "batch": False})
                recs.append({"model": model, "start": start, "end": start + 3600, "calls": n, "input": inp,
                             "cached": cached, "write_5m": 0, "write_1h": 0, "output": out_t, "reasoning": 0})
            buckets.append({"object": "bucket", "start_time": start, "end_time": start + 3600, "results": results})
        pages.append({"object": "page", "data": buckets, "has_more": d + 1 < DAYS,
                      "next_page": f"page_{d + 1}" if d + 1 < DAYS else None})
    write("openai-usage.jsonl", "\n".join(json.dumps(p) for p in pages) + "\n")
    expected["openai-usage"] = {"file": "openai-usage.jsonl", "records": len(recs), "bad": 0,
                                "workloads": by_model(recs)}
    # the Costs API for the same usage (group_by=line_item, daily buckets): what the catalog's prices make of it
    write("openai-costs.json", json.dumps(cost_pages(recs, openai=True)))

    # Anthropic usage report: hourly buckets, one pretty-printed document; calls from --input-per-call 2000.
    recs = []
    data = []
    for d in range(DAYS):
        for h in range(24):
            start = START + d * 86400 + h * 3600
            results = []
            for model, base in (("claude-haiku-4-5-20251001", 15), ("claude-sonnet-4-5-20250929", 4)):
                n = max(0, int(base * GROWTH ** d * hour_weight(h) * rng.uniform(0.7, 1.3)))
                if n == 0:
                    continue
                total_in = n * 2000
                read = int(total_in * rng.uniform(0.2, 0.5))
                w5 = int(total_in * rng.uniform(0.02, 0.08))
                w1 = int(total_in * rng.uniform(0.0, 0.03))
                unc = total_in - read - w5 - w1
                out_t = int(n * rng.uniform(150, 450))
                results.append({"uncached_input_tokens": unc, "cache_creation": {"ephemeral_1h_input_tokens": w1,
                                "ephemeral_5m_input_tokens": w5}, "cache_read_input_tokens": read,
                                "output_tokens": out_t, "server_tool_use": {"web_search_requests": 0},
                                "api_key_id": None, "workspace_id": None, "model": model, "service_tier": "standard",
                                "context_window": "0-200k"})
                recs.append({"model": model, "start": start, "end": start + 3600, "calls": max(1, total_in / 2000),
                             "input": total_in, "cached": read, "write_5m": w5, "write_1h": w1, "output": out_t,
                             "reasoning": 0})
            data.append({"starting_at": iso(start), "ending_at": iso(start + 3600), "results": results})
    write("anthropic-usage.json", json.dumps({"data": data, "has_more": False, "next_page": None}, indent=0))
    expected["anthropic-usage"] = {"file": "anthropic-usage.json", "records": len(recs), "bad": 0,
                                   "args": ["--input-per-call", "2000"], "workloads": by_model(recs)}
    write("anthropic-cost-report.json", json.dumps(cost_pages(recs, openai=False)))

    # OpenTelemetry: OTLP JSON lines (the collector's file exporter), GenAI spans among others.
    recs = requests(rng, 320, "gpt-4o", reasoning=True)
    out_lines = []
    for i in range(0, len(recs), 8):
        spans = []
        for j, r in enumerate(recs[i:i + 8]):
            ns = str(int(r["start"] * 1e9))
            spans.append({"traceId": "%032x" % (i + j + 1), "spanId": "%016x" % (i + j + 1), "name": "chat gpt-4o",
                          "kind": 3, "startTimeUnixNano": ns, "endTimeUnixNano": str(int(r["start"] * 1e9) + 900000000),
                          "attributes": [
                              {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
                              {"key": "gen_ai.provider.name", "value": {"stringValue": "openai"}},
                              {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
                              {"key": "gen_ai.response.model", "value": {"stringValue": "gpt-4o-2024-08-06"}},
                              {"key": "gen_ai.usage.input_tokens", "value": {"intValue": str(r["input"])}},
                              {"key": "gen_ai.usage.cache_read.input_tokens", "value": {"intValue": str(int(r["cached"]))}},
                              {"key": "gen_ai.usage.output_tokens", "value": {"intValue": str(r["output"] + r["reasoning"])}},
                              {"key": "gen_ai.usage.reasoning.output_tokens", "value": {"intValue": r["reasoning"]}}]})
            r["model"] = "gpt-4o-2024-08-06"
        spans.append({"traceId": "%032x" % (10000 + i), "spanId": "%016x" % (10000 + i), "name": "GET /search",
                      "kind": 2, "startTimeUnixNano": str(int(recs[i]["start"] * 1e9)),
                      "endTimeUnixNano": str(int(recs[i]["start"] * 1e9) + 1000),
                      "attributes": [{"key": "http.method", "value": {"stringValue": "GET"}}]})
        out_lines.append(json.dumps({"resourceSpans": [{"resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": "support-agent"}}]},
            "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.openai", "version": "0.1.0"},
                            "spans": spans}]}]}))
    out_lines.insert(7, '{"resourceSpans": [ truncated')
    write("otel.jsonl", "\n".join(out_lines) + "\n")
    expected["otel"] = {"file": "otel.jsonl", "records": len(recs), "bad": 1, "bad_lines": [8], "ignored": 40,
                        "workloads": by_model(recs)}

    # AWS Bedrock invocation logs: JSON lines.
    recs = requests(rng, 300, "anthropic.claude-3-5-haiku-20241022-v1:0", cache=True, writes=True)
    out_lines = []
    for i, r in enumerate(recs):
        unc = r["input"] - r["cached"] - r["write_5m"]
        inp = {"inputContentType": "application/json", "inputTokenCount": int(unc)}
        if r["cached"]:
            inp["cacheReadInputTokenCount"] = int(r["cached"])
        if r["write_5m"]:
            inp["cacheWriteInputTokenCount"] = int(r["write_5m"])
        out_lines.append(json.dumps({"schemaType": "ModelInvocationLog", "schemaVersion": "1.0",
                                     "timestamp": iso(r["start"]), "accountId": "123456789012", "region": "eu-west-1",
                                     "requestId": "req-%05d" % i, "operation": "Converse", "modelId": r["model"],
                                     "input": inp, "output": {"outputContentType": "application/json",
                                                              "outputTokenCount": r["output"]}}))
        r["start"] = r["end"] = math.floor(r["start"])  # (the log's time has whole seconds)
    out_lines.insert(100, "not json at all")
    write("bedrock.jsonl", "\n".join(out_lines) + "\n")
    expected["bedrock"] = {"file": "bedrock.jsonl", "records": len(recs), "bad": 1, "bad_lines": [101],
                           "workloads": by_model(recs)}

    # OpenRouter: the per-generation activity CSV.
    recs = requests(rng, 300, "deepseek/deepseek-chat", reasoning=False)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["generation_id", "created_at", "cost_total", "cost_web_search", "cost_cache", "tokens_prompt",
                "tokens_completion", "tokens_reasoning", "tokens_cached", "model_permaslug", "provider_name",
                "api_key_name", "app_name", "streamed", "cancelled", "user"])
    for i, r in enumerate(recs):
        r["cost"] = (r["input"] - r["cached"]) * 0.28e-6 + r["cached"] * 0.028e-6 + r["output"] * 0.42e-6
        w.writerow([f"gen-{i:05d}", iso(r["start"], " ", "", True), f"{r['cost']:.10f}", 0, 0, r["input"],
                    r["output"], 0, int(r["cached"]), r["model"], "DeepSeek", "Primary", "My App", "true", "false",
                    "user-1"])
    write("openrouter.csv", buf.getvalue())
    expected["openrouter"] = {"file": "openrouter.csv", "records": len(recs), "bad": 0, "workloads": by_model(recs)}

    # Any CSV: a gateway's own log, cached tokens apart from its prompt column.
    recs = requests(rng, 300, "gemini-2.5-flash", cache=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["ts", "llm", "prompt", "cache_hits", "completion", "usd"])
    for r in recs:
        w.writerow([int(r["start"]), r["model"], r["input"] - r["cached"], int(r["cached"]), r["output"], ""])
        r["start"] = r["end"] = math.floor(r["start"])
    write("gateway.csv", buf.getvalue())
    expected["csv"] = {"file": "gateway.csv", "records": len(recs), "bad": 0,
                       "args": ["--map", "time=ts,model=llm,input=prompt,cached=cache_hits,output=completion",
                                "--cached-apart"],
                       "workloads": by_model(recs)}

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
