// Overview: the handful of numbers a growth team asks for first.

import { h } from '../dom.js';
import { fmtInt, fmtPct, fmtNum, fmtCompact, fmtDate } from '../format.js';
import { section, kpis } from '../layout.js';

export function overviewSection(data) {
  const a = data.analysis || {};
  const net = a.network || {};
  const s = net.summary || {};
  const ref = net.referral || {};
  const tiers = a.tiers;
  const casc = a.cascades && a.cascades.summary;
  const pareto = a.super_users && a.super_users.pareto && a.super_users.pareto.referrals;
  const inf = a.influence;
  const over = a.reach && a.reach.distribution && a.reach.distribution.over_dunbar;
  const build = net.build || {};

  const { el, body } = section({
    id: 'overview',
    title: 'Overview',
    lede: 'Who is in this network, how they came in, and how much of the growth came from people bringing other people.',
  });
  body.appendChild(kpis([
    s.users != null && { label: 'Users', value: fmtCompact(s.users), testid: 'kpi-users', sub: build.analysis_time_iso ? `as of ${fmtDate(build.analysis_time_iso)}` : null },
    s.ties != null && { label: 'Word-of-mouth ties', value: fmtCompact(s.ties), testid: 'kpi-ties', sub: s.negative_ties != null ? `${fmtInt(s.negative_ties)} negative (${fmtPct(s.negative_ties / Math.max(1, s.ties))})` : null },
    ref.acquisitions != null && { label: 'Acquired by referral', value: fmtCompact(ref.acquisitions), testid: 'kpi-acquisitions', sub: ref.organic_users != null ? `${fmtInt(ref.organic_users)} came on their own` : null },
    casc && { label: 'Viral K-factor', value: fmtNum(casc.k_factor, 2), testid: 'kpi-kfactor', sub: 'new users each user brings in' },
    tiers && tiers.funnel && { label: 'Super users now', value: fmtInt(tiers.funnel.per_tier.super), testid: 'kpi-super', tone: 'super', sub: `${fmtPct(tiers.funnel.per_tier.super / Math.max(1, tiers.funnel.users))} of users` },
    pareto && { label: `Top ${fmtPct(pareto.top_fraction, 0)} of referrers bring`, value: fmtPct(pareto.top_share, 0), testid: 'kpi-pareto', sub: 'of all referral acquisitions' },
    over && { label: `Reach past ${over.threshold} in ${over.hops} hops`, value: fmtInt(over.users), testid: 'kpi-over-dunbar', sub: `${fmtPct(over.share)} of users` },
    inf && inf.spread != null && { label: `Spread of the best ${inf.k} seeds`, value: fmtNum(inf.spread, 3), testid: 'kpi-spread', sub: 'users reached, expected' },
  ]));
  const kind = build.kind === 'events' ? 'an event log' : build.kind === 'graph' ? 'a graph file (no events: no tiers, no purchases)' : null;
  if (kind) body.appendChild(h('p', { class: 'note' }, `Built from ${kind}. ${(data.sampling && data.sampling.how) ? 'See “About this report” for what is summarised or sampled.' : ''}`));
  return el;
}
