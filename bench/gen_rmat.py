#!/usr/bin/python3
"""Deterministic R-MAT edge-list generator for the benchmarks (fallback only).

bench/run_all.sh uses `refnet gen --rmat SCALE` when the binary has it; this
script stands in when it does not. It is pure Python (Debian's python3, no
numpy), so it is slower than refnet's generator, and its edges are NOT the same
as refnet's (different random streams): compare timings only between runs on
the same file.

Model (Chakrabarti, Zhan, Faloutsos, SDM 2004; Graph500 / GAPBS defaults):
2^scale vertices, edge_factor * 2^scale directed edges; each edge descends
`scale` levels of the adjacency matrix choosing quadrant a / b / c / d with
probabilities 0.57 / 0.19 / 0.19 / 0.05. Vertex ids are then relabelled by a
seeded random permutation (as GAPBS does) so that hubs are not all at low ids.
Self-loops and repeated edges are kept, as in the model.

How: the `scale` levels are split in groups of at most 6 levels; for each group
a table of all 4^levels outcomes (with their probabilities) is built once, so
one edge costs ceil(scale / 6) weighted draws (random.choices, bisect in C)
instead of `scale` Python-level steps.
Edges are produced in fixed blocks of 2^20, block b seeded with (seed, b), so
the output is identical for any number of worker processes.

Output: "u<TAB>v" lines (the SNAP edge-list form), written to a temporary file
and renamed, so an interrupted run leaves no half-written file behind.

usage: gen_rmat.py SCALE OUT [--edge-factor 16] [--seed 1] [--jobs 2]
"""
import argparse
import array
import itertools
import multiprocessing
import os
import random
import sys

A, B, C = 0.57, 0.19, 0.19
D = 1.0 - A - B - C
BLOCK = 1 << 20
GROUP = 6  # levels per outcome table (4^6 = 4096 entries)

_state = {}


def quadrant_table(levels):
    """All 4^levels outcomes of `levels` R-MAT steps: (packed (u<<32)|v bits, cumulative weight)."""
    outcomes = [(0, 0, 1.0)]
    for _ in range(levels):
        nxt = []
        for u, v, p in outcomes:
            u2, v2 = u << 1, v << 1
            nxt.append((u2, v2, p * A))          # top-left
            nxt.append((u2, v2 | 1, p * B))      # top-right
            nxt.append((u2 | 1, v2, p * C))      # bottom-left
            nxt.append((u2 | 1, v2 | 1, p * D))  # bottom-right
        outcomes = nxt
    packed = [(u << 32) | v for u, v, _ in outcomes]
    cum = list(itertools.accumulate(p for _, _, p in outcomes))
    return packed, cum


def _init(scale, seed):
    # Groups of at most GROUP levels keep each table small enough to stay in cache.
    groups = []
    left = scale
    while left > 0:
        levels = min(GROUP, left)
        left -= levels
        packed, cum = quadrant_table(levels)
        # This group's bits sit above those of the groups after it: shift them once here.
        groups.append(([x << left for x in packed], cum))
    perm = array.array("q", range(1 << scale))
    shuffled = list(perm)
    random.Random(seed).shuffle(shuffled)
    perm = array.array("q", shuffled)
    _state.update(seed=seed, groups=groups, perm=perm)


def _block(args):
    block, count = args
    s = _state
    rng = random.Random((s["seed"] << 32) ^ (block * 0x9E3779B1 + 1))
    draws = [rng.choices(packed, cum_weights=cum, k=count) for packed, cum in s["groups"]]
    perm = s["perm"]
    mask = (1 << 32) - 1
    lines = [f"{perm[x >> 32]}\t{perm[x & mask]}\n" for x in map(sum, zip(*draws))]
    return "".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scale", type=int)
    ap.add_argument("out")
    ap.add_argument("--edge-factor", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()
    if not 1 <= args.scale <= 30:
        sys.exit("gen_rmat.py: scale must be in [1, 30]")
    m = args.edge_factor << args.scale
    blocks = [(b, min(BLOCK, m - b * BLOCK)) for b in range((m + BLOCK - 1) // BLOCK)]
    tmp = f"{args.out}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", buffering=1 << 22) as out:
            if args.jobs > 1:
                with multiprocessing.Pool(args.jobs, initializer=_init, initargs=(args.scale, args.seed)) as pool:
                    for text in pool.imap(_block, blocks, chunksize=1):
                        out.write(text)
            else:
                _init(args.scale, args.seed)
                for b in blocks:
                    out.write(_block(b))
        os.replace(tmp, args.out)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    print(f"gen_rmat.py: wrote {m} edges over {1 << args.scale} vertex ids to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
