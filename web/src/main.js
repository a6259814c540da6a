// refnet report: entry point. Reads the embedded data (web/DATA.md), builds the page, routes
// between the report and the user pages (#user/<id>), and wires the search box.

import './report.css';
import { h, clear } from './dom.js';
import { fmtInt, fmtDate } from './format.js';
import { drawAll, disposeIn } from './charts.js';
import { makeContext } from './context.js';
import { overviewSection } from './sections/overview.js';
import { tiersSection } from './sections/tiers.js';
import { cascadesSection } from './sections/cascades.js';
import { reachSection } from './sections/reach.js';
import { superUsersSection } from './sections/superusers.js';
import { influenceSection } from './sections/influence.js';
import { networkSection } from './sections/network.js';
import { usersSection, renderUserPage } from './sections/users.js';
import { aboutSection } from './sections/about.js';

const SECTIONS = [
  ['overview', 'Overview', overviewSection],
  ['tiers', 'Trust tiers', tiersSection],
  ['cascades', 'Cascades', cascadesSection],
  ['reach', 'Reach', reachSection],
  ['super-users', 'Super users', superUsersSection],
  ['influence', 'Influence', influenceSection],
  ['network', 'Network', networkSection],
  ['users', 'User pages', usersSection],
  ['about', 'About this report', aboutSection],
];

function readData() {
  const el = document.getElementById('refnet-data');
  if (!el) throw new Error('no <script id="refnet-data"> in the page');
  return JSON.parse(el.textContent);
}

function searchBox(ctx, { id, placeholder = 'Find a user by id…' } = {}) {
  const input = h('input', {
    type: 'search', id, class: 'search-input', placeholder, autocomplete: 'off', spellcheck: 'false',
    'aria-label': 'Find a user by id', testid: id ? `search-${id}` : 'search',
  });
  const list = h('ul', { class: 'suggest', role: 'listbox', hidden: true });
  const wrap = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); go(input.value); } },
    h('span', { class: 'search-icon', 'aria-hidden': 'true' }, '⌕'), input, list);
  let active = -1;
  function go(value) {
    const q = value.trim();
    if (!q) return;
    list.hidden = true;
    const match = ctx.findUser(q);
    location.hash = `#user/${encodeURIComponent(match || q)}`;
    input.blur();
  }
  function show() {
    const q = input.value.trim();
    clear(list);
    active = -1;
    if (!q) { list.hidden = true; return; }
    const found = ctx.suggest(q, 8);
    for (const s of found) {
      const li = h('li', { role: 'option' },
        h('span', { class: 'uid' }, s.id),
        h('span', { class: 'suggest-meta' }, s.meta));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); input.value = s.id; go(s.id); });
      list.appendChild(li);
    }
    if (!found.length) list.appendChild(h('li', { class: 'suggest-none' }, 'No page for that id: press Enter to check'));
    list.hidden = false;
  }
  input.addEventListener('input', show);
  input.addEventListener('focus', show);
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 120));
  input.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('li[role=option]')];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!items.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => li.classList.toggle('active', i === active));
      input.value = items[active].querySelector('.uid').textContent;
    } else if (e.key === 'Escape') {
      list.hidden = true;
    }
  });
  return wrap;
}

function build(data) {
  const ctx = makeContext(data);
  const app = document.getElementById('app') || document.body.appendChild(h('div', { id: 'app' }));
  clear(app);

  const env = data.envelope || {};
  const input = env.input || {};
  const brand = h('a', { class: 'brand', href: '#overview', 'aria-label': 'refnet report, top' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), 'refnet');
  const sub = [input.path, input.n != null ? `${fmtInt(input.n)} users` : null, input.m != null ? `${fmtInt(input.m)} ties` : null,
    data.generated ? `generated ${fmtDate(data.generated)}` : null].filter(Boolean).join(' · ');
  const topbar = h('header', { class: 'topbar' },
    brand,
    h('div', { class: 'topbar-title' }, h('h1', { testid: 'report-title' }, data.title || 'refnet report'), h('div', { class: 'topbar-sub' }, sub)),
    searchBox(ctx, { id: 'top-search' }));

  const nav = h('nav', { class: 'nav', 'aria-label': 'Sections' },
    h('ul', null, ...SECTIONS.map(([id, label]) => h('li', null, h('a', { href: `#${id}`, dataset: { section: id } }, label)))));

  const reportView = h('div', { id: 'report-view' });
  for (const [id, , render] of SECTIONS) {
    try {
      reportView.appendChild(render(data, ctx, { searchBox: (o) => searchBox(ctx, o) }));
    } catch (err) {
      console.error(`refnet report: section ${id} failed:`, err);
      reportView.appendChild(h('section', { class: 'section', id, testid: `section-${id}` },
        h('div', { class: 'na' }, `This section could not be drawn: ${err.message}`)));
    }
  }
  const userView = h('div', { id: 'user-view', hidden: true });
  const main = h('main', { id: 'main', tabindex: '-1' }, reportView, userView);
  const footer = h('footer', { class: 'footer' },
    `${env.tool || 'refnet'} ${env.version || ''} · self-contained report: nothing is fetched when you open it`);
  app.append(topbar, h('div', { class: 'layout' }, nav, h('div', { class: 'content' }, main, footer)));

  // Highlight the section in view in the nav.
  const links = new Map([...nav.querySelectorAll('a')].map((a) => [a.dataset.section, a]));
  if (typeof IntersectionObserver !== 'undefined') {
    const seen = new Map();
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) seen.set(e.target.id, e.isIntersecting ? e.intersectionRatio : 0);
      let best = null;
      for (const [id, r] of seen) if (r > 0 && (!best || r > seen.get(best))) best = id;
      if (!best) return;
      for (const [id, a] of links) a.classList.toggle('current', id === best);
      // On narrow screens the nav is a horizontal strip: keep the current entry in sight.
      const cur = links.get(best);
      if (cur && nav.scrollWidth > nav.clientWidth) {
        const l = cur.offsetLeft; const r = l + cur.offsetWidth;
        if (l < nav.scrollLeft || r > nav.scrollLeft + nav.clientWidth) nav.scrollTo({ left: l - 12, behavior: 'smooth' });
      }
    }, { threshold: [0, 0.1, 0.3, 0.6] });
    for (const s of reportView.querySelectorAll('section.section')) io.observe(s);
  }

  function route() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith('user/')) {
      const id = hash.slice(5);
      disposeIn(userView);
      clear(userView);
      userView.appendChild(renderUserPage(data, ctx, id));
      reportView.hidden = true;
      userView.hidden = false;
      document.title = `${id} · ${data.title || 'refnet report'}`;
      window.scrollTo(0, 0);
      return;
    }
    if (!userView.hidden) {
      disposeIn(userView);
      clear(userView);
      userView.hidden = true;
      reportView.hidden = false;
      document.title = data.title || 'refnet report';
    }
    const target = hash && document.getElementById(hash);
    if (target) target.scrollIntoView();
  }
  window.addEventListener('hashchange', route);
  route();
  window.__refnet = { data, ctx, drawAll };
}

function start() {
  let data;
  try {
    data = readData();
  } catch (err) {
    console.error('refnet report: cannot read the embedded data:', err);
    document.body.appendChild(h('div', { class: 'na fatal' }, `This report's data could not be read (${err.message}).`));
    return;
  }
  build(data);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
