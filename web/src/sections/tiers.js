// Trust tiers: the five-tier funnel, the monthly cohorts as a heat map, tier moves over time.

import { h } from '../dom.js';
import { fmtInt, fmtPct, fmtMonth, humanize } from '../format.js';
import { section, card, grid, notAvailable, segmented } from '../layout.js';
import { chartBox, baseGrid, axisName, anim } from '../charts.js';
import { TIER_NAMES, TIER_COLORS, NEGATIVE, MUTED } from '../theme.js';

const CAUSE_LABELS = {
  churn: 'Churned', complaint: 'Complaint', negative_review: 'Negative review', inactivity: 'Inactive too long',
  purchase: 'First purchase', repurchase: 'Repurchase', advocacy: 'Advocacy', conversion: 'Referees converted',
};

function funnel(f) {
  const max = Math.max(1, ...TIER_NAMES.map((t) => f.reached[t] || 0));
  const conv = new Map((f.conversion || []).map((c) => [c.from, c]));
  const rows = [];
  TIER_NAMES.forEach((t, i) => {
    const reached = f.reached[t] || 0;
    const now = f.per_tier[t] || 0;
    rows.push(h('div', { class: 'funnel-row', style: { '--c': TIER_COLORS[t] } },
      h('div', { class: 'funnel-name' }, h('span', { class: 'tier-dot' }), t, h('span', { class: 'funnel-tier-no' }, `tier ${i}`)),
      h('div', { class: 'funnel-bar', title: `${t}: ${fmtInt(reached)} ever reached, ${fmtInt(now)} there now` },
        h('div', { class: 'funnel-reached', style: { width: `${Math.max(0.4, (100 * reached) / max)}%` } }),
        h('div', { class: 'funnel-now', style: { width: `${Math.max(0.4, (100 * now) / max)}%` } })),
      h('div', { class: 'funnel-nums' },
        h('span', null, h('b', { testid: `funnel-reached-${t}` }, fmtInt(reached)), ' reached'),
        h('span', null, h('b', { testid: `funnel-now-${t}` }, fmtInt(now)), ' now'))));
    const c = conv.get(t);
    if (c) {
      rows.push(h('div', { class: 'funnel-step' },
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, '↓'),
        h('b', { testid: `funnel-conversion-${t}` }, fmtPct(c.rate)), ` of ${t} went on to ${c.to}`));
    }
  });
  return h('div', { class: 'funnel', testid: 'tier-funnel' },
    ...rows,
    h('div', { class: 'legend' },
      h('span', { class: 'legend-item' }, h('i', { class: 'swatch swatch-light' }), 'ever reached the tier'),
      h('span', { class: 'legend-item' }, h('i', { class: 'swatch swatch-dark' }), 'in the tier now')));
}

function dropsChart(f) {
  const causes = Object.entries(f.drops_by_cause || {}).sort((x, y) => y[1] - x[1]);
  const from = TIER_NAMES.map((t) => [t, (f.drops_from || {})[t] || 0]).filter(([, v]) => v > 0);
  return chartBox('tier-drops', () => ({
    ...anim,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br><b>${fmtInt(p.value)}</b> drops` },
    grid: [
      { left: 128, right: 24, top: 28, height: '38%' },
      { left: 128, right: 24, top: '62%', bottom: 24 },
    ],
    title: undefined,
    xAxis: [
      { type: 'value', gridIndex: 0, axisLabel: { formatter: fmtInt } },
      { type: 'value', gridIndex: 1, axisLabel: { formatter: fmtInt } },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, inverse: true, data: causes.map(([c]) => CAUSE_LABELS[c] || humanize(c)), name: 'cause', nameLocation: 'start', nameTextStyle: { align: 'right', color: MUTED } },
      { type: 'category', gridIndex: 1, inverse: true, data: from.map(([t]) => `from ${t}`), name: 'fell from', nameLocation: 'start', nameTextStyle: { align: 'right', color: MUTED } },
    ],
    series: [
      { type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: causes.map(([, v]) => v), itemStyle: { color: NEGATIVE, borderRadius: [0, 4, 4, 0] }, barMaxWidth: 18, label: { show: true, position: 'right', formatter: (p) => fmtInt(p.value), color: MUTED } },
      { type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: from.map(([t, v]) => ({ value: v, itemStyle: { color: TIER_COLORS[t] } })), barMaxWidth: 18, itemStyle: { borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', formatter: (p) => fmtInt(p.value), color: MUTED } },
    ],
  }), { height: 300 });
}

function cohortHeatmap(cohorts) {
  let mode = 'share';
  let chart = null;
  const months = cohorts.map((c) => c.month);
  const option = () => {
    const share = mode === 'share';
    const cols = share ? TIER_NAMES : TIER_NAMES.slice(0, 4).map((t, i) => `${t}→${TIER_NAMES[i + 1]}`);
    const cells = [];
    cohorts.forEach((c, y) => {
      cols.forEach((_, x) => {
        const v = share ? (c.per_tier[TIER_NAMES[x]] || 0) / Math.max(1, c.users) : (c.conversion || [])[x];
        cells.push([x, y, v == null ? '-' : v, share ? c.per_tier[TIER_NAMES[x]] || 0 : null]);
      });
    });
    const max = share ? Math.max(...cells.filter((c) => c[0] > 0).map((c) => c[2])) : 1;
    // Light text on dark cells.
    const data = cells.map((c) => ({ value: c, label: { color: typeof c[2] === 'number' && c[2] > 0.55 * (max || 1) ? '#fff' : '#1f2430' } }));
    return {
      ...anim,
      tooltip: {
        formatter: (p) => {
          const v = p.value;
          const c = cohorts[v[1]];
          return `<b>${fmtMonth(c.month)} cohort</b> (${fmtInt(c.users)} users)<br>` +
            (share ? `${fmtInt(v[3])} are <b>${cols[v[0]]}</b> now: ${fmtPct(v[2])}`
              : `${fmtPct(v[2])} of those who reached ${TIER_NAMES[v[0]]} went on to ${TIER_NAMES[v[0] + 1]}`);
        },
      },
      grid: { left: 16, right: 20, top: 8, bottom: 78, containLabel: true },
      xAxis: { type: 'category', data: cols, splitArea: { show: false }, axisTick: { show: false }, name: share ? 'tier now' : 'step', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: months.map((m, i) => `${fmtMonth(m)} · ${fmtInt(cohorts[i].users)}`), inverse: true, axisTick: { show: false } },
      visualMap: {
        min: 0, max: max || 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, itemWidth: 10,
        text: [share ? fmtPct(max || 1, 0) : '100%', '0%'], inRange: { color: ['#f3f6fb', '#9cc3ec', '#2f62c9', '#173a80'] },
        seriesIndex: 0, dimension: 2,
      },
      series: [{
        type: 'heatmap', data,
        label: { show: cohorts.length <= 24, formatter: (p) => (p.value[2] === '-' ? '' : fmtPct(p.value[2], 0)), fontSize: 11 },
        itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
        emphasis: { itemStyle: { borderColor: '#1f2430', borderWidth: 1 } },
      }],
    };
  };
  const rowH = cohorts.length > 24 ? 16 : 30;
  const box = chartBox('tier-cohorts', (c) => { chart = c; return option(); }, { height: Math.max(260, rowH * cohorts.length + 100), testid: 'chart-tier-cohorts' });
  const tools = segmented([{ value: 'share', label: 'Tier now' }, { value: 'conversion', label: 'Step conversion' }], mode, (v) => {
    mode = v;
    if (chart) chart.setOption(option(), true);
  }, 'cohort measure');
  return { box, tools };
}

function timelineChart(tl) {
  const months = tl.months.map((m) => fmtMonth(m.month));
  return chartBox('tier-timeline', () => ({
    ...anim,
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtInt(v) },
    legend: { top: 0, selected: { none: false } },
    grid: baseGrid({ top: 40, left: 64 }),
    xAxis: { type: 'category', data: months, boundaryGap: false, ...axisName('month end') },
    yAxis: { type: 'value', ...axisName('users', { nameGap: 48 }), axisLabel: { formatter: fmtInt } },
    series: TIER_NAMES.map((t, i) => ({
      name: t, type: 'line', stack: 'tiers', areaStyle: { opacity: 0.85 }, symbol: 'none', smooth: 0.2,
      lineStyle: { width: 1, color: TIER_COLORS[t] }, itemStyle: { color: TIER_COLORS[t] },
      data: tl.months.map((m) => m.counts[i]),
    })),
  }), { height: 320 });
}

function movesChart(tl) {
  const months = tl.months.map((m) => fmtMonth(m.month));
  return chartBox('tier-moves', () => ({
    ...anim,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const m = tl.months[ps[0].dataIndex];
        const causes = Object.entries(m.by_cause || {}).sort((a, b) => b[1] - a[1])
          .map(([c, v]) => `${CAUSE_LABELS[c] || humanize(c)}: ${fmtInt(v)}`).join('<br>');
        return `<b>${fmtMonth(m.month)}</b><br>up one tier: ${fmtInt(m.up)}<br>jumped tiers: ${fmtInt(m.jump)}<br>dropped: ${fmtInt(m.drop)}${causes ? `<hr style="border:0;border-top:1px solid #e6e9ef;margin:4px 0">${causes}` : ''}`;
      },
    },
    legend: { top: 0 },
    grid: baseGrid({ top: 40, left: 64 }),
    xAxis: { type: 'category', data: months, ...axisName('month') },
    yAxis: { type: 'value', ...axisName('moves', { nameGap: 48 }), axisLabel: { formatter: (v) => fmtInt(Math.abs(v)) } },
    series: [
      { name: 'up one tier', type: 'bar', stack: 'm', data: tl.months.map((m) => m.up), itemStyle: { color: '#35a39b' }, barMaxWidth: 28 },
      { name: 'jumped tiers', type: 'bar', stack: 'm', data: tl.months.map((m) => m.jump), itemStyle: { color: '#2f62c9' }, barMaxWidth: 28 },
      { name: 'dropped', type: 'bar', stack: 'm', data: tl.months.map((m) => -m.drop), itemStyle: { color: NEGATIVE }, barMaxWidth: 28 },
    ],
  }), { height: 320 });
}

function flowChart(tl) {
  const flows = (tl.transitions || []).filter((t) => t.count > 0);
  const used = new Set();
  for (const f of flows) { used.add(`from ${f.from}`); used.add(`to ${f.to}`); }
  const nodes = [];
  for (const side of ['from', 'to']) {
    for (const t of TIER_NAMES) {
      const name = `${side} ${t}`;
      if (used.has(name)) nodes.push({ name, itemStyle: { color: TIER_COLORS[t] }, depth: side === 'from' ? 0 : 1 });
    }
  }
  return chartBox('tier-flows', () => ({
    ...anim,
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.dataType === 'edge'
        ? `${p.data.source.slice(5)} → ${p.data.target.slice(3)}: <b>${fmtInt(p.data.value)}</b> moves`
        : `${p.name}: ${fmtInt(p.value)} moves`),
    },
    series: [{
      type: 'sankey', left: 8, right: 96, top: 12, bottom: 12, nodeWidth: 14, nodeGap: 10, layoutIterations: 0,
      data: nodes, emphasis: { focus: 'adjacency' },
      label: { formatter: (p) => p.name.replace(/^(from|to) /, ''), color: '#1f2430' },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      links: flows.map((f) => ({
        source: `from ${f.from}`, target: `to ${f.to}`, value: f.count,
        lineStyle: TIER_NAMES.indexOf(f.to) < TIER_NAMES.indexOf(f.from) ? { color: NEGATIVE, opacity: 0.3 } : undefined,
      })),
    }],
  }), { height: 340 });
}

export function tiersSection(data) {
  const a = data.analysis || {};
  const t = a.tiers;
  const { el, body } = section({
    id: 'tiers',
    title: 'Trust tiers',
    lede: 'Every user sits on one of five rungs of trust, from “none” (never bought) to “super” (buys again, recommends, and brings buyers); this shows how many climb each rung, when, and why some fall back.',
  });
  if (!t || !t.funnel) {
    body.appendChild(notAvailable('Trust tiers come from purchases, referrals and complaints in an event log; this input has no such events.', 'na-tiers'));
    return el;
  }
  const f = t.funnel;
  const cards = [
    card({ title: 'The five-tier funnel', how: `Of ${fmtInt(f.users)} users, how many ever reached each tier and how many are there now; the arrows give the share that went on to the next tier.`, testid: 'card-funnel' },
      funnel(f)),
    card({ title: 'Why users lose trust', how: `${fmtInt(f.ever_dropped)} users (${fmtPct(f.ever_dropped_share)}) dropped at least once: a complaint, churn or negative review sends a user back to “none”.` },
      dropsChart(f)),
  ];
  if (Array.isArray(t.cohorts) && t.cohorts.length) {
    const hm = cohortHeatmap(t.cohorts);
    cards.push(card({ title: 'Monthly cohorts', wide: true, tools: hm.tools, how: 'Each row is the users who first appeared that month (with its size); each cell the share of that cohort in a tier today, or the step conversion to the next tier. Read down a column to see whether newer cohorts trust you more.' }, hm.box));
  }
  const tl = data.tier_timeline;
  if (tl && Array.isArray(tl.months) && tl.months.length) {
    cards.push(card({ title: 'Tier population over time', how: 'Users in each tier at the end of every month (click a legend entry to show or hide a tier; “none” is hidden at first).' }, timelineChart(tl)));
    cards.push(card({ title: 'Moves between tiers each month', how: 'Climbs above the axis (one tier, or several at once), drops below it in red; hover a month for the causes.' }, movesChart(tl)));
    if (Array.isArray(tl.transitions) && tl.transitions.length) {
      cards.push(card({ title: 'Where moves lead', wide: true, how: 'All tier changes over the period, from the tier left (left) to the tier entered (right); red bands are drops.' }, flowChart(tl)));
    }
  } else {
    cards.push(card({ title: 'Tier moves over time' }, notAvailable('this report carries no month-by-month tier timeline.', 'na-tier-timeline')));
  }
  body.appendChild(grid(...cards));
  return el;
}
