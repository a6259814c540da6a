"""Influence maximization and Monte Carlo spread (issue: IMM-quality seeds at
adaptive-sampling speed).

    /usr/bin/python3 bench/influence_bench.py BUILD_DIR [RUNS]

For NetHEPT (IC, graph_ic.inf probabilities) and soc-Epinions1 (weighted
cascade), k = 50, epsilon = 0.1, 2 threads: each algorithm's whole-process wall
time (median of RUNS fresh processes), peak RSS, and the expected spread of its
seeds scored by `refnet spread` with 10,000 Monte Carlo runs (a different seed
from the selection's, so the score does not reuse its samples). Then the Monte
Carlo throughput: edge visits per second on one thread.

The reference implementations (Tang's IMM, Ripples, SUBSIM, OPIM-C) are not
Debian packages and cannot be built here without downloads; their figures on
these machines are quoted from the issue in docs/PERFORMANCE.md.
Prints a markdown table on stdout; writes BENCH_OUT/influence.json.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import fmt_s, log, median, timed  # noqa: E402

build = sys.argv[1] if len(sys.argv) > 1 else "build"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
here = os.path.dirname(os.path.abspath(__file__))
datasets = os.environ.get("BENCH_DATASETS", os.path.join(here, "..", "..", "shared", "datasets"))
out_dir = os.environ.get("BENCH_OUT", os.path.join(build, "bench"))
refnet = os.path.join(build, "refnet")

CASES = [
    ("NetHEPT", os.path.join(datasets, "nethept-imm", "graph_ic.inf"), ["--probability", "input"], 960, 0.15),
    ("soc-Epinions1", os.path.join(datasets, "soc-Epinions1", "soc-Epinions1.edgelist.txt"),
     ["--probability", "wc"], 12000, 0.5),
]
ALGORITHMS = [
    ("imm", []),
    ("imm (paper's phase 1)", ["--lower-bound", "doubling"]),
    ("opim-c", ["--algorithm", "opim-c"]),
    ("degree-discount", ["--algorithm", "degree-discount"]),
]


def score(path, model, seeds):
    out, _, _ = timed([refnet, "spread", path, *model, "--seeds", ",".join(seeds), "--runs", "10000",
                       "--seed", "99", "--quiet"])
    return json.loads(out)["result"]


report = {"runs": runs, "cases": []}
print(f"| input | algorithm | whole process (median of {runs}, 2 threads) | peak RSS | RR sets | spread (10,000 MC runs) | target |")
print("|---|---|---|---|---|---|---|")
for name, path, model, spread_target, time_target in CASES:
    if not os.path.exists(path):
        log(f"[influence] {path} absent: {name} skipped")
        continue
    for label, extra in ALGORITHMS:
        walls, rss, doc = [], [], None
        for _ in range(runs):
            out, wall, kib = timed([refnet, "seeds", path, *model, "-k", "50", "--epsilon", "0.1", "--threads", "2",
                                    "--quiet", *extra])
            walls.append(wall)
            rss.append(kib)
            doc = json.loads(out)
        seeds = [s["id"] for s in doc["result"]["seeds"]]
        mc = score(path, model, seeds)
        row = {"input": name, "algorithm": label, "wall_s": median(walls), "walls": walls,
               "peak_rss_kib": median(rss), "rr_sets": doc["result"].get("rr_sets_sampled", 0),
               "rr_memory_bytes": doc["result"].get("rr_memory_bytes", 0),
               "spread": mc["spread"], "ci95": mc["ci95"], "timings": doc["timings"]}
        report["cases"].append(row)
        target = f"spread >= {spread_target}, <= {time_target} s" if label == "imm" else ""
        log(f"[influence] {name} {label}: {fmt_s(row['wall_s'])}, spread {mc['spread']:.1f}")
        print(f"| {name} | {label} | {fmt_s(row['wall_s'])} | {row['peak_rss_kib'] / 1024:.0f} MiB | "
              f"{row['rr_sets']:,} | {mc['spread']:.1f} (95% CI {mc['ci95'][0]:.1f}..{mc['ci95'][1]:.1f}) | {target} |")

# Monte Carlo throughput, one thread, on Epinions with IMM's seeds.
epinions = next((c for c in report["cases"] if c["input"] == "soc-Epinions1" and c["algorithm"] == "imm"), None)
if epinions:
    path, model = CASES[1][1], CASES[1][2]
    out, _, _ = timed([refnet, "seeds", path, *model, "-k", "50", "--quiet"])
    seeds = [s["id"] for s in json.loads(out)["result"]["seeds"]]
    rates = []
    for _ in range(runs):
        out, _, _ = timed([refnet, "spread", path, *model, "--seeds", ",".join(seeds), "--runs", "2000",
                           "--threads", "1", "--quiet"])
        doc = json.loads(out)
        rates.append(doc["result"]["edge_visits"] / doc["timings"]["simulate"])
    report["mc_edge_visits_per_s_one_thread"] = median(rates)
    print(f"\nMonte Carlo spread, soc-Epinions1, 1 thread: {median(rates) / 1e6:.1f} million edge visits per second "
          f"(median of {runs}; target 20 million per core)")

os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "influence.json"), "w") as f:
    json.dump(report, f, indent=2)
