import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../../electron/demo/pdf-samples';
import { IncrementalUpdate } from '../../../shared/pdf/incremental-update';
import { LazyPdf } from '../../../shared/pdf/lazy-pdf';
import { loadPdf } from '../../../shared/pdf/load-pdf';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfSyntaxError } from '../../../shared/pdf/syntax/pdf-values';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { nestedTreePdf } from '../../fixtures/hand-pdf';
import { readVisualText } from '../../fixtures/pdfjs-text';

const dir = mkdtempSync(path.join(tmpdir(), 'crd-lazy-pdf-'));
const fields = { datetime: '2026-12-07T10:00:00Z', timeZone: 'America/Chicago', caseNumber: '2026-CV-000123', clerk: 'J. Doe' };
const filed = stampPreset('filed') as StampTemplate;
let short: Uint8Array;
let long: Uint8Array;

beforeAll(async () => {
  [short, long] = await Promise.all([makeSamplePdf({ title: 'Short', pages: 100 }), makeSamplePdf({ title: 'Long', pages: 1000 })]);
}, 120_000);

function qpdfCheck(bytes: Uint8Array, name: string): void {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(result.stdout + result.stderr).not.toMatch(/reconstruct|attempting/i);
}

describe('LazyPdf: reads only what it is asked for', () => {
  it('classifying page 1 for a stamp reads the same objects at 100 and at 1,000 pages', async () => {
    const first = () => [1];
    const [a, b] = await Promise.all([loadPdf(short, first), loadPdf(long, first)]);
    expect(a.inspection.pageCount).toBe(100);
    expect(b.inspection.pageCount).toBe(1000);
    expect(a.document?.objectsRead).toBeGreaterThan(2);
    expect(b.document?.objectsRead).toBe(a.document?.objectsRead);
  });

  it('finds every page of a nested tree by its counts, with what each inherits', () => {
    const pdf = LazyPdf.open(nestedTreePdf());
    expect(pdf.pageCount()).toBe(5);
    const pages = [0, 1, 2, 3, 4].map((i) => pdf.page(i));
    expect(pages.map((page) => page.ref.num)).toEqual([4, 5, 6, 8, 10]);
    expect(pdf.resolve(pages[0]?.inherited('MediaBox'))).toEqual([0, 0, 595, 842]);
    expect(pages[1]?.inherited('Rotate')).toBe(90);
    expect(pages[2]?.inherited('Rotate')).toBeUndefined();
    expect(pdf.resolve(pages[2]?.inherited('MediaBox'))).toEqual([0, 0, 612, 792]);
    expect(pages[0]?.inherited('Resources')).toEqual(new PdfRef(11, 0));
    expect(pages[3]?.inherited('Resources')).toBeInstanceOf(PdfDict);
    expect(pdf.allPages().map((page) => page.ref.num)).toEqual([4, 5, 6, 8, 10]);
    expect(() => pdf.page(5)).toThrow(PdfSyntaxError);
  });

  it('refuses a page tree that points at itself instead of looping', () => {
    const text = new TextDecoder('latin1').decode(nestedTreePdf()).replace('/Kids [4 0 R 5 0 R]', '/Kids [3 0 R 5 0 R]');
    const pdf = LazyPdf.open(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(() => pdf.allPages()).toThrow(PdfSyntaxError);
    expect(() => pdf.page(1)).toThrow(PdfSyntaxError);
  });
});

describe('IncrementalUpdate', () => {
  it('after a classic table, writes a classic table whose /Prev points back; qpdf and pdf-lib read the change', async () => {
    const original = nestedTreePdf();
    const pdf = LazyPdf.open(original);
    const update = new IncrementalUpdate(pdf);
    const page = update.edit<PdfDict>(new PdfRef(6, 0), 'dict');
    page?.set('Rotate', 180);
    const added = update.add(new PdfStream(new PdfDict([['Type', PdfName.of('Metadata')]]), new Uint8Array([1, 2, 3])));
    const increment = new TextDecoder('latin1').decode(update.toBytes());
    expect(increment).toMatch(/^xref$/m);
    expect(increment).toContain(`/Prev ${pdf.startXref}`);
    const bytes = new Uint8Array([...original, ...Uint8Array.from(increment, (c) => c.charCodeAt(0))]);
    qpdfCheck(bytes, 'classic-update.pdf');
    const reread = LazyPdf.open(bytes);
    expect(reread.sections).toHaveLength(2);
    expect(reread.page(2).dict.get('Rotate')).toBe(180);
    expect(reread.object(added.num)).toBeInstanceOf(PdfStream);
    // The copy edited is not the file's: the original read is unchanged.
    expect(pdf.page(2).dict.get('Rotate')).toBeUndefined();
    expect((await PDFDocument.load(bytes)).getPage(2).getRotation().angle).toBe(180);
  });

  it('after a cross-reference stream, writes a cross-reference stream, and an object moved out of an object stream reads back', () => {
    const pdf = LazyPdf.open(short);
    expect(pdf.sections[0]?.kind).toBe('stream');
    const pageRef = pdf.page(0).ref;
    const update = new IncrementalUpdate(pdf);
    update.edit<PdfDict>(pageRef, 'dict')?.set('Rotate', 90);
    const bytes = new Uint8Array([...short, ...update.toBytes()]);
    qpdfCheck(bytes, 'stream-update.pdf');
    const reread = LazyPdf.open(bytes);
    expect(reread.sections.map((section) => section.kind)).toEqual(['stream', 'stream']);
    expect(reread.page(0).dict.get('Rotate')).toBe(90);
    expect(reread.page(1).dict.get('Rotate')).toBeUndefined();
  });
});

describe('stamping through the lazy reader', () => {
  it('a page that inherits shared resources gets its own copy; the other pages and the shared object are untouched', async () => {
    const original = nestedTreePdf();
    const outcome = await stampPdf(original, { jobs: [{ template: { ...filed, pages: { kind: 'list', pages: [2] } } }], fields });
    if (!outcome.ok) throw new Error(outcome.message);
    qpdfCheck(outcome.bytes, 'nested-stamped.pdf');
    const increment = new TextDecoder('latin1').decode(outcome.bytes.subarray(original.length));
    // Page 2 (object 5) is rewritten; the node's shared resources (object 11) and the other pages are not.
    expect(increment).toMatch(/^5 0 obj/m);
    expect(increment).not.toMatch(/^(3|4|6|8|10|11) 0 obj/m);
    const pages = await readVisualText(outcome.bytes);
    expect(pages.map((page) => page.items.some((item) => item.text === 'FILED'))).toEqual([false, true, false, false, false]);
    expect(pages[1]?.items.map((item) => item.text).join(' ')).toContain('two');
    // Page 2 is rotated 90° by its node: the stamp is upright as the reader sees the page.
    expect(pages[1]?.items.find((item) => item.text === 'FILED')?.upright).toBe(true);
  });

  it('a page with its own resources dictionary is stamped in place, its crop box respected', async () => {
    const outcome = await stampPdf(nestedTreePdf(), { jobs: [{ template: { ...filed, pages: { kind: 'list', pages: [4] } } }], fields });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.placed[0]?.visualRect.x).toBeCloseTo(592 - 24 - (outcome.placed[0]?.visualRect.width ?? 0), 1);
    const pages = await readVisualText(outcome.bytes, [4]);
    const texts = pages[0]?.items.map((item) => item.text) ?? [];
    expect(texts).toContain('FILED');
    expect(texts.join(' ')).toContain('four');
  });
});
