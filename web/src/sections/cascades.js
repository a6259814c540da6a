// Referral cascades: the largest trees, growth, the size distribution and virality.

import { h } from '../dom.js';
import { fmtInt, fmtNum, fmtPct, fmtDate, fmtDuration } from '../format.js';
import { section, card, grid, notAvailable, kpis, segmented } from '../layout.js';
import { chartBox, baseGrid, axisName, anim, nestTree } from '../charts.js';
import { SERIES, ACCENT, MUTED } from '../theme.js';

const GEN_COLORS = ['#1f2430', '#2f62c9', '#35a39b', '#e89b0c', '#7950f2', '#e64980', '#15aabf', '#5c940d', '#a61e4d'];

/** The interactive tree of one cascade (also used for a user's referral subtree). */
export function cascadeTree(name, tree, ctx, { height = 460, layout, testid } = {}) {
  let chart = null;
  // Big trees are too wide for a top-down drawing: start them radial.
  let current = layout || ((tree.nodes || []).length > 300 ? 'radial' : 'orthogonal');
  const root = nestTree(tree.nodes || [], { label: (n) => n.id });
  const decorate = (node) => {
    const color = GEN_COLORS[Math.min(node.gen, GEN_COLORS.length - 1)];
    node.itemStyle = { color, borderColor: color };
    node.symbolSize = node.gen === 0 ? 14 : Math.max(6, 11 - node.gen);
    node.children.forEach(decorate);
  };
  if (root) decorate(root);
  const n = (tree.nodes || []).length;
  const option = () => ({
    ...anim,
    tooltip: {
      trigger: 'item', triggerOn: 'mousemove',
      formatter: (p) => {
        const d = p.data || {};
        const kids = d.children ? d.children.length : 0;
        const tier = ctx.tierOf(d.name);
        return `<b>${d.name}</b>${tier ? ` · ${tier}` : ''}<br>generation ${d.gen}${d.value ? `<br>joined ${fmtDate(d.value)}` : ''}<br>brought in ${fmtInt(kids)} directly` +
          (ctx.hasPage(d.name) ? '<br><i>click to open their page</i>' : '');
      },
    },
    series: [{
      type: 'tree', data: root ? [root] : [], roam: true, expandAndCollapse: false, initialTreeDepth: -1,
      layout: current, orient: 'TB', symbol: 'circle',
      top: current === 'radial' ? '8%' : 28, bottom: current === 'radial' ? '8%' : 36, left: current === 'radial' ? '8%' : 24, right: current === 'radial' ? '8%' : 24,
      label: { show: n <= 80, position: current === 'radial' ? 'right' : 'top', fontSize: 10, color: MUTED, rotate: current === 'radial' ? undefined : 0, distance: 4 },
      leaves: { label: { position: current === 'radial' ? 'right' : 'bottom', rotate: current === 'radial' ? undefined : -50, align: 'left', verticalAlign: 'middle' } },
      lineStyle: { color: '#c3cad6', width: 1.2, curveness: 0.4 },
      emphasis: { focus: 'relative' },
      animationDurationUpdate: 500,
    }],
  });
  const box = chartBox(name, (c) => {
    chart = c;
    c.on('click', (p) => { if (p.data && ctx.hasPage(p.data.name)) location.hash = `#user/${encodeURIComponent(p.data.name)}`; });
    return option();
  }, { height, testid });
  const tools = segmented([{ value: 'orthogonal', label: 'Tree' }, { value: 'radial', label: 'Radial' }], current, (v) => {
    current = v;
    if (chart) chart.setOption(option(), true);
  }, 'tree layout');
  return { box, tools };
}

function growthCurves(trees) {
  const series = trees.slice(0, 10).map((t, i) => {
    const times = (t.nodes || []).map((n) => n.t).filter((x) => typeof x === 'number').sort((x, y) => x - y);
    const t0 = times.length ? times[0] : 0;
    return {
      name: t.root, type: 'line', step: 'end', symbol: 'none', lineStyle: { width: 1.8 }, color: SERIES[i % SERIES.length],
      data: times.map((x, k) => [(x - t0) / 86400, k + 1]),
      endLabel: { show: i < 3, formatter: () => t.root, color: MUTED, fontSize: 10 },
    };
  });
  return chartBox('cascade-growth', () => ({
    ...anim,
    tooltip: { trigger: 'item', formatter: (p) => `<b>${p.seriesName}</b><br>day ${fmtInt(p.data[0])}: ${fmtInt(p.data[1])} users` },
    legend: { type: 'scroll', top: 0 },
    grid: baseGrid({ top: 44, right: 64 }),
    xAxis: { type: 'value', ...axisName('days since the first user'), min: 0 },
    yAxis: { type: 'value', ...axisName('users in the cascade', { nameGap: 40 }) },
    series,
  }), { height: 340 });
}

function overallGrowth(growth) {
  return chartBox('cascade-growth-all', () => ({
    ...anim,
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtInt(v), axisPointer: { type: 'line' } },
    legend: { top: 0 },
    grid: baseGrid({ top: 40, left: 62, right: 62 }),
    xAxis: { type: 'time', ...axisName('date') },
    yAxis: [
      { type: 'value', ...axisName('new per bucket', { nameGap: 44 }), axisLabel: { formatter: fmtInt } },
      { type: 'value', ...axisName('cumulative', { nameGap: 48 }), axisLabel: { formatter: fmtInt }, splitLine: { show: false } },
    ],
    series: [
      { name: 'new adoptions', type: 'bar', data: growth.map((g) => [g.bucket_start * 1000, g.new]), itemStyle: { color: '#9cc3ec' }, barMaxWidth: 6 },
      { name: 'cumulative', type: 'line', yAxisIndex: 1, symbol: 'none', data: growth.map((g) => [g.bucket_start * 1000, g.cumulative]), lineStyle: { color: ACCENT, width: 2 }, itemStyle: { color: ACCENT } },
    ],
  }), { height: 300 });
}

function ccdfChart(s) {
  const pts = (s.size_ccdf || []).filter((p) => p[0] > 0 && p[1] > 0);
  const pl = s.power_law || {};
  const series = [{
    name: 'observed', type: 'scatter', data: pts, symbolSize: 7, itemStyle: { color: ACCENT },
  }];
  if (pl.valid && pl.alpha > 1 && pts.length) {
    const xmin = pl.x_min || 1;
    const at = pts.find((p) => p[0] >= xmin) || pts[0];
    const c0 = at[1];
    const xmax = pts[pts.length - 1][0];
    const line = [];
    for (let k = 0; k <= 40; k++) {
      const x = xmin * Math.pow(xmax / xmin, k / 40);
      line.push([x, c0 * Math.pow(x / xmin, -(pl.alpha - 1))]);
    }
    series.push({
      name: `power law α = ${fmtNum(pl.alpha, 3)}`, type: 'line', data: line, symbol: 'none', smooth: false,
      lineStyle: { type: 'dashed', width: 2, color: '#e89b0c' }, itemStyle: { color: '#e89b0c' },
    });
  }
  return chartBox('cascade-ccdf', () => ({
    ...anim,
    tooltip: { trigger: 'item', formatter: (p) => `${fmtPct(p.data[1])} of cascades have <b>${fmtInt(p.data[0])}</b> or more users` },
    legend: { top: 0 },
    grid: baseGrid({ top: 40, left: 64 }),
    xAxis: { type: 'log', logBase: 10, ...axisName('cascade size (users)'), min: 1, axisLabel: { formatter: fmtInt } },
    yAxis: { type: 'log', logBase: 10, ...axisName('share of cascades this big or bigger', { nameGap: 48 }), axisLabel: { formatter: (v) => fmtPct(v, 0) } },
    series,
  }), { height: 320 });
}

function viralityChart(s, list) {
  // Single users have no virality (no pairs): start at size 2.
  const bins = (s.virality_by_size || []).filter((b) => b.cascades > 0 && b.size_to >= 2);
  return chartBox('cascade-virality', () => ({
    ...anim,
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.seriesIndex === 0
        ? `<b>${p.data[2]}</b><br>${fmtInt(p.data[0])} users, virality ${fmtNum(p.data[1], 3)}`
        : `sizes ${fmtInt(p.data[2])}–${fmtInt(p.data[3])}: ${fmtInt(p.data[4])} cascades, mean virality ${fmtNum(p.data[1], 3)}`),
    },
    legend: { top: 0 },
    grid: baseGrid({ top: 40 }),
    xAxis: { type: 'log', logBase: 2, ...axisName('cascade size (users)'), min: 1, axisLabel: { formatter: fmtInt } },
    yAxis: { type: 'value', ...axisName('structural virality', { nameGap: 36 }), min: 0 },
    series: [
      { name: 'largest cascades', type: 'scatter', symbolSize: 7, itemStyle: { color: 'rgba(47,98,201,.55)' }, data: list.map((c) => [c.size, c.structural_virality, c.root]) },
      { name: 'mean by size band', type: 'line', symbol: 'circle', symbolSize: 7, lineStyle: { color: '#e89b0c', width: 2 }, itemStyle: { color: '#e89b0c' },
        data: bins.map((b) => [Math.sqrt(b.size_from * b.size_to), b.mean_virality, b.size_from, b.size_to, b.cascades]) },
    ],
  }), { height: 320 });
}

export function cascadesSection(data, ctx) {
  const a = data.analysis || {};
  const c = a.cascades;
  const { el, body } = section({
    id: 'cascades',
    title: 'Referral cascades',
    lede: 'A cascade is everyone who joined through one original customer, directly or down the chain; big, deep cascades are word of mouth working.',
  });
  if (!c || !c.summary) {
    body.appendChild(notAvailable('cascades are built from referral events (or cascade files); this input has none.', 'na-cascades'));
    return el;
  }
  const s = c.summary;
  const pl = s.power_law || {};
  const ttfr = s.time_to_first_referral_percentiles_seconds;
  const pIdx = (s.percentiles || []).indexOf(50);
  body.appendChild(kpis([
    { label: 'Cascades of 2 or more', value: fmtInt(s.cascades_of_two_or_more), sub: `of ${fmtInt(s.cascades)} starting users`, testid: 'cascades-multi' },
    { label: 'Largest cascade', value: fmtInt(s.largest), sub: `deepest: ${fmtInt(s.deepest)} generations`, testid: 'largest-cascade-size' },
    { label: 'Viral K-factor', value: fmtNum(s.k_factor, 2), sub: `${fmtNum(s.invitations_per_user, 2)} invitations per user × ${fmtPct(s.conversion)} conversion` },
    ttfr && pIdx >= 0 && { label: 'Time to a first referral', value: fmtDuration(ttfr[pIdx]), sub: 'median, from joining' },
    pl.valid && { label: 'Power-law tail', value: `α = ${fmtNum(pl.alpha, 3)}`, sub: `± ${fmtNum(pl.alpha_stderr, 2)}, from size ${fmtInt(pl.x_min)} (KS ${fmtNum(pl.ks, 2)})` },
  ]));

  const trees = (Array.isArray(data.cascade_trees) ? data.cascade_trees : []).filter((t) => t && Array.isArray(t.nodes) && t.nodes.length);
  const cards = [];
  if (trees.length) {
    const slot = h('div', { class: 'tree-slot' });
    const info = h('div', { class: 'tree-info' });
    const layoutTools = h('div', { class: 'tools' });
    const picker = h('select', { class: 'select', 'aria-label': 'cascade', testid: 'cascade-picker' },
      ...trees.map((t, i) => h('option', { value: String(i) }, `#${i + 1} · ${t.root} · ${fmtInt(t.size)} users`)));
    const show = (i) => {
      const t = trees[i];
      const tree = cascadeTree('cascade-tree', t, ctx, { height: 480 });
      slot.replaceChildren(tree.box);
      layoutTools.replaceChildren(tree.tools);
      const gens = (a.cascades.cascades || []).find((x) => x.root === t.root);
      info.replaceChildren(...[
        h('span', null, 'root ', ctx.hasPage(t.root) ? h('a', { href: `#user/${encodeURIComponent(t.root)}` }, t.root) : t.root),
        h('span', null, h('b', { testid: 'tree-size' }, fmtInt(t.size)), ' users'),
        h('span', null, h('b', null, fmtInt(t.depth)), ' generations deep'),
        h('span', null, 'virality ', h('b', null, Number(t.structural_virality || 0).toFixed(2))),
        t.start ? h('span', null, 'from ', h('b', null, fmtDate(t.start)), t.duration_seconds ? ` over ${fmtDuration(t.duration_seconds)}` : '') : null,
        gens && gens.generations ? h('span', null, 'by generation ', h('b', null, gens.generations.map(fmtInt).join(' → '))) : null,
        t.omitted ? h('span', { class: 'warn' }, `${fmtInt(t.omitted)} more users not drawn`) : null,
      ].filter(Boolean));
    };
    picker.addEventListener('change', () => show(Number(picker.value)));
    show(0);
    cards.push(card({
      title: 'The largest cascades', full: true, testid: 'card-cascade-tree',
      tools: h('div', { class: 'tools' }, picker, layoutTools),
      how: 'Each dot is a user, linked to the person who referred them; the root at the top came on their own. Drag to pan, scroll or pinch to zoom, hover for dates, click a user to open their page.',
    }, info, slot, h('div', { class: 'legend' }, ...GEN_COLORS.slice(0, 6).map((col, g) =>
      h('span', { class: 'legend-item' }, h('i', { class: 'swatch round', style: { background: col } }), g === 0 ? 'root' : `generation ${g}`)))));
    cards.push(card({ title: 'How the largest cascades grew', how: 'Users in each cascade against days since its first user: steep early curves spread fast, long tails keep recruiting.' }, growthCurves(trees)));
  } else {
    cards.push(card({ title: 'The largest cascades', full: true }, notAvailable('this report carries no cascade trees.', 'na-cascade-trees')));
  }
  if (Array.isArray(c.growth) && c.growth.length) {
    cards.push(card({ title: 'Adoptions over time', how: 'Users joining any cascade in each time bucket (bars) and in total (line).' }, overallGrowth(c.growth)));
  }
  cards.push(card({ title: 'Cascade sizes', how: 'The share of cascades at least a given size, on log axes; a straight line means a power law: most cascades stay small, a few grow very large. The dashed line is the fitted tail.', testid: 'card-ccdf' }, ccdfChart(s)));
  cards.push(card({ title: 'Virality against size', how: 'Structural virality is the average number of steps between two users of a cascade: 1–2 is one person inviting many (broadcast), higher is a chain passed on from person to person.' },
    viralityChart(s, c.cascades || [])));
  body.appendChild(grid(...cards));
  return el;
}

