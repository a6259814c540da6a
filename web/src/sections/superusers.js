// Super users: the explained ranking, the Pareto check (Lorenz curve) and homophily.

import { h, userLink } from '../dom.js';
import { fmtInt, fmtNum, fmtPct, humanize } from '../format.js';
import { section, card, grid, notAvailable, kpis, table, tierChip } from '../layout.js';
import { chartBox, baseGrid, axisName, anim } from '../charts.js';
import { COMPONENT_COLORS, SERIES, MUTED, TIER_NAMES } from '../theme.js';

const COMPONENT_TEXT = {
  descendants: 'everyone they brought in, down the chain',
  converted_referrals: 'referees who went on to buy',
  reach: 'people reached within 2 hops',
  pagerank: 'how central they are in word of mouth',
  influence: 'how often they start a spread (RR sets)',
  tier: 'their trust tier',
  purchases: 'what they buy',
};

export function componentColor(name, i) {
  return COMPONENT_COLORS[name] || SERIES[i % SERIES.length];
}

function scoreBars(top, comps) {
  const names = comps.map((c) => c.name);
  const height = Math.max(260, top.length * 22 + 90);
  return chartBox('super-scores', (chart) => {
    chart.on('click', (p) => { const id = top[p.dataIndex] && top[p.dataIndex].id; if (id) location.hash = `#user/${encodeURIComponent(id)}`; });
    return {
      ...anim,
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
        formatter: (ps) => {
          const u = top[ps[0].dataIndex];
          const rows = names.map((n) => {
            const c = (u.components || {})[n] || {};
            return `<tr><td><span style="display:inline-block;width:9px;height:9px;border-radius:2px;background:${componentColor(n, names.indexOf(n))};margin-right:6px"></span>${humanize(n)}</td><td style="text-align:right;padding-left:12px">${fmtNum(c.contribution, 3)}</td><td style="text-align:right;padding-left:10px;color:#6b7280">${c.percentile != null ? `top ${fmtPct(1 - c.percentile)}` : ''}</td></tr>`;
          }).join('');
          return `<b>#${u.rank} ${u.id}</b> · score ${fmtNum(u.score, 3)}<table style="margin-top:4px;font-size:12px">${rows}</table>`;
        },
      },
      legend: { show: false },
      grid: { left: 92, right: 48, top: 8, bottom: 36 },
      xAxis: { type: 'value', max: 1, ...axisName('score (sum of weighted percentiles, max 1)', { nameGap: 26 }), axisLabel: { formatter: (v) => fmtNum(v, 2) } },
      yAxis: { type: 'category', inverse: true, data: top.map((u) => `#${u.rank} ${u.id}`), axisTick: { show: false }, axisLabel: { fontSize: 11, color: '#1f2430' } },
      series: names.map((n, i) => ({
        name: humanize(n), type: 'bar', stack: 'score', barWidth: '62%',
        itemStyle: { color: componentColor(n, i) },
        emphasis: { focus: 'series' },
        data: top.map((u) => ((u.components || {})[n] || {}).contribution || 0),
        label: i === names.length - 1 ? { show: true, position: 'right', color: MUTED, fontSize: 10, formatter: (p) => fmtNum(top[p.dataIndex].score, 3) } : undefined,
      })),
    };
  }, { height, testid: 'chart-super-scores' });
}

function lorenz(pareto) {
  const refs = pareto.referrals;
  const value = pareto.value;
  const series = [
    { name: 'equality', type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', lineStyle: { color: '#b8c0cc', type: 'dashed', width: 1 }, itemStyle: { color: '#b8c0cc' }, tooltip: { show: false } },
  ];
  if (refs && refs.lorenz) {
    const x = 1 - refs.top_fraction;
    const y = 1 - refs.top_share;
    series.push({
      name: `referrals (Gini ${fmtNum(refs.gini, 2)})`, type: 'line', data: refs.lorenz, symbol: 'none', smooth: false,
      lineStyle: { width: 2.5, color: '#2f62c9' }, itemStyle: { color: '#2f62c9' }, areaStyle: { color: 'rgba(47,98,201,.08)' },
      markPoint: {
        symbol: 'circle', symbolSize: 10, itemStyle: { color: '#e89b0c', borderColor: '#fff', borderWidth: 2 },
        label: { show: true, position: 'left', distance: 10, color: '#1f2430', fontWeight: 600, formatter: `top ${fmtPct(refs.top_fraction, 0)} bring ${fmtPct(refs.top_share, 0)}` },
        data: [{ coord: [x, y] }],
      },
      markLine: {
        symbol: 'none', silent: true, lineStyle: { color: '#e89b0c', type: 'dotted' }, label: { show: false },
        data: [[{ coord: [x, 0] }, { coord: [x, y] }], [{ coord: [x, y] }, { coord: [0, y] }]],
      },
    });
  }
  if (value && value.lorenz) {
    series.push({ name: `purchase value (Gini ${fmtNum(value.gini, 2)})`, type: 'line', data: value.lorenz, symbol: 'none', lineStyle: { width: 2, color: '#12b886' }, itemStyle: { color: '#12b886' } });
  }
  return chartBox('super-lorenz', () => ({
    ...anim,
    tooltip: { trigger: 'axis', formatter: (ps) => ps.filter((p) => p.seriesName !== 'equality').map((p) => `the bottom ${fmtPct(p.data[0], 0)} bring ${fmtPct(p.data[1])} (${p.seriesName.split(' (')[0]})`).join('<br>') },
    legend: { top: 0 },
    grid: baseGrid({ top: 44, left: 56, right: 24 }),
    xAxis: { type: 'value', min: 0, max: 1, ...axisName('share of referrers, fewest to most'), axisLabel: { formatter: (v) => fmtPct(v, 0) } },
    yAxis: { type: 'value', min: 0, max: 1, ...axisName('share of acquisitions', { nameGap: 40 }), axisLabel: { formatter: (v) => fmtPct(v, 0) } },
    series,
  }), { height: 340, testid: 'chart-super-lorenz' });
}

function homophilyChart(hm) {
  const rows = [
    ['super users overall', hm.super_population_share],
    ['expected by chance', hm.super_expected_share],
    ['observed', hm.super_to_super_share],
  ];
  return chartBox('super-homophily', () => ({
    ...anim,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmtPct(v) },
    grid: { left: 16, right: 56, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'value', ...axisName('share of super users’ ties that go to super users', { nameGap: 26 }), axisLabel: { formatter: (v) => fmtPct(v, 2) } },
    yAxis: { type: 'category', data: rows.map((r) => r[0]), inverse: true, axisTick: { show: false } },
    series: [{
      type: 'bar', barWidth: 20,
      data: rows.map((r, i) => ({ value: r[1], itemStyle: { color: i === 2 ? '#e89b0c' : i === 1 ? '#9aa7b8' : '#d6dbe4', borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: 'right', formatter: (p) => fmtPct(p.value), color: MUTED },
    }],
  }), { height: 200 });
}

function homophilySentence(hm) {
  const lift = hm.super_lift;
  if (lift == null) return '';
  const ass = hm.tier_assortativity;
  const cluster = lift > 1.2 ? `cluster together: their ties go to other super users ${fmtNum(lift, 2)}× as often as chance would have it`
    : lift < 0.8 ? `do not cluster: their ties go to other super users only ${fmtNum(lift, 2)}× as often as chance would have it, so they each bring new circles`
      : `mix with everyone about as chance would have it (${fmtNum(lift, 2)}×)`;
  const a = ass == null ? '' : ` Tier assortativity is ${fmtNum(ass, 2)} (−1: opposites link, 0: no pattern, +1: like links with like).`;
  return `Super users ${cluster}.${a}`;
}

export function superUsersSection(data, ctx) {
  const a = data.analysis || {};
  const su = a.super_users;
  const { el, body } = section({
    id: 'super-users',
    title: 'Super users',
    lede: 'Super users are the customers who bring other customers; each rank is a weighted sum of plain measures, so you can see why someone is on the list.',
  });
  if (!su || !Array.isArray(su.top) || !su.top.length) {
    body.appendChild(notAvailable('this report carries no super-user ranking.', 'na-super-users'));
    return el;
  }
  const comps = (su.components || []).filter((c) => c.available !== false);
  const missing = (su.components || []).filter((c) => c.available === false).map((c) => humanize(c.name));
  const top = su.top.slice(0, 50);
  const weights = h('ul', { class: 'weights' }, ...comps.map((c, i) =>
    h('li', null, h('i', { class: 'swatch', style: { background: componentColor(c.name, i) } }), h('b', null, humanize(c.name)), ` ${fmtPct(c.weight, 0)}`,
      h('span', { class: 'muted' }, ` · ${COMPONENT_TEXT[c.name] || ''}`))));
  const cards = [
    card({ title: `The top ${top.length}, and why`, full: true, testid: 'card-super-top', how: `Each bar is a user's score split into its parts: each measure is turned into a percentile among all ${fmtInt(su.users)} users and weighted. Hover a bar for the breakdown, click it for the user's page.${missing.length ? ` Not available for this input: ${missing.join(', ')}.` : ''}` },
      weights, scoreBars(top, su.components.filter((c) => c.available !== false))),
  ];
  const listRows = top;
  const list = table([
    { label: 'rank', cell: (u) => h('span', { testid: `super-rank-${u.rank}` }, String(u.rank)), num: true },
    { label: 'user', cell: (u) => h('span', { testid: `super-id-${u.rank}` }, userLink(u.id, ctx.hasPage(u.id))) },
    ctx.hasTiers && { label: 'tier', cell: (u) => tierChip(u.components && u.components.tier ? TIER_NAMES[u.components.tier.value] : ctx.tierOf(u.id)) },
    { label: 'score', cell: (u) => h('span', { testid: `super-score-${u.rank}`, dataset: { value: String(u.score) } }, fmtNum(u.score, 3)), num: true },
    { label: 'why', cell: (u) => h('span', { class: 'explain' }, (u.explanation || '').replace(/^rank \d+: \S+ \(score [^)]*\):\s*/, '')) },
  ].filter(Boolean), listRows, { testid: 'super-table', cls: 'tbl-super', rowClass: (_, i) => (i >= 10 ? 'extra' : null) });
  const wrap = h('div', { class: 'collapsible' }, list);
  const toggle = top.length > 10 ? h('button', { type: 'button', class: 'btn', testid: 'super-show-all' }, `Show all ${top.length}`) : null;
  if (toggle) {
    toggle.addEventListener('click', () => {
      const open = wrap.classList.toggle('show-all');
      toggle.textContent = open ? 'Show the top 10' : `Show all ${top.length}`;
    });
  }
  cards.push(card({ title: 'In words', full: true, tools: toggle, how: 'The same ranking as sentences: each measure with the share of users it beats.' }, wrap));

  const pareto = su.pareto;
  if (pareto && pareto.referrals) {
    const r = pareto.referrals;
    cards.push(card({ title: 'Who brings the customers (Pareto)', testid: 'card-lorenz', how: `The Lorenz curve: referrers sorted from fewest to most acquisitions. The marked point shows that the top ${fmtPct(r.top_fraction, 0)} of ${fmtInt(r.population)} referrers brought ${fmtPct(r.top_share)} of ${fmtInt(r.total)} acquisitions (the 20/80 rule would be 80%). The further the curve sags, the more growth rests on few people.` },
      lorenz(pareto)));
  }
  const hm = su.homophily;
  if (hm && hm.super_lift != null) {
    cards.push(card({ title: 'Do super users stick together?', how: homophilySentence(hm) },
      homophilyChart(hm),
      h('p', { class: 'note' }, `${fmtInt(hm.super_ties)} ties from super users out of ${fmtInt(hm.ties)} positive ties.`)));
  } else if (hm) {
    cards.push(card({ title: 'Do super users stick together?' }, notAvailable('homophily needs trust tiers.', 'na-homophily')));
  }
  body.appendChild(kpis([
    { label: 'Top score', value: fmtNum(top[0].score, 3), sub: `${top[0].id}` },
    pareto && pareto.referrals && { label: `Top ${fmtPct(pareto.referrals.top_fraction, 0)} of referrers bring`, value: fmtPct(pareto.referrals.top_share, 0), sub: `Gini ${fmtNum(pareto.referrals.gini, 2)}`, testid: 'pareto-top-share' },
    hm && hm.super_lift != null && { label: 'Super-to-super ties vs chance', value: `${fmtNum(hm.super_lift, 2)}×`, sub: hm.super_lift < 1 ? 'less than chance' : 'more than chance' },
  ]));
  body.appendChild(grid(...cards));
  return el;
}
