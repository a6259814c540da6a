#!/usr/bin/env node
// Builds the report front-end into OUTDIR: report.js (one minified IIFE: ECharts parts, sigma,
// graphology and the page code), report.css, and template.html, the HTML shell whose
// placeholders <!--REFNET:TITLE-->, <!--REFNET:STYLE-->, <!--REFNET:SCRIPT--> and
// <!--REFNET:DATA--> the C++ report writer (or assemble.mjs) replaces. Nothing is fetched at run
// time: the libraries come from node_modules (web/package-lock.json) and are inlined.
//
// usage: node build.mjs OUTDIR [--sourcemap]

import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node build.mjs OUTDIR [--sourcemap]');
  process.exit(2);
}
fs.mkdirSync(outdir, { recursive: true });

const tmp = fs.mkdtempSync(path.join(outdir, '.build-'));
try {
  const result = await build({
    entryPoints: { report: path.join(here, 'src', 'main.js') },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2019', 'chrome80', 'firefox78', 'safari13'],
    minify: true,
    legalComments: 'eof',
    sourcemap: process.argv.includes('--sourcemap') ? 'inline' : false,
    define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false' },
    outdir: tmp,
    logLevel: 'warning',
    metafile: true,
  });
  let js = fs.readFileSync(path.join(tmp, 'report.js'), 'utf8');
  let css = fs.readFileSync(path.join(tmp, 'report.css'), 'utf8');
  // The script and style are inlined into <script>/<style>: no closing tag may appear inside.
  js = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  css = css.replace(/<\/(style)/gi, '<\\/$1');
  for (const [name, text] of [['report.js', js], ['report.css', css]]) {
    if (/<\/script|<\/style|<!--REFNET:/i.test(text)) throw new Error(`${name} contains a closing tag or a placeholder`);
  }
  const template = fs.readFileSync(path.join(here, 'src', 'template.html'), 'utf8');
  for (const p of ['TITLE', 'STYLE', 'SCRIPT', 'DATA']) {
    if (template.split(`<!--REFNET:${p}-->`).length !== 2) throw new Error(`template.html must hold <!--REFNET:${p}--> once`);
  }
  // Write each file whole then rename, so a build stopped midway never leaves half a file.
  for (const [name, text] of [['report.js', js], ['report.css', css], ['template.html', template]]) {
    const dst = path.join(outdir, name);
    fs.writeFileSync(`${dst}.tmp`, text);
    fs.renameSync(`${dst}.tmp`, dst);
  }
  const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KiB`;
  console.log(`refnet web: ${path.join(outdir, 'report.js')} ${kb(js)}, report.css ${kb(css)}, template.html`);
  if (process.argv.includes('--analyze')) console.log(await (await import('esbuild')).analyzeMetafile(result.metafile));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
