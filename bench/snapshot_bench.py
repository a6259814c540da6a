#!/usr/bin/python3
"""Snapshot loading benchmark: how fast `refnet info SNAP` gets a snapshot into memory.

For each input, a snapshot is built once (`refnet build INPUT -o SNAP
--threads 2`), then `refnet info SNAP --quiet --threads T` is run `--runs`
times (after one warm-up, so the file is in the page cache) and the "load"
phase of its JSON timings is read. That phase covers reading and checking the
snapshot and, for the JSON envelope, a sha256 of the whole file (read a second
time). To show what the hash costs, the same work is timed on its own, done
the way refnet does it: read the file in 1 MiB blocks and feed them to sha256
(Python's hashlib, which is OpenSSL, as refnet uses). The snapshot load rate is then
given both as file size / load and as file size / (load - that time), an
estimate of the load rate without the hash. Also reported: the in-memory
size per directed edge (result.summary.graph_bytes_per_edge) and peak RSS.

usage: snapshot_bench.py --refnet BIN --runs N --tmp DIR --json OUT.json
                         --dataset NAME INPUT [--dataset ...]
Prints a markdown report on stdout.
"""
import argparse
import hashlib
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402


def hash_seconds(path):
    """sha256 of the file streamed in 1 MiB blocks, as refnet's sha256_file does."""
    t0 = time.perf_counter()
    h = hashlib.sha256()
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as f:
        while True:
            k = f.readinto(buf)
            if not k:
                break
            h.update(view[:k])
    h.hexdigest()
    return time.perf_counter() - t0


def bench_dataset(name, inp, args):
    snap = os.path.join(args.tmp, f"{name}.refnet")
    bl.log(f"[snapshot] {name}: building {snap} from {inp}")
    out, _, _ = bl.timed([args.refnet, "build", inp, "-o", snap, "--quiet", "--threads", "2"])
    built = json.loads(out)
    size = os.path.getsize(snap)
    res = {"name": name, "input": inp, "snapshot": snap, "bytes": size, "threads": {}}
    for threads in args.threads:
        runs, hashes = [], []
        for r in range(args.runs + 1):
            out, wall, rss = bl.timed([args.refnet, "info", snap, "--quiet", "--threads", str(threads)])
            d = json.loads(out)
            h = hash_seconds(snap)
            x = {"load_s": d["timings"]["load"], "summarize_s": d["timings"].get("summarize"), "wall_s": wall,
                 "rss_kib": rss, "hash_s": h}
            bl.log(f"  {'warm-up' if r == 0 else f'run {r}'} info --threads {threads}: load {bl.fmt_s(x['load_s'])}, "
                   f"process {bl.fmt_s(wall)}, rss {bl.fmt_mb(rss)}; sha256 alone {bl.fmt_s(h)}")
            if r > 0:
                runs.append(x)
                hashes.append(h)
        s = d["result"]["summary"]
        load = bl.median([x["load_s"] for x in runs])
        hsh = bl.median(hashes)
        res["threads"][threads] = {
            "runs": runs,
            "median_load_s": load,
            "median_hash_s": hsh,
            "median_wall_s": bl.median([x["wall_s"] for x in runs]),
            "median_rss_kib": bl.median([x["rss_kib"] for x in runs]),
            "gb_per_s": size / load / 1e9,
            "gb_per_s_without_hash": size / (load - hsh) / 1e9 if load > hsh else float("nan"),
        }
        res.update(n=d["input"]["n"], m=d["input"]["m"], bytes_per_edge=s.get("graph_bytes_per_edge"),
                   edge_array_bytes_per_edge=s.get("edge_array_bytes_per_edge"),
                   graph_memory_bytes=s.get("graph_memory_bytes"))
    res["build_report_m"] = built["input"]["m"]
    return res


def markdown(results, runs):
    out = [f"### Loading a snapshot (`refnet info SNAP`, median of {runs} runs, warm page cache)\n",
           "| snapshot | size | threads | load phase | load rate | streamed sha256 alone | rate without it | target >= 1 GB/s | "
           "whole process | peak RSS |",
           "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for res in results:
        for thr, tr in res["threads"].items():
            met = "yes" if tr["gb_per_s"] >= 1 else ("only without sha256" if tr["gb_per_s_without_hash"] >= 1 else "**no**")
            out.append(f"| {res['name']} | {res['bytes'] / 1e6:.0f} MB | {thr} | {bl.fmt_s(tr['median_load_s'])} | "
                       f"{tr['gb_per_s']:.2f} GB/s | {bl.fmt_s(tr['median_hash_s'])} | "
                       f"{tr['gb_per_s_without_hash']:.2f} GB/s | {met} | {bl.fmt_s(tr['median_wall_s'])} | "
                       f"{bl.fmt_mb(tr['median_rss_kib'])} |")
    out.append("")
    out.append("load rate = snapshot size / load phase. \"streamed sha256 alone\" is the same work as the hash inside "
               "the load phase (read in 1 MiB blocks + sha256), timed separately in Python; \"rate without it\" = size / (load - that), an estimate.")
    out.append("")
    out.append("### In-memory size\n")
    out.append("| graph | nodes | edges | graph memory | per-edge arrays, bytes per edge | with row starts | target <= 16 per edge | met |")
    out.append("|---|---:|---:|---:|---:|---:|---|---|")
    for res in results:
        bpe = res["bytes_per_edge"]
        edge_only = res.get("edge_array_bytes_per_edge")
        if edge_only is None:  # a binary from before `info` reported it
            edge_only = bpe - (8.0 * (res["n"] + 1) / res["m"] if res["m"] else float("nan"))
        met = "yes" if edge_only <= 16 else "**no**"
        out.append(f"| {res['name']} | {res['n']:,} | {res['m']:,} | {res['graph_memory_bytes'] / 2**20:.0f} MiB | "
                   f"{edge_only:.2f} | {bpe:.2f} | <= 16 | {met} |")
    out.append("")
    out.append("per-edge arrays = result.summary.edge_array_bytes_per_edge of `refnet info` (target, in-edge source, "
               "in-edge index, weight; plus time when the input has timestamps, 8 more); with row starts = "
               "graph_bytes_per_edge (all graph memory / edges, the two row-start arrays of 4 bytes per vertex included).")
    out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="refnet snapshot load rate")
    ap.add_argument("--refnet", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, nargs="+", default=[2])
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the snapshots")
    ap.add_argument("--dataset", nargs=2, action="append", metavar=("NAME", "INPUT"), required=True)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    results = [bench_dataset(name, inp, args) for name, inp in args.dataset]
    if not args.keep:
        for r in results:
            os.remove(r["snapshot"])
    bl.save_json(args.json, {"runs": args.runs, "results": results})
    print(markdown(results, args.runs))


if __name__ == "__main__":
    main()
