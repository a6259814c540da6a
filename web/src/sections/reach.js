// Reach: how many people each user's word gets to within 1, 2, ... hops, against Dunbar's 150,
// and how full the Dunbar layers 5 / 15 / 50 / 150 are.

import { h, userLink } from '../dom.js';
import { fmtInt, fmtNum, fmtPct, humanize } from '../format.js';
import { section, card, grid, notAvailable, kpis, table, tierChip } from '../layout.js';
import { chartBox, baseGrid, axisName, anim } from '../charts.js';
import { ACCENT, NEGATIVE, MUTED } from '../theme.js';

const LAYER_TEXT = {
  support: 'closest confidants',
  sympathy: 'close friends',
  affinity: 'good friends',
  active: 'everyone kept in touch with',
};

function histogram(hist, threshold) {
  const bins = hist.bins || [];
  const labels = bins.map((b) => (b.from === b.to ? fmtInt(b.from) : `${fmtInt(b.from)}–${fmtInt(b.to)}`));
  const at = bins.findIndex((b) => b.from <= threshold && threshold <= b.to);
  const over = (b) => b.from > threshold;
  return chartBox('reach-histogram', () => ({
    ...anim,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => `reach ${ps[0].name}: <b>${fmtInt(ps[0].value)}</b> users` },
    grid: baseGrid({ left: 64, bottom: 84, top: 24 }),
    xAxis: { type: 'category', data: labels, ...axisName(`people reached within ${hist.hops} hops`, { nameGap: 62 }), axisLabel: { rotate: 45, interval: 'auto', color: MUTED } },
    yAxis: { type: 'log', logBase: 10, min: 1, ...axisName('users (log scale)', { nameGap: 48 }), axisLabel: { formatter: fmtInt } },
    series: [{
      type: 'bar', barCategoryGap: '8%',
      data: bins.map((b) => ({ value: Math.max(b.users, 0) || null, itemStyle: { color: over(b) ? '#e89b0c' : ACCENT } })),
      markLine: at >= 0 ? {
        symbol: 'none', silent: true, lineStyle: { color: '#1f2430', type: 'dashed', width: 1.5 },
        label: { formatter: `Dunbar's ${threshold}`, position: 'insideEndTop', color: '#1f2430' },
        data: [{ xAxis: at }],
      } : undefined,
    }],
  }), { height: 320, testid: 'chart-reach-histogram' });
}

function quantiles(perHop, threshold) {
  const keys = [['p25', '25%'], ['median', 'median'], ['p75', '75%'], ['p90', '90%'], ['p99', '99%'], ['max', 'max']];
  const colors = ['#c9dbf4', '#9cc3ec', '#6aa1e0', '#2f62c9', '#173a80', '#e89b0c'];
  return chartBox('reach-quantiles', () => ({
    ...anim,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmtNum(v, 3) },
    legend: { top: 0 },
    grid: baseGrid({ top: 44, left: 56, right: 40 }),
    xAxis: { type: 'category', data: perHop.map((p) => `${p.hop} hop${p.hop > 1 ? 's' : ''}`), ...axisName('within') },
    yAxis: { type: 'value', ...axisName('people reached', { nameGap: 40 }) },
    series: keys.map(([k, label], i) => ({
      name: label, type: 'bar', data: perHop.map((p) => p[k]), itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] }, barMaxWidth: 22,
      markLine: i === 0 ? { symbol: 'none', silent: true, lineStyle: { color: NEGATIVE, type: 'dashed' }, label: { formatter: `${threshold}`, color: NEGATIVE }, data: [{ yAxis: threshold }] } : undefined,
    })),
  }), { height: 300 });
}

function rings(layers) {
  // Concentric rings, area proportional to the layer size (5, 15, 50, 150).
  const max = Math.max(...layers.map((l) => l.size));
  const W = 300;
  const cx = W / 2;
  const r = (size) => Math.max(20, 140 * Math.sqrt(size / max));
  const fills = ['#2f62c9', '#6aa1e0', '#9cc3ec', '#dce8f8'];
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${W}`);
  svg.setAttribute('class', 'rings');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Dunbar layers: ${layers.map((l) => `${l.layer} ${l.size}`).join(', ')}`);
  [...layers].reverse().forEach((l, k) => {
    const i = layers.length - 1 - k;
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', cx); c.setAttribute('cy', cx); c.setAttribute('r', r(l.size));
    c.setAttribute('fill', fills[i % fills.length]); c.setAttribute('stroke', '#fff'); c.setAttribute('stroke-width', '2');
    svg.appendChild(c);
  });
  layers.forEach((l, i) => {
    const t = document.createElementNS(ns, 'text');
    const inner = i === 0 ? 0 : r(layers[i - 1].size);
    const y = i === 0 ? cx + 5 : cx - (inner + r(l.size)) / 2 + 5;
    t.setAttribute('x', cx); t.setAttribute('y', y); t.setAttribute('text-anchor', 'middle');
    t.setAttribute('class', i < 2 ? 'ring-label light' : 'ring-label');
    t.textContent = `${l.size}`;
    svg.appendChild(t);
  });
  return svg;
}

function layersChart(layers) {
  return chartBox('dunbar-layers', () => ({
    ...anim,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: baseGrid({ top: 44, left: 64, right: 60, bottom: 52 }),
    xAxis: { type: 'category', data: layers.map((l) => `${humanize(l.layer)}\ntop ${l.size}`), axisLabel: { interval: 0, lineHeight: 15 } },
    yAxis: [
      { type: 'value', ...axisName('users', { nameGap: 40 }), axisLabel: { formatter: fmtInt } },
      { type: 'value', ...axisName('share of tie strength', { nameGap: 42 }), max: 1, axisLabel: { formatter: (v) => fmtPct(v, 0) }, splitLine: { show: false } },
    ],
    series: [
      { name: 'users with a full layer', type: 'bar', data: layers.map((l) => l.users_full), itemStyle: { color: '#2f62c9', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 26, tooltip: { valueFormatter: fmtInt } },
      { name: 'users with any tie in it', type: 'bar', data: layers.map((l) => l.users_any), itemStyle: { color: '#9cc3ec', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 26, tooltip: { valueFormatter: fmtInt } },
      { name: 'share of all tie strength', type: 'line', yAxisIndex: 1, data: layers.map((l) => l.strength_share), symbolSize: 8, itemStyle: { color: '#e89b0c' }, lineStyle: { color: '#e89b0c', width: 2 }, tooltip: { valueFormatter: (v) => fmtPct(v) } },
    ],
  }), { height: 300 });
}

function tiesLabel(ties) {
  const m = /^dunbar (\d+)$/.exec(ties || '');
  if (m) return `top ${m[1]} ties`;
  if (!ties || ties === 'all') return 'all ties';
  return ties;
}

export function reachSection(data, ctx) {
  const a = data.analysis || {};
  const r = a.reach;
  const { el, body } = section({
    id: 'reach',
    title: 'Reach',
    lede: 'Reach is how many different people a user’s word can get to through the people they talk to; Dunbar’s number says a person keeps about 150 real relationships, so reach past 150 in two hops is exceptional.',
  });
  if (!r || !r.distribution) {
    body.appendChild(notAvailable('this report carries no reach results.', 'na-reach'));
    return el;
  }
  const d = r.distribution;
  const over = d.over_dunbar || {};
  const threshold = over.threshold || 150;
  const perHop = d.per_hop || [];
  const last = perHop.find((p) => p.hop === r.hops) || perHop[perHop.length - 1];
  body.appendChild(kpis([
    last && { label: `Median reach in ${last.hop} hops`, value: fmtNum(last.median, 3), sub: `mean ${fmtNum(last.mean, 3)}, top 1% above ${fmtNum(last.p99, 3)}` },
    { label: `Reach past ${threshold}`, value: fmtInt(over.users), sub: `${fmtPct(over.share)} of ${fmtInt(d.users)} users`, testid: 'reach-over-dunbar' },
    { label: 'Counted through', value: tiesLabel(r.ties), sub: `${r.method === 'exact' ? 'exact count' : `approximate (${r.method})`}${r.counts_self ? ', counting the user' : ', not counting the user'}` },
  ]));
  const cards = [];
  const hist = data.reach_histogram;
  if (hist && Array.isArray(hist.bins) && hist.bins.length) {
    cards.push(card({ title: `Distribution of ${hist.hops}-hop reach`, wide: true, how: `How many users reach a given number of people within ${hist.hops} hops (log scale: most reach few, a handful reach many). Users right of the dashed line reach more than Dunbar's ${threshold}.` }, histogram(hist, threshold)));
  }
  if (perHop.length) {
    cards.push(card({ title: 'Reach at each hop', how: `Quantiles of reach one hop out (people they talk to directly) and further out; the red line is ${threshold}.` }, quantiles(perHop, threshold)));
  }
  const dun = data.dunbar;
  if (dun && Array.isArray(dun.layers) && dun.layers.length) {
    cards.push(card({ title: 'Dunbar layers', wide: true, how: `Each user's ties ranked by strength: the ${dun.layers.map((l) => l.size).join(' / ')} strongest form the layers (${dun.layers.map((l) => `${l.layer}: ${LAYER_TEXT[l.layer] || l.layer}`).join('; ')}). Bars: how many users fill or touch each layer; line: the share of all tie strength that sits in it.` },
      h('div', { class: 'split' }, h('div', { class: 'split-side' }, rings(dun.layers),
        h('ul', { class: 'ring-legend' }, ...dun.layers.map((l) => h('li', null, h('b', null, humanize(l.layer)), ` top ${l.size}`, l.negative_share != null ? h('span', { class: 'muted' }, ` · ${fmtPct(l.negative_share)} negative`) : null)))),
      h('div', { class: 'split-main' }, layersChart(dun.layers)))));
  }
  if (Array.isArray(r.top) && r.top.length) {
    // The first ten, the rest behind a toggle; a tier is known for users with a page or in the
    // network view ("–" for the others, who may have any tier).
    const list = table([
      { label: '#', cell: (_, i) => String(i + 1), num: true },
      { label: 'user', cell: (u) => userLink(u.id, ctx.hasPage(u.id)) },
      ctx.hasTiers && { label: 'tier', cell: (u) => (ctx.tierOf(u.id) ? tierChip(ctx.tierOf(u.id)) : h('span', { class: 'muted', title: 'no page for this user in the report' }, '–')) },
      ...(r.top[0].reach || []).map((_, k) => ({ label: `${k + 1} hop${k ? 's' : ''}`, cell: (u) => fmtInt(u.reach[k]), num: true })),
    ].filter(Boolean), r.top, { testid: 'reach-top', rowClass: (_, i) => (i >= 10 ? 'extra' : null) });
    const wrap = h('div', { class: 'collapsible' }, list);
    const toggle = r.top.length > 10 ? h('button', { type: 'button', class: 'btn', testid: 'reach-show-all' }, `Show all ${r.top.length}`) : null;
    if (toggle) {
      toggle.addEventListener('click', () => {
        const open = wrap.classList.toggle('show-all');
        toggle.textContent = open ? 'Show the top 10' : `Show all ${r.top.length}`;
      });
    }
    cards.push(card({ title: 'Widest reach', tools: toggle, how: 'The users whose word travels furthest.' }, wrap));
  }
  body.appendChild(grid(...cards));
  return el;
}
