"""Shared helpers for the refnet benchmarks (run under /usr/bin/python3).

Every measured run is a fresh process started through `/usr/bin/time -f %M`
(peak resident memory, KiB); its whole-process wall time is taken here with
time.perf_counter() around the child (start-up, work and exit, plus about a
millisecond for /usr/bin/time itself).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"
TIME = "/usr/bin/time"

# Child programs for the Python libraries: they time only the read call (the
# interpreter start and the import are outside it) and print one JSON line.
IGRAPH_CHILD = r"""
import json, sys, time
import igraph
path = sys.argv[1]
t0 = time.perf_counter()
g = igraph.Graph.Read_Edgelist(path, directed=True)
t1 = time.perf_counter()
print(json.dumps({"read_s": t1 - t0, "n": g.vcount(), "m": g.ecount(),
                  "version": igraph.__version__}))
"""

NETWORKX_CHILD = r"""
import json, sys, time
import networkx as nx
path = sys.argv[1]
t0 = time.perf_counter()
g = nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int)
t1 = time.perf_counter()
print(json.dumps({"read_s": t1 - t0, "n": g.number_of_nodes(), "m": g.number_of_edges(),
                  "self_loops": nx.number_of_selfloops(g), "version": nx.__version__}))
"""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, timeout=3600):
    """Runs cmd under /usr/bin/time; returns (stdout, wall seconds, peak RSS in KiB)."""
    fd, rss_path = tempfile.mkstemp(prefix="refnet-bench-rss-")
    os.close(fd)
    try:
        t0 = time.perf_counter()
        p = subprocess.run([TIME, "-f", "%M", "-o", rss_path] + cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode()[-2000:]}")
        with open(rss_path) as f:
            lines = [l for l in f.read().split() if l.strip().isdigit()]
        rss = int(lines[-1]) if lines else 0
        return p.stdout.decode(), wall, rss
    finally:
        os.remove(rss_path)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    if x != x:  # NaN
        return "-"
    if x >= 100:
        return f"{x:.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 1:
        return f"{x:.2f} s"
    return f"{x * 1000:.1f} ms" if x >= 0.01 else f"{x * 1000:.2f} ms"


def fmt_mb(kib):
    return f"{kib / 1024:.0f} MiB" if kib >= 10240 else f"{kib / 1024:.1f} MiB"


def fmt_ratio(x):
    if x != x:
        return "-"
    return f"{x:.1f}x" if x < 100 else f"{x:.0f}x"


def spread(xs):
    """min-max of a sample, for the noise column."""
    return f"{fmt_s(min(xs))} - {fmt_s(max(xs))}" if xs else "-"


def save_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")
