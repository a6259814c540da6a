// Lookups shared by the sections: which users have a page, what is known about an id.

import { TIER_NAMES } from './theme.js';
import { fmtInt } from './format.js';

export const REASON_LABELS = {
  super_user: 'top super user',
  seed: 'influence seed',
  cascade_root: 'cascade root',
  top_referrer: 'top referrer',
  top_reach: 'top reach',
  community_leader: 'community leader',
  network: 'in the network view',
  prospect: 'prospect',
  random_sample: 'random sample',
  requested: 'requested',
  // roles in the network view
  leader: 'community leader',
  top: 'top super user',
  ego: 'in a top user’s circle',
  member: 'community member',
};

export function makeContext(data) {
  const users = data.users && typeof data.users === 'object' ? data.users : {};
  const ids = Object.keys(users).sort();
  const lower = new Map(ids.map((id) => [id.toLowerCase(), id]));
  const nodes = (data.network && Array.isArray(data.network.nodes)) ? data.network.nodes : [];
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const a = data.analysis || {};
  const superRank = new Map(((a.super_users && a.super_users.top) || []).map((s) => [s.id, s]));

  const tierName = (t) => (t === null || t === undefined ? null : typeof t === 'number' ? TIER_NAMES[t] : t);

  function meta(id) {
    const u = users[id];
    const bits = [];
    if (u && u.rank != null) bits.push(`rank ${fmtInt(u.rank)}`);
    const t = u ? tierName(u.tier) : null;
    if (t) bits.push(t);
    return bits.join(' · ');
  }

  return {
    users,
    ids,
    hasPage: (id) => Object.prototype.hasOwnProperty.call(users, id),
    user: (id) => users[id],
    findUser(q) {
      if (Object.prototype.hasOwnProperty.call(users, q)) return q;
      return lower.get(q.toLowerCase()) || null;
    },
    suggest(q, k) {
      const ql = q.toLowerCase();
      const out = [];
      for (const id of ids) if (id.toLowerCase().startsWith(ql)) { out.push(id); if (out.length >= k) break; }
      if (out.length < k) {
        for (const id of ids) {
          if (!id.toLowerCase().startsWith(ql) && id.toLowerCase().includes(ql)) { out.push(id); if (out.length >= k) break; }
        }
      }
      return out.map((id) => ({ id, meta: meta(id) }));
    },
    node: (id) => (nodeIndex.has(id) ? nodes[nodeIndex.get(id)] : null),
    inNetwork: (id) => nodeIndex.has(id),
    superEntry: (id) => superRank.get(id) || null,
    tierName,
    tierOf(id) {
      const u = users[id];
      if (u && u.tier != null) return tierName(u.tier);
      const n = nodeIndex.has(id) ? nodes[nodeIndex.get(id)] : null;
      return n ? tierName(n.tier) : null;
    },
    hasTiers: !!(a.tiers && a.tiers.funnel),
    usersTotal: (data.sampling && data.sampling.users_total) || (a.network && a.network.summary && a.network.summary.users) || null,
  };
}
