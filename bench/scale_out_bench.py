"""Scale-out under MPI (docs/scale-out.md): what splitting a run over processes
costs, and the per-rank figures behind the 1-billion-edge model.

    /usr/bin/python3 bench/scale_out_bench.py BUILD_DIR [RUNS]

1. IMM on soc-Epinions1 (`refnet seeds EP -k 50 --probability wc`): 2 ranks of
   1 thread (`mpirun -np 2 ... --threads 1`) against 1 process of 2 threads,
   taking turns run by run after a warm-up of each; medians and ranges of RUNS
   (default 5) of the `seeds` phase (the JSON envelope's `timings.seeds`, rank
   0's clock: sampling, selection and the collectives, after loading) and of
   the whole process (mpirun's start and every rank's load included). The seeds
   must be identical.
2. Per-rank costs: RR-set sampling rate of one thread (1 process, --threads 1);
   MPI_Allreduce and MPI_Allgatherv per MB at 2 ranks (bench/collective_probe.c,
   compiled with mpicc); PageRank and HyperANF nanoseconds per edge per
   iteration on a generated R-MAT graph (BENCH_SCALEOUT_RMAT_SCALE, default 20),
   1 process x 1 thread, 1 process x 2 threads and 2 ranks x 1 thread (results
   checked identical).
3. The model of docs/scale-out.md: the time for a 1-billion-edge graph on 64
   nodes, from these figures and the assumptions printed with it.

Prints a markdown report on stdout; writes BENCH_OUT/scale_out.json.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

build = sys.argv[1] if len(sys.argv) > 1 else "build"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("BENCH_RUNS", "5"))
here = os.path.dirname(os.path.abspath(__file__))
datasets = os.environ.get("BENCH_DATASETS", os.path.join(here, "..", "..", "shared", "datasets"))
out_dir = os.environ.get("BENCH_OUT", os.path.join(build, "bench"))
tmp = os.environ.get("BENCH_TMP", "/tmp/refnet-bench")
scale = int(os.environ.get("BENCH_SCALEOUT_RMAT_SCALE", "20"))
refnet = os.path.abspath(os.path.join(build, "refnet"))
epinions = os.path.join(datasets, "soc-Epinions1", "soc-Epinions1.edgelist.txt")
mpirun = shutil.which("mpirun")
MPI = [mpirun, "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else []) if mpirun else []
os.makedirs(out_dir, exist_ok=True)
os.makedirs(tmp, exist_ok=True)


def run_json(cmd):
    out, wall, rss = bl.timed(cmd)
    return json.loads(out), wall, rss


def rng(xs, f=bl.fmt_s):
    return f"{f(min(xs))} - {f(max(xs))}"


def imm(report):
    base = [refnet, "seeds", epinions, "-k", "50", "--probability", "wc", "--quiet"]
    single, multi = base + ["--threads", "2"], MPI + ["-np", "2"] + base + ["--threads", "1"]
    bl.log("[scale-out] IMM warm-up")
    run_json(single), run_json(multi)
    rows = {"1x2": [], "2x1": []}
    for r in range(runs):
        for key, cmd in (("1x2", single), ("2x1", multi)):
            d, wall, rss = run_json(cmd)
            t = d["timings"]
            rows[key].append({"seeds_s": t["seeds"], "wall_s": wall, "rss_kib": rss, "seeds": [s["id"] for s in d["result"]["seeds"]],
                              "selection_s": sum(v for k, v in t.items() if k.endswith("selection")),
                              "sampling_s": sum(v for k, v in t.items() if k.endswith("sampling"))})
        bl.log(f"[scale-out] IMM run {r + 1}: 1x2 {bl.fmt_s(rows['1x2'][-1]['seeds_s'])}, 2x1 {bl.fmt_s(rows['2x1'][-1]['seeds_s'])}")
    same = all(x["seeds"] == rows["1x2"][0]["seeds"] for x in rows["1x2"] + rows["2x1"])
    med = {k: {f: bl.median([x[f] for x in v]) for f in ("seeds_s", "wall_s", "selection_s", "sampling_s")} for k, v in rows.items()}
    report["imm"] = {"runs": rows, "median": med, "identical_seeds": same}
    lines = [f"### IMM on soc-Epinions1, k = 50, weighted cascade (median of {runs}, range)\n",
             "| | 1 process x 2 threads | 2 ranks x 1 thread | ratio 2x1 / 1x2 | target |", "|---|---|---|---|---|"]
    for field, label, target in (("seeds_s", "`seeds` phase", "<= 1.3"), ("wall_s", "whole process", ""),
                                 ("sampling_s", "of which sampling (rank 0)", ""), ("selection_s", "of which selection (rank 0)", "")):
        a, b = [x[field] for x in rows["1x2"]], [x[field] for x in rows["2x1"]]
        lines.append(f"| {label} | {bl.fmt_s(bl.median(a))} ({rng(a)}) | {bl.fmt_s(bl.median(b))} ({rng(b)}) | "
                     f"{bl.median(b) / bl.median(a):.2f} | {target} |")
    lines.append(f"\nSeeds identical in every run: {'yes' if same else 'NO'}.")
    return lines


def sampling_rate(report):
    base = [refnet, "seeds", epinions, "-k", "50", "--probability", "wc", "--quiet", "--threads", "1"]
    rates = []
    for _ in range(max(3, runs // 2)):
        d, _, _ = run_json(base)
        t = d["timings"]
        rates.append(d["result"]["rr_sets_sampled"] / sum(v for k, v in t.items() if k.endswith("sampling")))
    report["sampling_sets_per_s_per_thread"] = bl.median(rates)
    mean_nodes = d["result"]["rr_nodes"] / d["result"]["theta"]
    report["rr_mean_nodes"] = mean_nodes
    report["imm_rr_nodes"] = d["result"]["rr_nodes"]
    return [f"| RR sets sampled per second, 1 thread (Epinions, wc; {mean_nodes:.1f} nodes per set) | "
            f"{bl.median(rates):,.0f} ({rng(rates, lambda x: f'{x:,.0f}')}) |"]


def collectives(report):
    probe = os.path.join(tmp, "collective_probe")
    subprocess.run(["mpicc", "-O2", "-o", probe, os.path.join(here, "collective_probe.c")], check=True)
    out, _, _ = bl.timed(MPI + ["-np", "2", probe, "11"])
    rows = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    report["collectives"] = rows
    lines = []
    for r in rows:
        lines.append(f"| {r['op']}, 2 ranks, {r['mb']} MB | {r['median_s'] * 1e3:.2f} ms "
                     f"({r['min_s'] * 1e3:.2f} - {r['max_s'] * 1e3:.2f}); {r['median_s'] * 1e3 / r['mb']:.3f} ms/MB |")
    return lines


def kernels(report):
    edges = os.path.join(tmp, f"rmat{scale}.scaleout.txt")
    snap = os.path.join(tmp, f"rmat{scale}.scaleout.refnet")
    if not os.path.exists(snap):
        bl.log(f"[scale-out] generating R-MAT scale {scale}")
        bl.timed([refnet, "gen", "--rmat", str(scale), "-o", edges, "--quiet"], timeout=7200)
        bl.timed([refnet, "build", edges, "-o", snap, "--quiet"], timeout=7200)
        os.remove(edges)
    info, _, _ = run_json([refnet, "info", snap, "--quiet"])
    n, m = info["result"]["summary"]["users"], info["result"]["summary"]["ties"]
    report["rmat"] = {"scale": scale, "n": n, "m": m}
    pr = [refnet, "centrality", snap, "--measure", "pagerank", "--iterations", "20", "--all", "--quiet"]
    ha = [refnet, "reach", snap, "--approx", "--all-ties", "--hops", "6", "--no-users", "--quiet"]
    lines = []
    for name, cmd, seconds, iterations in (
            ("PageRank", pr, lambda d: d["result"]["kernel_seconds"]["iterations"], lambda d: d["result"]["iterations"]),
            ("HyperANF (b = 6)", ha, lambda d: d["timings"]["hyperanf"], lambda d: d["result"]["iterations"])):
        per, results = {}, {}
        configs = (("1x1", cmd + ["--threads", "1"]), ("1x2", cmd + ["--threads", "2"]),
                   ("2x1", MPI + ["-np", "2"] + cmd + ["--threads", "1"]))
        for key, full in configs:
            xs = []
            for _ in range(max(3, runs // 2)):
                d, _, _ = run_json(full)
                xs.append(seconds(d))
            d["result"].pop("kernel_seconds", None)
            results[key] = d["result"]
            per[key] = {"seconds": xs, "iterations": iterations(d),
                        "ns_per_edge_iter": bl.median(xs) / (m * iterations(d)) * 1e9}
            bl.log(f"[scale-out] {name} {key}: {bl.fmt_s(bl.median(xs))}")
        per["identical"] = results["1x1"] == results["2x1"] == results["1x2"]
        report[name.split()[0].lower()] = per
        for key, label in (("1x1", "1 process x 1 thread"), ("1x2", "1 process x 2 threads"), ("2x1", "2 ranks x 1 thread")):
            p = per[key]
            lines.append(f"| {name}, R-MAT {scale} ({n:,} users, {m:,} ties), {label}, {p['iterations']} iterations | "
                         f"{bl.fmt_s(bl.median(p['seconds']))} ({rng(p['seconds'])}); {p['ns_per_edge_iter']:.2f} ns per edge "
                         f"per iteration (all edges over the kernel time) |")
        lines.append(f"| {name}: 2 ranks' result identical to 1 process's | {'yes' if per['identical'] else 'NO'} |")
    return lines


# The model: a 1-billion-edge graph on 64 nodes, from the per-rank figures
# measured above and these assumptions (docs/scale-out.md discusses them):
ASSUME = {
    "edges": 1e9, "nodes": 64,
    "edge_factor": 16,             # R-MAT-like: n = m / 16 = 62.5M users
    "cores_per_node": 16, "parallel_efficiency": 0.75,  # at the measured one-thread rates
    "network_bytes_per_s": 12.5e9,  # 100 Gb/s; ring all-gather (p-1)/p N / B, all-reduce twice that
    "collective_latency_s": 20e-6,
    "snapshot_bytes_per_edge": 16.4, "load_bytes_per_s": 1.5e9,  # refnet info, PERFORMANCE.md
    "pagerank_iterations": 20, "registers": 64,
    # HyperANF: the share of counters that change in each of 6 iterations, as
    # on R-MAT 20 (all ties); below ~40% only the changed ones are exchanged.
    "hyperanf_changed": [0.84, 0.85, 0.85, 0.84, 0.23, 0.0024],
    "imm_theta": 1e8, "imm_selections": 2, "k": 50, "recounts_per_pick": 3,
}


def model(report):
    a = ASSUME
    m, p = a["edges"], a["nodes"]
    n = m / a["edge_factor"]
    cores = a["cores_per_node"] * a["parallel_efficiency"]
    gather = lambda nbytes: nbytes * (p - 1) / p / a["network_bytes_per_s"]  # noqa: E731
    pr_ns, ha_ns = report["pagerank"]["1x1"]["ns_per_edge_iter"], report["hyperanf"]["1x1"]["ns_per_edge_iter"]
    pr_compute, pr_comm = m / p * pr_ns * 1e-9 / cores, gather(4 * n)
    ha_compute = m / p * ha_ns * 1e-9 / cores  # the measured mean over 6 iterations
    dense, record = a["registers"] + 1 + 4, a["registers"] + 8  # bytes per user: whole ranges, or a record
    ha_comms = [gather(n * (f * record if f * record <= dense / 2 else dense)) for f in a["hyperanf_changed"]]
    ha_comm = sum(ha_comms) / len(ha_comms)
    # IMM: theta RR sets of Epinions' mean size, sampled at the measured rate;
    # each greedy run indexes its node's sets (at the measured selection cost
    # per set entry), all-reduces 8n bytes once, and re-counts a few times per pick.
    theta = a["imm_theta"]
    entries = theta * report["rr_mean_nodes"] / p
    sel_ns = report["imm"]["median"]["1x2"]["selection_s"] / report["imm_rr_nodes"] * 1e9 * 2  # 2 threads -> 1 core
    imm_sampling = theta / (report["sampling_sets_per_s_per_thread"] * cores * p)
    imm_selection = a["imm_selections"] * (entries * sel_ns * 1e-9 / cores + 2 * gather(8 * n)
                                           + a["k"] * a["recounts_per_pick"] * a["collective_latency_s"])
    load = m * a["snapshot_bytes_per_edge"] / a["load_bytes_per_s"]
    res = {"assumptions": a, "n": n, "sel_ns_per_entry": sel_ns,
           "pagerank_iteration_compute_s": pr_compute, "pagerank_iteration_exchange_s": pr_comm,
           "pagerank_s": a["pagerank_iterations"] * (pr_compute + pr_comm),
           "hyperanf_iteration_compute_s": ha_compute, "hyperanf_iteration_exchange_s": ha_comm,
           "hyperanf_s": len(ha_comms) * (ha_compute + ha_comm),
           "imm_sampling_s": imm_sampling, "imm_selection_s": imm_selection, "imm_s": imm_sampling + imm_selection,
           "load_s": load}
    report["model"] = res
    it = lambda c, x: f"{bl.fmt_s(c)} compute + {bl.fmt_s(x)} exchange per iteration"  # noqa: E731
    return [f"| load the whole snapshot on every node ({a['snapshot_bytes_per_edge']} B/edge at {a['load_bytes_per_s'] / 1e9:.1f} GB/s) | {bl.fmt_s(load)} |",
            f"| PageRank, {a['pagerank_iterations']} iterations | {bl.fmt_s(res['pagerank_s'])} ({it(pr_compute, pr_comm)}) |",
            f"| HyperANF, {len(ha_comms)} iterations, b = 6 | {bl.fmt_s(res['hyperanf_s'])} ({it(ha_compute, ha_comm)}, on average) |",
            f"| IMM, theta = {theta:.0e} RR sets of Epinions' mean size, k = {a['k']} | {bl.fmt_s(res['imm_s'])} "
            f"(sampling {bl.fmt_s(imm_sampling)}, {a['imm_selections']} greedy runs {bl.fmt_s(imm_selection)}) |"]


report = {"runs": runs, "loadavg_before": os.getloadavg()}
if not MPI:
    bl.log("[scale-out] no mpirun: skipped")
    sys.exit(0)
if not os.path.exists(epinions):
    bl.log(f"[scale-out] {epinions} absent: skipped")
    sys.exit(0)
lines = ["## Scale-out (MPI)\n"] + imm(report)
lines += ["", "### Per-rank costs\n", "| what | median (range) |", "|---|---|"]
lines += sampling_rate(report) + collectives(report) + kernels(report)
lines += ["", "### Model: 1 billion edges on 64 nodes (assumptions in docs/scale-out.md)\n", "| step | time |", "|---|---|"]
lines += model(report)
report["loadavg_after"] = os.getloadavg()
lines.append(f"\nLoad average before {report['loadavg_before'][0]:.1f}, after {report['loadavg_after'][0]:.1f}.")
bl.save_json(os.path.join(out_dir, "scale_out.json"), report)
print("\n".join(lines))
