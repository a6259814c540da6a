#!/usr/bin/env python3
"""No option is silently ignored: a walk over every command's options.

For each command, each option its --help lists, and each kind of input (a raw
event log, its snapshot, a graph file), run the command with a baseline and
with the option set to a value that should matter, and require one of:
  - the command refuses it (a non-zero exit, with a message on stderr), or
  - the result differs from the baseline (the JSON `result`, or the output
    bytes for non-JSON forms), or
  - the option is one that by design never changes the result (the thread
    count, quiet, where the output goes, its form), listed in NEUTRAL with why.
Prints every violation and exits 1 if there is one.

    option_walk.py REFNET TMPDIR
"""
import json
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from graph_fixtures import write_labels, write_weighted_graph  # noqa: E402

COMMANDS = ["info", "export", "tiers", "cascade", "reach", "prospects", "spread", "seeds", "centrality",
            "community", "rank", "analyze", "compare", "report", "user"]

# Options that never change a command's result, by design.
NEUTRAL = {
    "help": "prints the help",
    "version": "prints the version",
    "threads": "results never depend on the thread count (tested elsewhere)",
    "quiet": "only stderr changes",
    "output": "where the output goes",
    "format": "the form of the output, not its content",
    "input": "the input itself",
    # A check, not a change: on a sound snapshot the result is the same; a
    # mismatching one is refused (tests/io/test_snapshot*.cpp); on raw inputs it
    # is a usage error (tests/io/test_load.cpp).
    "verify": "checks the snapshot's SHA-256; the result does not change",
    "id": "the user asked about (refnet user's second argument)",
    "html": "analyze: a second file, the HTML report; what goes in it is walked under `report`",
}

# A value per option that should change something on the fixtures (None: a switch).
VALUES = {
    "input-format": "jsonl", "lenient": None, "undirected": None, "attribution": "last", "half-life": "7",
    "no-decay": None, "at": "2023-03-01", "from": "2023-02-01", "to": "2023-03-01", "channel": "email",
    "product": "p0001", "seed": "7", "network": "wom", "nodelink-key": "edges", "repurchase": "1",
    "advocacy": "3", "converted": "1", "inactivity-days": "20", "drop-on": "none", "transitions": None,
    "no-users": None, "source": "shares", "social": "@graph", "parent": "previous", "min-size": "5", "top": "3",
    "growth-top": "3", "bucket": "week", "users": "@user", "all": None, "hops": "3", "dunbar": "2", "layer": "5",
    "ring": None, "layer-sizes": "2,5,50,150", "all-ties": None, "positive": None, "approx": None,
    "registers-log2": "4", "contacts": "2", "max": "1", "anchors": "1", "seeds": "@user", "runs": "50",
    "model": "lt", "probability": "uniform", "p": "0.5", "strength-scale": "1", "ties": "all", "k": "2",
    "epsilon": "0.5", "ell": "2", "algorithm": "degree-discount", "lower-bound": "doubling", "mc-runs": "20",
    "measure": "kcore", "damping": "0.5", "iterations": "2", "tolerance": "0.1", "unweighted": None,
    "samples": "5", "resolution": "3", "ground-truth": "@labels", "weights": "reach=1", "influence-sets": "500",
    "influence-target": "300000", "influence-k": "2", "sections": "tiers", "skip": "tiers", "vs": "2023-06-01",
    "no-reach": None, "bom": None, "gexf-version": "1.2", "title": "T", "pages": "3", "trees": "1", "tree-nodes": "5",
    "network-nodes": "5", "network-edges": "5", "export": "nodelink", "radius": "2",
    # Event tables (issue 17): on the generated log a column mapping that moves ts is read (and fails the rows),
    # ignoring shares changes every network, milliseconds move every event to January 1970.
    "columns": "ts=amount", "types": "share=ignore", "mapping": "@mapping", "ts-unit": "ms",
    "timezone": "Asia/Shanghai", "trim-ids": "no", "delimiter": ";", "quote": "'", "query": "SELECT 1",
    "table": "events",
}

# Values for one command where the general one would not matter there.
VALUES_BY_COMMAND = {
    ("prospects", "anchors"): "1",
    ("reach", "dunbar"): "3",
    # cascade follows referrals (--from auto): ignoring shares leaves them as they are.
    ("cascade", "types"): "referral=ignore",
    ("cascade", "mapping"): "@referrals_mapping",
}

# Options that apply to the command and input but whose effect this small
# fixture cannot show; each names the test that shows it elsewhere.
APPLIES_WITHOUT_EFFECT_HERE = {
    ("reach", "all"): "states the default (every user): kept for scripts that say so",
    ("prospects", "all-ties"): "the Dunbar cap binds nobody in 400 users; tests/algo/reach/test_prospects.cpp",
    ("prospects", "layer-sizes"): "the layers bind nobody here; tests/algo/reach/test_reach.cpp (layer filters)",
    ("reach", "layer-sizes"): "needs --layer (refused alone); with --layer: tests/algo/reach/test_reach.cpp",
    ("tiers", "attribution"): "no referee here converts differently under last touch; tests/events/test_network.cpp",
    ("compare", "half-life"): "reach counts ties, not strengths, unless the Dunbar cap binds; tests/events/test_window.cpp",
    ("compare", "no-decay"): "as --half-life",
    ("prospects", "attribution"): "changes the referral forest, hence tiers; no tier here depends on it",
    ("rank", "attribution"): "as for tiers",
    ("analyze", "attribution"): "as for tiers",
    ("prospects", "layer", "graph"): "the graph fixture's users have fewer than 5 ties",
    ("prospects", "positive", "graph"): "the graph fixture has no negative tie",
    ("info", "attribution"): "no competing referral here",
    ("export", "attribution"): "no competing referral here",
    ("cascade", "attribution"): "no competing referral here",
    ("reach", "ts-unit", "log"): "as milliseconds the log's span shrinks a thousandfold (ages near 0, so decay "
                                 "weighs ties about by count), which here moves no tie across the Dunbar cap; "
                                 "units: tests/io/test_event_tables.cpp",
}

# The generated log has unix-second times (absolute), no spaces around ids and no quotes.
for _command in COMMANDS:
    APPLIES_WITHOUT_EFFECT_HERE[(_command, "timezone", "log")] = \
        "the log's times are unix seconds, absolute; naive times: tests/io/test_event_tables.cpp"
    APPLIES_WITHOUT_EFFECT_HERE[(_command, "trim-ids", "log")] = \
        "no id has surrounding spaces here; tests/io/test_event_tables.cpp (ids)"
    APPLIES_WITHOUT_EFFECT_HERE[(_command, "quote", "log")] = \
        "no field is quoted here; tests/io/test_event_tables.cpp (CSV in full)"

# Options a command needs in every run (baseline included), per command.
REQUIRED = {
    "reach": ["--dunbar", "2"],  # so that tie order (strength) matters on a small fixture
    "spread": ["--seeds", "@user"],
    "compare": ["--at", "2023-03-01", "--vs", "2023-06-01"],
    "user": ["@user"],
    # Without --to export refuses every run, and none of its options would be walked.
    "export": ["--to", "nodelink"],
}

# Options whose effect shows only with another form than the baseline's (there
# they are usage errors saying why, which the walk above accepts): each pair of
# runs must differ, in stdout or in the file named by -o @out.
FORM_PAIRS = [
    (["export", "@log", "--to", "gexf"], ["--gexf-version", "1.2"]),
    (["export", "@log", "--to", "nodelink"], ["--nodelink-key", "both"]),
    (["export", "@log", "--to", "csv", "-o", "@out"], ["--bom"]),
    (["user", "@log", "@user", "--export", "gexf"], ["--gexf-version", "1.2"]),
    (["reach", "@log", "--format", "csv"], ["--bom"]),
    (["tiers", "@log", "--format", "csv"], ["--bom"]),
    (["community", "@log", "--format", "csv"], ["--bom"]),
]


def options_of(refnet, command):
    text = subprocess.run([refnet, command, "--help"], capture_output=True, text=True).stdout
    names = []
    for line in text.splitlines():
        m = re.match(r"^\s+(?:-\w \[ )?--([a-z0-9-]+)", line)
        if m and m.group(1) not in names:
            names.append(m.group(1))
    return names


# A fixed `generated` time in HTML reports, so that two runs differ only by their options.
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def run(refnet, args, subst):
    args = [subst.get(a, a) for a in args]
    p = subprocess.run([refnet] + args + ["--quiet"], capture_output=True, text=True, env=ENV)
    return p.returncode, p.stdout, p.stderr


def result_of(out):
    try:
        doc = json.loads(out)
        return json.dumps(doc.get("result"), sort_keys=True) if isinstance(doc, dict) and "result" in doc else out
    except ValueError:
        return out


def main():
    refnet, tmp = sys.argv[1], sys.argv[2]
    os.makedirs(tmp, exist_ok=True)
    log = os.path.join(tmp, "log.csv.gz")
    snap = os.path.join(tmp, "log.refnet")
    graph = os.path.join(tmp, "graph.txt")
    labels = os.path.join(tmp, "labels.txt")
    subprocess.run([refnet, "gen", "--users", "400", "--days", "150", "--seed", "3", "-o", log, "--quiet"], check=True)
    subprocess.run([refnet, "build", log, "-o", snap, "--quiet"], check=True, capture_output=True)
    write_weighted_graph(graph)
    write_labels(labels)
    mapping = os.path.join(tmp, "shares.mapping")
    with open(mapping, "w") as f:
        f.write("types share=ignore\n")
    referrals_mapping = os.path.join(tmp, "referrals.mapping")
    with open(referrals_mapping, "w") as f:
        f.write("types referral=ignore\n")
    dirty = os.path.join(tmp, "dirty.csv")
    with open(dirty, "w") as f:
        text = subprocess.run(["gzip", "-dc", log], capture_output=True, text=True, check=True).stdout
        lines = text.splitlines()
        f.write("\n".join(lines[:50] + ["purchase,,,notatime,,,,"] + lines[50:]) + "\n")
    inputs = {"log": log, "snapshot": snap, "graph": graph}
    first_user = {"log": "u000001", "snapshot": "u000001", "graph": "1"}
    # A user id that exists in each input.
    info = json.loads(subprocess.run([refnet, "rank", log, "--top", "1", "--quiet", "--weights", "influence=0"],
                                     capture_output=True, text=True, check=True).stdout)
    first_user["log"] = first_user["snapshot"] = info["result"]["top"][0]["id"]
    violations = []
    checked = 0
    for command in COMMANDS:
        for kind, path in inputs.items():
            subst = {"@user": first_user[kind], "@graph": graph, "@labels": labels, "@mapping": mapping,
                     "@referrals_mapping": referrals_mapping}
            base_args = [command, path] + REQUIRED.get(command, [])
            code, out, err = run(refnet, base_args, subst)
            if code != 0:
                continue  # the command does not take this input at all (said so, exit != 0)
            baseline = result_of(out)
            for name in options_of(refnet, command):
                if name in NEUTRAL or name in [a.lstrip("-") for a in REQUIRED.get(command, []) if a.startswith("--")]:
                    continue
                if (command, name) in APPLIES_WITHOUT_EFFECT_HERE or (command, name, kind) in APPLIES_WITHOUT_EFFECT_HERE:
                    continue
                value = VALUES_BY_COMMAND.get((command, name), VALUES.get(name, ""))
                if name == "lenient":
                    # On a clean input nothing is skipped: check it on one with a bad row.
                    if kind != "log":
                        code, out, err = run(refnet, base_args + ["--lenient"], subst)
                        if code == 0 and kind == "snapshot":
                            violations.append(f"{command} snapshot --lenient: accepted on a snapshot")
                        continue
                    dirty_args = [command, dirty] + REQUIRED.get(command, [])
                    bad, _, _ = run(refnet, dirty_args, subst)
                    ok, _, _ = run(refnet, dirty_args + ["--lenient"], subst)
                    checked += 1
                    if not (bad == 3 and ok == 0):
                        violations.append(f"{command} --lenient: a bad row gives exit {bad}, with --lenient {ok}")
                    continue
                if name not in VALUES:
                    violations.append(f"{command} --{name}: no test value in option_walk.py")
                    continue
                args = base_args + [f"--{name}"] + ([] if value is None else [value])
                code, out, err = run(refnet, args, subst)
                checked += 1
                if code != 0:
                    if not err.strip():
                        violations.append(f"{command} {kind} --{name}: exit {code} without a message")
                    continue
                if result_of(out) == baseline:
                    violations.append(f"{command} {kind} --{name} {'' if value is None else value}: accepted, "
                                      "and the result is the same as without it")
    for base, option in FORM_PAIRS:
        outputs = []
        for i, args in enumerate([base, base + option]):
            out_file = os.path.join(tmp, f"pair{i}.out")
            subst = {"@log": log, "@user": first_user["log"], "@out": out_file}
            code, out, err = run(refnet, args, subst)
            checked += 1
            if code != 0:
                violations.append(f"{' '.join(args)}: exit {code}: {err.strip()}")
            body = out
            if "@out" in args:
                with open(out_file, "rb") as f:
                    body = f.read()
            outputs.append(body)
        if outputs[0] == outputs[1]:
            violations.append(f"{' '.join(base + option)}: accepted, and the output is the same as without {option[0]}")
    for v in violations:
        print(v)
    print(f"option_walk: {checked} option runs, {len(violations)} silently ignored", file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
