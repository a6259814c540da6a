// The JSON exports load, unedited, in graphology and Cytoscape.js (headless),
// at the versions pinned in tests/consumers/js/package-lock.json.
//
//   node check_js.mjs GRAPHOLOGY.json CYTOSCAPE.cyjs EXPECTED_NODES EXPECTED_EDGES
//
// The calls are the ones docs/export.md gives.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Graph = require("graphology");
const cytoscape = require("cytoscape");

const [graphologyPath, cytoscapePath, nodesText, edgesText] = process.argv.slice(2);
const nodes = Number(nodesText);
const edges = Number(edgesText);
const failures = [];
const check = (cond, what) => { if (!cond) failures.push(what); };

// graphology: Graph.from(serialized), and graph.import into an empty graph.
const serialized = JSON.parse(readFileSync(graphologyPath, "utf8"));
const g = Graph.from(serialized);
check(g.type === "directed", `graphology type ${g.type}`);
check(g.order === nodes && g.size === edges, `graphology: ${g.order} nodes, ${g.size} edges`);
const labels = g.mapNodes((key, a) => a.label).sort();
check(labels.includes("张伟") && labels.includes("a&b"), `graphology labels ${labels}`);
const kinds = g.mapEdges((key, a) => a.kind).sort();
check(kinds.filter((k) => k === "referral").length === 2, `graphology kinds ${kinds}`);
const imported = new Graph({ multi: true, type: "directed" });
imported.import(serialized);
check(imported.order === nodes && imported.size === edges, "graphology import()");

// Cytoscape.js: the elements member as `elements`, and cy.json(file) with the whole file.
const file = JSON.parse(readFileSync(cytoscapePath, "utf8"));
const cy = cytoscape({ headless: true, elements: file.elements });
check(cy.nodes().length === nodes && cy.edges().length === edges,
      `cytoscape elements: ${cy.nodes().length} nodes, ${cy.edges().length} edges`);
check(cy.nodes().map((n) => n.data("label")).includes("张伟"), "cytoscape labels");
check(cy.edges("[kind = 'referral']").length === 2, "cytoscape edge selector on kind");
const cy2 = cytoscape({ headless: true });
cy2.json(file);
check(cy2.nodes().length === nodes && cy2.edges().length === edges, "cytoscape cy.json(file)");

for (const f of failures) console.log("FAIL:", f);
const version = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
console.log(`js consumers: graphology ${version("graphology")}, cytoscape ${version("cytoscape")}: ` +
            `${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
