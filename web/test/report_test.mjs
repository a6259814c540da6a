#!/usr/bin/env node
// End-to-end test of a refnet HTML report in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core; no browser is ever downloaded).
//
// usage: node test/report_test.mjs REPORT.html REPORT_JSON|- SCREENSHOT_DIR [--no-mobile]
//   REPORT_JSON: the data embedded in the page (web/DATA.md), to compare the numbers shown
//   against; "-" reads it back from the page's <script id="refnet-data">.
//
// Checks, one line each: the page opens (load event time printed) with no console errors, no
// failed requests and no request at all beyond the file itself; every section renders (each
// chart's canvas is drawn and not blank) or says "not available"; numbers in the page equal the
// data (funnel per tier, top super users' ids and scores, the largest cascade); searching a user
// id opens their page with id and rank; the phone layout does not scroll sideways. One PNG per
// section goes to SCREENSHOT_DIR. Exit code 0 only when every check passes.

import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, decodePng, inkStats, CAPTURE_CSS } from './browser.mjs';

const argv = process.argv.slice(2);
const positional = argv.filter((a) => !a.startsWith('--'));
if (positional.length !== 3) {
  console.error('usage: node test/report_test.mjs REPORT.html REPORT_JSON|- SCREENSHOT_DIR [--no-mobile]');
  process.exit(2);
}
const [htmlPath, jsonPath, shotDir] = positional;
const mobile = !argv.includes('--no-mobile');
const LOAD_BUDGET_MS = Number(process.env.REFNET_LOAD_BUDGET_MS || 0) || null;

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `: ${detail}` : ''}`);
  return !!ok;
}

async function main() {
  const html = path.resolve(htmlPath);
  if (!fs.existsSync(html)) { console.error(`no such file: ${html}`); process.exit(2); }
  fs.mkdirSync(shotDir, { recursive: true });
  const url = `file://${html}`;
  const { context, close } = await launchChromium({ viewport: { width: 1366, height: 900 } });
  const consoleErrors = [];
  const requests = [];
  const failed = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure() && r.failure().errorText})`));
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));

    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    const wall = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0];
      return { load: e.loadEventEnd, dcl: e.domContentLoadedEventEnd, size: e.decodedBodySize || e.transferSize || 0 };
    });
    const bytes = fs.statSync(html).size;
    check('page opens', nav.load > 0, `load event at ${nav.load.toFixed(0)} ms (DOMContentLoaded ${nav.dcl.toFixed(0)} ms, ${wall} ms wall), ${(bytes / 1e6).toFixed(2)} MB file`);
    if (LOAD_BUDGET_MS) check(`load under ${LOAD_BUDGET_MS} ms`, nav.load < LOAD_BUDGET_MS, `${nav.load.toFixed(0)} ms`);

    const data = jsonPath === '-' ? await page.evaluate(() => JSON.parse(document.getElementById('refnet-data').textContent)) : JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
    const a = data.analysis || {};
    check('title shown', (await page.textContent('[data-testid=report-title]')).trim() === (data.title || 'refnet report'));

    // --- sections ------------------------------------------------------------------------
    const sections = await page.$$eval('section.section', (els) => els.map((e) => e.id));
    const expected = ['overview', 'tiers', 'cascades', 'reach', 'super-users', 'influence', 'network', 'users', 'about'];
    check('all sections present', expected.every((s) => sections.includes(s)), sections.join(', '));
    const navLinks = await page.$$eval('nav a', (els) => els.map((e) => e.getAttribute('href')));
    check('nav links every section', expected.every((s) => navLinks.includes(`#${s}`)));

    const available = {
      tiers: !!(a.tiers && a.tiers.funnel),
      cascades: !!(a.cascades && a.cascades.summary),
      reach: !!(a.reach && a.reach.distribution),
      'super-users': !!(a.super_users && a.super_users.top && a.super_users.top.length),
      influence: !!(a.influence && a.influence.seeds && a.influence.seeds.length),
      network: !!(data.network && data.network.nodes && data.network.nodes.length),
    };
    await page.addStyleTag({ content: CAPTURE_CSS });
    for (const id of expected) {
      const sel = `section#${id}`;
      let shot = true;
      await page.$eval(sel, (e) => e.scrollIntoView({ block: 'start' }));
      const lede = await page.$eval(sel, (e) => (e.querySelector('.lede') || {}).textContent || '');
      if (id in available && !available[id]) {
        const na = await page.$eval(sel, (e) => !!e.querySelector('.na'));
        check(`section ${id}: says not available`, na && lede.length > 20);
      } else if (id === 'network') {
        await page.waitForFunction(() => {
          const s = document.querySelector('[data-testid=network-canvas]');
          return (s && s.dataset.layout === 'done') || document.querySelector('[data-testid=na-webgl]');
        }, null, { timeout: 30000 }).catch(() => {});
        const webgl = !(await page.$('[data-testid=na-webgl]'));
        if (check('network: WebGL view drawn', webgl, webgl ? '' : 'this Chromium has no WebGL')) {
          const canvases = await page.$$eval('[data-testid=network-canvas] canvas', (cs) => cs.filter((c) => c.width > 0 && c.height > 0).length);
          await page.waitForTimeout(300);
          const png = decodePng(await page.locator('[data-testid=network-canvas]').screenshot());
          const st = inkStats(png);
          check('network: canvas not blank', canvases >= 1 && st.ink > 0.01 && st.colours > 8, `${canvases} canvases, ${(st.ink * 100).toFixed(1)}% ink, ${st.colours} colours`);
          const counts = await page.textContent('[data-testid=network-counts]');
          check('network: counts shown', counts.includes(data.network.nodes.length.toLocaleString('en-US')), counts.trim());
          await page.locator(sel).screenshot({ path: path.join(shotDir, `section-${id}.png`) });
          shot = false;
          const probe = (data.network.nodes.find((n) => n.leader) || data.network.nodes[0]).id;
          await page.fill('[data-testid=network-search]', probe);
          await page.press('[data-testid=network-search]', 'Enter');
          const sel2 = await page.waitForSelector('[data-testid=network-selected]', { timeout: 5000 }).then((e) => e.textContent()).catch(() => null);
          check('network: search by id selects the user', sel2 === probe, `${probe} -> ${sel2}`);
          await page.waitForTimeout(700);
        }
      } else {
        // Charts draw lazily when near the viewport: walk down the section.
        const height = await page.$eval(sel, (e) => e.getBoundingClientRect().height);
        for (let y = 0; y < height; y += 500) {
          await page.$eval(sel, (e, dy) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY + dy), y);
          await page.waitForTimeout(30);
        }
        await page.waitForFunction((s) => [...document.querySelectorAll(`${s} .chart`)].every((c) => c.dataset.rendered), sel, { timeout: 10000 }).catch(() => {});
        const charts = await page.$$eval(`${sel} .chart`, (cs) => cs.map((c) => ({ name: c.dataset.chart, rendered: c.dataset.rendered || '', canvas: !!c.querySelector('canvas') })));
        const bad = charts.filter((c) => c.rendered !== '1' || !c.canvas);
        const hasVisual = charts.length > 0 || (await page.$$(`${sel} svg, ${sel} canvas, ${sel} .funnel`)).length > 0;
        const needsVisual = !['overview', 'users', 'about'].includes(id);
        check(`section ${id}: renders`, bad.length === 0 && (!needsVisual || hasVisual) && lede.length > 20,
          `${charts.length} charts${bad.length ? `, not drawn: ${bad.map((b) => b.name).join(', ')}` : ''}`);
        await page.waitForTimeout(500); // let the entry animations finish
        const blank = [];
        for (const c of charts) {
          const png = decodePng(await page.locator(`${sel} .chart[data-chart="${c.name}"]`).first().screenshot());
          const st = inkStats(png);
          if (st.ink < 0.01 || st.colours < 4) blank.push(`${c.name} (${(st.ink * 100).toFixed(1)}%)`);
        }
        if (charts.length) check(`section ${id}: charts not blank`, blank.length === 0, blank.join(', '));
      }
      if (shot) await page.locator(sel).screenshot({ path: path.join(shotDir, `section-${id}.png`) });
    }

    // --- numbers in the page equal the data --------------------------------------------
    const num = (s) => Number(String(s).replace(/[^0-9.\-]/g, ''));
    if (available.tiers) {
      const f = a.tiers.funnel;
      const shown = {};
      let ok = true;
      for (const t of ['none', 'micro', 'weak', 'strong', 'super']) {
        const now = num(await page.textContent(`[data-testid=funnel-now-${t}]`));
        const reached = num(await page.textContent(`[data-testid=funnel-reached-${t}]`));
        shown[t] = `${now}/${reached}`;
        ok = ok && now === f.per_tier[t] && reached === f.reached[t];
      }
      check('funnel counts equal the data', ok, Object.entries(shown).map(([k, v]) => `${k} ${v}`).join(', '));
    }
    if (available['super-users']) {
      const top = a.super_users.top;
      const k = Math.min(top.length, 50);
      let ok = true;
      const miss = [];
      for (let r = 0; r < k; r++) {
        const u = top[r];
        const id = (await page.textContent(`[data-testid=super-id-${u.rank}]`)).trim();
        const score = Number(await page.getAttribute(`[data-testid=super-score-${u.rank}]`, 'data-value'));
        const shownScore = num(await page.textContent(`[data-testid=super-score-${u.rank}]`));
        const good = id === u.id && Math.abs(score - u.score) < 1e-12 && Math.abs(shownScore - u.score) < 6e-4;
        if (!good) miss.push(`#${u.rank} ${id} ${shownScore}`);
        ok = ok && good;
      }
      check(`top ${k} super users' ids and scores equal the data`, ok, ok ? `#1 ${top[0].id} ${top[0].score.toFixed(3)}` : miss.slice(0, 5).join('; '));
    }
    if (available.cascades) {
      const largest = num(await page.textContent('[data-testid=largest-cascade-size]'));
      let detail = `largest ${largest}`;
      let ok = largest === a.cascades.summary.largest;
      if (Array.isArray(data.cascade_trees) && data.cascade_trees.length) {
        const tree = num(await page.textContent('[data-testid=tree-size]'));
        detail += `, tree shown ${tree}`;
        ok = ok && tree === data.cascade_trees[0].size;
      }
      check('largest cascade size equals the data', ok, detail);
    }
    if (a.network && a.network.summary && a.network.summary.users != null) {
      const users = num(await page.textContent('[data-testid=kpi-users]'));
      check('user count equals the data', users === a.network.summary.users || a.network.summary.users >= 1e6, `${users}`);
    }
    if (available.influence) {
      const shown = (await page.textContent('[data-testid=seed-id-1]')).trim();
      check('first influence seed equals the data', shown === a.influence.seeds[0].id, shown);
    }

    // --- the controls work (no errors, charts redraw) -------------------------------------
    {
      const clicked = [];
      const clickText = async (scope, text) => {
        const b = page.locator(`${scope} button`, { hasText: text }).first();
        if (await b.count()) { await b.scrollIntoViewIfNeeded(); await b.click(); clicked.push(text); await page.waitForTimeout(150); }
      };
      await clickText('#tiers', 'Step conversion');
      await clickText('#tiers', 'Tier now');
      await clickText('#cascades', 'Radial');
      if (await page.$('[data-testid=cascade-picker]')) {
        await page.selectOption('[data-testid=cascade-picker]', '1').catch(() => {});
        clicked.push('cascade #2');
        await page.waitForTimeout(300);
      }
      await clickText('#super-users', 'Show all');
      await clickText('#network', 'Tiers');
      await clickText('#network', 'Negative only');
      await clickText('#network', 'All ties');
      await clickText('#network', 'Reset view');
      const errs = consoleErrors.length;
      check('controls work', errs === 0, clicked.join(', '));
    }

    // --- search opens a user page ------------------------------------------------------
    const ids = Object.keys(data.users || {});
    if (ids.length) {
      const target = (a.super_users && a.super_users.top && a.super_users.top.find((u) => data.users[u.id])) || { id: ids[0] };
      const u = data.users[target.id];
      await page.$eval('#overview', (e) => e.scrollIntoView());
      await page.fill('#top-search', target.id);
      await page.press('#top-search', 'Enter');
      await page.waitForSelector('[data-testid=user-page]', { timeout: 5000 }).catch(() => {});
      const shownId = await page.textContent('[data-testid=user-id]').catch(() => null);
      const rank = await page.textContent('[data-testid=user-rank]').catch(() => '');
      check('search opens the user page', shownId && shownId.trim() === target.id && (u.rank == null || num(rank.split('of')[0]) === u.rank),
        `${target.id}: shows ${shownId} rank ${rank.trim()}`);
      await page.waitForTimeout(100);
      for (let y = 0; y < 4000; y += 600) { await page.evaluate((dy) => window.scrollTo(0, dy), y); await page.waitForTimeout(30); }
      await page.waitForFunction(() => [...document.querySelectorAll('#user-view .chart')].every((c) => c.dataset.rendered), null, { timeout: 8000 }).catch(() => {});
      const uc = await page.$$eval('#user-view .chart', (cs) => cs.map((c) => `${c.dataset.chart}:${c.dataset.rendered || ''}`));
      check('user page charts render', uc.length > 0 && uc.every((c) => c.endsWith(':1')), uc.join(', '));
      await page.waitForTimeout(500);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('[data-testid=user-page]').screenshot({ path: path.join(shotDir, 'user-page.png') });
      // Suggestions, then an id without a page.
      await page.fill('#top-search', 'zz-no-such-user');
      await page.press('#top-search', 'Enter');
      const missing = await page.waitForSelector('[data-testid=user-page-missing]', { timeout: 5000 }).then(() => true).catch(() => false);
      check('an unknown id says it has no page', missing);
      await page.evaluate(() => { location.hash = '#overview'; });
      await page.waitForSelector('#report-view:not([hidden])');
      check('back to the report from a user page', await page.isVisible('#overview'));
    }

    // --- phone ---------------------------------------------------------------------------
    if (mobile) {
      const phone = await context.newPage();
      phone.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`phone: ${m.text()}`); });
      phone.on('pageerror', (e) => consoleErrors.push(`phone uncaught: ${e.message}`));
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(url, { waitUntil: 'load' });
      for (let y = 0; y < 30000; y += 700) { await phone.evaluate((dy) => window.scrollTo(0, dy), y); await phone.waitForTimeout(20); }
      await phone.evaluate(() => window.__refnet && window.__refnet.drawAll());
      await phone.waitForTimeout(400);
      const overflow = await phone.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
      check('phone: no sideways scrolling', overflow.sw <= overflow.w + 1, `page ${overflow.sw}px wide in a ${overflow.w}px viewport`);
      await phone.evaluate(() => window.scrollTo(0, 0));
      await phone.screenshot({ path: path.join(shotDir, 'phone-overview.png') });
      for (const id of ['tiers', 'super-users']) {
        await phone.$eval(`#${id}`, (e) => e.scrollIntoView());
        await phone.waitForTimeout(600);
        await phone.screenshot({ path: path.join(shotDir, `phone-${id}.png`) });
      }
      await phone.close();
    }

    // --- what the page asked the network for -------------------------------------------
    const extra = requests.filter((r) => r !== url && !r.startsWith('data:'));
    check('no requests beyond the file itself', extra.length === 0, extra.length ? extra.slice(0, 5).join(', ') : `${requests.length} request(s), all the file`);
    check('no failed requests', failed.length === 0, failed.slice(0, 5).join(', '));
    check('no console errors', consoleErrors.length === 0, consoleErrors.slice(0, 5).join(' | '));
  } finally {
    await close();
  }
  const bad = results.filter((r) => !r.ok);
  console.log(bad.length ? `${bad.length} of ${results.length} checks FAILED` : `all ${results.length} checks passed; screenshots in ${shotDir}`);
  process.exit(bad.length ? 1 : 0);
}

main().catch((err) => {
  console.log(`FAIL  test harness: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
