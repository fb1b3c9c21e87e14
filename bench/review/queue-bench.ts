// Benchmark for the review screen, in Chromium through the loopback host (the app's real renderer and IPC):
//  1. sync a queue of 50,000 envelopes from the demo EFM into IndexedDB (sign-in to the count shown),
//  2. filter + sort the cached rows as the queue screen does (median of 5),
//  3. open a cached envelope to its first PDF page painted (median of 5).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices } from '../../electron/app/main-services';
import { startLoopbackHost } from '../../electron/loopback/loopback-host';

const count = Number(process.env.BENCH_QUEUE_SIZE ?? 50_000);
const runs = 5;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (values: number[]): string => `median ${median(values).toFixed(0)} ms of ${values.length} [${values.map((v) => v.toFixed(0)).join(', ')}]`;

const paths = buildPaths(path.resolve('dist', 'electron'));
const services = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'crd-bench-')), version: 'bench', shell: 'loopback', demoEnvelopeCount: count });
const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(host.url);
// Start the demo EFM before timing (it generates its court on first use).
await services.efm.signIn('clerk1', 'demo-clerk1');
services.efm.signOut();
await page.getByRole('button', { name: 'Sign in' }).waitFor();
await page.getByLabel('User name').fill('clerk1');
await page.getByLabel('Password').fill('demo-clerk1');
const syncStarted = performance.now();
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByTestId('queue-count').filter({ hasText: `${count} of ${count} envelopes` }).waitFor({ timeout: 600_000 });
const syncMs = performance.now() - syncStarted;

const query: number[] = [];
for (let i = 0; i < runs; i++) {
  query.push(await page.evaluate(() => new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const open = indexedDB.open('clerk-review-desk');
    open.onsuccess = () => {
      const request = open.result.transaction('queue').objectStore('queue').index('submittedAt').getAll();
      request.onsuccess = () => {
        const rows = request.result as { newCase: boolean; courtLocation: string; claimedBy: string | null }[];
        const visible = rows.filter((row) => row.newCase && row.courtLocation === 'DT' && row.claimedBy === null);
        resolve(visible.length >= 0 ? performance.now() - started : -1);
      };
      request.onerror = () => reject(request.error);
    };
  })));
}

const open: number[] = [];
for (let i = 0; i < runs; i++) {
  const row = page.getByTestId('queue-row').nth(i * 2);
  const started = performance.now();
  await row.click();
  await page.getByTestId('pdf-page-canvas').waitFor();
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-page-canvas"]');
    return !!canvas && canvas.width > 0;
  });
  open.push(performance.now() - started);
  await page.getByRole('button', { name: 'Back to queue' }).click();
}
console.log(`Review screen, ${count.toLocaleString('en-US')} envelopes, Chromium via the loopback host`);
console.log(`  sync queue from the demo EFM into IndexedDB (sign-in to count shown): ${(syncMs / 1000).toFixed(1)} s`);
console.log(`  filter + sort the cached rows (read all by submittedAt, filter new/DT/unclaimed): ${fmt(query)}`);
console.log(`  open an envelope to its first PDF page painted (claim, envelope, document, render): ${fmt(open)}`);
await browser.close();
await host.close();
await services.close();
