// Influence: the seeds (IMM or OPIM-C, as `algorithm` says), each one's marginal gain, the estimated spread and its guarantee.

import { h, userLink } from '../dom.js';
import { fmtInt, fmtNum, fmtPct, fmtCompact } from '../format.js';
import { section, card, grid, notAvailable, kpis, table, tierChip } from '../layout.js';
import { chartBox, baseGrid, axisName, anim } from '../charts.js';
import { ACCENT } from '../theme.js';

// The seed-selection algorithm's name as people write it ('opim-c' -> 'OPIM-C').
const algorithmName = (inf) => String(inf.algorithm || 'imm').toUpperCase();

function seedsChart(seeds, algo) {
  return chartBox('influence-seeds', (chart) => {
    chart.on('click', (p) => { const s = seeds[p.dataIndex]; if (s) location.hash = `#user/${encodeURIComponent(s.id)}`; });
    return {
      ...anim,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${fmtNum(v, 3)} users` },
      legend: { top: 0 },
      grid: baseGrid({ top: 44, left: 56, right: 60, bottom: 72 }),
      xAxis: { type: 'category', data: seeds.map((s) => `${s.rank}. ${s.id}`), axisLabel: { rotate: 40, interval: 0, fontSize: 11 }, ...axisName(`seeds in the order ${algo} chose them`, { nameGap: 58 }) },
      yAxis: [
        { type: 'value', ...axisName('extra users reached', { nameGap: 40 }) },
        { type: 'value', ...axisName('total expected spread', { nameGap: 44 }), splitLine: { show: false } },
      ],
      series: [
        { name: 'marginal gain', type: 'bar', data: seeds.map((s) => s.marginal_spread), itemStyle: { color: '#9cc3ec', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 34 },
        { name: 'cumulative spread', type: 'line', yAxisIndex: 1, data: seeds.map((s) => s.cumulative_spread), symbolSize: 7, lineStyle: { color: ACCENT, width: 2 }, itemStyle: { color: ACCENT } },
      ],
    };
  }, { height: 320, testid: 'chart-influence-seeds' });
}

export function influenceSection(data, ctx) {
  const a = data.analysis || {};
  const inf = a.influence;
  const { el, body } = section({
    id: 'influence',
    title: 'Influence',
    lede: 'If you could give a launch to only a few people, these are the ones whose word would spread furthest, with a proven bound on how well the choice does.',
  });
  if (!inf || !Array.isArray(inf.seeds) || !inf.seeds.length) {
    body.appendChild(notAvailable('influence maximisation was not run for this report (analyze --influence-k 0).', 'na-influence'));
    return el;
  }
  const g = inf.guarantee || {};
  const d = inf.diffusion || {};
  body.appendChild(kpis([
    { label: `Expected spread of ${fmtInt(inf.k)} seeds`, value: fmtNum(inf.spread, 4), sub: 'users who would hear, on average', testid: 'influence-spread' },
    g.spread_lower_bound != null && { label: 'Guaranteed at least', value: fmtNum(g.spread_lower_bound, 3), sub: `with probability ${fmtPct(1 - (g.failure_probability || 0), 3)}`, testid: 'influence-guarantee' },
    g.approximation != null && { label: 'Of the best possible', value: `≥ ${fmtPct(g.approximation)}`, sub: `1 − 1/e − ε, ε = ${fmtNum(inf.epsilon, 2)}` },
    { label: 'Model', value: (d.model || 'ic').toUpperCase(), sub: `${d.ties ? `${d.ties} ties, ` : ''}${d.probability ? `p from ${d.probability}` : ''}` },
  ]));
  const seeds = inf.seeds;
  body.appendChild(grid(
    card({ title: 'The chosen seeds', wide: true, how: `${algorithmName(inf)} picks seeds one by one, each adding the most people not already reached: bars are what each seed adds, the line the running total. A flat line means more seeds would add little.` },
      seedsChart(seeds, algorithmName(inf))),
    card({ title: 'The guarantee in plain words', how: null },
      h('div', { class: 'prose' },
        h('p', null, `Giving the launch to these ${fmtInt(inf.k)} users reaches about `, h('b', null, fmtNum(inf.spread, 3)), ` people under the ${(d.model || 'ic').toUpperCase()} model (independent cascade: each tie passes the word on once, with a probability from its ${d.probability || 'weight'}).`),
        g.approximation != null ? h('p', null, `The choice is proven to reach at least `, h('b', null, fmtPct(g.approximation)),
          ` of what the best possible ${fmtInt(inf.k)} seeds would reach`,
          g.opt_lower_bound != null ? ` (the best reaches at least ${fmtNum(g.opt_lower_bound, 3)} people)` : '',
          g.spread_lower_bound != null ? [', so at least ', h('b', null, fmtNum(g.spread_lower_bound, 3)), ' people'] : '',
          g.failure_probability != null ? `, with probability ${fmtPct(1 - g.failure_probability, 3)}.` : '.') : null,
        h('p', { class: 'muted' }, `Estimated from ${fmtCompact(inf.rr_sets_sampled || inf.theta)} random reverse-reachable sets (θ = ${fmtCompact(inf.theta)}) over ${fmtCompact(d.nodes)} users and ${fmtCompact(d.edges)} ties; failure probability ${fmtNum(g.failure_probability, 2)}.`))),
    card({ title: 'Seeds', how: 'In the order chosen.' },
      table([
        { label: '#', cell: (s) => String(s.rank), num: true },
        { label: 'user', cell: (s) => h('span', { testid: `seed-id-${s.rank}` }, userLink(s.id, ctx.hasPage(s.id))) },
        ctx.hasTiers && { label: 'tier', cell: (s) => tierChip(ctx.tierOf(s.id)) },
        { label: 'adds', cell: (s) => fmtNum(s.marginal_spread, 3), num: true },
        { label: 'total', cell: (s) => fmtNum(s.cumulative_spread, 3), num: true },
      ].filter(Boolean), seeds, { testid: 'seed-table' })),
  ));
  return el;
}
