#!/usr/bin/env python3
"""A straightforward reference of the sweep in bench/run.sh: the cost model of docs/cost-model.md
written plainly in Python for bench/profile.yaml (one cloud and one local option, 36 months), to
give llm-tco's sweep a side-by-side ratio and to cross-check its numbers.

Usage: reference_sweep.py CALLS_VALUES PURCHASE_VALUES > grid.csv
  (comma-separated value lists, as the sweep's --vary lists; the last varies fastest)
"""
import math
import sys

H, D, RATE = 36, 30.0, 150.0
IN, OUT, GROWTH = 500, 50, 0.02
# haiku: $0.80 / $4.00 per Mtok, 1 h setup
CLOUD_PER_CALL = (IN * 0.80 + OUT * 4.00) / 1e6
CLOUD_SETUP = 1 * RATE
# box: see bench/profile.yaml
LIFETIME, PREFILL, DECODE, CONCURRENCY, UTIL, PEAK = 24, 2000.0, 60.0, 1.0, 0.8, 1.0
IDLE_W, ACTIVE_W, KWH, PUE = 10.0, 120.0, 0.15, 1.0
SETUP_H, MAINT_H, INCIDENTS, HOURS_PER_INCIDENT, AVAILABILITY = 6.0, 2.0, 4.0, 3.0, 0.99


def cloud(calls_per_day):
    monthly, recurring = [], []
    calls = calls_per_day * D
    for m in range(H):
        r = calls * CLOUD_PER_CALL
        recurring.append(r)
        monthly.append(r + (CLOUD_SETUP if m == 0 else 0))
        calls *= 1 + GROWTH
    return monthly, recurring


def local(calls_per_day, purchase):
    t = IN / PREFILL + OUT / DECODE
    hpm = 24 * D
    schedule = [0.0] * H
    monthly, recurring = [], []
    calls = calls_per_day * D
    machines = 0
    labor = MAINT_H * RATE + INCIDENTS / 12 * HOURS_PER_INCIDENT * RATE
    for m in range(H):
        needed = calls * t / 3600 / CONCURRENCY * PEAK / (hpm * UTIL)
        n = max(machines, max(1, math.ceil(needed - 1e-9)))
        if n > machines:
            j = 0
            while True:
                month = m + math.ceil(j * LIFETIME - 1e-9)
                if month >= H:
                    break
                schedule[month] += n - machines
                j += 1
        machines = n
        fallback = calls * (1 - AVAILABILITY)
        busy = (calls - fallback) * t / 3600 / CONCURRENCY
        electricity = (ACTIVE_W * busy + IDLE_W * max(0.0, n * hpm - busy)) / 1000 * PUE * KWH
        r = electricity + fallback * CLOUD_PER_CALL + labor
        recurring.append(r)
        monthly.append(r + schedule[m] * purchase + ((SETUP_H * RATE + CLOUD_SETUP) if m == 0 else 0))
        calls *= 1 + GROWTH
    return monthly, recurring


def breakeven_months(lm, cm, lr, cr):
    cum_l = cum_c = 0.0
    for m in range(H):
        cum_l += lm[m]
        cum_c += cm[m]
        if cum_l <= cum_c + 1e-9 * max(1.0, abs(cum_l), abs(cum_c)):
            return float(m + 1)
    saving = cr[-1] - lr[-1]
    if saving <= 0:
        return None
    return H + (sum(lm) - sum(cm)) / saving


def main():
    calls_values = [float(v) for v in sys.argv[1].split(",")]
    purchase_values = [float(v) for v in sys.argv[2].split(",")]
    out = sys.stdout
    out.write("workloads.w.calls,options.local.box.hardware.purchase,w/haiku/total_cost,w/box/total_cost,"
              "w/box~haiku/breakeven_months,w/recommended\n")
    for c in calls_values:
        cm, cr = cloud(c)
        for p in purchase_values:
            lm, lr = local(c, p)
            months = breakeven_months(lm, cm, lr, cr)
            total_c, total_l = sum(cm), sum(lm)
            out.write(f"{c!r},{p!r},{total_c!r},{total_l!r},{'' if months is None else repr(months)},"
                      f"{'box' if total_l < total_c else 'haiku'}\n")


if __name__ == "__main__":
    main()
