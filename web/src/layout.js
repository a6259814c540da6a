// Building blocks shared by the sections: a section with its plain-words sentence, cards,
// key figures, the "not available" notice, tier chips.

import { h } from './dom.js';
import { tierColor, TIER_NAMES } from './theme.js';

export function section({ id, title, lede, icon }) {
  const body = h('div', { class: 'section-body' });
  const el = h('section', { class: 'section', id, testid: `section-${id}`, 'aria-labelledby': `${id}-title` },
    h('header', { class: 'section-head' },
      h('h2', { id: `${id}-title` }, icon ? h('span', { class: 'section-icon', 'aria-hidden': 'true' }, icon) : null, title),
      h('p', { class: 'lede', testid: `lede-${id}` }, lede)),
    body);
  return { el, body };
}

export function card({ title, how, wide = false, full = false, testid, tools }, ...children) {
  return h('figure', { class: `card${wide ? ' wide' : ''}${full ? ' full' : ''}`, testid },
    h('figcaption', null,
      h('div', { class: 'card-title-row' }, h('h3', null, title), tools || null),
      how ? h('p', { class: 'how' }, how) : null),
    ...children);
}

export function grid(...cards) {
  return h('div', { class: 'cards' }, ...cards);
}

export function notAvailable(reason, testid) {
  return h('div', { class: 'na', role: 'note', testid: testid || 'not-available' },
    h('strong', null, 'Not available for this input. '), reason);
}

export function kpis(items) {
  return h('div', { class: 'kpis' }, ...items.filter(Boolean).map((k) =>
    h('div', { class: `kpi${k.tone ? ` kpi-${k.tone}` : ''}` },
      h('div', { class: 'kpi-label' }, k.label),
      h('div', { class: 'kpi-value', testid: k.testid }, k.value),
      k.sub ? h('div', { class: 'kpi-sub' }, k.sub) : null)));
}

export function tierChip(t) {
  if (t === null || t === undefined) return h('span', { class: 'chip chip-na' }, 'no tier');
  const name = typeof t === 'number' ? TIER_NAMES[t] : t;
  return h('span', { class: 'chip tier-chip', style: { '--c': tierColor(name) } }, name);
}

export function tierLegend(tiers = TIER_NAMES) {
  return h('div', { class: 'legend' }, ...tiers.map((t) =>
    h('span', { class: 'legend-item' }, h('i', { class: 'swatch', style: { background: tierColor(t) } }), t)));
}

/** A segmented control: options [{value, label}], onChange(value). */
export function segmented(options, value, onChange, label) {
  const wrap = h('div', { class: 'seg', role: 'group', 'aria-label': label || 'view' });
  for (const o of options) {
    const b = h('button', { type: 'button', class: o.value === value ? 'on' : '', 'aria-pressed': String(o.value === value) }, o.label);
    b.addEventListener('click', () => {
      for (const x of wrap.children) { x.classList.remove('on'); x.setAttribute('aria-pressed', 'false'); }
      b.classList.add('on');
      b.setAttribute('aria-pressed', 'true');
      onChange(o.value);
    });
    wrap.appendChild(b);
  }
  return wrap;
}

/** A plain table: columns [{label, cell(row) -> node|string, num?:bool}]. */
export function table(columns, rows, { testid, caption, cls, rowClass } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: `tbl${cls ? ` ${cls}` : ''}`, testid },
      caption ? h('caption', null, caption) : null,
      h('thead', null, h('tr', null, ...columns.map((c) => h('th', { class: c.num ? 'num' : null, scope: 'col' }, c.label)))),
      h('tbody', null, ...rows.map((r, i) => h('tr', { class: rowClass ? rowClass(r, i) : null }, ...columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(r, i))))))));
}
