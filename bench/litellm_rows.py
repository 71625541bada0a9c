#!/usr/bin/env python3
"""Writes N rows of a LiteLLM spend-log CSV (the columns of LiteLLM_SpendLogs that import reads,
plus a few it does not) to stdout, for bench/run.sh's import benchmark:

    python3 bench/litellm_rows.py 1000000 > /tmp/spend.csv
"""
import random
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
rng = random.Random(1)
out = sys.stdout
out.write("request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,"
          "model,user,metadata,cache_hit,team_id,status\n")
start = 1793577600  # 2026-11-02
models = ["gpt-4o-mini", "claude-haiku-4-5", "gpt-4.1-mini"]
rows = []
for i in range(n):
    t = start + i * 30 * 86400 / n
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".%06d" % (i % 1000000)
    p = rng.randint(200, 4000)
    c = rng.randint(10, 600)
    cached = p // 2 if i % 3 == 0 else 0
    meta = '"{""usage_object"":{""prompt_tokens"":%d,""completion_tokens"":%d,""prompt_tokens_details"":{""cached_tokens"":%d}}}"' % (p, c, cached)
    rows.append("chatcmpl-%08d,acompletion,88dc28d0,%.8f,%d,%d,%d,%s,%s,%s,u_%d,%s,False,team_%d,success\n"
                % (i, (p * 0.15 + c * 0.6) / 1e6, p + c, p, c, stamp, stamp, models[i % 3], i % 50, meta, i % 4))
    if len(rows) == 10000:
        out.write("".join(rows))
        rows.clear()
out.write("".join(rows))
