#!/usr/bin/python3
"""Reach benchmark (issue 4), side by side in one run.

1. Exact 2-hop reach of every node of soc-Epinions1:
     refnet    `refnet reach SNAP --all-ties --hops 2 --format csv --threads T`;
               the "reach" phase of the same command's JSON timings
               (`--no-users`), i.e. the MS-BFS alone, graph already loaded.
     igraph    `g.neighborhood_size(order=2, mode="out")`, timed inside Python.
     networkx  the same ball sizes with `nx.single_source_shortest_path_length(
               g, v, cutoff=2)` for every v, timed inside Python.
   igraph and networkx count the node itself; refnet does not: the counts are
   compared as refnet + 1 == igraph == networkx, node by node.
2. HyperANF on a generated R-MAT graph: `refnet reach SNAP --approx --hops 6
   --registers-log2 6 --all-ties --no-users --threads 2`: the "hyperanf" phase,
   whole-process peak RSS, and `refnet info SNAP`'s peak RSS (loading the graph
   alone) for the memory the counters add, against their own size (n * 2^b).

usage: reach_bench.py --refnet BIN --runs N --tmp DIR --json OUT.json
                      [--epinions PATH] [--rmat PATH] [--networkx-runs N] [--no-igraph]
Prints a markdown report on stdout.
"""
import argparse
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

IGRAPH_CHILD = r"""
import json, sys, time
import igraph
g = igraph.Graph.Read_Edgelist(sys.argv[1], directed=True)
t0 = time.perf_counter()
sizes = g.neighborhood_size(order=2, mode="out")
t1 = time.perf_counter()
with open(sys.argv[2], "w") as f:
    json.dump(sizes, f)
print(json.dumps({"s": t1 - t0, "version": igraph.__version__}))
"""

NETWORKX_CHILD = r"""
import json, sys, time
import networkx as nx
g = nx.read_edgelist(sys.argv[1], create_using=nx.DiGraph, nodetype=int)
t0 = time.perf_counter()
sizes = {v: len(nx.single_source_shortest_path_length(g, v, cutoff=2)) for v in g}
t1 = time.perf_counter()
with open(sys.argv[2], "w") as f:
    json.dump(sizes, f)
print(json.dumps({"s": t1 - t0, "version": nx.__version__}))
"""


def refnet_json(refnet, args):
    out, wall, rss = bl.timed([refnet] + args + ["--quiet"])
    return json.loads(out), wall, rss


def epinions(args, report):
    snap = os.path.join(args.tmp, "epinions.reach.refnet")
    bl.timed([args.refnet, "build", args.epinions, "-o", snap, "--quiet"])
    # Counts, once each: refnet CSV vs igraph vs networkx.
    out, _, _ = bl.timed([args.refnet, "reach", snap, "--all-ties", "--hops", "2", "--format", "csv", "--quiet"])
    ours = {row["id"]: int(row["reach_2"]) for row in csv.DictReader(io.StringIO(out))}
    times = {"refnet t1": [], "refnet t2": [], "igraph": [], "networkx": []}
    sizes = {}
    for r in range(args.runs + 1):
        for t in (1, 2):
            d, _, _ = refnet_json(args.refnet, ["reach", snap, "--all-ties", "--hops", "2", "--no-users", "--threads", str(t)])
            if r > 0:
                times[f"refnet t{t}"].append(d["timings"]["reach"])
        if not args.no_igraph:
            path = os.path.join(args.tmp, "igraph-sizes.json")
            o, _, _ = bl.timed([bl.PYTHON, "-c", IGRAPH_CHILD, args.epinions, path])
            if r > 0:
                times["igraph"].append(json.loads(o)["s"])
            with open(path) as f:
                sizes["igraph"] = {str(i): s for i, s in enumerate(json.load(f))}
        if r < args.networkx_runs:
            path = os.path.join(args.tmp, "networkx-sizes.json")
            o, _, _ = bl.timed([bl.PYTHON, "-c", NETWORKX_CHILD, args.epinions, path], timeout=7200)
            times["networkx"].append(json.loads(o)["s"])
            with open(path) as f:
                sizes["networkx"] = json.load(f)
        bl.log(f"[reach] epinions round {r}: " + ", ".join(f"{k} {bl.fmt_s(v[-1])}" for k, v in times.items() if v))
    checks = {}
    for lib, s in sizes.items():
        # igraph also has ids that never occur (size 1); refnet knows only those that do.
        bad = [k for k, v in ours.items() if s.get(k) != v + 1]
        extra = [k for k, v in s.items() if k not in ours and v != 1]
        checks[lib] = {"compared": len(ours), "mismatches": len(bad) + len(extra)}
    med = {k: bl.median(v) for k, v in times.items()}
    report["epinions"] = {"times": times, "median": med, "checks": checks, "nodes": len(ours)}
    lines = ["### Exact 2-hop reach of every node, soc-Epinions1 (median of runs)\n",
             "| tool | time (median) | range | runs | vs refnet t2 |", "|---|---:|---:|---:|---:|"]
    for k, v in times.items():
        if v:
            lines.append(f"| {k} | {bl.fmt_s(med[k])} | {bl.spread(v)} | {len(v)} | {bl.fmt_ratio(med[k] / med['refnet t2'])} |")
    lines.append("")
    for lib, c in checks.items():
        lines.append(f"- {lib}: {c['compared']:,} nodes compared (refnet reach + 1 = {lib} ball size): "
                     f"{'identical' if c['mismatches'] == 0 else str(c['mismatches']) + ' MISMATCHES'}.")
    return lines


def rmat(args, report):
    snap = os.path.join(args.tmp, os.path.basename(args.rmat) + ".reach.refnet")
    if not os.path.exists(snap):
        bl.log(f"[reach] building {snap}")
        bl.timed([args.refnet, "build", args.rmat, "-o", snap, "--quiet"], timeout=7200)
    runs = []
    for r in range(args.runs):
        d, wall, rss = refnet_json(args.refnet, ["reach", snap, "--approx", "--hops", "6", "--registers-log2", "6",
                                                 "--all-ties", "--no-users", "--threads", "2"])
        res = d["result"]
        runs.append({"hyperanf_s": d["timings"]["hyperanf"], "load_s": d["timings"]["load"], "wall_s": wall,
                     "rss_kib": rss, "counter_bytes": res["counter_bytes"], "n": d["input"]["n"], "m": d["input"]["m"],
                     "iterations": res["iterations"], "nf": res["neighbourhood_function"]})
        bl.log(f"[reach] rmat hyperanf run {r + 1}: {bl.fmt_s(runs[-1]['hyperanf_s'])}, rss {bl.fmt_mb(rss)}")
    _, _, info_rss = bl.timed([args.refnet, "info", snap, "--quiet"])
    last = runs[-1]
    med = bl.median([x["hyperanf_s"] for x in runs])
    rss = bl.median([x["rss_kib"] for x in runs])
    counters = last["counter_bytes"] / 1024
    report["rmat"] = {"runs": runs, "median_hyperanf_s": med, "median_rss_kib": rss, "info_rss_kib": info_rss}
    return [f"### HyperANF, {os.path.basename(args.rmat)} ({last['n']:,} nodes, {last['m']:,} edges), 6 hops, b = 6, 2 threads\n",
            "| figure | value |", "|---|---:|",
            f"| hyperanf phase (median of {len(runs)}) | {bl.fmt_s(med)} |",
            f"| whole process (load + hyperanf + report) | {bl.fmt_s(bl.median([x['wall_s'] for x in runs]))} |",
            f"| one counter array (n * 64 B) | {bl.fmt_mb(counters)} |",
            f"| peak RSS, reach --approx | {bl.fmt_mb(rss)} |",
            f"| peak RSS, refnet info (graph alone) | {bl.fmt_mb(info_rss)} |",
            f"| added by HyperANF / counter array | {(rss - info_rss) / counters:.2f}x |",
            f"| iterations run | {last['iterations']} |", ""]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--refnet", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--networkx-runs", type=int, default=1, help="networkx runs (0: skip it)")
    ap.add_argument("--no-igraph", action="store_true", help="skip igraph")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--epinions")
    ap.add_argument("--rmat")
    args = ap.parse_args()
    report, lines = {}, []
    if args.epinions:
        lines += epinions(args, report)
    if args.rmat:
        lines += [""] + rmat(args, report)
    bl.save_json(args.json, report)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
