#!/usr/bin/python3
"""refnet beside the C++ peers of ../shared/peers (GAPBS, IMM, OPIM-C, SUBSIM), issue 15.

Builds the peers into BUILD_DIR/peers (with ../shared/peers/build.sh) unless they are
there, prepares the inputs once under --tmp (GAPBS's Kronecker scale 20 exported as an
edge list, given to both GAPBS, as its binary .sg, and refnet, as a snapshot; the
soc-Epinions1 and NetHEPT datasets through the peers' convert.py), then runs each job's
tools side by side, interleaved run by run, after one warm-up, and reports whole-process
medians (wall clock of a fresh process, /usr/bin/time) and peak RSS:

  pr          GAPBS pr -i 20 -t 1e-4 on kron20.sg  |  refnet centrality --measure pagerank --tolerance 1e-4
  cc          GAPBS cc on kron20.sg                |  refnet components --kind weak (and --kind both)
  bfs         GAPBS bfs -r SRC on kron20.sg        |  refnet reach --users SRC --hops 64 --all-ties
  epinions    GAPBS bfs -r 0 on its .el            |  refnet reach --users 0 --hops 64 --all-ties
  open        refnet reach --users SRC --hops 1 on the R-MAT snapshot: file size / whole process
  imm         SUBSIM, OPIM-C, Tang's IMM           |  refnet seeds -k 50 --epsilon 0.1 (imm, opim-c)

Seeds are scored by `refnet spread --runs 10000` (the peers' seeds too: they are the input's
own ids). Every refnet job also runs at --threads 1 and 2 and the two results are compared.
Without ../shared/peers the peers' columns are skipped and the report says so.

usage: peers_bench.py --refnet BIN --build BUILD_DIR --tmp DIR [--runs 5] [--rmat-scale 22]
                      [--datasets DIR] [--peers DIR] [--json OUT]
Prints a markdown report on stdout.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, OMP_WAIT_POLICY="passive", OMP_NUM_THREADS="2")


def sh(cmd, check=True, **kw):
    bl.log("+ " + " ".join(cmd))
    subprocess.run(cmd, check=check, env=ENV, **kw)


def result_hash(out):
    d = json.loads(out)
    return hashlib.sha256(json.dumps(d["result"], sort_keys=True).encode()).hexdigest()[:16]


def prepare(args):
    os.makedirs(args.tmp, exist_ok=True)
    t = lambda name: os.path.join(args.tmp, name)  # noqa: E731
    inputs = {}
    peers = args.peers if os.path.isdir(args.peers) else None
    pb = os.path.join(args.build, "peers")
    if peers and not os.path.exists(os.path.join(pb, "gapbs", "bfs")):
        sh(["bash", os.path.join(peers, "build.sh"), pb])
    inputs["peers"] = pb if peers else None
    wanted = set(args.jobs.split(",")) if args.jobs else None
    if peers and (wanted is None or wanted & {"pr", "cc", "bfs"}):  # Kron20 only for its jobs
        conv = os.path.join(pb, "gapbs", "converter")
        if not os.path.exists(t("kron20.el")):
            sh([conv, "-g", "20", "-e", t("kron20.el")], stdout=subprocess.DEVNULL)
        if not os.path.exists(t("kron20.sg")):
            sh([conv, "-f", t("kron20.el"), "-b", t("kron20.sg")], stdout=subprocess.DEVNULL)
        if not os.path.exists(t("kron20.refnet")):
            sh([args.refnet, "build", t("kron20.el"), "--input-format", "snap", "-o", t("kron20.refnet"), "--quiet"],
               stdout=subprocess.DEVNULL)
        inputs["kron20"] = True
    epi = os.path.join(args.datasets, "soc-Epinions1", "soc-Epinions1.edgelist.txt")
    if os.path.exists(epi):
        if not os.path.exists(t("epinions.refnet")):
            sh([args.refnet, "build", epi, "-o", t("epinions.refnet"), "--quiet"], stdout=subprocess.DEVNULL)
        if peers and not os.path.exists(t("epinions/gapbs/graph.el")):
            sh(["/usr/bin/python3", os.path.join(peers, "convert.py"), epi, "-o", t("epinions"), "--prob", "wc"])
        inputs["epinions"] = epi
    hept = os.path.join(args.datasets, "nethept-imm", "graph_ic.inf")
    if os.path.exists(hept):
        if not os.path.exists(t("nethept.refnet")):
            sh([args.refnet, "build", hept, "-o", t("nethept.refnet"), "--quiet"], stdout=subprocess.DEVNULL)
        if peers and not os.path.exists(t("nethept/subsim/graph.txt.probdist")):
            sh(["/usr/bin/python3", os.path.join(peers, "convert.py"), hept, "-o", t("nethept")])
            for ds, pd in (("nethept", "weights"), ("epinions", "wc")):
                if os.path.isdir(t(ds)):
                    sh([os.path.join(pb, "subsim", "subsim"), "-func=format", "-gname=graph.txt",
                        "-dir=" + t(ds + "/subsim"), "-pdist=" + pd], stdout=subprocess.DEVNULL)
                    # OPIM-C's format step exits 1 after "The graph is formatted!".
                    sh([os.path.join(pb, "opim-c", "opim-c"), "-func=0", "-gname=graph.txt",
                        "-dir=" + t(ds + "/opim-c"), "-mode=w"], check=False, stdout=subprocess.DEVNULL)
        inputs["nethept"] = hept
    if args.rmat_scale:
        el = t(f"rmat{args.rmat_scale}.txt")
        snap = t(f"rmat{args.rmat_scale}.refnet")
        if not os.path.exists(el):
            sh([args.refnet, "gen", "--rmat", str(args.rmat_scale), "--seed", "1", "-o", el, "--quiet"],
               stdout=subprocess.DEVNULL)
        if not os.path.exists(snap):
            sh([args.refnet, "build", el, "-o", snap, "--quiet"], stdout=subprocess.DEVNULL)
        inputs["rmat"] = snap
    return inputs


def refnet_load(out):
    try:
        return json.loads(out)["timings"].get("load", float("nan"))
    except (ValueError, KeyError):
        return float("nan")


def run_jobs(args, inputs):
    t = lambda name: os.path.join(args.tmp, name)  # noqa: E731
    R = args.refnet
    pb = inputs["peers"]
    jobs = []  # (job, tool, cmd, parse)
    src = "237606"  # GAPBS README's source on kron20 (a vertex of the giant component)
    if inputs.get("kron20"):
        g = os.path.join(pb, "gapbs")
        jobs += [
            ("pr", "GAPBS pr (.sg)", [g + "/pr", "-f", t("kron20.sg"), "-i", "20", "-t", "1e-4", "-n", "1"]),
            # GAPBS's pr is unweighted; Kron20's ties all have weight 1 (a count), so
            # --unweighted gives the same scores without the per-edge weight shares.
            ("pr", "refnet centrality pagerank --unweighted", [R, "centrality", t("kron20.refnet"), "--measure",
                                                               "pagerank", "--tolerance", "1e-4", "--unweighted",
                                                               "--quiet", "--threads", "2"]),
            ("pr", "refnet centrality pagerank (weighted)", [R, "centrality", t("kron20.refnet"), "--measure",
                                                             "pagerank", "--tolerance", "1e-4", "--quiet", "--threads",
                                                             "2"]),
            ("cc", "GAPBS cc (.sg)", [g + "/cc", "-f", t("kron20.sg"), "-n", "1"]),
            ("cc", "refnet components --kind weak", [R, "components", t("kron20.refnet"), "--kind", "weak", "--quiet",
                                                     "--threads", "2"]),
            ("cc", "refnet components (weak + strong)", [R, "components", t("kron20.refnet"), "--quiet", "--threads", "2"]),
            ("bfs", "GAPBS bfs (.sg)", [g + "/bfs", "-f", t("kron20.sg"), "-r", src, "-n", "1"]),
            ("bfs", "refnet reach one user", [R, "reach", t("kron20.refnet"), "--users", src, "--hops", "64",
                                              "--all-ties", "--quiet", "--threads", "2"]),
        ]
    if inputs.get("epinions"):
        if pb:
            jobs.append(("epinions", "GAPBS bfs (.el)", [os.path.join(pb, "gapbs", "bfs"), "-f",
                                                         t("epinions/gapbs/graph.el"), "-r", "0", "-n", "1"]))
        jobs.append(("epinions", "refnet reach one user", [R, "reach", t("epinions.refnet"), "--users", "0", "--hops",
                                                           "64", "--all-ties", "--quiet", "--threads", "2"]))
    if inputs.get("rmat"):
        jobs.append(("open", "refnet reach one user, 1 hop", [R, "reach", inputs["rmat"], "--users", "0", "--hops", "1",
                                                              "--all-ties", "--quiet", "--threads", "2"]))
    for ds, tag in (("nethept", "imm nethept"), ("epinions", "imm epinions")):
        if not inputs.get(ds):
            continue
        snap = t(ds + ".refnet")
        for alg in ("imm", "opim-c"):
            jobs.append((tag, f"refnet seeds {alg}", [R, "seeds", snap, "-k", "50", "--epsilon", "0.1", "--algorithm", alg,
                                                      "--quiet", "--threads", "2"]))
        if pb:
            jobs.append((tag, "SUBSIM", [os.path.join(pb, "subsim", "subsim"), "-func=im", "-gname=graph.txt",
                                         "-dir=" + t(ds + "/subsim"), "-seedsize=50", "-eps=0.1",
                                         "-outpath=" + t(ds + "/res_subsim")]))
            jobs.append((tag, "OPIM-C", [os.path.join(pb, "opim-c", "opim-c"), "-func=1", "-gname=graph.txt",
                                         "-dir=" + t(ds + "/opim-c"), "-alg=opim-c", "-mode=2", "-seedsize=50",
                                         "-eps=0.1", "-model=IC", "-pdist=load", "-outpath=" + t(ds + "/res_opimc")]))
            jobs.append((tag, "IMM (Tang)", [os.path.join(pb, "imm", "imm_discrete"), "-dataset", t(ds + "/imm") + "/",
                                             "-k", "50", "-model", "IC", "-epsilon", "0.1"]))
    if args.jobs:
        jobs = [job for job in jobs if job[0] in args.jobs.split(",")]
    results = {(j, tool): {"cmd": cmd, "wall": [], "rss": [], "load": [], "out": None} for j, tool, cmd in jobs}
    for run in range(args.runs + 1):  # run 0 is the warm-up
        for j, tool, cmd in jobs:
            out, wall, rss = bl.timed(cmd)
            r = results[(j, tool)]
            if r["out"] is None:
                r["out"] = out
            if run == 0:
                continue
            r["wall"].append(wall)
            r["rss"].append(rss)
            if tool.startswith("refnet"):
                r["load"].append(refnet_load(out))
        bl.log(f"run {run} done")
    return results


def peer_seeds(path):
    with open(path) as f:
        return [l.split()[0] for l in f if l.strip()]


def score(args, snap, seeds):
    out, _, _ = bl.timed([args.refnet, "spread", snap, "--seeds", ",".join(seeds), "--runs", "10000", "--quiet"])
    return json.loads(out)["result"]["spread"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--refnet", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rmat-scale", type=int, default=22)
    ap.add_argument("--datasets", default=os.path.join(HERE, "..", "..", "shared", "datasets"))
    ap.add_argument("--peers", default=os.path.join(HERE, "..", "..", "shared", "peers"))
    ap.add_argument("--json")
    ap.add_argument("--jobs", help="comma-separated job names to run (default: all)")
    args = ap.parse_args()
    inputs = prepare(args)
    results = run_jobs(args, inputs)

    print("# refnet beside the peers (issue 15)\n")
    print(f"- machine: {os.uname().sysname} {os.uname().release}, {os.cpu_count()} cores; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"- runs: {args.runs} per tool (median), interleaved, after a warm-up; GAPBS with OMP_WAIT_POLICY=passive "
          "OMP_NUM_THREADS=2; refnet --threads 2; the IM peers are single-threaded")
    if not inputs["peers"]:
        print("- ../shared/peers is absent: the peers were skipped, refnet's figures only")
    print("\n| job | tool | whole process (median) | range | refnet load phase | peak RSS |")
    print("|---|---|---:|---:|---:|---:|")
    for (j, tool), r in results.items():
        print(f"| {j} | {tool} | {bl.fmt_s(bl.median(r['wall']))} | {bl.spread(r['wall'])} | "
              f"{bl.fmt_s(bl.median(r['load'])) if r['load'] else ''} | {bl.fmt_mb(max(r['rss']))} |")
    if inputs.get("rmat") and ("open", "refnet reach one user, 1 hop") in results:
        r = results[("open", "refnet reach one user, 1 hop")]
        size = os.path.getsize(inputs["rmat"])
        print(f"\nSnapshot open, R-MAT {args.rmat_scale}: {size / 1e6:.0f} MB; file size / whole process = "
              f"{size / bl.median(r['wall']) / 1e9:.2f} GB/s; file size / load phase = "
              f"{size / bl.median(r['load']) / 1e9:.2f} GB/s")
    # Quality of the seeds.
    print("\n| input | tool | spread (refnet spread --runs 10000) |\n|---|---|---:|")
    for ds, tag in (("nethept", "imm nethept"), ("epinions", "imm epinions")):
        snap = os.path.join(args.tmp, ds + ".refnet")
        for (j, tool), r in results.items():
            if j != tag:
                continue
            seeds = None
            if tool.startswith("refnet"):
                seeds = [s["id"] for s in json.loads(r["out"])["result"]["seeds"]]
            elif tool == "SUBSIM":
                d = os.path.join(args.tmp, ds + "/res_subsim/seed")
                files = [os.path.join(d, f) for f in os.listdir(d)] if os.path.isdir(d) else []
                seeds = peer_seeds(files[0]) if files else None
            elif tool == "OPIM-C":
                d = os.path.join(args.tmp, ds + "/res_opimc/seed")
                files = [os.path.join(d, f) for f in os.listdir(d)] if os.path.isdir(d) else []
                seeds = peer_seeds(files[0]) if files else None
            elif tool == "IMM (Tang)":
                m = re.search(r"seed_set=([\d, ]+)", re.sub(r"\x1b\[[0-9;]*m", "", r["out"]))
                seeds = [s.strip() for s in m.group(1).split(",") if s.strip()] if m else None
            r["spread"] = score(args, snap, seeds) if seeds else None
            print(f"| {ds} | {tool} | {r['spread']:.1f} |" if seeds else f"| {ds} | {tool} | (no seeds read) |")
    # --threads 1 and 2 give identical results.
    print("\n| refnet job | --threads 1 = --threads 2 |\n|---|---|")
    for (j, tool), r in results.items():
        if not tool.startswith("refnet"):
            continue
        cmd = [c if c != "2" or i == 0 or r["cmd"][i - 1] != "--threads" else "1" for i, c in enumerate(r["cmd"])]
        same = result_hash(bl.timed(cmd)[0]) == result_hash(r["out"])
        r["threads_identical"] = same
        print(f"| {j}: {tool} | {'yes' if same else 'NO'} |")
    if args.json:
        bl.save_json(args.json, {f"{j} / {tool}": {k: v for k, v in r.items() if k != "out"}
                                 for (j, tool), r in results.items()})


if __name__ == "__main__":
    main()
