// bench journal: a 2 GiB outbox journal read back (open + every page) in bounded memory.
// `npm run bench:journal` (CRD_JOURNAL_GIB to change the size). Prints the bench line form of the README.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkstationKey } from '../../electron/keys/workstation-key';
import { OutboxJournal } from '../../electron/outbox/outbox-journal';
import { memoryCipher } from '../../electron/secrets/secret-store';
import { journalPayload } from '../../test/fixtures/journal-payloads';

async function main(): Promise<void> {
  const gib = Number(process.env.CRD_JOURNAL_GIB ?? 2);
  const dir = mkdtempSync(path.join(tmpdir(), 'crd-journal-bench-'));
  const key = await WorkstationKey.load(dir, memoryCipher);
  const writer = new OutboxJournal(dir, key);
  const pdf = new Uint8Array(randomBytes(4 * 1024 * 1024));
  let i = 0;
  while ((await writer.sizeBytes()) < gib * 1024 ** 3) await writer.record(journalPayload(`bench-entry-${i++}`, pdf, `ENV-${i % 500}`), 'clerk1');
  const size = await writer.sizeBytes();
  await writer.close();
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = setInterval(() => void (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const reader = new OutboxJournal(dir, key);
  let entries = 0;
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await reader.page(cursor, 4);
    entries += page.entries.length;
    cursor = page.nextCursor;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  const peakMb = (peak - baseline) / 1024 ** 2;
  const floorMb = (pdf.length * 4 * 2.7) / 1024 ** 2; // one page of 4 entries held as bytes, base64 text and JSON
  console.log(`bench journal read ${(size / 1024 ** 3).toFixed(2)} GiB (${entries} entries): ${seconds.toFixed(1)} s`);
  console.log(`bench journal read peak memory above start: ${peakMb.toFixed(0)} MB (floor ${floorMb.toFixed(0)} MB, ratio ${(peakMb / floorMb).toFixed(2)}, target 256 MB: ${peakMb < 256 ? 'met' : 'not met'})`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
