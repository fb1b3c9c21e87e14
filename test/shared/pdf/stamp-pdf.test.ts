import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stampPdf, type StampJob } from '../../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { pdfCorpus, type CorpusName, type PdfCorpus } from '../../fixtures/pdf-corpus';
import { readVisualText } from '../../fixtures/pdfjs-text';

const fields = {
  status: 'FILED',
  court: 'Superior Court of Demo County',
  datetime: '2026-11-22T16:15:00Z',
  timeZone: 'America/Chicago',
  clerk: 'J. Doe',
  caseNumber: '2026-CV-000123',
  envelopeId: 'ENV-4711',
  filingId: 'FIL-1',
};
const filed = stampPreset('filed') as StampTemplate;
const footer = stampPreset('page-footer') as StampTemplate;
const seal = new Uint8Array(readFileSync('assets/court-seal.png'));

let corpus: PdfCorpus;
beforeAll(async () => {
  corpus = await pdfCorpus();
}, 120_000);

async function stampFile(name: CorpusName, jobs: readonly StampJob[] = [{ template: filed }]) {
  const original = corpus.bytes(name);
  const outcome = await stampPdf(original, { jobs, fields, courtSealPng: seal });
  if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
  const out = path.join(corpus.dir, `${name}.stamped.pdf`);
  writeFileSync(out, outcome.bytes);
  return { original, outcome, out };
}

function qpdfCheck(file: string): string {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  return result.stdout;
}

describe('stampPdf: incremental update', () => {
  it.each(['plain', 'rotated', 'cropped', 'mixed', 'form'] as const)('%s: the original is an exact prefix, qpdf and pdf.js accept the output', async (name) => {
    const { original, outcome, out } = await stampFile(name);
    expect(Buffer.from(outcome.bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect(outcome.bytes.length).toBeGreaterThan(original.length);
    qpdfCheck(out);
    const pages = await readVisualText(outcome.bytes);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('reports SHA-256 of the original and of the stamped rendition', async () => {
    const { original, outcome } = await stampFile('plain');
    const sha = (bytes: Uint8Array): string => execFileSync('sha256sum', { input: bytes }).toString().split(' ')[0] ?? '';
    expect(outcome.originalSha256).toBe(sha(original));
    expect(outcome.stampedSha256).toBe(sha(outcome.bytes));
    expect(outcome.stampedSha256).not.toBe(outcome.originalSha256);
  });

  it('never modifies the input buffer', async () => {
    const original = corpus.bytes('plain');
    const copy = original.slice();
    await stampPdf(original, { jobs: [{ template: filed }], fields });
    expect(Buffer.from(original).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('stampPdf: the stamp lands where the reader sees it', () => {
  it.each(['plain', 'rotated', 'cropped', 'mixed'] as const)('%s: "Filed" sits in the top-right corner of every stamped page, upright', async (name) => {
    const { outcome } = await stampFile(name, [{ template: { ...filed, pages: { kind: 'all' } } }]);
    const pages = await readVisualText(outcome.bytes);
    pages.forEach((page, index) => {
      const status = page.items.find((item) => item.text === 'FILED');
      expect(status, `page ${index + 1}`).toBeDefined();
      const rect = outcome.placed.find((placed) => placed.page === index + 1)?.visualRect;
      expect(rect).toBeDefined();
      if (!status || !rect) return;
      expect(status.upright, `page ${index + 1} text upright`).toBe(true);
      // The box is 24 pt from the top and right edges of the page as displayed…
      expect(rect.x + rect.width).toBeCloseTo(page.width - 24, 1);
      expect(rect.y).toBeCloseTo(24, 1);
      // …and pdf.js finds the status line inside it, near its top-left.
      expect(status.x).toBeGreaterThan(rect.x);
      expect(status.x).toBeLessThan(rect.x + 20);
      expect(status.y).toBeGreaterThan(rect.y);
      expect(status.y).toBeLessThan(rect.y + 25);
    });
  });

  it('puts "Page N of M — case" at the bottom centre of every page of a 300-page document', async () => {
    const { outcome } = await stampFile('long', [{ template: filed }, { template: footer }]);
    expect(outcome.placed.filter((placed) => placed.templateId === 'page-footer')).toHaveLength(300);
    const pages = await readVisualText(outcome.bytes, [1, 150, 300]);
    for (const [index, number] of [1, 150, 300].entries()) {
      const page = pages[index];
      const line = page?.items.find((item) => item.text.startsWith('Page '));
      expect(line?.text).toBe(`Page ${number} of 300 — 2026-CV-000123`);
      expect(line && page && Math.abs(line.x + 60 - page.width / 2)).toBeLessThan(80);
      expect(line && page && page.height - line.y).toBeLessThan(30);
    }
    expect(pages[0]?.items.some((item) => item.text === 'FILED')).toBe(true);
    expect(pages[1]?.items.some((item) => item.text === 'FILED')).toBe(false);
  });

  it("honours a clerk's dragged position and keeps the stamp inside the page", async () => {
    const { outcome } = await stampFile('rotated', [{ template: filed, placement: { x: 100, y: 300 } }]);
    const [page] = await readVisualText(outcome.bytes, [1]);
    const status = page?.items.find((item) => item.text === 'FILED');
    expect(status && status.x - 100).toBeGreaterThan(0);
    expect(status && status.x - 100).toBeLessThan(20);
    expect(status && status.y - 300).toBeGreaterThan(0);
    expect(status && status.y - 300).toBeLessThan(25);

    const off = await stampPdf(corpus.bytes('plain'), { jobs: [{ template: filed, placement: { x: 5000, y: -80 } }], fields });
    const rect = off.ok ? off.placed[0]?.visualRect : undefined;
    expect(rect && rect.x + rect.width).toBeCloseTo(612, 1);
    expect(rect?.y).toBe(0);
  });

  it('fills every field, in the court time zone', async () => {
    const { outcome } = await stampFile('plain');
    const [page] = await readVisualText(outcome.bytes, [1]);
    const texts = page?.items.map((item) => item.text) ?? [];
    expect(texts).toEqual(expect.arrayContaining(['FILED', 'Superior Court of Demo County', '11/22/2026 10:15 AM CST', 'Case 2026-CV-000123', 'Clerk: J. Doe', 'Envelope ENV-4711']));
  });

  it('draws the court seal of the "Certified copy" preset', async () => {
    const { outcome, out } = await stampFile('plain', [{ template: stampPreset('certified-copy') as StampTemplate }]);
    expect(outcome.placed[0]?.visualRect.width).toBeGreaterThan(44);
    const images = execFileSync('pdfimages', ['-list', out]).toString();
    expect(images).toMatch(/\b256\s+256\b/);
  });
});

describe('stampPdf: signed documents', () => {
  it('keeps the filer signature valid (pdfsig) and says the stamp came after it', async () => {
    const before = spawnSync('pdfsig', [corpus.files.signed], { encoding: 'utf8' }).stdout;
    expect(before).toContain('Signature is Valid');
    expect(before).toContain('Total document signed');
    const { original, outcome, out } = await stampFile('signed');
    expect(outcome.inspection.kind).toBe('signed');
    expect(outcome.inspection.signatures).toEqual([expect.objectContaining({ field: 'FilerSignature', signer: 'Demo Filer', coversWholeFile: true })]);
    expect(Buffer.from(outcome.bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const after = spawnSync('pdfsig', [out], { encoding: 'utf8' }).stdout;
    expect(after).toContain('Signature is Valid');
    expect(after).not.toContain('Total document signed');
    qpdfCheck(out);
  });
});

describe('stampPdf: form fields', () => {
  it('adds the stamp as a locked annotation after the widgets, so it is drawn above them', async () => {
    const { outcome, out } = await stampFile('form');
    expect(outcome.inspection.kind).toBe('form-fields');
    expect(outcome.placed[0]?.mode).toBe('annotation');
    const rect = outcome.placed[0]?.visualRect;
    // Render the page as a conforming viewer paints it (annotations in /Annots order; Poppler here) and look for
    // the stamp's red inside its box, which the field's opaque fill would hide if the stamp were page content.
    // (MuPDF paints every widget after all other annotations, so no annotation can be above a field there.)
    const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', out], { maxBuffer: 64 * 1024 * 1024 });
    const { width, pixels } = parsePpm(ppm);
    let red = 0;
    if (rect) {
      for (let y = Math.ceil(rect.y); y < rect.y + rect.height; y++) {
        for (let x = Math.ceil(rect.x); x < rect.x + rect.width; x++) {
          const i = (y * width + x) * 3;
          if ((pixels[i] ?? 0) > 120 && (pixels[i + 1] ?? 255) < 80 && (pixels[i + 2] ?? 255) < 80) red++;
        }
      }
    }
    expect(red).toBeGreaterThan(200);
  });
});

describe('stampPdf: files it must refuse', () => {
  it.each([
    ['encrypted', 'encrypted', 'encrypted-document'],
    ['truncated', 'corrupt', 'corrupt-document'],
    ['random', 'not-pdf', 'not-a-pdf'],
    ['text', 'not-pdf', 'not-a-pdf'],
  ] as const)('%s → %s, with a message and the rejection to offer', async (name, kind, rejection) => {
    const outcome = await stampPdf(corpus.bytes(name), { jobs: [{ template: filed }], fields });
    expect(outcome.ok).toBe(false);
    expect(outcome.inspection.kind).toBe(kind);
    expect(outcome.inspection.canStamp).toBe(false);
    expect(outcome.inspection.suggestedRejection).toBe(rejection);
    expect(!outcome.ok && outcome.message).toMatch(/cannot be stamped|not a PDF/);
  });

  it('refuses an empty file and a header-only file without throwing', async () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('%PDF-1.7\n')]) {
      const outcome = await stampPdf(bytes, { jobs: [{ template: filed }], fields });
      expect(outcome.ok).toBe(false);
    }
  });
});

function parsePpm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = data.subarray(0, 64).toString('latin1');
  const match = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match) throw new Error('not a PPM');
  return { width: Number(match[1]), height: Number(match[2]), pixels: data.subarray(match[0].length) };
}
