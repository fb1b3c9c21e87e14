// Stamping, like for like, each figure against a floor measured in the same run:
// - the engine in process (page-1 "Filed" stamp, hashed as the CLI and the service do: one streaming pass), 300 and
//   2,000 pages, the PDF read from bytes on every run with no
//   verdict cached (a file met for the first time), against MuPDF's whole `mutool run` process doing the same stamp;
// - the CLI's whole process (`clerk-review stamp`, 300 pages) against a bare `node` start;
// - the CLI's peak memory on a 50 MB scan against the file's size;
// - the footer on every page (the cost that must grow with the page count), for information.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeSha256Stream } from '../../electron/app/node-sha256';
import { makeSamplePdf, makeScanPdf } from '../../electron/demo/pdf-samples';
import { forgetPdfVerdicts } from '../../shared/pdf/load-pdf';
import { stampIncrement, stampPdf } from '../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../shared/stamp/stamp-template';
import { median, report } from '../bench-report';

const runs = 9;
const dir = mkdtempSync(path.join(tmpdir(), 'crd-bench-stamp-'));
const fields = { status: 'FILED', court: 'Superior Court of Demo County', datetime: new Date().toISOString(), timeZone: 'America/Chicago', clerk: 'J. Doe', caseNumber: '2026-CV-000123', envelopeId: 'ENV-1', filingId: 'FIL-1' };
const filed = { template: stampPreset('filed') as StampTemplate };
const footer = { template: stampPreset('page-footer') as StampTemplate };
const cli = path.resolve('dist/electron/cli.cjs');
const mutoolScript = path.resolve('bench/stamp/mutool-stamp.js');

/** Milliseconds of `fn`, median of `runs` after `warm` unmeasured calls. */
async function timed(fn: () => Promise<unknown>, warm = 10): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Wall milliseconds (median of 5) and peak RSS in MiB (largest) of a whole process. */
function processRun(command: string, args: readonly string[]): { ms: number; peakMiB: number } | null {
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.error || result.status !== 0) return null;
    peak = Math.max(peak, Number(result.stderr.trim().split('\n').at(-1)) / 1024);
  }
  return { ms: median(times), peakMiB: peak };
}

/** One stamping from the bytes: every call reads the file anew (no parsed state is kept) and no verdict is cached. */
async function engineStamp(pdf: Uint8Array, jobs: readonly { template: StampTemplate }[]): Promise<void> {
  forgetPdfVerdicts();
  const outcome = await stampPdf(pdf, { jobs, fields }, nodeSha256Stream);
  if (!outcome.ok) throw new Error(outcome.message);
}

/** Milliseconds of one SHA-256 pass over the bytes (median of 9). */
function hashMs(pdf: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    createHash('sha256').update(pdf).digest('hex');
    times.push(performance.now() - started);
  }
  return median(times);
}

const samples = new Map<number, { pdf: Uint8Array; file: string }>();
for (const pages of [300, 2000]) {
  const pdf = await makeSamplePdf({ title: 'Appendix of exhibits', pages });
  const file = path.join(dir, `appendix-${pages}.pdf`);
  writeFileSync(file, pdf);
  samples.set(pages, { pdf, file });
}
const small = samples.get(300) as { pdf: Uint8Array; file: string };
const large = samples.get(2000) as { pdf: Uint8Array; file: string };
console.log(`stamp bench: ${(small.pdf.length / 1024).toFixed(0)} KiB at 300 pages, ${(large.pdf.length / 1024).toFixed(0)} KiB at 2,000; median of ${runs}`);

const engine300 = await timed(() => engineStamp(small.pdf, [filed]));
const engine2000 = await timed(() => engineStamp(large.pdf, [filed]));
// The same stamping given the original's digest (the desktop has it: it checks every document it downloads) and
// without the rendition's: the work that must not grow with the page count, apart from the one hashing pass.
const digestOf = new Map([small.pdf, large.pdf].map((pdf) => [pdf, createHash('sha256').update(pdf).digest('hex')]));
const stampOnly = async (pdf: Uint8Array): Promise<void> => {
  forgetPdfVerdicts();
  const outcome = await stampIncrement(pdf, { jobs: [filed], fields }, digestOf.get(pdf));
  if (!outcome.ok) throw new Error(outcome.message);
};
const stampOnly300 = await timed(() => stampOnly(small.pdf));
const stampOnly2000 = await timed(() => stampOnly(large.pdf));
const mutool300 = processRun('mutool', ['run', mutoolScript, small.file, path.join(dir, 'm300.pdf')]);
const mutool2000 = processRun('mutool', ['run', mutoolScript, large.file, path.join(dir, 'm2000.pdf')]);
report('stamp-engine-page1-2000-vs-300', engine2000 / engine300, '×', 1, { value: 1.5, text: '≤ 1.5× (independent of page count)' });
console.log(`  engine page-1 stamp: ${engine300.toFixed(1)} ms at 300 pages, ${engine2000.toFixed(1)} ms at 2,000 (of which hashing the file once: ${(hashMs(large.pdf)).toFixed(1)} ms at 2,000)`);
report('stamp-engine-page1-without-digest-2000-vs-300', stampOnly2000 / stampOnly300, '×', 1, { value: 1.5, text: '≤ 1.5×' });
console.log(`  without the digests: ${stampOnly300.toFixed(2)} ms at 300 pages, ${stampOnly2000.toFixed(2)} ms at 2,000`);
if (mutool300 && mutool2000) {
  report('stamp-engine-page1-2000', engine2000, 'ms', mutool2000.ms, { value: mutool2000.ms, text: "≤ mutool's whole process on 2,000 pages" });
  console.log(`  mutool whole process, page 1: ${mutool300.ms.toFixed(1)} ms at 300 pages, ${mutool2000.ms.toFixed(1)} ms at 2,000`);
} else {
  console.log('  mutool run (MuPDF) not available (apt-get install mupdf-tools): no floor for the engine');
}

const node = processRun(process.execPath, ['-e', '0']);
const cli300 = processRun(process.execPath, [cli, 'stamp', small.file, path.join(dir, 'cli300.pdf'), '--time', fields.datetime]);
if (!node || !cli300) throw new Error('the CLI did not run: npm run build first');
report('stamp-cli-300', cli300.ms, 'ms', node.ms, { value: 120, text: '≤ 120 ms whole process' });

const scan = await makeScanPdf(50, 5);
const scanFile = path.join(dir, 'scan-50mb.pdf');
writeFileSync(scanFile, scan);
const scanRun = processRun(process.execPath, [cli, 'stamp', scanFile, path.join(dir, 'scan-stamped.pdf'), '--time', fields.datetime]);
if (!scanRun) throw new Error('the CLI could not stamp the scan');
const scanMiB = statSync(scanFile).size / 1048576;
report('stamp-cli-scan-peak-rss', scanRun.peakMiB, 'MiB', scanMiB, { value: 2 * scanMiB, text: '≤ 2× the file' });
console.log(`  scan: ${scanMiB.toFixed(1)} MiB, 5 pages; stamped in ${scanRun.ms.toFixed(0)} ms; a bare node process peaks at ${node.peakMiB.toFixed(0)} MiB`);

// For information: a footer on every page has to touch every page.
const footer300 = await timed(() => engineStamp(small.pdf, [filed, footer]), 3);
const footer2000 = await timed(() => engineStamp(large.pdf, [filed, footer]), 3);
const mutoolFooter = processRun('mutool', ['run', mutoolScript, large.file, path.join(dir, 'mf2000.pdf'), 'footer']);
console.log(`  footer on every page: engine ${footer300.toFixed(1)} ms at 300 pages, ${footer2000.toFixed(1)} ms at 2,000` + (mutoolFooter ? `; mutool whole process ${mutoolFooter.ms.toFixed(1)} ms at 2,000` : ''));
