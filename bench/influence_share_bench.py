#!/usr/bin/env python3
"""How precise is the influence component of the super-user score, and what it costs.

The component is each user's share of RR sets (algo/influence/rr_share.hpp),
sampled until the user at the top-1% boundary is in `--influence-target` sets.
For each target this runs `refnet rank` (influence weight only, so the time is
the component's) and compares the top 1% of users, as ranked by a sample 10
times larger than the largest target's, with that reference:
  share error       mean |share / reference share - 1| over those users
  percentile error  mean and max |percentile - reference percentile|, in points
  top-1% overlap    share of the reference's top 1% that the run also puts there

    /usr/bin/python3 bench/influence_share_bench.py BUILD NET [TARGETS]
e.g. bench/influence_share_bench.py build /tmp/u1m.refnet 25,50,100
(make a 1M-user snapshot with `refnet gen --users 1000000 --seed 7 -o u1m.csv.gz`
and `refnet build u1m.csv.gz -o u1m.refnet`).
"""
import csv
import io
import json
import os
import subprocess
import sys
import time

ONLY_INFLUENCE = "reach=0,pagerank=0,descendants=0,converted_referrals=0,tier=0,purchases=0,influence=1"


def run_rank(refnet, net, extra):
    """(seconds of the influence phase, sets, {user: (share, percentile)}) of one run."""
    t0 = time.perf_counter()
    out = subprocess.run([refnet, "rank", net, "--weights", ONLY_INFLUENCE, "--format", "csv", "-q"] + extra,
                         check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    users = {}
    for row in csv.DictReader(io.StringIO(out)):
        users[row["id"]] = (float(row["influence"]), float(row["influence_percentile"]))
    meta = json.loads(subprocess.run([refnet, "rank", net, "--weights", ONLY_INFLUENCE, "--top", "1", "-q"] + extra,
                                     check=True, capture_output=True, text=True).stdout)
    return meta["timings"].get("rank.influence", wall), meta["result"]["influence_sample"], users


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    build, net = sys.argv[1], sys.argv[2]
    targets = [int(t) for t in (sys.argv[3] if len(sys.argv) > 3 else "25,50,100").split(",")]
    refnet = os.path.join(build, "refnet")
    runs = {t: run_rank(refnet, net, ["--influence-target", str(t)]) for t in targets}
    ref_sets = 10 * max(r[1]["sets"] for r in runs.values())
    ref_time, ref_sample, ref = run_rank(refnet, net, ["--influence-sets", str(ref_sets)])
    n = len(ref)
    top = sorted(ref, key=lambda u: -ref[u][0])[: max(1, n // 100)]
    top_set = set(top)
    print(f"# {net}: {n} users; reference {ref_sets} RR sets ({ref_time:.1f} s); top 1% = {len(top)} users")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} load average {os.getloadavg()[0]:.2f}")
    print("| target | sets | influence phase (s) | boundary rel. error (stated) | share error (top 1%) "
          "| percentile error mean / max (points) | top-1% overlap |")
    print("|---|---|---|---|---|---|---|")
    for t in targets:
        seconds, sample, users = runs[t]
        share_err = sum(abs(users[u][0] / ref[u][0] - 1) for u in top) / len(top)
        pct = [abs(users[u][1] - ref[u][1]) * 100 for u in top]
        mine = set(sorted(users, key=lambda u: -users[u][0])[: len(top)])
        print(f"| {t} | {sample['sets']:,} | {seconds:.2f} | {sample['boundary_relative_error']:.3f} | {share_err:.3f} "
              f"| {sum(pct) / len(pct):.3f} / {max(pct):.3f} | {len(mine & top_set) / len(top):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
