#!/usr/bin/env python3
"""Every command's JSON output validates against its schema in schemas/, and every
field a schema declares appears in some output.

Runs every command of REFNET_COMMANDS (passed in by CMake, so a new command without
runs here fails) on the demo event log, its snapshot, a graph file, a cascade file
and two edge cases (an empty network, a network of one user), with the option
variants that change the shape of the output (analyze --sections subsets, --all,
--transitions, --users, --approx, every centrality measure, every seeds algorithm,
every JSON export form, --format ndjson), and checks with Debian's python3-jsonschema
(draft 2020-12):

  1. each document validates against schemas/<command>.schema.json (the exports
     against export-<form>.schema.json, build's report against build.schema.json,
     ndjson lines against ndjson.schema.json and, re-assembled, the command's schema);
     the schemas are strict (required, additionalProperties false), so an output
     that gains a field or loses a required one fails here;
  2. coverage: every property a schema declares is present in at least one output,
     so a field an output no longer writes (or a schema entry for a field that was
     never written) fails here too, naming the field and the schema file.

It also writes each document it checked under TMPDIR/outputs with a manifest, for
the ajv check (tests/schemas/ajv_validate.mjs) to validate the same documents.

    validate_outputs.py REFNET SCHEMA_DIR DEMO_LOG TMPDIR COMMAND...
"""
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import time

import jsonschema
from jsonschema import Draft202012Validator
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from graph_fixtures import write_labels, write_weighted_graph  # noqa: E402

try:  # jsonschema >= 4.18 has the referencing library; Debian 12's 4.10 has only RefResolver
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from jsonschema import RefResolver
except ImportError:  # pragma: no cover
    RefResolver = None


def load_schemas(schema_dir):
    schemas = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name)) as f:
                schemas[name] = json.load(f)
    return schemas


def index_subschemas(schemas):
    """id(subschema dict) -> (file, JSON pointer): to name where an error or a field is."""
    where = {}

    def walk(node, file, pointer):
        if isinstance(node, dict):
            where[id(node)] = (file, pointer or "/")
            for k, v in node.items():
                walk(v, file, pointer + "/" + str(k).replace("~", "~0").replace("/", "~1"))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, file, pointer + "/" + str(i))

    for file, schema in schemas.items():
        walk(schema, file, "")
    return where


class Checker:
    def __init__(self, schema_dir):
        self.schemas = load_schemas(schema_dir)
        self.where = index_subschemas(self.schemas)
        self.seen = set()  # (id(properties dict), property name)
        store = {}
        for name, schema in self.schemas.items():
            store[schema["$id"]] = schema
        self.store = store
        seen = self.seen
        base_properties = Draft202012Validator.VALIDATORS["properties"]

        def properties(validator, props, instance, schema):
            if validator.is_type(instance, "object"):
                for name in props:
                    if name in instance:
                        seen.add((id(props), name))
            yield from base_properties(validator, props, instance, schema)

        self.Validator = jsonschema.validators.extend(Draft202012Validator, {"properties": properties})
        # A $ref to a whole schema file meets its "$schema" and would switch back to the
        # plain validator class (no coverage): make ours the one for draft 2020-12.
        jsonschema.validators.validates("https://json-schema.org/draft/2020-12/schema")(self.Validator)
        for name, schema in self.schemas.items():
            Draft202012Validator.check_schema(schema)

    def validate(self, doc, schema_file):
        schema = self.schemas[schema_file]
        resolver = RefResolver(schema["$id"], schema, store=self.store)
        v = self.Validator(schema, resolver=resolver)
        problems = []
        for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            # The innermost errors of anyOf/oneOf say more than "is not valid under any".
            leaves = [e]
            while leaves and leaves[0].context:
                leaves = sorted(leaves[0].context, key=lambda c: -len(c.absolute_path))[:3]
            for leaf in leaves:
                file, pointer = self.where.get(id(leaf.schema), (schema_file, "?"))
                path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in leaf.absolute_path) or "(top)"
                problems.append(f"{path}: {leaf.message} (schemas/{file}#{pointer})")
        return problems

    def unseen(self):
        """Declared properties no output had: 'schemas/FILE#POINTER/NAME'."""
        out = []
        for file, schema in self.schemas.items():
            def walk(node, pointer):
                if isinstance(node, dict):
                    props = node.get("properties")
                    if isinstance(props, dict) and not pointer.endswith("/$defs"):
                        for name, sub in props.items():
                            if sub is False:
                                continue  # a field forbidden there ("sign": false), not one declared
                            if (id(props), name) not in self.seen:
                                out.append((file, f"{pointer}/properties/{name}", name))
                    for k, v in node.items():
                        walk(v, pointer + "/" + k)
                elif isinstance(node, list):
                    for i, v in enumerate(node):
                        walk(v, pointer + f"/{i}")
            walk(schema, "")
        return out


def shortened(doc, keep=300):
    """The document with each long array cut to its first and last rows: python-jsonschema
    takes about a millisecond a row, and the rows of a per-user array all have one schema.
    (ajv checks the whole documents.)"""
    if isinstance(doc, list):
        rows = doc if len(doc) <= keep else doc[: keep - 50] + doc[-50:]
        return [shortened(r, keep) for r in rows]
    if isinstance(doc, dict):
        if len(doc) > keep:  # keyed by user (components --users): the same cut
            items = list(doc.items())
            return {k: shortened(v, keep) for k, v in items[: keep - 50] + items[-50:]}
        return {k: shortened(v, keep) for k, v in doc.items()}
    return doc


def ndjson_to_document(lines):
    """The document --format ndjson stands for: the header with each streamed array's rows put back."""
    header = json.loads(lines[0])
    rows = {a["pointer"]: [] for a in header["ndjson"]["arrays"]}
    for line in lines[1:]:
        row = json.loads(line)
        rows[row["array"]].append(row["row"])
    doc = json.loads(lines[0])
    del doc["ndjson"]
    for pointer, items in rows.items():
        parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
        node = doc
        for p in parts[:-1]:
            node = node[p]
        node[parts[-1]] = items
    return header, doc


# Commands whose output is not a JSON document, and why.
NOT_JSON = {
    "report": "writes one self-contained HTML page (--format html only); the data inside it is the "
              "page's own, read by the bundled front-end (docs/report.md)",
}


def main():
    refnet, schema_dir, demo, tmp = sys.argv[1:5]
    commands = sys.argv[5:]
    os.makedirs(tmp, exist_ok=True)
    outdir = os.path.join(tmp, "outputs")
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        os.remove(os.path.join(outdir, f))
    checker = Checker(schema_dir)

    def sh(args, quiet=True):
        # Two threads: the suite runs tests side by side on a small machine.
        extra = (["--quiet"] if quiet else []) + ["--threads", "2"]
        return subprocess.run([refnet] + args + extra, capture_output=True, text=True)

    # Fixtures. The graph: 40 vertices with weights; the cascade file: four cascades
    # over users of the graph (so --social finds parents); the one-user log.
    snap = os.path.join(tmp, "demo.refnet")
    graph = os.path.join(tmp, "graph.txt")
    labels = os.path.join(tmp, "labels.txt")
    casc = os.path.join(tmp, "cascades.txt")
    one = os.path.join(tmp, "one.csv")
    write_weighted_graph(graph)
    write_labels(labels)
    # An edge list without weights: its ties have no strengths, so the default
    # Dunbar cap is not applied and the outputs say so (dunbar_cap, reach_ties).
    unweighted = os.path.join(tmp, "unweighted.txt")
    with open(unweighted, "w") as f:
        for u in range(30):
            f.write(f"{u} {(u + 1) % 30}\n{u} {(u + 7) % 30}\n")  # no pair twice: every tie weighs 1
    with open(casc, "w") as f:
        f.write("0 10,12 11,5 15,19 16,26 20\n")
        f.write("3 1,26 2,33 4\n")
        f.write("7 100,14 150,21 151,28 152,35 200,2 260\n")
        f.write("9 5\n")
    # A referral cycle: a refers b, b buys; then b refers a, a buys (a would be its own
    # descendant): the referral forest reports the anomaly.
    anomaly = os.path.join(tmp, "cycle.csv")
    with open(anomaly, "w") as f:
        f.write("type,src,dst,ts,product,amount,sentiment,channel\n")
        f.write("referral,a,b,100,,,,email\npurchase,b,,110,p1,5,,\nreferral,b,a,120,,,,email\n"
                "purchase,a,,130,p1,5,,\n")
    with open(one, "w") as f:
        f.write("type,src,dst,ts,product,amount,sentiment,channel\n")
        f.write("signup,solo,,1672541175,,,,direct\npurchase,solo,,1672541200,p1,10,,direct\n")
    # An event table in SQLite (issue 17): the envelope gains the query and the parse report
    # the rows of ignored types.
    db = os.path.join(tmp, "one.sqlite")
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE events (event_type TEXT, user_id TEXT, ts INTEGER, product TEXT, amount REAL)")
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                    [("signup", "solo", 1672541175, None, None), ("view", "solo", 1672541190, None, None),
                     ("purchase", "solo", 1672541200, "p1", 10.0)])
    con.commit()
    con.close()
    table = ["--columns", "type=event_type,src=user_id", "--types", "view=ignore"]
    built = sh(["build", demo, "-o", snap])
    if built.returncode != 0:
        print(built.stderr)
        return 1
    with gzip.open(demo, "rt") as f:
        next(f)
        a_user = next(f).split(",")[1]
    empty = ["--from", "2030-01-01"]  # a window with nothing in it: a network of 0 users

    A = ["top_referrers", "cascades", "super_users", "reach", "tiers", "influence"]
    runs = {c: [] for c in commands}

    def add(command, *args, schema=None, form="json"):
        runs.setdefault(command, []).append((list(args), schema or f"{command}.schema.json", form))

    add("gen", "--users", "50", "--days", "30", "-o", os.path.join(tmp, "gen.csv"))
    add("gen", "--rmat", "6", "-o", os.path.join(tmp, "gen.txt"))
    for src in [demo, graph, casc, one]:
        add("build", src, "-o", os.path.join(tmp, "b.refnet"), form="report")
    for src in [demo, snap, graph, casc, one]:
        add("info", src)
    add("info", demo, *empty)
    add("info", demo, demo)
    add("info", anomaly)
    add("info", db, "--table", "events", *table)
    add("build", db, "--query", "SELECT * FROM events ORDER BY ts", *table, "-o", os.path.join(tmp, "b.refnet"),
        form="report")
    add("analyze", anomaly)
    for to in ["nodelink", "cytoscape", "graphology"]:
        for src in [demo, graph, one]:
            add("export", src, "--to", to, schema=f"export-{to}.schema.json")
        add("export", demo, *empty, "--to", to, schema=f"export-{to}.schema.json")
    add("export", demo, "--to", "nodelink", "--nodelink-key", "edges", schema="export-nodelink.schema.json")
    add("export", demo, "--to", "nodelink", "--nodelink-key", "both", schema="export-nodelink.schema.json")
    add("export", demo, "--to", "nodelink", "--network", "wom", schema="export-nodelink.schema.json")
    add("export", demo, "--to", "cytoscape", "--network", "referral", schema="export-cytoscape.schema.json")
    for src in [demo, snap, one]:
        add("tiers", src)
    add("tiers", demo, "--transitions")
    add("tiers", demo, "--no-users")
    add("tiers", demo, *empty)
    add("tiers", demo, "--transitions", "--format", "ndjson", form="ndjson")
    for src in [demo, snap, one]:
        add("cascade", src)
    add("cascade", demo, "--source", "shares", "--bucket", "week")
    add("cascade", demo, *empty)
    add("cascade", casc)
    add("cascade", casc, "--social", graph)
    add("cascade", casc, "--social", graph, "--parent", "root")
    for src in [demo, graph, one]:
        add("reach", src)
    add("reach", demo, "--approx")
    add("reach", demo, "--users", a_user, "--hops", "3")
    add("reach", demo, "--no-users")
    add("reach", demo, "--layer", "15", "--ring")
    add("reach", demo, *empty)
    add("reach", demo, "--format", "ndjson", form="ndjson")
    add("reach", unweighted, "--input-format", "snap")
    add("reach", unweighted, "--input-format", "snap", "--approx")
    add("info", unweighted, "--input-format", "snap")
    add("rank", unweighted, "--input-format", "snap")
    add("user", unweighted, "1", "--input-format", "snap")
    add("analyze", unweighted, "--input-format", "snap")
    for src in [demo, graph, one]:
        add("prospects", src)
    add("prospects", demo, *empty)
    for src, seed in [(demo, a_user), (graph, "1"), (one, "solo")]:
        add("spread", src, "--seeds", seed, "--runs", "200")
    add("spread", demo, "--seeds", a_user, "--runs", "200", "--model", "lt")
    for alg in ["imm", "opim-c", "degree-discount"]:
        add("seeds", demo, "-k", "3", "--algorithm", alg)
    add("seeds", demo, "-k", "3", "--algorithm", "celf", "--mc-runs", "50")
    add("seeds", graph, "-k", "2")
    add("seeds", one, "-k", "1")
    for measure in ["pagerank", "kcore", "betweenness"]:
        add("centrality", graph, "--measure", measure, "--all")
    add("centrality", demo, "--measure", "pagerank")
    add("centrality", demo, "--measure", "kcore")
    add("centrality", demo, "--measure", "betweenness", "--samples", "20")  # exact: on the graph (40 s here)
    add("centrality", one)
    add("centrality", demo, *empty)
    add("centrality", demo, "--all", "--format", "ndjson", form="ndjson")
    for src in [demo, graph, one]:
        add("community", src)
    add("community", graph, "--ground-truth", labels, "--all")
    add("community", demo, "--all")
    add("community", demo, *empty)
    for src in [demo, snap, graph, one]:
        add("rank", src)
    add("rank", demo, "--all")
    add("rank", demo, "--all", "--format", "ndjson", form="ndjson")
    for src in [demo, graph, one]:
        add("components", src)
    add("components", demo, "--users", "--kind", "strong")
    add("components", graph, "--users", "--kind", "weak")
    add("components", demo, *empty)
    add("check", snap)
    # The top super user is a prospect anchor: their page has prospects.
    top = json.loads(sh(["rank", demo, "--top", "1"]).stdout)["result"]["top"][0]["id"]
    for src, who in [(demo, a_user), (demo, top), (snap, a_user), (graph, "1"), (one, "solo")]:
        add("user", src, who)
    add("user", demo, a_user, "--at", "2023-06-01")
    for src in [demo, snap, graph, one]:
        add("analyze", src)
    add("analyze", demo, *empty)
    for s in A:
        add("analyze", demo, "--sections", s)
    add("analyze", demo, "--sections", "tiers,cascades")
    add("analyze", demo, "--skip", "influence,reach")
    add("analyze", demo, "--vs", "2023-09-01", "--at", "2023-06-01")
    add("compare", demo, "--at", "2023-03-01", "--vs", "2023-06-01")
    add("compare", snap, "--at", "2023-03-01", "--vs", "2023-06-01", "--no-reach")
    add("compare", one, "--at", "2023-01-01", "--vs", "2023-02-01")
    add("compare", demo, "--at", "2023-03-01", "--vs", "2023-06-01", "--format", "ndjson", form="ndjson")

    failures = []
    manifest = []
    durations = []
    unknown = [c for c in runs if c not in commands]
    for c in commands:
        if c in NOT_JSON:
            continue
        if not runs.get(c):
            failures.append(f"refnet {c}: no runs in tests/schemas/validate_outputs.py (a new command? add its runs and schema)")
    for c in unknown:
        failures.append(f"refnet {c}: runs here but not in REFNET_COMMANDS")
    for command in commands:
        for args, schema_file, form in runs.get(command, []):
            label = "refnet " + " ".join([command] + [os.path.relpath(a, tmp) if a.startswith(tmp) else a for a in args])
            if schema_file not in checker.schemas:
                failures.append(f"{label}: no schema file schemas/{schema_file}")
                continue
            started = time.monotonic()
            if form == "report":
                report = os.path.join(tmp, "report.json")
                p = sh([command] + args + ["--report", report])
            else:
                # gen writes its JSON report only when not --quiet (-o names the generated file).
                p = sh([command] + args, quiet=command != "gen")
            durations.append((time.monotonic() - started, label))
            if p.returncode != 0:
                failures.append(f"{label}: exit {p.returncode}: {p.stderr.strip()}")
                continue
            text = open(report).read() if form == "report" else p.stdout
            docs = []
            try:
                if form == "ndjson":
                    lines = text.splitlines()
                    header, doc = ndjson_to_document(lines)
                    for i, line in enumerate(lines[:400]):  # the rows are all checked reassembled
                        docs.append((f"{label} [line {i + 1}]", json.loads(line), "ndjson.schema.json"))
                    docs.append((f"{label} [line 1 as {schema_file}]", json.loads(lines[0]), schema_file))
                    docs.append((f"{label} [reassembled]", doc, schema_file))
                    if not any(a["pointer"] for a in header["ndjson"]["arrays"]):
                        failures.append(f"{label}: no streamed array")
                else:
                    docs.append((label, json.loads(text), schema_file))
            except (ValueError, KeyError, IndexError) as e:
                failures.append(f"{label}: not the JSON expected: {e}")
                continue
            for name, doc, schema in docs:
                for problem in checker.validate(shortened(doc), schema):
                    failures.append(f"{name}: {problem}")
                if not name.endswith("]") or name.endswith("[reassembled]") or name.endswith("[line 1]"):
                    out = os.path.join(outdir, f"{len(manifest):04d}.json")
                    with open(out, "w") as f:
                        json.dump(doc, f)
                    manifest.append({"label": name, "file": out, "schema": schema})
    with open(os.path.join(tmp, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    used = {m["schema"] for m in manifest} | {"envelope.schema.json", "common.schema.json"}
    if not failures:
        for file, pointer, name in checker.unseen():
            if file not in used:
                continue  # a schema no run here writes
            failures.append(f"field '{name}' is declared in schemas/{file}#{pointer} but no output in the tests has it: "
                            "an output lost it (say so in the schema and docs/json.md, schema_version policy), "
                            "or a run here should produce it")
    for line in failures:
        print(line)
    for seconds, label in sorted(durations, reverse=True)[:5]:
        print(f"  slowest: {seconds:.1f} s {label}", file=sys.stderr)
    print(f"validate_outputs: {len(manifest)} documents against {len(checker.schemas)} schemas, "
          f"{len(failures)} problems", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
