#!/usr/bin/env node
// Regenerates the report screenshots used by docs/report.md (docs/images/report/*.png), from
// any report file: `make screenshots` runs it on the demo report the C++ writes.
//
// usage: node test/screenshots.mjs REPORT.html OUTDIR

import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, CAPTURE_CSS } from './browser.mjs';

const [htmlPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node test/screenshots.mjs REPORT.html OUTDIR');
  process.exit(2);
}
const MAX_H = 1500; // keep the committed images small: the top of long sections is enough

async function settle(page) {
  // Walk the page so every lazy chart draws, then wait for the network layout and animations.
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < h; y += 700) { await page.evaluate((dy) => window.scrollTo(0, dy), y); await page.waitForTimeout(25); }
  await page.evaluate(() => window.__refnet && window.__refnet.drawAll());
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=network-canvas]');
    return !s || s.dataset.layout === 'done' || !s.isConnected;
  }, null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(900);
}

async function shoot(page, selector, file) {
  const el = await page.$(selector);
  if (!el) { console.log(`skip  ${file}: no ${selector}`); return; }
  await el.scrollIntoViewIfNeeded();
  await page.waitForTimeout(150);
  const box = await el.boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.screenshot({
    path: path.join(outDir, file), fullPage: true,
    clip: { x: Math.max(0, box.x - 8), y: box.y + scrollY - 8, width: box.width + 16, height: Math.min(box.height, MAX_H) + 16 },
  });
  console.log(`wrote ${path.join(outDir, file)}`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const url = `file://${path.resolve(htmlPath)}`;
  const { context, close } = await launchChromium({ viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.addStyleTag({ content: CAPTURE_CSS });
    await settle(page);
    for (const id of ['overview', 'tiers', 'cascades', 'reach', 'super-users', 'influence', 'network', 'about']) {
      await shoot(page, `section#${id}`, `${id}.png`);
    }
    const first = await page.evaluate(() => {
      const d = window.__refnet && window.__refnet.data;
      const top = d && d.analysis && d.analysis.super_users && d.analysis.super_users.top;
      const u = top && top.find((t) => d.users && d.users[t.id]);
      return u ? u.id : (d && d.users ? Object.keys(d.users)[0] : null);
    });
    if (first) {
      await page.evaluate((id) => { location.hash = `#user/${encodeURIComponent(id)}`; }, first);
      await page.waitForSelector('[data-testid=user-page]');
      await settle(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, '[data-testid=user-page]', 'user-page.png');
    }
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url, { waitUntil: 'load' });
    await settle(phone);
    for (const id of ['overview', 'tiers', 'super-users']) {
      await phone.$eval(`#${id}`, (e) => e.scrollIntoView());
      await phone.waitForTimeout(500);
      await phone.screenshot({ path: path.join(outDir, `phone-${id}.png`) });
      console.log(`wrote ${path.join(outDir, `phone-${id}.png`)}`);
    }
  } finally {
    await close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
