// About this report: what was run on what, and how per-user data was summarised or sampled.

import { h } from '../dom.js';
import { fmtInt, fmtDate, humanize } from '../format.js';
import { section, card, grid } from '../layout.js';
import { REASON_LABELS } from '../context.js';

function facts(pairs) {
  return h('dl', { class: 'facts' }, ...pairs.filter((p) => p && p[1] !== undefined && p[1] !== null && p[1] !== '')
    .map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

export function aboutSection(data) {
  const env = data.envelope || {};
  const input = env.input || {};
  const s = data.sampling || {};
  const { el, body } = section({
    id: 'about',
    title: 'About this report',
    lede: 'How this report was made, and what it leaves out: big networks are summarised and sampled so the page stays small and fast, and everything below says how.',
  });
  const byReason = Object.entries(s.user_pages_by_reason || {});
  body.appendChild(grid(
    card({ title: 'Sampling', wide: true, testid: 'card-sampling' },
      facts([
        ['users in the network', s.users_total != null ? fmtInt(s.users_total) : null],
        ['user pages', s.user_pages != null ? h('span', { testid: 'sampling-user-pages' }, fmtInt(s.user_pages)) : null],
        ['network view', s.network_nodes != null ? `${fmtInt(s.network_nodes)} users and ${fmtInt(s.network_edges)} ties${s.network_nodes_total ? ` of ${fmtInt(s.network_nodes_total)} and ${fmtInt(s.network_edges_total)}` : ''}` : null],
        ['cascade trees', s.cascade_trees != null ? `${fmtInt(s.cascade_trees)} largest, up to ${fmtInt(s.cascade_tree_max_nodes)} users each` : null],
      ]),
      byReason.length ? h('p', { class: 'note' }, 'Pages by reason (a user can have several): ',
        byReason.map(([r, n]) => `${REASON_LABELS[r] || humanize(r)} ${fmtInt(n)}`).join(' · '), '.') : null,
      s.how ? h('p', { class: 'prose', testid: 'sampling-how' }, s.how) : null,
      h('p', { class: 'note' }, 'Every chart of a whole-network quantity (funnel, cohorts, cascade sizes, reach distribution, Lorenz curve) is computed over all users, not over the sample.')),
    card({ title: 'Run', testid: 'card-run' },
      facts([
        ['tool', [env.tool, env.version].filter(Boolean).join(' ')],
        ['input', input.path ? h('code', null, input.path) : null],
        ['sha256', input.sha256 ? h('code', { class: 'hash' }, input.sha256) : null],
        ['size', input.n != null ? `${fmtInt(input.n)} users, ${fmtInt(input.m)} ties` : null],
        ['seed', env.seed != null ? String(env.seed) : null],
        ['threads', env.threads != null ? String(env.threads) : null],
        ['generated', data.generated ? fmtDate(data.generated) : null],
        ['schema', data.schema],
      ]),
      env.params && Object.keys(env.params).length ? h('details', { class: 'more' }, h('summary', null, 'Parameters'),
        h('pre', { class: 'code' }, JSON.stringify(env.params, null, 2))) : null),
  ));
  return el;
}
