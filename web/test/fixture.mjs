#!/usr/bin/env node
// TEST FIXTURE builder for the refnet HTML report.
//
// Builds a data object in the shape of web/DATA.md from real refnet outputs (the sample JSON
// documents of `refnet analyze`, `cascade`, `tiers --transitions` and `rank`) plus SYNTHESISED
// parts that the C++ side does not produce yet (cascade trees, the reach histogram, the Dunbar
// layer summary, the network view, the user pages). It lets the front-end be developed and
// tested before the C++ report writer exists; the real test runs on the report the C++ makes.
// The synthesised parts are deterministic (fixed PRNG seed) and marked in `sampling.how`.
//
// usage: node test/fixture.mjs SAMPLES_DIR OUT.json [--graph-input] [--pages N] [--nodes N]
//   SAMPLES_DIR holds analyze-demo.json, cascade-demo.json, tiers-demo.json, rank-demo.json,
//   made on the demo snapshot (`make demo`) with:
//     refnet analyze  build/demo/demo.refnet -o SAMPLES_DIR/analyze-demo.json
//     refnet cascade  build/demo/demo.refnet --top 100 --growth-top 10 -o SAMPLES_DIR/cascade-demo.json
//     refnet tiers    build/demo/demo.refnet --transitions -o SAMPLES_DIR/tiers-demo.json
//     refnet rank     build/demo/demo.refnet --top 20 -o SAMPLES_DIR/rank-demo.json
//   --graph-input  drop everything a graph file (no event log) lacks: tiers, cascades, prospects
//                  by tier; checks that the page says "not available" instead of failing
//   --pages N      number of user pages (default 400); --nodes N network nodes (default 1500)

import fs from 'node:fs';
import path from 'node:path';

const positional = [];
let graphInput = false;
let wantPages = 400;
let wantNodes = 1500;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--graph-input') graphInput = true;
  else if (a === '--pages') wantPages = Number(process.argv[++i]);
  else if (a === '--nodes') wantNodes = Number(process.argv[++i]);
  else positional.push(a);
}
if (positional.length !== 2) {
  console.error('usage: node test/fixture.mjs SAMPLES_DIR OUT.json [--graph-input] [--pages N] [--nodes N]');
  process.exit(2);
}
const [samplesDir, outPath] = positional;

const read = (f) => JSON.parse(fs.readFileSync(path.join(samplesDir, f), 'utf8'));
const analyze = read('analyze-demo.json');
const cascadeDoc = read('cascade-demo.json');
const tiersDoc = read('tiers-demo.json');
const rankDoc = read('rank-demo.json');

// Deterministic PRNG (mulberry32) so the fixture, and so the screenshots, never change.
let state = 20240301;
function rand() {
  state |= 0;
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const round = (x, d = 6) => Number(x.toFixed(d));

const TIERS = ['none', 'micro', 'weak', 'strong', 'super'];
const LAYERS = [
  { layer: 'support', size: 5 },
  { layer: 'sympathy', size: 15 },
  { layer: 'affinity', size: 50 },
  { layer: 'active', size: 150 },
];
const iso = (t) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const analysis = structuredClone(analyze.result);
const tierUsers = tiersDoc.result.users;
const tierById = new Map(tierUsers.map((u) => [u.id, u]));
const allIds = tierUsers.map((u) => u.id).sort();
const T = analysis.network.build.analysis_time;

// --- analysis: the analyze result, with the lists the report wants longer -------------------
// The report shows up to 50 super users and up to 100 cascades: the C++ side runs analyze's
// pieces with --top 50 / cascade top 100 for the report. Here: rank-demo's real top 20, then 30
// synthesised ranks 21..50 (real ids of strong/super users, decreasing scores).
const weights = Object.fromEntries(rankDoc.result.components.map((c) => [c.name, c.weight]));
function synthComponents(level) {
  // level in (0,1]: how high the user ranks; percentiles fall with it.
  const comps = {};
  for (const c of rankDoc.result.components) {
    const p = Math.min(0.9999, Math.max(0.01, level - rand() * 0.12 + 0.05));
    const value =
      c.name === 'descendants' ? randInt(0, Math.round(30 * level)) :
      c.name === 'converted_referrals' ? randInt(0, Math.round(3 * level)) :
      c.name === 'reach' ? randInt(5, Math.round(120 * level) + 5) :
      c.name === 'pagerank' ? round(2e-5 + rand() * 7e-5 * level, 9) :
      c.name === 'influence' ? round(rand() * 1.4e-4 * level, 9) :
      c.name === 'tier' ? (level > 0.9 ? 4 : level > 0.7 ? 3 : randInt(0, 2)) :
      randInt(1, Math.round(18 * level) + 1);
    const avail = !(graphInput && (c.name === 'tier' || c.name === 'purchases' || c.name === 'converted_referrals'));
    comps[c.name] = { contribution: avail ? round(p * c.weight) : 0, percentile: avail ? round(p) : 0, value: avail ? value : 0 };
  }
  return comps;
}
function explanation(rank, id, score, comps) {
  const top = (p) => `top ${Math.max(1, Math.round((1 - p) * 100))}%`;
  const c = comps;
  const parts = [
    `${c.descendants.value} descendants (${top(c.descendants.percentile)})`,
    `${c.converted_referrals.value} converted referrals (${top(c.converted_referrals.percentile)})`,
    `reaches ${c.reach.value} in 2 hops (${top(c.reach.percentile)})`,
    `tier ${TIERS[c.tier.value]}`,
  ];
  return `rank ${rank}: ${id} (score ${score.toFixed(3)}): ${parts.join(', ')}`;
}
const superTop = structuredClone(rankDoc.result.top);
{
  const taken = new Set(superTop.map((t) => t.id));
  const candidates = allIds.filter((id) => !taken.has(id) && (tierById.get(id).tier >= 3));
  let score = superTop[superTop.length - 1].score;
  for (let r = superTop.length + 1; r <= 50; r++) {
    const id = candidates.splice(Math.floor(rand() * candidates.length), 1)[0];
    const comps = synthComponents(0.97 - r * 0.002);
    score = round(score - 0.001 - rand() * 0.003);
    superTop.push({ components: comps, explanation: explanation(r, id, score, comps), id, rank: r, score });
  }
}
analysis.super_users = { ...structuredClone(rankDoc.result), top: superTop };
analysis.cascades.cascades = cascadeDoc.result.cascades.map(({ growth, ...c }) => c);

if (graphInput) {
  delete analysis.tiers;
  delete analysis.cascades;
  delete analysis.top_referrers;
  for (const c of analysis.super_users.components) {
    if (['tier', 'purchases', 'converted_referrals'].includes(c.name)) c.available = false;
  }
  delete analysis.super_users.pareto.value;
  analysis.network.build.kind = 'graph';
}

// --- tier_timeline: replay every user's real transitions month by month ----------------------
function tierTimeline() {
  const months = [];
  const start = new Date(Date.UTC(2023, 0, 1));
  for (let m = 0; m < 12; m++) months.push(new Date(Date.UTC(start.getUTCFullYear(), m, 1)));
  const monthKey = (t) => new Date(t * 1000).toISOString().slice(0, 7);
  const out = months.map((d) => ({ month: d.toISOString().slice(0, 7), counts: [0, 0, 0, 0, 0], up: 0, jump: 0, drop: 0, by_cause: {} }));
  const index = new Map(out.map((o, i) => [o.month, i]));
  const ends = months.map((d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000);
  const flows = new Map();
  for (const u of tierUsers) {
    const first = Math.min(u.since, ...u.transitions.map((t) => t.ts));
    for (const t of u.transitions) {
      const i = index.get(monthKey(t.ts));
      if (i === undefined) continue;
      out[i][t.kind] += 1;
      out[i].by_cause[t.cause] = (out[i].by_cause[t.cause] || 0) + 1;
      const k = `${t.from}>${t.to}`;
      flows.set(k, (flows.get(k) || 0) + 1);
    }
    for (let i = 0; i < ends.length; i++) {
      if (first >= ends[i]) continue;
      let tier = 0;
      for (const t of u.transitions) if (t.ts < ends[i]) tier = TIERS.indexOf(t.to);
      out[i].counts[tier] += 1;
    }
  }
  const transitions = [...flows].map(([k, count]) => {
    const [from, to] = k.split('>');
    return { from, to, count };
  }).sort((a, b) => b.count - a.count);
  return { months: out, transitions };
}

// --- cascade_trees: trees shaped by each real cascade's generation sizes ---------------------
function cascadeTrees(count) {
  const trees = [];
  const used = new Set();
  for (const c of cascadeDoc.result.cascades.slice(0, count)) {
    // Times: the real per-cascade growth buckets, one node per "new" arrival, spread in the day.
    const times = [];
    for (const b of c.growth) for (let i = 0; i < b.new; i++) times.push(b.bucket_start + Math.floor(rand() * 86400));
    times.sort((a, b) => a - b);
    times[0] = c.start;
    const nodes = [{ id: c.root, parent: -1, t: c.start }];
    used.add(c.root);
    let prevGen = [0];
    let k = 1;
    for (let g = 1; g < c.generations.length; g++) {
      const gen = [];
      for (let i = 0; i < c.generations[g]; i++) {
        // Preferential: earlier members of the previous generation refer more.
        const parent = prevGen[Math.floor(Math.pow(rand(), 1.6) * prevGen.length)];
        let id;
        do id = pick(allIds); while (used.has(id));
        used.add(id);
        nodes.push({ id, parent, t: Math.max(times[Math.min(k, times.length - 1)], nodes[parent].t + 3600) });
        gen.push(nodes.length - 1);
        k++;
      }
      prevGen = gen;
    }
    trees.push({
      root: c.root, size: c.size, depth: c.depth, max_breadth: c.max_breadth,
      structural_virality: c.structural_virality, start: c.start, start_iso: c.start_iso,
      duration_seconds: c.duration_seconds, nodes, omitted: 0,
    });
  }
  return trees;
}

// --- reach_histogram: 2-hop reach, consistent with the real quantiles -------------------------
function reachHistogram() {
  const r = analysis.reach;
  const q = r.distribution.per_hop.find((h) => h.hop === r.hops);
  const n = r.distribution.users;
  const over = r.distribution.over_dunbar.users;
  const knots = [[0, 0], [0.5, q.median], [0.75, q.p75], [0.9, q.p90], [0.99, q.p99], [1 - over / n, 150], [1, q.max]];
  const inv = (u) => {
    for (let i = 1; i < knots.length; i++) {
      if (u <= knots[i][0]) {
        const [u0, x0] = knots[i - 1];
        const [u1, x1] = knots[i];
        return x0 + ((u - u0) / (u1 - u0)) * (x1 - x0);
      }
    }
    return q.max;
  };
  const width = 10;
  const bins = [{ from: 0, to: 0, users: 0 }];
  for (let f = 1; f <= q.max; f += width) bins.push({ from: f, to: f + width - 1, users: 0 });
  for (let i = 0; i < n; i++) {
    const x = Math.round(inv((i + 0.5) / n));
    const b = x === 0 ? 0 : 1 + Math.floor((x - 1) / width);
    bins[Math.min(b, bins.length - 1)].users += 1;
  }
  return { hops: r.hops, ties: r.ties, bins };
}

// --- dunbar: how full the layers are, over all users ------------------------------------------
function dunbarSummary() {
  const n = analysis.network.summary.users;
  const share = [0.46, 0.31, 0.17, 0.06];
  return {
    cap: 150,
    layers: LAYERS.map((l, i) => ({
      ...l,
      users_full: Math.round(n * [0.21, 0.034, 0.0011, 0][i]),
      users_any: Math.round(n * [0.49, 0.21, 0.034, 0.0011][i]),
      strength_share: share[i],
      negative_share: round([0.031, 0.052, 0.071, 0.09][i], 3),
    })),
  };
}

// --- network: communities' leaders and the top users' ego networks ---------------------------
function network(nodesWanted) {
  const nodes = [];
  const idx = new Map();
  const addNode = (id, community, extra = {}) => {
    if (idx.has(id)) return idx.get(id);
    const tu = tierById.get(id);
    nodes.push({
      id, community, leader: false, tier: graphInput ? null : tu ? tu.tier : 0,
      score: round(0.2 + rand() * 0.5, 4), roles: [], ...extra,
    });
    idx.set(id, nodes.length - 1);
    return nodes.length - 1;
  };
  const nComm = Math.max(8, Math.round(nodesWanted / 38));
  const communities = [];
  const free = allIds.filter((id) => !superTop.some((s) => s.id === id));
  const edges = new Map();
  const addEdge = (s, t, w, sign) => {
    if (s === t) return;
    const k = `${s},${t}`;
    if (!edges.has(k)) edges.set(k, { s, t, w: round(w, 3), sign });
  };
  const tieSign = () => (rand() < 0.06 ? -1 : 1);
  let remaining = nodesWanted - superTop.length * 1;
  for (let c = 0; c < nComm; c++) {
    const size = Math.max(6, Math.round(remaining / (nComm - c) * (0.4 + rand() * 1.2)));
    const leaderId = free.splice(Math.floor(rand() * free.length), 1)[0];
    const leader = addNode(leaderId, c, { leader: true, roles: ['leader'], score: round(0.6 + rand() * 0.35, 4) });
    const members = [leader];
    for (let i = 1; i < size && free.length; i++) {
      const m = addNode(free.splice(Math.floor(rand() * free.length), 1)[0], c);
      // Each member hears from the leader or from an earlier member (a hub-and-spoke community).
      const src = rand() < 0.45 ? leader : pick(members);
      addEdge(src, m, 0.2 + rand() * 4, tieSign());
      if (rand() < 0.35) addEdge(m, pick(members), 0.1 + rand() * 2, tieSign());
      members.push(m);
    }
    communities.push({ community: c, size: Math.round(size * (8 + rand() * 6)), shown: members.length, leader: leaderId });
    remaining -= members.length;
  }
  const leaders = nodes.filter((n) => n.leader).map((n) => idx.get(n.id));
  for (let i = 0; i < leaders.length; i++) {
    for (let j = 0; j < 3; j++) addEdge(leaders[i], pick(leaders), 0.5 + rand() * 3, tieSign());
  }
  // Top users: each joins a community and gets an ego network of up to 25 ties.
  for (const s of superTop) {
    const c = randInt(0, nComm - 1);
    const me = addNode(s.id, c, { score: round(s.score, 4), roles: ['top'] });
    const pool = nodes.map((n, i) => i).filter((i) => nodes[i].community === c && i !== me);
    const deg = randInt(8, 25);
    for (let d = 0; d < deg; d++) {
      const other = rand() < 0.85 ? pick(pool) : randInt(0, nodes.length - 1);
      if (rand() < 0.7) addEdge(me, other, 0.5 + rand() * 6, tieSign());
      else addEdge(other, me, 0.3 + rand() * 3, tieSign());
    }
  }
  communities.sort((a, b) => b.size - a.size);
  return {
    nodes, edges: [...edges.values()], communities,
    egos: superTop.map((s) => s.id),
  };
}

// --- users: one page per sampled user ---------------------------------------------------------
function userPages(net, trees, wanted) {
  const reasons = new Map();
  const add = (id, why) => {
    if (!id) return;
    if (!reasons.has(id)) reasons.set(id, []);
    if (!reasons.get(id).includes(why)) reasons.get(id).push(why);
  };
  superTop.forEach((s) => add(s.id, 'super_user'));
  analysis.influence.seeds.forEach((s) => add(s.id, 'seed'));
  trees.forEach((t) => add(t.root, 'cascade_root'));
  (analysis.top_referrers || []).forEach((r) => add(r.id, 'top_referrer'));
  analysis.reach.top.forEach((r) => add(r.id, 'top_reach'));
  net.communities.forEach((c) => add(c.leader, 'community_leader'));
  const pool = allIds.filter((id) => !reasons.has(id));
  while (reasons.size < wanted && pool.length) add(pool.splice(Math.floor(rand() * pool.length), 1)[0], 'random_sample');

  const treeByRoot = new Map(trees.map((t) => [t.root, t]));
  const reachTop = new Map(analysis.reach.top.map((r) => [r.id, r.reach]));
  const superById = new Map(superTop.map((s) => [s.id, s]));
  const sampleIds = [...reasons.keys()];
  const users = {};
  let nextRank = 51;
  const ranksLeft = sampleIds.length;
  for (const id of sampleIds) {
    const tu = tierById.get(id);
    const su = superById.get(id);
    const page = { reasons: reasons.get(id) };
    if (!graphInput && tu) {
      page.tier = tu.tier;
      page.tier_name = tu.tier_name;
      page.since = tu.since;
      page.since_iso = tu.since_iso;
      page.transitions = tu.transitions;
    } else {
      page.tier = null;
      page.tier_name = null;
    }
    if (su) {
      Object.assign(page, { rank: su.rank, score: su.score, components: su.components, explanation: su.explanation });
    } else {
      const rank = nextRank + Math.floor(rand() * (analysis.network.summary.users / ranksLeft));
      nextRank = rank + 1;
      const level = Math.max(0.02, 1 - rank / analysis.network.summary.users);
      const comps = synthComponents(level);
      const score = round(Object.values(comps).reduce((a, c) => a + c.contribution, 0));
      Object.assign(page, { rank, score, components: comps, explanation: explanation(rank, id, score, comps) });
    }
    const ni = net.nodes.findIndex((n) => n.id === id);
    page.community = ni >= 0 ? net.nodes[ni].community : randInt(0, 40);
    // Referral: who brought them, and everyone they brought in (bounded subtree).
    const tree = treeByRoot.get(id);
    if (tree) {
      page.referral_subtree = { size: tree.size, depth: tree.depth, nodes: tree.nodes, omitted: tree.omitted };
    } else if (!graphInput) {
      const size = su ? Math.max(1, su.components.descendants.value + 1) : rand() < 0.7 ? 1 : randInt(2, 6);
      const t0 = (tu && tu.transitions[0] && tu.transitions[0].ts) || analysis.tiers.at - 3e7;
      const nodes = [{ id, parent: -1, t: t0 }];
      for (let i = 1; i < size; i++) {
        const parent = Math.floor(Math.pow(rand(), 2) * nodes.length);
        nodes.push({ id: pick(allIds), parent, t: Math.min(T, nodes[parent].t + randInt(1, 60) * 86400) });
      }
      let depth = 0;
      const d = nodes.map(() => 0);
      for (let i = 1; i < nodes.length; i++) { d[i] = d[nodes[i].parent] + 1; depth = Math.max(depth, d[i]); }
      page.referral_subtree = { size, depth, nodes, omitted: 0 };
    }
    if (!graphInput) {
      const parentTree = trees.find((t) => t.nodes.some((n, i) => i > 0 && n.id === id));
      page.referrer = parentTree ? parentTree.nodes[parentTree.nodes.find((n) => n.id === id).parent].id : null;
      page.acquired = parentTree ? parentTree.nodes.find((n) => n.id === id).t : null;
    }
    // Dunbar layers with their strongest ties (at most 10 shown per ring).
    const degree = su ? randInt(20, 66) : Math.max(0, Math.round(Math.exp(rand() * 3.2) - 1));
    let w = 3 + rand() * 6;
    let given = 0;
    page.dunbar_layers = [];
    let inner = 0;
    for (const l of LAYERS) {
      const ties = Math.max(0, Math.min(l.size, degree) - inner);
      const top = [];
      let strength = 0;
      for (let r = 0; r < ties; r++) {
        w *= 0.86 + rand() * 0.1;
        strength += w;
        if (top.length < 10) top.push({ id: pick(allIds), w: round(w, 3), sign: rand() < 0.05 ? -1 : 1, rank: inner + r + 1 });
      }
      given += ties;
      page.dunbar_layers.push({ layer: l.layer, size: l.size, ties, strength: round(strength, 3), top });
      inner = l.size;
    }
    page.ties = { out: degree, in: Math.round(degree * (0.5 + rand())), negative: Math.round(degree * 0.05) };
    const r1 = reachTop.get(id) || [Math.min(degree, 150), 0];
    page.reach = reachTop.get(id) || [r1[0], Math.round(r1[0] * (2 + rand() * 4))];
    // Prospects (anchors: super users for event logs; the top users by reach for graph inputs).
    if ((tu && tu.tier === 4 && !graphInput) || (graphInput && reachTop.has(id))) {
      const k = randInt(4, 15);
      page.prospects = [];
      let s = 2 + rand() * 4;
      for (let i = 0; i < k; i++) {
        const pid = pick(allIds);
        const ptier = graphInput ? null : pick([0, 0, 1, 1, 1, 2]);
        const rank = Math.min(150, 1 + i * randInt(1, 3));
        const layer = LAYERS.find((l) => rank <= l.size).layer;
        const reach = randInt(3, 140);
        s *= 0.85;
        page.prospects.push({
          id: pid, rank, layer, strength: round(s, 3), tier: ptier, reach, score: round(s * reach, 3),
          reasons: [
            `tie of rank ${rank} (${layer} layer), strength ${s.toFixed(2)}`,
            ...(ptier === null ? [] : [`tier ${TIERS[ptier]}: not yet an advocate (strong or super)`]),
            `reaches ${reach} users within 2 hops`,
          ],
        });
      }
      page.prospects.sort((a, b) => b.score - a.score);
    }
    users[id] = page;
  }
  return users;
}

const trees = graphInput ? [] : cascadeTrees(10);
const net = network(wantNodes);
const users = userPages(net, trees, wantPages);
const byReason = {};
for (const u of Object.values(users)) for (const r of u.reasons) byReason[r] = (byReason[r] || 0) + 1;

const env = analyze;
const data = {
  schema: 'refnet-report/1',
  title: `refnet report: ${path.basename(env.input.path)}${graphInput ? ' (graph input)' : ''} [test fixture]`,
  generated: '2026-12-01T09:48:00Z',
  envelope: {
    tool: 'refnet report', version: env.version,
    input: { path: env.input.path, sha256: env.input.sha256, n: env.input.n, m: env.input.m },
    params: { ...env.params, top: 50, user_pages: wantPages, network_nodes: wantNodes },
    seed: env.seed, threads: env.threads,
  },
  analysis,
  sampling: {
    users_total: analysis.network.summary.users,
    user_pages: Object.keys(users).length,
    user_pages_by_reason: byReason,
    network_nodes: net.nodes.length,
    network_edges: net.edges.length,
    network_nodes_total: analysis.network.summary.users,
    network_edges_total: analysis.network.summary.ties,
    cascade_trees: trees.length,
    cascade_tree_max_nodes: 2000,
    how: 'TEST FIXTURE: tiers, funnel, cascades summary, reach distribution, influence and the top 20 ' +
      'super users are real refnet outputs on the demo log; super users 21-50, cascade tree shapes, ' +
      'the reach histogram, the Dunbar summary, the network and the user pages are synthesised by ' +
      'web/test/fixture.mjs. User pages: the top 50 super users, the influence seeds, the roots of ' +
      'the largest cascades, the top referrers, the top users by reach, community leaders, then a ' +
      'uniform random sample of everyone else. Network: the leaders of the largest communities with ' +
      'members of each, plus the ego network (up to 25 strongest ties) of each top-50 super user.',
  },
  tier_timeline: graphInput ? undefined : tierTimeline(),
  cascade_trees: graphInput ? undefined : trees,
  reach_histogram: reachHistogram(),
  dunbar: dunbarSummary(),
  network: net,
  users,
};

fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
fs.writeFileSync(outPath, JSON.stringify(data));
console.error(`fixture: ${outPath} (${(fs.statSync(outPath).size / 1e6).toFixed(2)} MB, ` +
  `${data.sampling.user_pages} user pages, ${net.nodes.length} nodes, ${net.edges.length} edges)`);
