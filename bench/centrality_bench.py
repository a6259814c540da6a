#!/usr/bin/python3
"""Centralities and communities: refnet vs python-igraph (and networkx).

For each input, refnet and the Python libraries run `--runs` times as fresh
processes, round-robin, after one untimed warm-up round; medians are reported.

What is timed (each inside its own process, input already loaded):
  PageRank   refnet `centrality SNAP --measure pagerank --iterations 20 --unweighted`:
             the kernel's 20 iterations (`kernel_seconds.iterations` of its
             result, what GAPBS `pr` reports) and the whole `pagerank` phase;
             igraph `Graph.pagerank(directed=True)` (PRPACK, solved exactly);
             networkx `pagerank` (power iteration to its tolerance 1e-6; the
             pure-Python variant when numpy/scipy are missing).
  k-core     refnet `centrality SNAP --measure kcore`: the phase, which builds
             the undirected view and peels; igraph `coreness()` on the same simple
             undirected graph (built outside the timing).
  Louvain    refnet `community SNAP --unweighted`: the `undirected` + `louvain`
             phases; igraph `community_multilevel()` on the simple undirected graph.
Quality: PageRank top-100 of refnet (20 iterations, and converged with
--tolerance 1e-12) against igraph's; core numbers compared vertex by vertex;
Louvain modularity (each tool's own figure, and igraph's modularity of refnet's
partition as a cross-check).

usage: centrality_bench.py --refnet BIN --runs N --tmp DIR --json OUT.json
                           --dataset NAME PATH MEASURES [--dataset ...]
MEASURES is a comma list of pagerank, kcore, louvain; add networkx to run it
too, noigraph to leave igraph out on that input.
Prints a markdown report on stdout.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

IGRAPH_CHILD = r"""
import json, random, sys, time
import igraph
path, measures, top_path = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
random.seed(1)
g = igraph.Graph.Read_Edgelist(path, directed=True)
out = {"n": g.vcount(), "m": g.ecount(), "version": igraph.__version__}
if "pagerank" in measures:
    t0 = time.perf_counter(); pr = g.pagerank(directed=True, damping=0.85); out["pagerank_s"] = time.perf_counter() - t0
    order = sorted(range(len(pr)), key=lambda v: (-pr[v], v))[:100]
    json.dump({"pagerank_top": order, "pagerank_top_scores": [pr[v] for v in order]}, open(top_path + ".pr", "w"))
if "kcore" in measures or "louvain" in measures:
    u = g.as_undirected(mode="collapse"); u.simplify()
    if "kcore" in measures:
        t0 = time.perf_counter(); core = u.coreness(); out["kcore_s"] = time.perf_counter() - t0
        json.dump(core, open(top_path + ".core", "w"))
    if "louvain" in measures:
        t0 = time.perf_counter(); cl = u.community_multilevel(); out["louvain_s"] = time.perf_counter() - t0
        out["louvain_modularity"] = cl.modularity; out["louvain_communities"] = len(cl)
print(json.dumps(out))
"""

NETWORKX_CHILD = r"""
import json, sys, time
import networkx as nx
path, measures = sys.argv[1], sys.argv[2].split(",")
g = nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int)
out = {"n": g.number_of_nodes(), "m": g.number_of_edges(), "version": nx.__version__}
if "pagerank" in measures:
    try:
        import numpy, scipy  # noqa: F401
        pagerank = nx.pagerank
    except ImportError:  # without numpy/scipy: networkx's pure-Python power iteration
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
        out["pagerank_variant"] = "pure python"
    t0 = time.perf_counter(); pagerank(g, alpha=0.85); out["pagerank_s"] = time.perf_counter() - t0
if "kcore" in measures:
    u = nx.Graph(g); u.remove_edges_from(nx.selfloop_edges(u))
    t0 = time.perf_counter(); nx.core_number(u); out["kcore_s"] = time.perf_counter() - t0
print(json.dumps(out))
"""

IGRAPH_MODULARITY = r"""
import csv, json, sys
import igraph
g = igraph.Graph.Read_Edgelist(sys.argv[1], directed=True)
u = g.as_undirected(mode="collapse"); u.simplify()
member = [0] * u.vcount(); nxt = max(1, u.vcount())
seen = set()
for row in csv.DictReader(open(sys.argv[2])):
    member[int(row["id"])] = int(row["community"]); seen.add(int(row["id"]))
for v in range(u.vcount()):
    if v not in seen: member[v] = nxt; nxt += 1
print(json.dumps({"modularity": u.modularity(member)}))
"""


def refnet_run(refnet, snap, measure, threads, extra=()):
    if measure == "louvain":
        cmd = [refnet, "community", snap, "--unweighted", "--quiet", "--threads", str(threads)] + list(extra)
    else:
        cmd = [refnet, "centrality", snap, "--measure", measure, "--quiet", "--threads", str(threads), "--top", "100"]
        if measure == "pagerank":
            cmd += ["--unweighted"] + ([] if "--iterations" in extra else ["--iterations", "20"])
        cmd += list(extra)
    out, wall, rss = bl.timed(cmd)
    d = json.loads(out)
    t = d["timings"]
    r = {"wall_s": wall, "rss_kib": rss}
    if measure == "pagerank":
        r["inner_s"] = t["pagerank"]
        r["kernel_s"] = d["result"]["kernel_seconds"]["iterations"]
        r["top"] = [row["id"] for row in d["result"]["top"]]
    elif measure == "kcore":
        r["inner_s"] = t["undirected"] + t["kcore"]
        r["kernel_s"] = t["kcore"]
    else:
        r["inner_s"] = t["undirected"] + t["louvain"]
        r["kernel_s"] = t["louvain"]
        r["modularity"] = d["result"]["modularity"]
        r["communities"] = d["result"]["communities"]
    return r


def bench_dataset(name, path, measures, args):
    with_nx = "networkx" in measures
    with_igraph = args.igraph and "noigraph" not in measures
    measures = [m for m in measures if m not in ("networkx", "noigraph")]
    snap = os.path.join(args.tmp, f"{name}.refnet")
    bl.timed([args.refnet, "build", path, "-o", snap, "--quiet"])
    top_path = os.path.join(args.tmp, f"{name}.igraph")
    res = {"name": name, "path": path, "measures": measures, "runs": {}}
    runs = res["runs"]
    for r in range(args.runs + 1):
        for m in measures:
            for threads in (1, 2):
                x = refnet_run(args.refnet, snap, m, threads)
                if r > 0:
                    runs.setdefault(f"refnet{threads}:{m}", []).append(x)
        if with_igraph:
            out, wall, rss = bl.timed([bl.PYTHON, "-c", IGRAPH_CHILD, path, ",".join(measures), top_path])
            d = json.loads(out.strip().splitlines()[-1])
            if r > 0:
                runs.setdefault("igraph", []).append(dict(d, wall_s=wall, rss_kib=rss))
        if with_nx and ("pagerank" in measures or "kcore" in measures):
            out, wall, rss = bl.timed([bl.PYTHON, "-c", NETWORKX_CHILD, path, ",".join(measures)])
            d = json.loads(out.strip().splitlines()[-1])
            if r > 0:
                runs.setdefault("networkx", []).append(dict(d, wall_s=wall, rss_kib=rss))
        bl.log(f"[centrality] {name}: {'warm-up' if r == 0 else f'run {r}'} done")
    med = {}
    for key, xs in runs.items():
        med[key] = {k: bl.median([x[k] for x in xs if k in x]) for k in xs[0] if k.endswith("_s")}
    res["median"] = med
    # Quality checks, once.
    q = {}
    if "pagerank" in measures and with_igraph:
        ig = json.load(open(top_path + ".pr"))["pagerank_top"]
        ig = [str(v) for v in ig]
        at20 = runs["refnet2:pagerank"][-1]["top"]
        conv = refnet_run(args.refnet, snap, "pagerank", 2, ["--iterations", "1000", "--tolerance", "1e-12"])
        q["pagerank_top100_identical_at_20"] = at20 == ig
        q["pagerank_top100_identical_converged"] = conv["top"] == ig
        q["pagerank_top100_overlap_at_20"] = len(set(at20) & set(ig))
        q["pagerank_top100_first_difference_at_20"] = next((i + 1 for i, (a, b) in enumerate(zip(at20, ig)) if a != b), None)
    if "kcore" in measures and with_igraph:
        out, _, _ = bl.timed([args.refnet, "centrality", snap, "--measure", "kcore", "--format", "csv", "--quiet"])
        ours = {int(line.split(",")[0]): int(line.split(",")[1]) for line in out.splitlines()[1:]}
        theirs = json.load(open(top_path + ".core"))
        # igraph numbers ids 0..max; ids that never occur are isolated (core 0).
        q["kcore_mismatches"] = sum(1 for v, c in enumerate(theirs) if ours.get(v, 0) != c)
        q["kcore_degeneracy"] = max(ours.values())
    if "louvain" in measures and with_igraph:
        q["louvain_modularity_refnet"] = bl.median([x["modularity"] for x in runs["refnet2:louvain"]])
        q["louvain_communities_refnet"] = runs["refnet2:louvain"][-1]["communities"]
        q["louvain_modularity_igraph"] = bl.median([x["louvain_modularity"] for x in runs["igraph"]])
        q["louvain_communities_igraph"] = runs["igraph"][-1]["louvain_communities"]
        csv_path = os.path.join(args.tmp, f"{name}.communities.csv")
        out, _, _ = bl.timed([args.refnet, "community", snap, "--unweighted", "--quiet", "--format", "csv"])
        with open(csv_path, "w") as f:
            f.write(out)
        out, _, _ = bl.timed([bl.PYTHON, "-c", IGRAPH_MODULARITY, path, csv_path])
        q["louvain_refnet_modularity_by_igraph"] = json.loads(out)["modularity"]
    res["quality"] = q
    return res


def markdown(results, runs):
    out = [f"### Centralities and communities (median of {runs} runs, inside each process)\n",
           "| input | measure | refnet t1 | refnet t2 | igraph | networkx | igraph / refnet t2 | refnet t2 process |",
           "|---|---|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        med = res["median"]
        for m in res["measures"]:
            r1 = med.get(f"refnet1:{m}", {})
            r2 = med.get(f"refnet2:{m}", {})
            ig = med.get("igraph", {}).get(f"{m}_s", float("nan"))
            nx = med.get("networkx", {}).get(f"{m}_s", float("nan"))
            nan = float("nan")
            rows = {"pagerank": ("PageRank, 20 iterations (kernel)", "PageRank, with setup (out-weights)"),
                    "kcore": ("k-core, peeling (kernel)", "k-core, with building the undirected view"),
                    "louvain": ("Louvain, levels (kernel)", "Louvain, with building the undirected view")}[m]
            for label, key in zip(rows, ("kernel_s", "inner_s")):
                a, b = r1.get(key, nan), r2.get(key, nan)
                wall = bl.fmt_s(r2.get("wall_s", nan)) if key == "kernel_s" else ""
                out.append(f"| {res['name']} | {label} | {bl.fmt_s(a)} | {bl.fmt_s(b)} | {bl.fmt_s(ig)} | {bl.fmt_s(nx)} | "
                           f"{bl.fmt_ratio(ig / b)} | {wall} |")
    out.append("")
    out.append("igraph's PageRank is PRPACK's exact solve, not 20 iterations; its k-core and Louvain run on the simple "
               "undirected graph built before the timing, while refnet's figures include building its undirected view.")
    out.append("")
    out.append("### Quality\n")
    for res in results:
        for k, v in res["quality"].items():
            out.append(f"- {res['name']}: {k} = {v:.4f}" if isinstance(v, float) else f"- {res['name']}: {k} = {v}")
    out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="refnet vs igraph vs networkx: centralities and communities")
    ap.add_argument("--refnet", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--no-igraph", dest="igraph", action="store_false")
    ap.add_argument("--dataset", nargs=3, action="append", metavar=("NAME", "PATH", "MEASURES"), required=True)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    results = []
    for name, path, measures in args.dataset:
        ms = [m for m in measures.split(",") if m]
        bad = [m for m in ms if m not in ("pagerank", "kcore", "louvain", "networkx", "noigraph")]
        if bad:
            sys.exit(f"centrality_bench.py: unknown measure(s) {bad}")
        results.append(bench_dataset(name, path, ms, args))
    bl.save_json(args.json, results)
    print(markdown(results, args.runs))


if __name__ == "__main__":
    main()
