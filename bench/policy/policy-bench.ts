// bench:policy — loading a court's policy at real size on the desktop side: a Tyler-format court with 100,000
// filing-code rows in one ~100 MB list (plus its other lists, zipped), through GetPolicy and streamed downloads.
// Floor: downloading the same bytes without reading them. Then opening and submitting, counted: 0 requests.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { EfmClient } from '../../electron/efm/efm-client';
import { CourtPolicyBook } from '../../electron/policy/court-policy-book';
import { writeTylerCourt } from '../../test/fixtures/tyler-code-lists';

const court = writeTylerCourt({ filingCodes: 12_500, perCode: 8 });
console.log(
  `court: ${court.filingRows} filing rows (${court.filingCodes} codes), filing.xml ${(court.filingXmlBytes / 1e6).toFixed(0)} MB`,
);
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/policy/policy-service.ts', court.folder], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const client = new EfmClient({
  endpoint: url,
  credentials: { username: 'clerk1', password: 'demo-clerk1' },
  courtId: 'bench',
});

/** Peak RSS above `base` while `work` runs, sampled every 10 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, peakMb: (peak - base) / 1024 / 1024 };
}

// The floor: every list's bytes downloaded and dropped.
const summary = await client.getPolicy();
if (!summary.ok) throw new Error(summary.error.message);
const floor = await measured(async () => {
  for (const reference of summary.value.codeListReferences) {
    await new Promise<void>((resolve, reject) =>
      http
        .get(reference.location, (response) => response.on('data', () => undefined).on('end', resolve))
        .on('error', reject),
    );
  }
});

const book = new CourtPolicyBook();
const load = await measured(() => book.current(client, 'bench'));
if (!load.value.ok) throw new Error(load.value.error.message);
const loaded = load.value.value;
console.log(
  `loaded: ${loaded.policy.filingCodes.length} filing codes, ${loaded.lists.length} lists; ${JSON.stringify(book.counts)}`,
);
const seconds = load.ms / 1000;
console.log(
  `bench policy load-100k-rows: ${seconds.toFixed(2)} s (floor ${(floor.ms / 1000).toFixed(2)} s download only, ratio ${(load.ms / floor.ms).toFixed(1)}, target ≤ 3 s: ${seconds <= 3 ? 'met' : 'not met'})`,
);
console.log(
  `bench policy load-peak-memory: ${load.peakMb.toFixed(0)} MB above start (floor ${floor.peakMb.toFixed(0)} MB download only, ratio ${floor.peakMb >= 1 ? (load.peakMb / floor.peakMb).toFixed(1) : '-'}, target ≤ 300 MB: ${load.peakMb <= 300 ? 'met' : 'not met'})`,
);

// Opening and submitting read the held policy: 1,000 of each, counted.
const before = { ...book.counts };
const corrections = await measured(async () => {
  let offered = 0;
  for (let i = 0; i < 1000; i++) {
    const policy = await book.current(client, 'bench');
    if (policy.ok) offered += policy.value.filingCodesFor(String(7 + (i % 11)), String(25_000 + (i % 40))).length;
  }
  return offered;
});
const requests = book.counts.policyRequests - before.policyRequests + book.counts.listDownloads - before.listDownloads;
console.log(
  `bench policy requests-per-open-and-submit: ${requests} for 1000 opens (floor 0, ratio -, target 0: ${requests === 0 ? 'met' : 'not met'}); corrections offered per open ${(corrections.value / 1000).toFixed(0)} in ${(corrections.ms / 1000).toFixed(3)} ms each`,
);

// The court checks again with no new version: one GetPolicy, no download.
const again = await measured(() => book.refresh(client, 'bench'));
console.log(
  `bench policy refresh-unchanged: ${again.ms.toFixed(0)} ms, ${book.counts.listDownloads - before.listDownloads} lists downloaded (floor 0, ratio -, target 0: ${book.counts.listDownloads === before.listDownloads ? 'met' : 'not met'})`,
);
child.kill();
rmSync(court.folder, { recursive: true, force: true });
