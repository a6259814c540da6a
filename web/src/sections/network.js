// The word-of-mouth network: communities' leaders and the top users' ego networks, drawn with
// sigma.js (WebGL) on a graphology graph. Pan, zoom, search by user id; negative ties in red.
// When the data carries no positions, a ForceAtlas2 layout runs in the page, in small slices
// after the section first comes into view, so it never delays opening the report.

import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { h, clear } from '../dom.js';
import { fmtInt, fmtNum, humanize } from '../format.js';
import { section, card, notAvailable, segmented, tierChip } from '../layout.js';
import { COMMUNITY_COLORS, NEGATIVE, tierColor, TIER_NAMES } from '../theme.js';
import { REASON_LABELS } from '../context.js';

const EDGE_POS = 'rgba(84,96,116,0.55)';
const EDGE_NEG = 'rgba(214,69,69,0.85)';
const FADED = '#e3e7ee';

// A search asked for before the view exists (from a user page) waits for the layout.
let findNow = null;
let pendingFind = null;
export function networkFind(id) {
  if (findNow) setTimeout(() => findNow(id), 50);
  else pendingFind = id;
}

function hash01(s) {
  // FNV-1a, for deterministic initial positions.
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) { x ^= s.charCodeAt(i); x = Math.imul(x, 16777619); }
  return ((x >>> 0) % 100000) / 100000;
}

function webglAvailable() {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') || c.getContext('webgl'));
  } catch (e) {
    return false;
  }
}

function buildGraph(net, colorOf) {
  const g = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const nodes = net.nodes;
  const hasXY = nodes.length > 0 && nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number');
  // Initial positions: communities on a golden-angle spiral, members scattered around them.
  const comms = [...new Set(nodes.map((n) => n.community))];
  const centre = new Map(comms.map((c, i) => {
    const r = 10 * Math.sqrt(i + 0.5);
    const a = i * 2.399963;
    return [c, [r * Math.cos(a), r * Math.sin(a)]];
  }));
  const scores = nodes.map((n) => (typeof n.score === 'number' ? n.score : 0));
  // Always-on labels for the leaders of the largest communities and the very top users only;
  // the rest are labelled as room allows (and on hover).
  const bigLeaders = new Set((net.communities || []).slice(0, 12).map((c) => c.leader));
  const topIds = new Set([...nodes].filter((n) => (n.roles || []).includes('top')).sort((a, b) => (b.score || 0) - (a.score || 0)).slice(0, 8).map((n) => n.id));
  const smax = Math.max(1e-9, ...scores);
  nodes.forEach((n, i) => {
    if (g.hasNode(n.id)) return;
    const [cx, cy] = centre.get(n.community) || [0, 0];
    const u = hash01(n.id);
    const v = hash01(`${n.id}#`);
    const roles = n.roles || [];
    g.addNode(n.id, {
      x: hasXY ? n.x : cx + 6 * Math.sqrt(u) * Math.cos(6.2832 * v),
      y: hasXY ? n.y : cy + 6 * Math.sqrt(u) * Math.sin(6.2832 * v),
      size: 1.2 + 4 * Math.sqrt(scores[i] / smax) + (n.leader ? 2 : 0),
      label: n.id,
      color: colorOf(n),
      forceLabel: bigLeaders.has(n.id) || topIds.has(n.id),
      zIndex: n.leader || roles.includes('top') ? 2 : 1,
      raw: n,
    });
  });
  let negatives = 0;
  for (const e of net.edges || []) {
    const s = nodes[e.s];
    const t = nodes[e.t];
    if (!s || !t || s.id === t.id || g.hasEdge(s.id, t.id)) continue;
    const neg = e.sign < 0;
    if (neg) negatives++;
    g.addEdge(s.id, t.id, {
      size: Math.min(4, 0.6 + Math.log1p(Math.abs(e.w || 1)) * 0.9),
      color: neg ? EDGE_NEG : EDGE_POS,
      negative: neg, w: e.w, zIndex: neg ? 2 : 1,
    });
  }
  return { g, hasXY, negatives };
}

export function networkSection(data, ctx) {
  const net = data.network;
  const { el, body } = section({
    id: 'network',
    title: 'Word-of-mouth network',
    lede: 'Who talks to whom: each dot is a user, each line a tie from speaker to listener; groups that talk mostly among themselves are communities, and red lines are ties that carry complaints rather than praise.',
  });
  if (!net || !Array.isArray(net.nodes) || !net.nodes.length) {
    body.appendChild(notAvailable('this report carries no network view.', 'na-network'));
    return el;
  }
  const s = data.sampling || {};
  const comms = Array.isArray(net.communities) ? net.communities : [];
  const commColor = new Map();
  comms.forEach((c, i) => commColor.set(c.community, COMMUNITY_COLORS[i % COMMUNITY_COLORS.length]));
  const colorByCommunity = (n) => commColor.get(n.community) || COMMUNITY_COLORS[Math.abs(Number(n.community) || 0) % COMMUNITY_COLORS.length];
  const hasTiers = net.nodes.some((n) => n.tier !== null && n.tier !== undefined);
  let colorMode = 'community';
  const colorOf = (n) => (colorMode === 'tier' ? tierColor(n.tier) : colorByCommunity(n));

  const stage = h('div', { class: 'net-stage', testid: 'network-canvas', role: 'application', 'aria-label': 'word-of-mouth network; drag to pan, scroll or pinch to zoom' });
  const status = h('div', { class: 'net-status', 'aria-live': 'polite' });
  const info = h('div', { class: 'net-info', testid: 'network-info' },
    h('p', { class: 'muted' }, 'Hover a user to see their ties; click to select; search an id to find them.'));
  const legend = h('div', { class: 'legend net-legend' });
  const searchInput = h('input', { type: 'search', class: 'search-input', placeholder: 'Find in network…', 'aria-label': 'find a user in the network', testid: 'network-search', list: 'net-ids', autocomplete: 'off', spellcheck: 'false' });
  const datalist = h('datalist', { id: 'net-ids' }, ...net.nodes.slice(0, 5000).map((n) => h('option', { value: n.id })));
  const searchForm = h('form', { class: 'search net-search', role: 'search' }, h('span', { class: 'search-icon', 'aria-hidden': 'true' }, '⌕'), searchInput, datalist);

  let renderer = null;
  let graph = null;
  let selected = null;
  let hovered = null;
  let edgeMode = 'all';

  function paintLegend() {
    clear(legend);
    if (colorMode === 'tier') {
      for (const t of TIER_NAMES) legend.appendChild(h('span', { class: 'legend-item' }, h('i', { class: 'swatch round', style: { background: tierColor(t) } }), t));
    } else {
      comms.slice(0, 8).forEach((c) => legend.appendChild(h('span', { class: 'legend-item', title: `community ${c.community}: ${fmtInt(c.size)} users, leader ${c.leader}` },
        h('i', { class: 'swatch round', style: { background: commColor.get(c.community) } }), `${c.leader} · ${fmtInt(c.size)}`)));
      if (comms.length > 8) legend.appendChild(h('span', { class: 'legend-item muted' }, `+${comms.length - 8} more communities`));
    }
    legend.appendChild(h('span', { class: 'legend-item' }, h('i', { class: 'swatch line', style: { background: '#9aa7b8' } }), 'positive tie'));
    legend.appendChild(h('span', { class: 'legend-item' }, h('i', { class: 'swatch line', style: { background: NEGATIVE } }), 'negative tie'));
    legend.appendChild(h('span', { class: 'legend-item muted' }, 'dot size: score'));
  }

  function focus(id) {
    selected = id;
    showInfo(id);
    if (renderer) renderer.refresh({ skipIndexation: true });
  }

  function showInfo(id) {
    clear(info);
    if (!id || !graph || !graph.hasNode(id)) {
      info.appendChild(h('p', { class: 'muted' }, 'Hover a user to see their ties; click to select; search an id to find them.'));
      return;
    }
    const n = graph.getNodeAttribute(id, 'raw');
    let pos = 0; let neg = 0;
    graph.forEachEdge(id, (e, a) => { if (a.negative) neg++; else pos++; });
    const c = comms.find((x) => x.community === n.community);
    info.append(
      h('div', { class: 'net-info-head' }, h('b', { class: 'uid', testid: 'network-selected' }, n.id), hasTiers ? tierChip(n.tier) : null),
      h('dl', { class: 'facts' },
        h('dt', null, 'community'), h('dd', null, c ? `${n.community} (${fmtInt(c.size)} users, leader ${c.leader})` : String(n.community)),
        typeof n.score === 'number' ? [h('dt', null, 'score'), h('dd', null, fmtNum(n.score, 3))] : null,
        h('dt', null, 'ties shown'), h('dd', null, `${fmtInt(pos)} positive`, neg ? h('span', { class: 'neg' }, `, ${fmtInt(neg)} negative`) : ''),
        (n.roles && n.roles.length) ? [h('dt', null, 'shown as'), h('dd', null, n.roles.map((r) => REASON_LABELS[r] || humanize(r)).join(', '))] : null),
      ctx.hasPage(n.id) ? h('a', { class: 'button', href: `#user/${encodeURIComponent(n.id)}` }, 'Open user page →') : h('p', { class: 'muted' }, 'No user page for this user in the report.'));
  }

  function nodeReducer(node, attrs) {
    const res = { ...attrs };
    const active = hovered || selected;
    if (active) {
      if (node === active) { res.highlighted = true; res.forceLabel = true; res.zIndex = 3; } else if (!neighboursOf(active).has(node)) { res.color = FADED; res.label = ''; res.forceLabel = false; res.zIndex = 0; } else { res.forceLabel = true; }
    }
    if (edgeMode === 'negative' && !active) {
      if (!hasNegativeTie(node)) { res.color = FADED; res.forceLabel = false; }
    }
    return res;
  }
  const negCache = new Map();
  function hasNegativeTie(node) {
    if (!negCache.has(node)) {
      let any = false;
      graph.forEachEdge(node, (e, a) => { if (a.negative) any = true; });
      negCache.set(node, any);
    }
    return negCache.get(node);
  }
  let nbCache = { id: null, set: new Set() };
  function neighboursOf(id) {
    if (nbCache.id !== id) nbCache = { id, set: new Set(graph.neighbors(id)) };
    return nbCache.set;
  }
  function edgeReducer(edge, attrs) {
    const res = { ...attrs };
    const active = hovered || selected;
    if (edgeMode === 'negative' && !attrs.negative) res.hidden = true;
    if (active) {
      const [s, t] = graph.extremities(edge);
      if (s !== active && t !== active) res.hidden = true;
      else res.size = attrs.size + 0.8;
    }
    return res;
  }

  function find(q) {
    const v = q.trim();
    if (!v || !graph) return;
    let id = graph.hasNode(v) ? v : null;
    if (!id) {
      const lv = v.toLowerCase();
      id = graph.findNode((n) => n.toLowerCase() === lv) || graph.findNode((n) => n.toLowerCase().startsWith(lv)) || null;
    }
    if (!id) {
      status.textContent = ctx.hasPage(v) ? `${v} is not in the network view, but has a user page.` : `${v} is not in the network view.`;
      status.hidden = false;
      return;
    }
    status.hidden = true;
    focus(id);
    const d = renderer.getNodeDisplayData(id);
    if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.25 }, { duration: 600 });
  }
  searchForm.addEventListener('submit', (e) => { e.preventDefault(); find(searchInput.value); });
  searchInput.addEventListener('change', () => find(searchInput.value));

  function recolor() {
    if (!graph) return;
    graph.updateEachNodeAttributes((node, attr) => ({ ...attr, color: colorOf(attr.raw) }), { attributes: ['color'] });
    paintLegend();
  }

  function flushFind() {
    findNow = find;
    if (pendingFind) { const id = pendingFind; pendingFind = null; find(id); }
  }

  function layout(hasXY) {
    if (hasXY) { stage.dataset.layout = 'done'; flushFind(); return; }
    const n = graph.order;
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 400, adjustSizes: false, linLogMode: false, strongGravityMode: false, gravity: 0.6, scalingRatio: n > 1000 ? 24 : 12, slowDown: 2 };
    const total = n > 3000 ? 140 : 220;
    let done = 0;
    stage.dataset.layout = 'running';
    status.textContent = 'Laying out the network…';
    status.hidden = false;
    const step = () => {
      const t0 = performance.now();
      while (done < total && performance.now() - t0 < 18) {
        forceAtlas2.assign(graph, { iterations: 2, settings });
        done += 2;
      }
      if (done < total) setTimeout(step, 0);
      else { stage.dataset.layout = 'done'; status.hidden = true; flushFind(); }
    };
    setTimeout(step, 0);
  }

  function start() {
    if (renderer) return;
    if (!webglAvailable()) {
      stage.replaceWith(notAvailable('this browser has no WebGL, which the network view needs; the other sections work without it.', 'na-webgl'));
      return;
    }
    const built = buildGraph(net, colorOf);
    graph = built.g;
    renderer = new Sigma(graph, stage, {
      renderEdgeLabels: false,
      defaultEdgeType: 'arrow',
      zIndex: true,
      labelFont: getComputedStyle(document.body).fontFamily,
      labelSize: 11,
      labelWeight: '600',
      labelColor: { color: '#1f2430' },
      labelDensity: 0.35,
      labelGridCellSize: 110,
      labelRenderedSizeThreshold: 9,
      minCameraRatio: 0.03,
      maxCameraRatio: 4,
      allowInvalidContainer: true,
      nodeReducer,
      edgeReducer,
    });
    renderer.on('enterNode', ({ node }) => { hovered = node; if (!selected) showInfo(node); renderer.refresh({ skipIndexation: true }); });
    renderer.on('leaveNode', () => { hovered = null; if (!selected) showInfo(null); renderer.refresh({ skipIndexation: true }); });
    renderer.on('clickNode', ({ node }) => focus(node === selected ? null : node));
    renderer.on('doubleClickNode', ({ node, preventSigmaDefault }) => { preventSigmaDefault(); if (ctx.hasPage(node)) location.hash = `#user/${encodeURIComponent(node)}`; });
    renderer.on('clickStage', () => focus(null));
    paintLegend();
    counts.textContent = `${fmtInt(graph.order)} users and ${fmtInt(graph.size)} ties shown (${fmtInt(built.negatives)} negative)` +
      (s.network_nodes_total ? ` of ${fmtInt(s.network_nodes_total)} users and ${fmtInt(s.network_edges_total)} ties in the whole network` : '') + '.';
    stage.dataset.rendered = '1';
    layout(built.hasXY);
    window.__refnetNetwork = { renderer, graph, find };
  }

  const tools = h('div', { class: 'tools' },
    searchForm,
    hasTiers ? segmented([{ value: 'community', label: 'Communities' }, { value: 'tier', label: 'Tiers' }], colorMode, (v) => { colorMode = v; recolor(); }, 'colour by') : null,
    segmented([{ value: 'all', label: 'All ties' }, { value: 'negative', label: 'Negative only' }], edgeMode, (v) => { edgeMode = v; if (renderer) renderer.refresh({ skipIndexation: true }); }, 'ties'),
    h('button', { type: 'button', class: 'btn', onclick: () => { focus(null); if (renderer) renderer.getCamera().animatedReset({ duration: 400 }); } }, 'Reset view'));
  const counts = h('p', { class: 'note', testid: 'network-counts' });
  body.appendChild(h('div', { class: 'cards' },
    card({ title: 'Community leaders and the top users’ circles', full: true, testid: 'card-network', tools,
      how: `${net.how || s.network_how || 'The leaders of the largest communities with some of their members, and the ego networks of the top users.'} Drag to pan, scroll or pinch to zoom; hover a user for their ties, click to keep them selected, double-click to open their page.` },
    h('div', { class: 'net-wrap' }, h('div', { class: 'net-stage-wrap' }, stage, status), info), legend, counts)));

  if (typeof IntersectionObserver !== 'undefined') {
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { io.disconnect(); start(); }
    }, { rootMargin: '200px 0px' });
    queueMicrotask(() => io.observe(stage));
  } else {
    queueMicrotask(start);
  }
  return el;
}
