#!/usr/bin/env node
// Assembles a self-contained report from build.mjs's output and a data JSON file, the same way
// the C++ report writer does (web/DATA.md, "Embedding"). For development and tests.
//
// usage: node assemble.mjs OUTDIR data.json out.html

import fs from 'node:fs';
import path from 'node:path';

const [dir, dataPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node assemble.mjs OUTDIR data.json out.html');
  process.exit(2);
}
const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
const data = JSON.parse(fs.readFileSync(dataPath, 'utf8'));
const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Inside <script type="application/json"> only "</script" and "<!--" are dangerous; escaping
// every "<" as \u003c is valid JSON (it only occurs inside strings) and rules both out.
const json = JSON.stringify(data).replace(/</g, '\\u003c');
const parts = {
  TITLE: escapeHtml(data.title || 'refnet report'),
  STYLE: read('report.css'),
  SCRIPT: read('report.js'),
  DATA: json,
};
// One pass, left to right: inserted text is never scanned for placeholders again.
const html = read('template.html').replace(/<!--REFNET:(TITLE|STYLE|SCRIPT|DATA)-->/g, (_, k) => parts[k]);
fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
fs.writeFileSync(outPath, html);
console.error(`assembled ${outPath} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB)`);
