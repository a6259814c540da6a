#!/usr/bin/env node
// Opens an HTML report in headless Chromium (Debian's, offline, a fresh profile each time)
// RUNS times and prints the load event's time of each run and their median (ms): the
// "opens in under N s" targets of docs/report.md. The network view's layout and the charts
// draw after the load event (lazily, as they come into view) and are not part of it.
//
// usage: node bench/report_load.mjs REPORT.html [RUNS]

import path from 'node:path';
import { launchChromium } from '../web/test/browser.mjs';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/report_load.mjs REPORT.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 5);
const times = [];
for (let i = 0; i < runs; i++) {
  const { context, close } = await launchChromium({ viewport: { width: 1366, height: 900 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load', timeout: 120000 });
    times.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
  } finally {
    await close();
  }
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
console.log(`load_event_ms runs=${runs} ${times.map((t) => t.toFixed(0)).join(' ')} median=${median.toFixed(0)}`);
