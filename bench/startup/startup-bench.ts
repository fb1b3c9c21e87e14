// Startup of the renderer through the loopback host in Chromium: every byte of JavaScript fetched (all chunks and
// the bootstrap) and the time from navigation until the sign-in button is painted, against the floor of a minimal
// React sign-in page (bench/startup/minimal-sign-in.tsx, minified) served by a plain Node server in the same run.
// Median of 7 cold loads (a new browser context each, so nothing is cached).
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'esbuild';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices } from '../../electron/app/main-services';
import { startLoopbackHost } from '../../electron/loopback/loopback-host';

const runs = 7;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function report(name: string, value: number, unit: string, floor: number, target: number, targetText: string): void {
  console.log(`bench ${name}: ${value.toFixed(1)} ${unit} (floor ${floor.toFixed(1)} ${unit}, ratio ${(value / floor).toFixed(2)}, target ${targetText}: ${value <= target ? 'met' : 'not met'})`);
}

/**
 * Loads `url` in a fresh context: the JavaScript received before the Sign in button was painted (chunks fetched
 * after the paint, for the screens behind it, do not count) and the milliseconds until that paint.
 */
async function load(browser: Browser, url: string): Promise<{ kib: number; ms: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: { url: string; at: number; body: Promise<number> }[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript/.test(type) || /\.(m?js|cjs)(\?|$)/.test(response.url())) {
      scripts.push({ url: response.url().replace(/.*\//, ""), at: performance.now(), body: response.body().then((body) => body.length, () => 0) });
    }
  });
  const started = performance.now();
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const painted = performance.now();
  const before = scripts.filter((script) => script.at <= painted);
  const bytes = (await Promise.all(before.map((script) => script.body))).reduce((sum, size) => sum + size, 0);
  if (process.env.BENCH_LIST) console.log(before.map((s) => s.url).join(" "));
  await context.close();
  return { kib: bytes / 1024, ms: painted - started };
}

const minimal = await build({
  entryPoints: [path.resolve('bench/startup/minimal-sign-in.tsx')], bundle: true, minify: true, write: false, format: 'iife',
  platform: 'browser', target: 'chrome120', jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' },
});
const script = minimal.outputFiles[0]?.text ?? '';
const floorServer = createServer((request, response) => {
  if (request.url === '/app.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><div id="root"></div><script src="/app.js"></script></body></html>');
});
await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
const address = floorServer.address();
const floorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

const services = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'crd-startup-')), version: 'bench', shell: 'loopback' });
const paths = buildPaths(path.resolve('dist', 'electron'));
const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
await load(browser, host.url); // the demo service's first start is not the renderer's
const app: { kib: number; ms: number }[] = [];
const floor: { kib: number; ms: number }[] = [];
for (let i = 0; i < runs; i++) {
  app.push(await load(browser, host.url));
  floor.push(await load(browser, floorUrl));
}
report('startup-javascript-before-sign-in', median(app.map((r) => r.kib)), 'KiB', median(floor.map((r) => r.kib)), 400, '≤ 400 KiB');
const floorMs = median(floor.map((r) => r.ms));
report('startup-navigation-to-sign-in-painted', median(app.map((r) => r.ms)), 'ms', floorMs, 1.3 * floorMs, '≤ 1.3× floor');
await browser.close();
await host.close();
await services.close();
floorServer.close();
