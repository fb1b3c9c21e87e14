import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { makeScanPdf } from '../../../electron/demo/pdf-samples';
import { inPartTuning, readPdfInPart } from '../../../electron/pdf/pdf-file-in-part';
import { copyAndAppendAtomic } from '../../../electron/settings/atomic-file';
import { stampIncrement, type StampRequest } from '../../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { handPdf, textPage } from '../../fixtures/hand-pdf';
import { pdfCorpus, type CorpusName, type PdfCorpus } from '../../fixtures/pdf-corpus';

const dir = mkdtempSync(path.join(tmpdir(), 'crd-in-part-'));
const request: StampRequest = {
  jobs: [{ template: stampPreset('filed') as StampTemplate }],
  fields: { status: 'FILED', court: 'Superior Court', datetime: '2026-12-07T15:00:00Z', timeZone: 'America/Chicago', clerk: 'J. Doe', caseNumber: '2026-CV-1', envelopeId: 'E-1', filingId: 'F-1' },
};
let corpus: PdfCorpus;
const files = new Map<string, string>();

/** Image data with PDF keywords inside it, where a keyword scan could take them for a stream's start or end. */
function trickyImage(page: number, size: number): Uint8Array {
  const data = randomBytes(size);
  const put = (at: number, text: string): void => void data.set(Buffer.from(text, 'latin1'), at);
  put(Math.floor(size * 0.3), 'endstream');
  put(Math.floor(size * 0.31), '>> stream\n');
  put(Math.floor(size * 0.6), `endstream\nendobj\n${page + 3} 0 obj\n<< /Length 5 >>\r\nstream\r\n`);
  return data;
}

/**
 * A PDF whose second object holds `>> stream` in a string, followed by 300 KB of comment: the keyword scan takes it
 * for a large stream that runs to the page's content stream, so the page tree and the page lie in a missing range
 * and must be read when asked for.
 */
function falseStreamPdf(): Uint8Array {
  return handPdf([
    '<< /Type /Catalog /Pages 3 0 R >>',
    `<< /Note (a note: >> stream\n) >>\n%${'x'.repeat(300_000)}`,
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << >> >>',
    textPage('Filed by hand'),
  ]);
}

beforeAll(async () => {
  // Every file read in part here, however small (the CLI reads a file under 8 MB whole).
  inPartTuning.wholeFileUpTo = 0;
  corpus = await pdfCorpus();
  const write = (name: string, bytes: Uint8Array): void => {
    writeFileSync(path.join(dir, `${name}.pdf`), bytes);
    files.set(name, path.join(dir, `${name}.pdf`));
  };
  write('scan', await makeScanPdf(6, 3));
  write('tricky-scan', await makeScanPdf(4, 2, trickyImage));
  write('false-stream', falseStreamPdf());
  const scan = readFileSync(path.join(dir, 'scan.pdf'));
  // A scan whose last stream never ends (cut off): refused as damaged, as from the whole file.
  write('cut-scan', scan.subarray(0, Math.floor(scan.length * 0.7)));
  for (const name of ['plain', 'rotated', 'cropped', 'long', 'signed', 'form', 'text', 'encrypted', 'truncated', 'random'] as CorpusName[]) {
    files.set(name, corpus.files[name]);
  }
}, 120_000);

afterAll(() => {
  inPartTuning.wholeFileUpTo = 8 * 1024 * 1024;
});

describe('a PDF read in part', () => {
  it('is read whole when it is small, and hashed the same', async () => {
    inPartTuning.wholeFileUpTo = 8 * 1024 * 1024;
    try {
      const original = readFileSync(files.get('scan') as string);
      const file = await readPdfInPart(files.get('scan') as string);
      await file.close();
      expect(file.whole).toBe(true);
      expect(file.onDemand.partial).toBe(false);
      expect(Buffer.from(file.bytes).equals(original)).toBe(true);
      expect(file.hash.copy().digest('hex')).toBe(createHash('sha256').update(original).digest('hex'));
    } finally {
      inPartTuning.wholeFileUpTo = 0;
    }
  });

  it('hashes the whole file, keeps all but the insides of large streams, and reads any range asked for', async () => {
    const original = readFileSync(files.get('scan') as string);
    const file = await readPdfInPart(files.get('scan') as string);
    try {
      expect(file.hash.copy().digest('hex')).toBe(createHash('sha256').update(original).digest('hex'));
      let missing = 0;
      for (let i = 0; i < original.length; i++) if (file.bytes[i] !== original[i]) missing++;
      // The three page images are random bytes: nearly all of the file stays on disk.
      expect(missing / original.length).toBeGreaterThan(0.8);
      expect(file.onDemand.partial).toBe(true);
      file.onDemand.ensure(original.length / 2, original.length / 2 + 10);
      expect(Buffer.from(file.bytes.subarray(original.length / 2, original.length / 2 + 10)).equals(original.subarray(original.length / 2, original.length / 2 + 10))).toBe(true);
      file.onDemand.ensure(0, original.length);
      expect(file.onDemand.partial).toBe(false);
      expect(Buffer.from(file.bytes).equals(original)).toBe(true);
    } finally {
      await file.close();
    }
  });

  it('reads the objects a misleading keyword left out when they are asked for', async () => {
    const file = await readPdfInPart(files.get('false-stream') as string);
    try {
      expect(file.onDemand.partial).toBe(true);
      const outcome = await stampIncrement(file.bytes, request, file.hash.copy().digest('hex'), file.onDemand);
      expect(outcome.ok && outcome.inspection.kind).toBe('ok');
    } finally {
      await file.close();
    }
  });

  it('stamps every kind of file exactly as from the whole file, keywords inside image data included', async () => {
    for (const [name, file] of files) {
      const whole = new Uint8Array(readFileSync(file));
      const digest = createHash('sha256').update(whole).digest('hex');
      const fromWhole = await stampIncrement(whole, request, digest);
      const inPart = await readPdfInPart(file);
      try {
        const fromPart = await stampIncrement(inPart.bytes, request, digest, inPart.onDemand);
        expect(fromPart.ok, name).toBe(fromWhole.ok);
        expect(fromPart.inspection.kind, name).toBe(fromWhole.inspection.kind);
        if (fromPart.ok && fromWhole.ok) expect(Buffer.from(fromPart.increment).equals(Buffer.from(fromWhole.increment)), name).toBe(true);
      } finally {
        await inPart.close();
      }
    }
  });

  it('clerk-review stamp writes the original and the update, checked by qpdf, with the digest of what it wrote', async () => {
    for (const name of ['scan', 'tricky-scan', 'false-stream', 'long', 'signed']) {
      const input = files.get(name) as string;
      const output = path.join(dir, `${name}-stamped.pdf`);
      let out = '';
      const code = await runCli(['stamp', input, output, '--time', '2026-12-07T15:00:00Z', '--json'], { out: (t) => void (out += t), err: () => undefined, appRoot: path.resolve('.') });
      expect(code, name).toBe(0);
      const written = readFileSync(output);
      const original = readFileSync(input);
      expect(written.subarray(0, original.length).equals(original), name).toBe(true);
      expect((JSON.parse(out) as { stampedSha256: string }).stampedSha256).toBe(createHash('sha256').update(written).digest('hex'));
      expect(() => execFileSync('qpdf', ['--check', output], { stdio: 'pipe' }), name).not.toThrow();
      expect(statSync(output).mode & 0o777).toBe(0o600);
    }
  });

  it('writes nothing when the original changed after it was read', async () => {
    const source = path.join(dir, 'changing.pdf');
    writeFileSync(source, readFileSync(files.get('plain') as string));
    const file = await readPdfInPart(source);
    await file.close();
    writeFileSync(source, Buffer.concat([readFileSync(source), Buffer.from('\n% changed\n')]));
    const target = path.join(dir, 'changing-stamped.pdf');
    await expect(copyAndAppendAtomic(source, target, new Uint8Array([0x0a]), file.stats)).rejects.toThrow(/changed while it was being stamped/);
    expect(existsSync(target)).toBe(false);
  });
});
