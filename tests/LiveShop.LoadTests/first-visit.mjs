// First visit on a phone (issue 15): what a viewer's phone downloads before Buy works, and when it does.
//
//   node tests/LiveShop.LoadTests/first-visit.mjs [--publish] [--dir DIR] [--runs N] [--lang en|zh-TW|zh-CN|el]
//                                               [--url http://127.0.0.1:PORT] [--list] [--verbose]
//
// Publishes LiveShop.Server in Release into DIR (with --publish, or when DIR has no LiveShop.Server.dll), starts the
// published server (Development environment: it seeds the demo show; see README.md beside this file), opens the demo
// show in Chromium as a phone (390 x 844, touch) behind Chromium's network emulation (40 ms latency, 10 Mbit/s down
// and up) with an empty cache, and prints per run: bytes transferred by type, first paint, and when a tap on Buy first
// opens the cart sheet. --list prints the published _framework files by brotli size instead. The last line is the
// summary (medians over the runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.LIVESHOP_PLAYWRIGHT ?? '/root/.nuget/packages/microsoft.playwright/1.64.1/.playwright/package');

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const dir = resolve(args.dir ?? join(tmpdir(), 'liveshop-first-visit'));
const runs = Number(args.runs ?? 3);
const lang = args.lang ?? 'en';
const demoShow = '5e1f0000-0000-4000-8000-000000000001';
// Chromium's network emulation: 40 ms each way's latency, 10 Mbit/s = 1,250,000 bytes/s down and up.
const network = { offline: false, latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 };

if (args.publish || (!args.url && !existsSync(join(dir, 'LiveShop.Server.dll')))) {
  publish();
}
if (args.list) {
  listFramework();
  process.exit(0);
}

const server = args.url ? null : await startServer();
const baseUrl = args.url ?? server.url;
try {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(baseUrl);
    results.push(r);
    console.log(`run ${i + 1}: ${describe(r)}`);
  }
  const median = key => [...results.map(r => r[key])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const kinds = Object.keys(results[0].byKind);
  const medianKind = k => [...results.map(r => r.byKind[k] ?? 0)].sort((a, b) => a - b)[Math.floor(results.length / 2)];
  console.log(`by type (median kB): ${kinds.map(k => `${k}=${kb(medianKind(k))}`).join(' ')}`);
  console.log(`first-visit lang=${lang} runs=${runs} kb=${kb(median('bytes'))} requests=${median('requests')} ` +
    `first_paint_ms=${median('firstPaint')} framework_downloaded_ms=${median('downloaded')} app_ready_ms=${median('appReady')} buy_ms=${median('buy')} encoding=${results[0].encoding}`);
} finally {
  server?.stop();
}

function parseArgs(list) {
  const out = {};
  for (let i = 0; i < list.length; i++) {
    const name = list[i].replace(/^--/, '');
    if (['publish', 'list', 'verbose'].includes(name)) { out[name] = true; } else { out[name] = list[++i]; }
  }
  return out;
}

function publish() {
  console.log(`publishing LiveShop.Server (Release) into ${dir} ...`);
  const started = Date.now();
  const r = spawnSync('dotnet', ['publish', join(repo, 'LiveShop.Server'), '-c', 'Release', '-o', dir, '-nologo', '-v', 'q'], { stdio: 'inherit' });
  if (r.status !== 0) { throw new Error(`dotnet publish failed (${r.status})`); }
  console.log(`published in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function listFramework() {
  const root = join(dir, 'wwwroot', '_framework');
  const files = [];
  const walk = d => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) { walk(p); } else if (f.endsWith('.br')) { files.push([p.slice(root.length + 1, -3), statSync(p).size, statSync(p.slice(0, -3)).size]); }
    }
  };
  walk(root);
  files.sort((a, b) => b[1] - a[1]);
  for (const [name, br, raw] of files) { console.log(`${kb(br).padStart(8)} kB br ${kb(raw).padStart(8)} kB raw  ${name}`); }
  console.log(`${files.length} files, ${kb(files.reduce((s, f) => s + f[1], 0))} kB brotli (every file, not only what a page loads)`);
}

async function startServer() {
  const port = 5200 + Math.floor(Math.random() * 90);
  const data = mkdtempSync(join(tmpdir(), 'liveshop-fv-'));
  const child = spawn('dotnet', ['LiveShop.Server.dll', '--urls', `http://127.0.0.1:${port}`], {
    cwd: dir,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Development',
      Database__DataDirectory: data,
      Logging__LogLevel__Default: 'Error',
      'Logging__LogLevel__Microsoft.AspNetCore': 'Error',
      'Logging__LogLevel__Microsoft.EntityFrameworkCore': 'Error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try { if ((await fetch(`${url}/shows/${demoShow}`)).ok) { break; } } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  return { url, stop: () => { child.kill('SIGTERM'); rmSync(data, { recursive: true, force: true }); } };
}

function kindOf(url, mime) {
  const path = new URL(url).pathname;
  if (/\.(wasm|dll)$/.test(path)) { return 'wasm'; }
  if (/icudt.*\.dat$/.test(path)) { return 'icu'; }
  if (/\.m?js$/.test(path) || mime.includes('javascript')) { return 'js'; }
  if (/\.css$/.test(path) || mime === 'text/css') { return 'css'; }
  if (/\.(woff2?|ttf|otf)$/.test(path) || mime.startsWith('font/')) { return 'font'; }
  if (mime === 'text/html') { return 'html'; }
  if (mime.startsWith('image/')) { return 'image'; }
  if (mime.startsWith('video/') || mime.startsWith('audio/') || /\.(m3u8|ts|mp4)$/.test(path)) { return 'media'; }
  return 'other';
}

async function measure(base) {
  const browser = await chromium.launch({
    executablePath: process.env.LIVESHOP_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: lang,
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
    });
    // From the first byte of the document on: tap Buy in the lineup every 50 ms until the cart sheet is on screen.
    // Before WebAssembly runs, the prerendered button has no handler and a tap does nothing; the first tap the app
    // handles opens the sheet. Times are performance.now(), i.e. from the start of the navigation.
    await context.addInitScript(() => {
      const marks = (window.__firstVisit = {});
      const tick = () => {
        const ready = document.querySelector("[data-testid='app-ready'][data-ready='true']");
        if (ready && marks.appReady === undefined) { marks.appReady = Math.round(performance.now()); }
        const sheet = document.querySelector("[data-testid='cart-sheet']");
        if (sheet && sheet.getBoundingClientRect().height > 0 && getComputedStyle(sheet).visibility !== 'hidden') {
          marks.buy = Math.round(performance.now());
          return;
        }
        document.querySelector("button[data-testid^='lineup-buy-']:not([disabled])")?.click();
        setTimeout(tick, 50);
      };
      setTimeout(tick, 0);
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', network);
    const responses = new Map();
    const encodings = new Set();
    let bytes = 0;
    const byKind = {};
    // CDP timestamps (seconds, monotonic): the document's request starts the clock; frameworkDone is when the last
    // _framework file (runtime, assemblies, ICU) arrived, i.e. how long the download alone took.
    let navigationStart = null;
    let frameworkDone = 0;
    cdp.on('Network.requestWillBeSent', e => {
      if (navigationStart === null && e.type === 'Document') { navigationStart = e.timestamp; }
    });
    cdp.on('Network.responseReceived', e => {
      const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
      responses.set(e.requestId, { url: e.response.url, mime: e.response.mimeType ?? '', enc: enc ?? '-' });
      if (enc) { encodings.add(enc); }
    });
    cdp.on('Network.loadingFinished', e => {
      const r = responses.get(e.requestId);
      if (!r || r.url.startsWith('data:')) { return; }
      const kind = kindOf(r.url, r.mime);
      byKind[kind] = (byKind[kind] ?? 0) + e.encodedDataLength;
      bytes += e.encodedDataLength;
      if (new URL(r.url).pathname.startsWith('/_framework/')) { frameworkDone = Math.max(frameworkDone, e.timestamp); }
      if (args.verbose) { console.log(`${kb(e.encodedDataLength).padStart(6)} kB ${r.enc.padEnd(4)} ${kind.padEnd(5)} ${new URL(r.url).pathname}`); }
    });
    await page.goto(`${base}/shows/${demoShow}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstVisit?.buy !== undefined, null, { timeout: 120_000, polling: 100 });
    // Whatever the page still fetches right after (e.g. the cart's scripts) belongs to the first visit too.
    await page.waitForTimeout(1500);
    const marks = await page.evaluate(() => ({
      ...window.__firstVisit,
      firstPaint: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
    }));
    const downloaded = Math.round((frameworkDone - navigationStart) * 1000);
    return { bytes, byKind, requests: responses.size, encoding: [...encodings].join('+') || 'none', downloaded, ...marks };
  } finally {
    await browser.close();
  }
}

function kb(n) { return (n / 1000).toFixed(0); }

function describe(r) {
  const kinds = Object.entries(r.byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${kb(v)}`).join(' ');
  return `${kb(r.bytes)} kB in ${r.requests} responses (${kinds}) first_paint=${r.firstPaint} ms framework_downloaded=${r.downloaded} ms app_ready=${r.appReady} ms buy=${r.buy} ms`;
}
