import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectCmsZip } from '../../../electron/cms/cms-zip';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { validateEcf } from '../../fixtures/ecf-validate';

let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }).start();
});
afterAll(() => simulator.close());

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Rewrites an entry's uncompressed size in its local header and its central directory record, as a forger would. */
function underDeclare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = enc(name);
  const matches = (at: number): boolean => nameBytes.every((b, i) => out[at + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && matches(i + 30)) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && matches(i + 46)) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('CMS zip (non-interactive integration)', () => {
  it('round trip: a delivered new-case review exports as the ENVELOPE.zip the service writes with a schema-valid request.legal.xml and FILING/FILING_N.pdf, and inspects clean', async () => {
    const demo = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.filings.length >= 2 && d.envelope.filings.some((f) => f.connectedDocuments.length > 0) && d.documents.every((doc) => doc.kind === 'plain'));
    if (!demo) throw new Error('no new case with a connected document');
    const client = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const lease = await client.claim(demo.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const accepted = demo.envelope.filings.find((f) => f.connectedDocuments.length > 0) ?? demo.envelope.filings[0];
    if (!accepted) throw new Error('no filing');
    const original = await client.getDocument(demo.envelope.id, accepted.leadDocument.id);
    if (!original.ok) throw new Error(original.error.message);
    const stamped = await stampPdf(original.value.bytes, { jobs: [{ template: stampPreset('filed') as StampTemplate }], fields: { datetime: '2026-11-23T10:00:00Z', timeZone: 'America/Chicago', caseNumber: '2026-CV-000321' } });
    if (!stamped.ok) throw new Error(stamped.message);
    const payload = {
      envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `${demo.envelope.id}-cms`, decidedAt: '2026-11-23T10:00:00Z',
      decisions: demo.envelope.filings.map((f) => (f.id === accepted.id ? { outcome: 'accepted' as const, filingId: f.id, correctedFilingCode: null, note: null } : { outcome: 'rejected' as const, filingId: f.id, reasonCode: 'ILLEGIBLE', note: 'Unreadable scan, please refile.' })),
      caseAssignment: { caseNumber: '2026-CV-000321', trackingId: null, title: 'Zip v. Export', courtLocation: 'DT', judge: 'J-101' },
      stamped: [{ documentId: accepted.leadDocument.id, sha256: stamped.stampedSha256, bytes: stamped.bytes as Uint8Array<ArrayBuffer> }],
    };
    expect((await submitReview(client, { id: 'clerk1', name: 'Dana' }, payload)).ok).toBe(true);

    // The service's own zip (what a drop-folder court receives), fetched for the clerk.
    const zip = await client.getCmsZip(demo.envelope.id);
    if (!zip.ok) throw new Error(zip.error.message);
    expect(zip.value.fileName).toBe(`${demo.envelope.id}.zip`);
    expect(zip.value.documents).toBe(1 + accepted.connectedDocuments.length);
    const files = unzipSync(zip.value.bytes);
    const names = Object.keys(files).sort();
    expect(names).toEqual(['request.legal.xml', ...[accepted.leadDocument, ...accepted.connectedDocuments].map((_, i) => `${accepted.id}/${accepted.id}_${i}.pdf`)].sort());
    const xml = new TextDecoder().decode(files['request.legal.xml']);
    const validation = validateEcf(xml);
    expect(validation.valid, validation.output).toBe(true);
    expect(xml).toContain('2026-CV-000321');
    expect(xml).not.toContain('JVBERi0'); // no base64 PDF inside: binaries are files of the zip
    // The same stamped rendition the service docketed to the record system.
    await simulator.whenDocketingIdle();
    const docketed = simulator.cms.received.find((r) => r.operation === 'RecordDocketing' && r.xml.includes(demo.envelope.id));
    expect(xml).toContain(stamped.stampedSha256);
    expect(docketed?.xml).toContain(stamped.stampedSha256);

    const report = inspectCmsZip(zip.value.fileName, zip.value.bytes);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ envelopeId: demo.envelope.id, caseNumber: '2026-CV-000321' });
    expect(report.filings).toEqual([expect.objectContaining({ filingId: accepted.id, documents: expect.arrayContaining([expect.objectContaining({ path: `${accepted.id}/${accepted.id}_0.pdf`, sha256: stamped.stampedSha256, hashDeclared: true })]) })]);
  });

  it('reports hostile or broken zips instead of trusting them', () => {
    expect(inspectCmsZip('x.zip', enc('not a zip')).problems[0]).toMatch(/Not a readable zip/);
    expect(inspectCmsZip('x.zip', zipSync({ 'F1/F1_0.pdf': enc('%PDF-') })).problems).toContain('request.legal.xml is missing at the root of the zip.');
    const doctype = inspectCmsZip('x.zip', zipSync({ 'request.legal.xml': enc('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>') }));
    expect(doctype.problems[0]).toMatch(/DOCTYPE/);
    const wrong = inspectCmsZip('x.zip', zipSync({ 'request.legal.xml': enc('<a/>'), '../evil.pdf': enc('x'), 'F1/F2_0.pdf': enc('x') }));
    expect(wrong.problems).toEqual(expect.arrayContaining([expect.stringContaining('not RecordDocketingMessage'), expect.stringContaining('Unexpected entry ../evil.pdf'), expect.stringContaining('Unexpected entry F1/F2_0.pdf')]));
    // A zip bomb is refused from its directory, before inflating (limits scaled down for the test: 40 MB of zeros).
    const bomb = zipSync({ 'request.legal.xml': enc('<a/>'), 'F1/F1_0.pdf': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(inspectCmsZip('bomb.zip', bomb, { maxTotalBytes: 16 * 1024 * 1024, maxEntries: 100, maxXmlBytes: 1024 * 1024 }).problems[0]).toMatch(/more than 16 MB unpacked/);
    // A bomb that under-declares its size (headers say 1 KB, it inflates to 40 MB): caught while inflating.
    const liar = underDeclare(bomb, 'F1/F1_0.pdf', 1024);
    const lied = inspectCmsZip('liar.zip', liar, { maxTotalBytes: 16 * 1024 * 1024, maxEntries: 100, maxXmlBytes: 1024 * 1024 });
    expect(lied.problems.join(' ')).toMatch(/F1\/F1_0.pdf unpacks to more than the 1024 bytes it declares/);
    expect(lied.filings).toEqual([]);
    const many = zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`F1/F1_${i}.pdf`, enc('x')])));
    expect(inspectCmsZip('many.zip', many, { maxTotalBytes: 1024 * 1024, maxEntries: 20, maxXmlBytes: 1024 }).problems[0]).toMatch(/more than 20 entries/);
  });
});
