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
# the defaults for machines beyond the first (docs/cost-model.md, "Labor")
SETUP_ADDED_H, MAINT_PER_MACHINE_H = 2.0, 2.0
MAX_MONTHS = 1200


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
    """Monthly cash, recurring cost, book value at each month's end, machines added each month."""
    t = IN / PREFILL + OUT / DECODE
    hpm = 24 * D
    schedule = [0.0] * H
    added = [0.0] * H
    monthly, recurring, book = [], [], []
    calls = calls_per_day * D
    machines = 0
    labor = MAINT_H * RATE + INCIDENTS / 12 * HOURS_PER_INCIDENT * RATE
    for m in range(H):
        needed = calls * t / 3600 / CONCURRENCY * PEAK / (hpm * UTIL)
        n = max(machines, max(1, math.ceil(needed - 1e-9)))
        if n > machines:
            added[m] = n - machines
            j = 0
            while True:
                month = m + math.ceil(j * LIFETIME - 1e-9)
                if month >= H:
                    break
                schedule[month] += n - machines
                j += 1
        setup_added = max(0, n - max(machines, 1)) * SETUP_ADDED_H * RATE
        per_machine = max(0, n - 1) * MAINT_PER_MACHINE_H * RATE
        machines = n
        fallback = calls * (1 - AVAILABILITY)
        busy = (calls - fallback) * t / 3600 / CONCURRENCY
        electricity = (ACTIVE_W * busy + IDLE_W * max(0.0, n * hpm - busy)) / 1000 * PUE * KWH
        r = electricity + fallback * CLOUD_PER_CALL + labor + per_machine
        recurring.append(r)
        monthly.append(r + schedule[m] * purchase + setup_added + ((SETUP_H * RATE + CLOUD_SETUP) if m == 0 else 0))
        # straight-line book value of every purchase so far (PRODUCT §4 "residual value")
        book.append(sum(schedule[a] * purchase * max(0.0, 1 - (m - a + 1) / LIFETIME) for a in range(m + 1)))
        calls *= 1 + GROWTH
    return monthly, recurring, book, added


def behind(d, scale):
    return d > 1e-9 * max(1.0, scale)


def breakeven(lm, cm, lr, cr, book, added, purchase):
    """(months, month): the first month local stays ahead for good (flows continued month by month
    to 1,200 months, every machine replaced on schedule) and within the horizon, on the net view."""
    scale = max([1.0] + [abs(x) for x in lm] + [abs(x) for x in cm])
    cash = 0.0
    last = 0
    for m in range(H):
        cash += lm[m] - cm[m]
        if behind(cash - book[m], scale):
            last = m + 1
    month = last + 1 if last < H else None
    cohorts = [(a, q) for a, q in enumerate(added) if q > 0]
    for k in range(H, MAX_MONTHS):
        cash += lr[-1] - cr[-1]
        value = 0.0
        for a, q in cohorts:
            j = 0
            while a + math.ceil((j + 1) * LIFETIME - 1e-9) <= k:
                j += 1
            bought = a + math.ceil(j * LIFETIME - 1e-9)
            if bought == k:
                cash += q * purchase
            value += q * purchase * max(0.0, 1 - (k - bought + 1) / LIFETIME)
        if behind(cash - value, scale):
            last = k + 1
    months = last + 1 if last + 1 < MAX_MONTHS else None
    return months, month


def main():
    calls_values = [float(v) for v in sys.argv[1].split(",")]
    purchase_values = [float(v) for v in sys.argv[2].split(",")]
    out = sys.stdout
    out.write("workloads.w.calls,options.local.box.hardware.purchase,w/haiku/total_cost,w/box/total_cost,"
              "w/box/residual_value,w/box~haiku/breakeven_months,w/box~haiku/breakeven_month,w/recommended\n")
    for c in calls_values:
        cm, cr = cloud(c)
        for p in purchase_values:
            lm, lr, book, added = local(c, p)
            months, month = breakeven(lm, cm, lr, cr, book, added, p)
            total_c, total_l = sum(cm), sum(lm) - book[-1]
            out.write(f"{c!r},{p!r},{total_c!r},{total_l!r},{book[-1]!r},{'' if months is None else months},"
                      f"{'' if month is None else month},{'box' if total_l < total_c else 'haiku'}\n")


if __name__ == "__main__":
    main()
