#!/usr/bin/env python3
"""Every export loads, unedited, in the Python consumers it is made for.

    check_python.py REFNET TMPDIR SCHEMA_DIR

Builds a small shop (ids with Chinese characters, markup, a formula starter)
through the CLI, exports it in every format and loads each file with the
installed networkx (Debian 12: 2.8.8) and python-igraph, reads the CSV tables
the way a spreadsheet would, and validates both GEXF versions with xmllint
against the schemas in SCHEMA_DIR. The expected graph is worked out by hand
below. networkx 3.x is not installable here (Debian ships 2.8); its reader
takes the edge array from "edges" (3.6 default) or links= / edges= keywords,
which the "edges" and "both" files are checked against through 2.8's link=.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

REFNET, TMP, SCHEMAS = sys.argv[1:4]
os.makedirs(TMP, exist_ok=True)

# The shop (shop.csv beside this script, shared with check_js.sh), by hand:
#   张伟 refers 李娜 (who buys: acquired through 张伟), 李娜 refers a&b (who buys),
#   =cmd signs up on their own; word of mouth: 张伟 -> 李娜 (the referral, also
#   a WOM event), 李娜 -> a&b (referral), a&b -> =cmd (share), =cmd -> 张伟 (review).
# Users 4; WOM ties 4; acquisition edges 2 (李娜 by 张伟, a&b by 李娜); both: 6 edges,
# two pairs with a WOM tie beside a referral.
USERS = ["张伟", "李娜", "a&b", "=cmd"]
log = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shop.csv")
net = os.path.join(TMP, "shop.refnet")
subprocess.run([REFNET, "build", log, "-o", net, "--quiet"], check=True, capture_output=True)


def export(name, *args):
    path = os.path.join(TMP, name)
    subprocess.run([REFNET, "export", net, "-o", path, "--quiet", *args], check=True)
    return path


failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


import networkx as nx  # noqa: E402


def check_nx(G, name):
    check(G.is_directed(), f"{name}: directed")
    check(G.number_of_nodes() == 4, f"{name}: 4 nodes, got {G.number_of_nodes()}")
    check(G.number_of_edges() == 6, f"{name}: 6 edges, got {G.number_of_edges()}")
    labels = sorted(d["label"] for _, d in G.nodes(data=True))
    check(labels == sorted(USERS), f"{name}: labels {labels}")
    kinds = sorted(d["kind"] for _, _, d in G.edges(data=True))
    check(kinds == ["referral", "referral", "wom", "wom", "wom", "wom"], f"{name}: kinds {kinds}")


# node-link: the default call of each networkx, with the key it reads.
nl_links = json.load(open(export("links.json", "--to", "nodelink"), encoding="utf-8"))
check_nx(nx.node_link_graph(nl_links), "nodelink links, networkx 2.8 default call")
nl_edges = json.load(open(export("edges.json", "--to", "nodelink", "--nodelink-key", "edges"), encoding="utf-8"))
check("links" not in nl_edges and len(nl_edges["edges"]) == 6, "nodelink edges: only the edges key")
check_nx(nx.node_link_graph(nl_edges, link="edges"), "nodelink edges (networkx 3.6 default key)")
nl_both = json.load(open(export("both.json", "--to", "nodelink", "--nodelink-key", "both"), encoding="utf-8"))
check(nl_both["links"] == nl_both["edges"], "nodelink both: the same array under both keys")
check_nx(nx.node_link_graph(nl_both), "nodelink both, default call")
check_nx(nx.node_link_graph(nl_both, link="edges"), "nodelink both, edges key")

# GEXF: 1.2 reads in networkx 2.8 as written; 1.3 is refused by 2.8 (it knows up to 1.2draft).
g12 = export("shop12.gexf", "--to", "gexf", "--gexf-version", "1.2")
check_nx(nx.read_gexf(g12), "gexf 1.2")
g13 = export("shop13.gexf", "--to", "gexf")
if "1.3" in getattr(nx.readwrite.gexf.GEXF, "versions", {}):
    check_nx(nx.read_gexf(g13), "gexf 1.3")
# xmllint comes from libxml2-utils (scripts/setup.sh installs it); without it
# this part is skipped with a warning, the rest of the check still runs.
if shutil.which("xmllint") is None:
    print("WARNING: no xmllint (Debian's libxml2-utils): the GEXF schema checks are skipped")
else:
    for path, xsd in ((g12, "gexf-1.2draft.xsd"), (g13, "gexf-1.3.xsd")):
        r = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(SCHEMAS, xsd), path],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"{os.path.basename(path)} against {xsd}: {r.stderr.strip()}")
    # The schemas are strict: the 1.3-only edge kind fails the 1.2draft schema.
    wrong = os.path.join(TMP, "wrong.gexf")
    with open(wrong, "w", encoding="utf-8") as f:
        f.write(open(g13, encoding="utf-8").read().replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
                .replace('version="1.3"', 'version="1.2"'))
    r = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(SCHEMAS, "gexf-1.2draft.xsd"), wrong],
                       capture_output=True, text=True)
    check(r.returncode != 0 and "kind" in r.stderr, "the 1.2draft schema refuses a 1.3 edge kind")

# GraphML: networkx and igraph.
gml = export("shop.graphml", "--to", "graphml")
check_nx(nx.read_graphml(gml), "graphml networkx")
import igraph  # noqa: E402

ig = igraph.Graph.Read_GraphML(gml)
check(ig.is_directed() and ig.vcount() == 4 and ig.ecount() == 6, f"graphml igraph: {ig.summary()}")
check(sorted(ig.vs["label"]) == sorted(USERS), f"igraph labels {ig.vs['label']}")
check(sorted(ig.es["kind"]) == ["referral", "referral", "wom", "wom", "wom", "wom"], "igraph kinds")
# igraph from node-link JSON, the way its docs build a graph from dicts.
ig2 = igraph.Graph.DictList(vertices=nl_links["nodes"], edges=nl_links["links"], directed=True,
                            vertex_name_attr="id", edge_foreign_keys=("source", "target"))
check(ig2.vcount() == 4 and ig2.ecount() == 6, "igraph DictList from node-link")

# Spreadsheets: --bom, the referrer as a user id, the leader's id.
nodes_csv = export("shop.csv", "--to", "csv", "--bom")
raw = open(nodes_csv, "rb").read()
check(raw.startswith(b"\xef\xbb\xbf"), "csv --bom: starts with the byte-order mark")
check(open(nodes_csv.replace(".csv", ".edges.csv"), "rb").read().startswith(b"\xef\xbb\xbf"), "edges csv --bom")
rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
by_label = {r["Label"]: r for r in rows}
check(by_label["李娜"]["referrer"] == "张伟", f"csv referrer is the user id: {by_label['李娜']}")
check(by_label["a&b"]["referrer"] == "李娜", "csv referrer of a&b")
check(by_label["'=cmd"]["referrer"] == "", "csv: =cmd has no referrer (and its label is formula-guarded)")
plain = open(export("plain.csv", "--to", "csv"), "rb").read()
check(not plain.startswith(b"\xef\xbb\xbf"), "csv without --bom has no byte-order mark")
r = subprocess.run([REFNET, "export", net, "--to", "gexf", "--bom", "-o", os.path.join(TMP, "x.gexf")],
                   capture_output=True, text=True)
check(r.returncode == 2 and "--bom" in r.stderr, "--bom with --to gexf is refused")

comm = subprocess.run([REFNET, "community", net, "--format", "csv", "--quiet", "--bom"], capture_output=True,
                      check=True).stdout
check(comm.startswith(b"\xef\xbb\xbf"), "community --format csv --bom")
crow = list(csv.DictReader(io.StringIO(comm.decode("utf-8-sig"))))
check(set(crow[0]) == {"id", "community", "leader", "is_leader"}, f"community csv columns {list(crow[0])}")
ids = {r["id"] for r in crow}
for r in crow:
    check(r["leader"] in ids, f"community leader {r['leader']!r} is a user id")
    check((r["is_leader"] == "1") == (r["leader"] == r["id"]), f"is_leader matches leader: {r}")
leaders = {r["community"]: r["leader"] for r in crow}
for r in crow:
    check(leaders[r["community"]] == r["leader"], "one leader per community")

for f in failures:
    print("FAIL:", f)
print(f"python consumers: networkx {nx.__version__}, igraph {igraph.__version__}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
