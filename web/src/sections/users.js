// User pages: the lookup section, and one page per sampled user (#user/<id>): tier history,
// score breakdown and rank, referral subtree, Dunbar layers with their strongest ties, reach
// per hop, prospects.

import { h, userLink } from '../dom.js';
import { fmtInt, fmtNum, fmtPct, fmtDate, humanize, ordinal } from '../format.js';
import { section, card, grid, notAvailable, kpis, table, tierChip } from '../layout.js';
import { chartBox, baseGrid, axisName, anim } from '../charts.js';
import { TIER_NAMES, ACCENT, tierColor } from '../theme.js';
import { REASON_LABELS } from '../context.js';
import { componentColor } from './superusers.js';
import { cascadeTree } from './cascades.js';
import { networkFind } from './network.js';

const CAUSE_TEXT = {
  purchase: 'first purchase', repurchase: 'bought the same product again', advocacy: 'recommended or referred',
  conversion: 'referees went on to buy', churn: 'churned', complaint: 'complained', negative_review: 'negative review',
  inactivity: 'inactive too long',
};

export function usersSection(data, ctx, { searchBox }) {
  const s = data.sampling || {};
  const { el, body } = section({
    id: 'users',
    title: 'User pages',
    lede: 'Look up one customer to see how their trust grew, why they rank where they do, whom they brought in, who they are closest to, and whom to win next through them.',
  });
  const n = ctx.ids.length;
  if (!n) {
    body.appendChild(notAvailable('this report carries no user pages.', 'na-users'));
    return el;
  }
  const byReason = s.user_pages_by_reason || {};
  const byRank = (x, y) => (ctx.user(x).rank ?? Infinity) - (ctx.user(y).rank ?? Infinity) || (x < y ? -1 : 1);
  const pick = (reason, k) => ctx.ids.filter((id) => (ctx.user(id).reasons || []).includes(reason)).sort(byRank).slice(0, k);
  const groups = [
    ['super_user', 'Top super users'], ['seed', 'Influence seeds'], ['cascade_root', 'Cascade roots'],
    ['community_leader', 'Community leaders'], ['random_sample', 'A random sample'],
  ].map(([r, label]) => [label, r, pick(r, 12)]).filter(([, , ids]) => ids.length);
  body.appendChild(grid(
    card({ title: 'Find a user', full: true, how: `${fmtInt(n)} of ${fmtInt(ctx.usersTotal || n)} users have a page in this report${ctx.usersTotal && n < ctx.usersTotal ? ' (see “About this report” for how they were chosen)' : ''}. Type an id; suggestions appear as you type.` },
      h('div', { class: 'user-search' }, searchBox({ id: 'user-search', placeholder: 'User id, e.g. ' + (ctx.ids[0] || 'u000001') })),
      h('div', { class: 'user-groups' }, ...groups.map(([label, r, ids]) => h('div', { class: 'user-group' },
        h('h4', null, label, byReason[r] ? h('span', { class: 'muted' }, ` · ${fmtInt(byReason[r])}`) : null),
        h('div', { class: 'chips' }, ...ids.map((id) => h('a', { class: 'chip chip-link', href: `#user/${encodeURIComponent(id)}` }, id)))))))));
  return el;
}

function scoreChart(u, comps) {
  const names = comps.map((c) => c.name).filter((n) => u.components && u.components[n]);
  const weight = new Map(comps.map((c) => [c.name, c.weight]));
  return chartBox('user-score', () => ({
    ...anim,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const n = names[ps[0].dataIndex];
        const c = u.components[n];
        return `<b>${humanize(n)}</b><br>value ${fmtNum(c.value, 3)}<br>beats ${fmtPct(c.percentile)} of users<br>weight ${fmtPct(weight.get(n) || 0, 0)} → adds ${fmtNum(c.contribution, 3)} to the score`;
      },
    },
    grid: { left: 140, right: 64, top: 12, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, ...axisName('percentile among all users', { nameGap: 26 }), axisLabel: { formatter: (v) => fmtPct(v, 0) } },
    yAxis: { type: 'category', inverse: true, data: names.map(humanize), axisTick: { show: false } },
    series: [{
      type: 'bar', barWidth: 14,
      data: names.map((n, i) => ({ value: u.components[n].percentile, itemStyle: { color: componentColor(n, i), borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: 'right', formatter: (p) => fmtNum(u.components[names[p.dataIndex]].value, 3), color: '#6b7280', fontSize: 11 },
    }],
  }), { height: Math.max(200, names.length * 30 + 56), testid: 'chart-user-score' });
}

function tierStepChart(u, at) {
  const pts = [];
  const tr = u.transitions || [];
  const start = tr.length ? tr[0].ts : u.since;
  if (start != null) pts.push([start * 1000, tr.length ? TIER_NAMES.indexOf(tr[0].from) : u.tier]);
  for (const t of tr) pts.push([t.ts * 1000, TIER_NAMES.indexOf(t.to)]);
  if (at) pts.push([at * 1000, u.tier]);
  return chartBox('user-tiers', () => ({
    ...anim,
    tooltip: { trigger: 'axis', formatter: (ps) => `${fmtDate(ps[0].value[0] / 1000)}: <b>${TIER_NAMES[ps[0].value[1]]}</b>` },
    grid: baseGrid({ left: 64, top: 16, bottom: 40 }),
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, max: 4, interval: 1, axisLabel: { formatter: (v) => TIER_NAMES[v] || '' } },
    series: [{
      type: 'line', step: 'end', data: pts.map(([x, y]) => ({ value: [x, y], itemStyle: { color: tierColor(TIER_NAMES[y]) } })),
      symbolSize: 9, lineStyle: { width: 2.5, color: '#9aa7b8' },
    }],
  }), { height: 200, testid: 'chart-user-tiers' });
}

function reachChart(reach, threshold) {
  return chartBox('user-reach', () => ({
    ...anim,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${fmtInt(v)} people` },
    grid: baseGrid({ left: 56, top: 20, bottom: 40 }),
    xAxis: { type: 'category', data: reach.map((_, i) => `${i + 1} hop${i ? 's' : ''}`), ...axisName('within') },
    yAxis: { type: 'value', ...axisName('people reached', { nameGap: 40 }), max: (v) => Math.ceil((Math.max(v.max, threshold) * 1.1) / 50) * 50 },
    series: [{
      type: 'bar', data: reach, barMaxWidth: 48, itemStyle: { color: ACCENT, borderRadius: [4, 4, 0, 0] },
      label: { show: true, position: 'top', formatter: (p) => fmtInt(p.value) },
      markLine: { symbol: 'none', silent: true, lineStyle: { color: '#1f2430', type: 'dashed' }, label: { formatter: `Dunbar's ${threshold}`, position: 'insideEndTop' }, data: [{ yAxis: threshold }] },
    }],
  }), { height: 220, testid: 'chart-user-reach' });
}

function history(u) {
  const tr = u.transitions || [];
  if (!tr.length) return h('p', { class: 'muted' }, `No tier changes: ${u.tier_name || TIER_NAMES[u.tier] || 'none'} throughout.`);
  return h('ol', { class: 'timeline', testid: 'user-tier-history' }, ...tr.map((t) =>
    h('li', { class: `tl-${t.kind || 'up'}` },
      h('time', { datetime: t.ts_iso || '' }, fmtDate(t.ts_iso || t.ts)),
      h('span', { class: 'tl-move' }, tierChip(t.from), h('span', { class: 'tl-arrow', 'aria-hidden': 'true' }, '→'), tierChip(t.to)),
      h('span', { class: `tl-cause${t.kind === 'drop' ? ' neg' : ''}` }, CAUSE_TEXT[t.cause] || humanize(t.cause || ''), t.kind === 'jump' ? ' (jumped tiers)' : ''))));
}

function layers(u, ctx) {
  const ls = u.dunbar_layers || [];
  if (!ls.length || ls.every((l) => !l.ties)) return h('p', { class: 'muted' }, 'No word-of-mouth ties from this user.');
  return h('div', { class: 'layers', testid: 'user-layers' }, ...ls.map((l) => h('div', { class: 'layer' },
    h('div', { class: 'layer-head' },
      h('b', null, humanize(l.layer)), h('span', { class: 'muted' }, ` top ${l.size}`),
      h('span', { class: 'layer-stat' }, `${fmtInt(l.ties)} tie${l.ties === 1 ? '' : 's'}`, l.strength != null ? ` · strength ${fmtNum(l.strength, 3)}` : '')),
    (l.top && l.top.length) ? h('ul', { class: 'ties' }, ...l.top.map((t) => h('li', { class: t.sign < 0 ? 'neg' : null },
      t.rank != null ? h('span', { class: 'tie-rank' }, `#${t.rank}`) : null,
      userLink(t.id, ctx.hasPage(t.id)),
      h('span', { class: 'tie-w', title: 'tie strength' }, fmtNum(t.w, 3)),
      t.sign < 0 ? h('span', { class: 'tie-neg', title: 'negative tie: their word about us is negative' }, 'negative') : null)))
      : h('p', { class: 'muted small' }, l.ties ? '' : 'empty'),
    l.ties > (l.top || []).length && l.top && l.top.length ? h('p', { class: 'muted small' }, `and ${fmtInt(l.ties - l.top.length)} more`) : null)));
}

export function renderUserPage(data, ctx, id) {
  const u = ctx.user(id);
  const a = data.analysis || {};
  const su = a.super_users || {};
  const back = h('a', { class: 'back', href: '#users' }, '← Back to the report');
  if (!u) {
    const s = data.sampling || {};
    const node = ctx.node(id);
    return h('article', { class: 'user-page', testid: 'user-page-missing' }, back,
      h('h2', null, 'No page for ', h('span', { class: 'uid', testid: 'user-id' }, id)),
      h('div', { class: 'na' },
        `This report has pages for ${fmtInt(ctx.ids.length)} of ${fmtInt(ctx.usersTotal || ctx.ids.length)} users. `,
        s.how ? `${s.how} ` : '',
        'For anyone else, run ', h('code', null, `refnet user NET ${id}`), '.'),
      node ? h('p', null, `${id} does appear in the network view: `, h('a', { href: '#network', onclick: () => networkFind(id) }, 'show them there'), '.') : null);
  }
  const total = ctx.usersTotal;
  const tierName = ctx.tierName(u.tier);
  const reasons = (u.reasons || []).map((r) => h('span', { class: 'chip' }, REASON_LABELS[r] || humanize(r)));
  const threshold = (a.reach && a.reach.distribution && a.reach.distribution.over_dunbar && a.reach.distribution.over_dunbar.threshold) || 150;
  const header = h('header', { class: 'user-head' },
    back,
    h('div', { class: 'user-title' },
      h('h2', null, h('span', { class: 'uid', testid: 'user-id' }, id)),
      tierName ? tierChip(tierName) : null,
      ...reasons),
    u.explanation ? h('p', { class: 'lede' }, u.explanation) : null);

  const comps = (su.components || []).filter((c) => c.available !== false);
  const kpiRow = kpis([
    u.rank != null && { label: 'Super-user rank', value: `#${fmtInt(u.rank)}`, sub: total ? `of ${fmtInt(total)} users (top ${fmtPct(u.rank / total)})` : null, testid: 'user-rank' },
    u.score != null && { label: 'Score', value: fmtNum(u.score, 3), sub: 'out of 1', testid: 'user-score' },
    tierName && { label: 'Tier now', value: tierName, sub: u.since ? `since ${fmtDate(u.since_iso || u.since)}` : null, testid: 'user-tier', tone: tierName === 'super' ? 'super' : null },
    u.referral_subtree && { label: 'Brought in', value: fmtInt(Math.max(0, (u.referral_subtree.size || 1) - 1)), sub: 'directly or down the chain', testid: 'user-descendants' },
    Array.isArray(u.reach) && u.reach.length && { label: `Reach in ${u.reach.length} hops`, value: fmtInt(u.reach[u.reach.length - 1]), sub: `${fmtInt(u.reach[0])} direct`, testid: 'user-reach' },
  ]);

  const cards = [];
  if (u.components && comps.length) {
    cards.push(card({ title: 'Score breakdown', how: 'Each measure as the share of users this user beats; the number is the raw value.' }, scoreChart(u, comps)));
  }
  if (ctx.hasTiers && u.tier != null) {
    cards.push(card({ title: 'Tier history', how: 'Every change of trust tier, with its date and cause.' }, tierStepChart(u, a.tiers && a.tiers.at), history(u)));
  }
  if (u.referral_subtree && (u.referral_subtree.nodes || []).length > 1) {
    const t = u.referral_subtree;
    const tree = cascadeTree('user-subtree', { ...t, root: id }, ctx, { height: Math.min(520, 180 + 10 * t.nodes.length), testid: 'chart-user-subtree' });
    cards.push(card({ title: 'Everyone they brought in', wide: true, tools: tree.tools, how: `${fmtInt(t.size - 1)} users joined through ${id}, ${fmtInt(t.depth)} generation${t.depth === 1 ? '' : 's'} deep${t.omitted ? ` (${fmtInt(t.omitted)} not drawn)` : ''}.` },
      u.referrer ? h('p', { class: 'note' }, 'They were referred by ', userLink(u.referrer, ctx.hasPage(u.referrer)), u.acquired ? ` on ${fmtDate(u.acquired)}` : '', '.') : null, tree.box));
  } else if (u.referral_subtree || u.referrer !== undefined) {
    cards.push(card({ title: 'Referrals', how: null },
      h('p', null, u.referrer ? ['Referred by ', userLink(u.referrer, ctx.hasPage(u.referrer)), u.acquired ? ` on ${fmtDate(u.acquired)}` : '', '. '] : 'Came on their own. ',
        'Has not brought anyone in yet.')));
  }
  if (Array.isArray(u.reach) && u.reach.length) {
    cards.push(card({ title: 'Reach per hop', how: `How many different people their word gets to within 1, 2, … hops, against Dunbar's ${threshold}.` }, reachChart(u.reach, threshold),
      u.ties ? h('p', { class: 'note' }, `${fmtInt(u.ties.out)} ties out, ${fmtInt(u.ties.in)} in`, u.ties.negative ? h('span', { class: 'neg' }, `, ${fmtInt(u.ties.negative)} negative`) : '', '.') : null));
  }
  if (u.dunbar_layers) {
    cards.push(card({ title: 'Closest ties, by Dunbar layer', wide: true, how: 'Their ties ranked by strength (recent, frequent, positive word of mouth counts most); the strongest of each layer. Negative ties are marked in red.' }, layers(u, ctx)));
  }
  if (Array.isArray(u.prospects)) {
    cards.push(card({ title: 'Prospects: whom to win through them', full: true, how: 'Their strongest contacts who are not yet advocates, ranked by tie strength times the contact’s own reach: ask this user to bring these people in.' },
      u.prospects.length ? table([
        { label: '#', cell: (_, i) => String(i + 1), num: true },
        { label: 'contact', cell: (p) => userLink(p.id, ctx.hasPage(p.id)) },
        ctx.hasTiers && { label: 'tier', cell: (p) => tierChip(p.tier) },
        { label: 'layer', cell: (p) => `${p.layer || ''}${p.rank != null ? ` (${ordinal(p.rank)})` : ''}` },
        { label: 'strength', cell: (p) => fmtNum(p.strength, 3), num: true },
        { label: 'reach', cell: (p) => fmtInt(p.reach), num: true },
        { label: 'score', cell: (p) => fmtNum(p.score, 3), num: true },
        { label: 'why', cell: (p) => h('span', { class: 'explain' }, (p.reasons || []).join('; ')) },
      ].filter(Boolean), u.prospects, { testid: 'user-prospects' }) : h('p', { class: 'muted' }, 'No prospects: every strong contact is already an advocate.')));
  }
  if (ctx.inNetwork(id)) {
    cards.push(card({ title: 'In the network view' }, h('p', null, h('a', { class: 'button', href: '#network', onclick: () => networkFind(id) }, 'Show in the network →'))));
  }
  return h('article', { class: 'user-page', testid: 'user-page' }, header, kpiRow, grid(...cards));
}

