#!/usr/bin/env python3
"""Plots scripts/bench.sh's results: latency percentiles per scenario and
target, as a PNG.  Usage: bench_plot.py RESULTS.jsonl OUT.png"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
fig, axes = plt.subplots(1, len(scenarios), figsize=(4.2 * len(scenarios), 4.6), squeeze=False)
for ax, sc in zip(axes[0], scenarios):
    sel = [r for r in rows if r["scenario"] == sc]
    width = 0.26
    for j, (key, label) in enumerate([("p50_ms", "p50"), ("p95_ms", "p95"), ("p99_ms", "p99")]):
        xs = [i + (j - 1) * width for i in range(len(sel))]
        ax.bar(xs, [r[key] for r in sel], width, label=label)
    ax.set_xticks(range(len(sel)))
    ax.set_xticklabels([f"{r['target']}\n{r['throughput']:.0f}/s" for r in sel], rotation=25, ha="right", fontsize=8)
    ax.set_yscale("log")
    ax.set_ylabel("latency, ms (log scale)")
    ax.set_title(f"{sc} ({sel[0]['clients']} clients)")
    ax.grid(axis="y", which="both", alpha=0.3)
axes[0][0].legend(fontsize=8)
fig.suptitle("Anjian load harness: latency percentiles (under each target: requests/s)")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
print(f"wrote {sys.argv[2]}")
