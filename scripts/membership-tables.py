#!/usr/bin/env python3
"""Turns the JSON files of scripts/measure-membership.sh into the markdown tables of docs/simulator.md."""
import glob
import json
import math
import statistics
import sys

out = sys.argv[1]


def load(pattern):
    return [json.load(open(path)) for path in sorted(glob.glob(f"{out}/{pattern}"))]


runs = load("n10k-seed*.json")
means = [r["membership"]["viewSizeMean"] for r in runs]
theory = runs[0]["membership"]["viewSizeTheory"]
print("### N = 10,000, c = 1, 20 seeds\n")
print("| seed | viewSizeMean | vs theory | min | max | inDegreeMin | isolated | strongly connected | clustering | path | wall s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in sorted(runs, key=lambda r: r["seed"]):
    m = r["membership"]
    print(f"| {r['seed']} | {m['viewSizeMean']:.2f} | {100 * (m['viewSizeMean'] / theory - 1):+.1f}% | {m['viewSizeMin']} | "
          f"{m['viewSizeMax']} | {m['inDegreeMin']} | {m['isolatedPeers']} | {m['stronglyConnected']} | "
          f"{m['clustering']:.4f} | {m['pathLengthMean']:.2f} | {r['run']['wallSeconds']:.1f} |")
print(f"\nMean of viewSizeMean: **{statistics.mean(means):.2f}** against (c+1)·ln N = {theory:.2f} "
      f"({100 * (statistics.mean(means) / theory - 1):+.1f}%); standard deviation over seeds {statistics.stdev(means):.2f}; "
      f"range {min(means):.2f}–{max(means):.2f} ({100 * (min(means) / theory - 1):+.1f}% to {100 * (max(means) / theory - 1):+.1f}%). "
      f"Strongly connected: {sum(r['membership']['stronglyConnected'] for r in runs)} of {len(runs)}; "
      f"isolated peers in any run: {max(r['membership']['isolatedPeers'] for r in runs)}.\n")

print("### N = 1,000, c = 0..4, 10 seeds each\n")
print("| c | (c+1)·ln N | (c+1)(ln N + γ − 1) | mean viewSizeMean | sd over seeds | strongly connected |")
print("|---|---|---|---|---|---|")
for c in range(5):
    rs = load(f"n1k-c{c}-seed*.json")
    vs = [r["membership"]["viewSizeMean"] for r in rs]
    harmonic = (c + 1) * (math.log(1000) + 0.5772 - 1)
    print(f"| {c} | {(c + 1) * math.log(1000):.2f} | {harmonic:.2f} | {statistics.mean(vs):.2f} | {statistics.stdev(vs):.2f} | "
          f"{sum(r['membership']['stronglyConnected'] for r in rs)}/{len(rs)} |")

nowalk = load("n10k-nowalk-seed*.json")
if nowalk:
    vs = [r["membership"]["viewSizeMean"] for r in nowalk]
    print(f"\nIndirection off (--walk-hops 0), N = 10,000, 5 seeds: mean viewSizeMean {statistics.mean(vs):.2f}, "
          f"strongly connected {sum(r['membership']['stronglyConnected'] for r in nowalk)}/5.\n")

churn = load("churn-n10k.json")
if churn:
    c = churn[0]
    ch = c["churn"]
    print("### Churn: N = 10,000, 20% leave, 10% crash\n")
    print(f"Before: viewSizeMean {c['membership']['viewSizeMean']:.2f}, strongly connected {c['membership']['stronglyConnected']}. "
          f"{ch['left']} leave and {ch['crashed']} crash at once; {ch['survivors']} survive "
          f"((c+1)·ln N' = {ch['viewSizeTheorySurvivors']:.2f}). Recovery (strongly connected, no isolated peer, no arc to a "
          f"dead peer, and staying so): {ch['recoverySeconds']} s.\n")
    print("| s after churn | viewSizeMean | min | max | inDegreeMin | isolated | strongly connected | SCCs | weak comps | dead arcs |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in ch["timeline"]:
        print(f"| {s['secondsAfterChurn']:.0f} | {s['viewSizeMean']:.2f} | {s['viewSizeMin']} | {s['viewSizeMax']} | {s['inDegreeMin']} | "
              f"{s['isolatedPeers']} | {s['stronglyConnected']} | {s['stronglyConnectedComponents']} | {s['weakComponents']} | {s['deadArcs']} |")
    print(f"\nCounters: {json.dumps(c['membership']['counters'])}; run: {c['run']['events']:,} events, "
          f"{c['run']['wallSeconds']:.0f} s wall, peak heap {c['run']['peakHeapBytes'] >> 20} MB.\n")

big = load("n100k.json")
if big:
    b = big[0]
    m = b["membership"]
    print("### N = 100,000\n")
    print(f"viewSizeMean {m['viewSizeMean']:.2f} (theory {m['viewSizeTheory']:.2f}), min {m['viewSizeMin']}, max {m['viewSizeMax']}, "
          f"inDegreeMin {m['inDegreeMin']}, isolated {m['isolatedPeers']}, strongly connected {m['stronglyConnected']}, "
          f"clustering {m['clustering']:.4f}, mean path {m['pathLengthMean']:.2f}. "
          f"{b['run']['events']:,} events in **{b['run']['wallSeconds']:.1f} s** wall "
          f"({b['run']['events'] / b['run']['wallSeconds'] / 1e6:.2f} M events/s), peak heap **{b['run']['peakHeapBytes'] >> 20} MB**.\n")
