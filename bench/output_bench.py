#!/usr/bin/python3
"""Large JSON outputs, whole process (issue 14): writing per-user results.

1. `refnet reach EPINIONS --all --hops 2 --all-ties -o r.json` from the raw SNAP
   file, whole process, against python3-igraph `Read_Edgelist` +
   `neighborhood_size(order=2)` + writing the sizes as JSON, whole process
   (interpreter start and import included, as a user would run it).
2. The JSON writing rate: `refnet reach BIG --hops 2 --all-ties` with and
   without the per-user list (`--no-users`) on a large snapshot BIG (a 1M-user
   generated log: the list is tens of MB), written to standard output
   redirected to a file (no fsync, which -o does); the difference is the cost
   of the list, and its bytes over that time the rate.
Medians of RUNS interleaved runs.

usage: /usr/bin/python3 bench/output_bench.py BUILD [RUNS] [EPINIONS] [BIG]
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

IGRAPH_WHOLE = r"""
import json, sys
import igraph
g = igraph.Graph.Read_Edgelist(sys.argv[1], directed=True)
sizes = g.neighborhood_size(order=2, mode="out")
with open(sys.argv[2], "w") as f:
    json.dump({"reach": sizes}, f)
"""


def cpu_seconds(shell_command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["sh", "-c", shell_command], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    epinions = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        root, "..", "shared", "datasets", "soc-Epinions1", "soc-Epinions1.edgelist.txt")
    if not os.path.exists(epinions):
        print(f"soc-Epinions1 not found at {epinions}: skipped")
        return 0
    refnet = os.path.join(build, "refnet")
    with tempfile.TemporaryDirectory() as tmp:
        child = os.path.join(tmp, "igraph_reach.py")
        with open(child, "w") as f:
            f.write(IGRAPH_WHOLE)
        out = os.path.join(tmp, "r.json")
        bare = os.path.join(tmp, "bare.json")
        ig_out = os.path.join(tmp, "ig.json")
        base = [refnet, "reach", epinions, "--all", "--hops", "2", "--all-ties", "--quiet"]
        walls = {"refnet": [], "refnet_no_users": [], "igraph": []}
        rss = {}
        for _ in range(runs):
            _, w, m = bl.timed(base + ["-o", out])
            walls["refnet"].append(w)
            rss["refnet"] = m
            _, w, m = bl.timed(base + ["--no-users", "-o", bare])
            walls["refnet_no_users"].append(w)
            _, w, m = bl.timed([bl.PYTHON, child, epinions, ig_out])
            walls["igraph"].append(w)
            rss["igraph"] = m
        size = os.path.getsize(out)
        med = {k: bl.median(v) for k, v in walls.items()}
        users = len(json.load(open(out))["result"]["users"])
        big = sys.argv[4] if len(sys.argv) > 4 else None
        if big:
            # CPU time (user + system) of one thread: steadier than wall time
            # on a shared machine.
            cmd = f"'{refnet}' reach '{big}' --hops 2 --all-ties --threads 1 --quiet"
            with_list, without = [], []
            for _ in range(runs):
                with_list.append(cpu_seconds(f"{cmd} > '{out}'"))
                without.append(cpu_seconds(f"{cmd} --no-users > '{bare}'"))
            big_size = os.path.getsize(out) - os.path.getsize(bare)
            list_s = max(1e-9, bl.median(with_list) - bl.median(without))
    print(f"# output_bench {bl.time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.2f}, "
          f"medians of {runs}")
    print("| run | whole process | peak RSS |")
    print("|---|---|---|")
    print(f"| refnet reach --all --hops 2 --all-ties -o r.json ({size / 1e6:.1f} MB, {users} users) "
          f"| {bl.fmt_s(med['refnet'])} | {bl.fmt_mb(rss['refnet'])} |")
    print(f"| the same with --no-users | {bl.fmt_s(med['refnet_no_users'])} | |")
    print(f"| python3-igraph Read_Edgelist + neighborhood_size(order=2) + json.dump "
          f"| {bl.fmt_s(med['igraph'])} | {bl.fmt_mb(rss['igraph'])} |")
    print(f"\nrefnet is {med['igraph'] / med['refnet']:.1f}x faster than igraph whole process.")
    if big:
        print(f"On {big}, one thread: the per-user list ({big_size / 1e6:.1f} MB) costs "
              f"{list_s * 1000:.0f} ms of CPU: {big_size / 1e6 / list_s:.0f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
