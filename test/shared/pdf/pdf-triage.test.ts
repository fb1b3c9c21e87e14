import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFNumber, type PDFRef } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCrossReference } from '../../../shared/pdf/cross-reference';
import { loadPdf } from '../../../shared/pdf/load-pdf';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { pdfCorpus, type PdfCorpus } from '../../fixtures/pdf-corpus';

let corpus: PdfCorpus;
beforeAll(async () => {
  corpus = await pdfCorpus();
}, 120_000);

const fields = { status: 'FILED', court: 'Court', datetime: '2026-12-02T10:00:00Z', timeZone: 'UTC', clerk: 'J. Doe', caseNumber: '2026-CV-000001', envelopeId: 'ENV-1', filingId: 'F-1' };
const filed = stampPreset('filed') as StampTemplate;
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** A plain two-page PDF saved with a classic cross-reference table, as many scanners write it. */
async function classicPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage([612, 792]).drawText('Page one');
  document.addPage([612, 792]).drawText('Page two');
  return document.save({ useObjectStreams: false });
}

describe('PDF triage when a document is opened (#11: PDF triage)', () => {
  it('checks every cross-reference entry, in tables and in compressed cross-reference streams', async () => {
    const classic = await classicPdf();
    expect(checkCrossReference(classic)).toMatchObject({ sections: 1, problems: [] });
    const streams = corpus.bytes('plain');
    const check = checkCrossReference(streams);
    expect(check.problems).toEqual([]);
    expect(check.entries).toBeGreaterThan(3);
    // After an incremental stamp: two sections, both sound.
    const stamped = await stampPdf(classic, { jobs: [{ template: filed }], fields, courtSealPng: null });
    if (!stamped.ok) throw new Error(stamped.message);
    expect(checkCrossReference(stamped.bytes)).toMatchObject({ sections: 2, problems: [] });
  });

  it('a table with wrong offsets is repaired with a warning: the stamped copy is rewritten whole and reads everywhere', async () => {
    const classic = latin1(await classicPdf());
    // Shift the offset of the first in-use entry by 7 bytes: pdf-lib still reads the file, other readers would not.
    const broken = classic.replace(/(xref\s+0 \d+\s+0000000000 65535 f\s*\r?\n)(\d{10})/, (_, head: string, offset: string) => `${head}${String(Number(offset) + 7).padStart(10, '0')}`);
    expect(broken).not.toBe(classic);
    const bytes = new Uint8Array(Buffer.from(broken, 'latin1'));
    const { inspection } = await loadPdf(bytes);
    expect(inspection).toMatchObject({ kind: 'ok', canStamp: true, repairedCrossReference: true });
    expect(inspection.message).toMatch(/cross-reference table is damaged/);
    const stamped = await stampPdf(bytes, { jobs: [{ template: filed }], fields, courtSealPng: null });
    if (!stamped.ok) throw new Error(stamped.message);
    expect(checkCrossReference(stamped.bytes).problems).toEqual([]);
    const out = path.join(corpus.dir, 'repaired.stamped.pdf');
    writeFileSync(out, stamped.bytes);
    const qpdf = spawnSync('qpdf', ['--check', out], { encoding: 'utf8' });
    expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
    expect(qpdf.stdout + qpdf.stderr).not.toMatch(/reconstruct|attempting/i);
    expect(spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout).toContain('FILED');
  });

  it('a page without a size is damaged, not "ready to stamp"', async () => {
    const document = await PDFDocument.create();
    document.addPage([0, 0]);
    const { inspection } = await loadPdf(await document.save());
    expect(inspection).toMatchObject({ kind: 'corrupt', canStamp: false });
    expect(inspection.message).toMatch(/page 1 has no size/);
  });

  it('verifies the filer signature (digest and signature), and says plainly when the document changed after signing', async () => {
    const signed = corpus.bytes('signed');
    const good = await loadPdf(signed);
    expect(good.inspection.signatures).toEqual([expect.objectContaining({ digest: 'match', signatureCheck: 'valid' })]);
    expect(good.inspection.message).toMatch(/the signatures match the document/);
    // One byte inside the signed range changed (the document's text), the file otherwise intact.
    const text = latin1(signed);
    const at = text.indexOf('/Producer');
    expect(at).toBeGreaterThan(0);
    const tampered = signed.slice();
    tampered[at + 3] = 'X'.charCodeAt(0);
    const changed = await loadPdf(tampered);
    expect(changed.inspection.signatures).toEqual([expect.objectContaining({ digest: 'mismatch' })]);
    expect(changed.inspection.message).toMatch(/no longer matches the document: it was changed after it was signed/);
    expect(changed.inspection.message).not.toMatch(/stay valid/);
    const pdfsig = spawnSync('pdfsig', ['-'], { input: Buffer.from(tampered), encoding: 'utf8' });
    expect(pdfsig.stdout + pdfsig.stderr).not.toContain('Signature is Valid');
  });

  it('flags a document certified "no changes allowed" before stamping', async () => {
    const signed = corpus.bytes('signed');
    const document = await PDFDocument.load(signed, { updateMetadata: false });
    const snapshot = document.takeSnapshot();
    // The author's certification: DocMDP with P 1 in the catalog's /Perms (added here as an update).
    const params = document.context.obj({ Type: 'TransformParams', P: PDFNumber.of(1), V: PDFName.of('1.2') });
    const reference = document.context.obj({ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: params });
    document.catalog.set(PDFName.of('Perms'), document.context.obj({ DocMDP: document.context.obj({ Reference: [reference] }) }));
    snapshot.markRefForSave(document.context.trailerInfo.Root as PDFRef);
    const increment = await document.saveIncremental(snapshot);
    const certified = new Uint8Array(signed.length + increment.length);
    certified.set(signed);
    certified.set(increment, signed.length);
    const { inspection } = await loadPdf(certified);
    expect(inspection.certifiedNoChanges).toBe(true);
    expect(inspection.message).toMatch(/certified by its author with "no changes allowed"/);
  });

  it('caches the verdict by SHA-256: stamping after opening does not check the signatures again', async () => {
    const signed = corpus.bytes('signed');
    await loadPdf(signed);
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    let calls = 0;
    crypto.subtle.digest = (async (...args: Parameters<typeof digest>) => {
      calls += 1;
      return digest(...args);
    }) as typeof crypto.subtle.digest;
    try {
      await loadPdf(signed);
    } finally {
      crypto.subtle.digest = digest;
    }
    // One digest of the whole file (the cache key); none for the signature's byte ranges.
    expect(calls).toBe(1);
    expect(readFileSync(corpus.files.signed).length).toBe(signed.length);
  });
});
