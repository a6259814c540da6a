#!/usr/bin/python3
"""Edge-list parsing benchmark: refnet vs python-igraph vs networkx.

For each input, every tool is run `--runs` times as a fresh process, round-robin
(refnet --threads 1, refnet --threads 2, igraph, networkx, then again), after
one untimed warm-up round that puts the file in the page cache (on inputs over
100 MB only refnet warms up). Medians are reported, with the min-max range.

What is timed:
  refnet    `refnet build FILE -o SNAP --quiet --threads T`; the "load" phase
            of its JSON report = read the file + sha256 of it + detect the
            format + parse + number the nodes + build the graph (CSR both ways,
            parallel edges merged). Its process time also includes writing the
            snapshot ("snapshot") and the summary in the JSON report.
  igraph    `igraph.Graph.Read_Edgelist(path, directed=True)` (reads, parses
            and builds the graph), timed inside Python.
  networkx  `nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int)`,
            timed inside Python.
Whole-process wall time and peak RSS (/usr/bin/time -f %M) are given for all.

usage: parse_bench.py --refnet BIN --runs N --tmp DIR --json OUT.json
                      --dataset NAME PATH TOOLS [--dataset ...]
TOOLS is a comma list of refnet1, refnet2, igraph, networkx.
Prints a markdown report on stdout.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

TOOL_LABEL = {
    "refnet1": "refnet build --threads 1",
    "refnet2": "refnet build --threads 2",
    "igraph": "igraph Read_Edgelist",
    "networkx": "networkx read_edgelist",
}


WARM_ALL_BELOW = 100_000_000  # bytes


def run_tool(tool, path, refnet, tmp, name):
    if tool.startswith("refnet"):
        threads = tool[len("refnet"):]
        snap = os.path.join(tmp, f"{name}.t{threads}.refnet")
        out, wall, rss = bl.timed([refnet, "build", path, "-o", snap, "--quiet", "--threads", threads])
        d = json.loads(out)
        b = d["result"]["build"]
        return {
            "inner_s": d["timings"]["load"],
            "save_s": d["timings"].get("snapshot", d["timings"].get("save")),
            "wall_s": wall,
            "rss_kib": rss,
            "n": d["input"]["n"],
            "m": d["input"]["m"],
            "rows": d["input"]["parse"]["rows"],
            "parallel_edges_merged": b.get("parallel_edges_merged"),
            "self_ties_ignored": b.get("self_ties_ignored"),
            "bytes_per_edge": d["result"]["summary"].get("graph_bytes_per_edge"),
            "version": d.get("version"),
        }
    child = bl.IGRAPH_CHILD if tool == "igraph" else bl.NETWORKX_CHILD
    out, wall, rss = bl.timed([bl.PYTHON, "-c", child, path])
    d = json.loads(out.strip().splitlines()[-1])
    r = {"inner_s": d["read_s"], "wall_s": wall, "rss_kib": rss, "n": d["n"], "m": d["m"], "version": d["version"]}
    if "self_loops" in d:
        r["self_loops"] = d["self_loops"]
    return r


def bench_dataset(name, path, tools, args):
    size = os.path.getsize(path)
    # The warm-up puts the file (and the tools' own files) in the page cache. On big
    # inputs only the first tool warms up: the slow tools would take minutes.
    warm = tools if size < WARM_ALL_BELOW else tools[:1]
    bl.log(f"[parse] {name}: {path} ({size / 1e6:.1f} MB), tools {','.join(tools)}, {args.runs} runs "
           f"after a warm-up of {','.join(warm)}")
    res = {"name": name, "path": path, "bytes": size, "tools": {t: {"runs": []} for t in tools}}
    for r in range(args.runs + 1):
        for t in (warm if r == 0 else tools):
            x = run_tool(t, path, args.refnet, args.tmp, name)
            bl.log(f"  {'warm-up' if r == 0 else f'run {r}'} {t}: inner {bl.fmt_s(x['inner_s'])}, "
                   f"process {bl.fmt_s(x['wall_s'])}, rss {bl.fmt_mb(x['rss_kib'])}")
            if r > 0:
                res["tools"][t]["runs"].append(x)
    for t, tr in res["tools"].items():
        runs = tr["runs"]
        tr["median_inner_s"] = bl.median([x["inner_s"] for x in runs])
        tr["median_wall_s"] = bl.median([x["wall_s"] for x in runs])
        tr["median_rss_kib"] = bl.median([x["rss_kib"] for x in runs])
        tr["last"] = {k: v for k, v in runs[-1].items() if k not in ("inner_s", "wall_s", "rss_kib", "save_s")}
        if t.startswith("refnet"):
            tr["median_save_s"] = bl.median([x["save_s"] for x in runs if x.get("save_s") is not None])
    return res


def ratio(res, slow, fast, key):
    t = res["tools"]
    if slow not in t or fast not in t:
        return float("nan")
    return t[slow][key] / t[fast][key]


def count_notes(res):
    """Cross-checks of node and edge counts between the tools."""
    t = res["tools"]
    notes = []
    ref = next((t[k]["last"] for k in ("refnet2", "refnet1") if k in t), None)
    if ref is None:
        return notes
    merged = ref.get("parallel_edges_merged") or 0
    selfs = ref.get("self_ties_ignored") or 0
    notes.append(f"refnet: {ref['n']:,} nodes (ids that occur), {ref['m']:,} edges from {ref['rows']:,} rows "
                 f"({merged:,} repeated edges merged, {selfs:,} self-loops dropped).")
    if "igraph" in t:
        ig = t["igraph"]["last"]
        ok = ig["m"] == ref["rows"]
        notes.append(f"igraph: {ig['n']:,} vertices, {ig['m']:,} edges. Edges {'=' if ok else '!='} refnet's rows "
                     f"({'agree' if ok else 'DISAGREE'}: igraph keeps repeated edges and self-loops). "
                     f"Its vertex count is max id + 1, so it includes {ig['n'] - ref['n']:,} ids that never occur "
                     f"(isolated vertices) on top of refnet's {ref['n']:,}.")
    if "networkx" in t:
        nx = t["networkx"]["last"]
        sl = nx.get("self_loops", 0)
        ok_n = nx["n"] == ref["n"]
        ok_m = nx["m"] - sl == ref["m"]
        notes.append(f"networkx: {nx['n']:,} nodes ({'agrees' if ok_n else 'DISAGREES'} with refnet), {nx['m']:,} "
                     f"edges incl. {sl:,} self-loops; without them {nx['m'] - sl:,} "
                     f"({'agrees' if ok_m else 'DISAGREES'} with refnet: a DiGraph also merges repeated edges).")
    return notes


def markdown(results, runs):
    out = []
    out.append(f"### Parsing an edge list into an in-memory graph (median of {runs} runs, warm page cache)\n")
    out.append("| input | tool | parse + build (median) | range | whole process (median) | peak RSS | nodes | edges |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for res in results:
        label = f"{res['name']} ({res['bytes'] / 1e6:.0f} MB)"
        for t, tr in res["tools"].items():
            ins = [x["inner_s"] for x in tr["runs"]]
            out.append(f"| {label} | {TOOL_LABEL[t]} | {bl.fmt_s(tr['median_inner_s'])} | {bl.spread(ins)} | "
                       f"{bl.fmt_s(tr['median_wall_s'])} | {bl.fmt_mb(tr['median_rss_kib'])} | "
                       f"{tr['last']['n']:,} | {tr['last']['m']:,} |")
    out.append("")
    out.append("refnet's parse + build is the `load` phase of `refnet build`'s JSON timings (it includes reading the "
               "file and its sha256); its whole process also writes the snapshot and summarizes the graph.")
    out.append("")
    out.append("### Speed-up of refnet (ratio of medians; > 1 = refnet faster)\n")
    out.append("| input | vs | threads | parse + build ratio | whole-process ratio | target | met |")
    out.append("|---|---|---:|---:|---:|---:|---|")
    for res in results:
        for other, target in (("igraph", 2.0), ("networkx", 20.0)):
            if other not in res["tools"]:
                continue
            for ref, thr in (("refnet2", 2), ("refnet1", 1)):
                if ref not in res["tools"]:
                    continue
                r_in = ratio(res, other, ref, "median_inner_s")
                r_wall = ratio(res, other, ref, "median_wall_s")
                applies = not (other == "networkx" and res["name"] != "soc-Epinions1")
                tgt = f">= {target:.0f}x" if applies else "-"
                met = ("yes" if r_in >= target else "**no**") if applies else "-"
                if applies and thr == 1:
                    tgt = f"({tgt})"
                    met = f"({met})"
                out.append(f"| {res['name']} | {other} | {thr} | {bl.fmt_ratio(r_in)} | {bl.fmt_ratio(r_wall)} | "
                           f"{tgt} | {met} |")
    out.append("")
    out.append("Targets are judged on the parse + build ratio at --threads 2 (the figures in brackets are --threads 1).")
    out.append("")
    out.append("### Counts\n")
    for res in results:
        out.append(f"- **{res['name']}**")
        for n in count_notes(res):
            out.append(f"  - {n}")
    out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="refnet vs igraph vs networkx: edge-list parsing")
    ap.add_argument("--refnet", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--dataset", nargs=3, action="append", metavar=("NAME", "PATH", "TOOLS"), required=True)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    results = []
    for name, path, tools in args.dataset:
        tools = [t for t in tools.split(",") if t]
        bad = [t for t in tools if t not in TOOL_LABEL]
        if bad:
            sys.exit(f"parse_bench.py: unknown tool(s) {bad}")
        results.append(bench_dataset(name, path, tools, args))
        for f in os.listdir(args.tmp):
            if f.startswith(name + ".t") and f.endswith(".refnet"):
                os.remove(os.path.join(args.tmp, f))
    bl.save_json(args.json, {"runs": args.runs, "results": results})
    print(markdown(results, args.runs))


if __name__ == "__main__":
    main()
