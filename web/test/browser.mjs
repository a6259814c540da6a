// Shared by the report tests: launch Debian's Chromium (never a downloaded browser) through
// playwright-core with a fresh profile, and read PNG screenshots back to tell drawn from blank.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.REFNET_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--no-default-browser-check', '--mute-audio',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
];


// Screenshots of whole sections: the sticky bars would otherwise sit on top of them.
export const CAPTURE_CSS = '.topbar, .nav { position: static !important; } html { scroll-behavior: auto !important; }';

/** A browser context offline, with a fresh user-data-dir that close() removes. */
export async function launchChromium({ viewport = { width: 1366, height: 900 }, deviceScaleFactor = 1 } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set REFNET_CHROMIUM)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'refnet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, deviceScaleFactor,
    offline: true, serviceWorkers: 'block', acceptDownloads: false,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// --- a small PNG reader, to tell a drawn canvas from a blank one --------------------------
export function decodePng(buf) {
  let off = 8;
  let width = 0; let height = 0; let depth = 0; let ctype = 0; let interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4); depth = body[8]; ctype = body[9]; interlace = body[12];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  if (depth !== 8 || interlace !== 0 || ![2, 6].includes(ctype)) throw new Error(`unsupported PNG (depth ${depth}, type ${ctype})`);
  const bpp = ctype === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c; const pa = Math.abs(p - a); const pb = Math.abs(p - b); const pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  return { width, height, bpp, pixels: out };
}

/** Share of pixels that differ from the most common colour, and the number of colours. */
export function inkStats(png) {
  const { pixels, bpp } = png;
  const counts = new Map();
  const n = pixels.length / bpp;
  for (let i = 0; i < pixels.length; i += bpp * 3) {
    const k = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  let bg = 0; let bgCount = 0;
  for (const [k, c] of counts) if (c > bgCount) { bg = k; bgCount = c; }
  const sampled = Math.ceil(n / 3);
  return { ink: 1 - bgCount / sampled, colours: counts.size, bg };
}

