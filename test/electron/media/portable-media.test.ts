import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoMedium } from '../../../electron/demo/demo-medium';
import { makeSamplePdf } from '../../../electron/demo/pdf-samples';
import { writeEcfOperation } from '../../../shared/ecf/portable-media-operation';
import { EfmClient } from '../../../electron/efm/efm-client';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { importMedium } from '../../../electron/media/import-medium';
import { aesGcmSealer } from '../../../electron/keys/payload-sealer';
import { MediaInbox } from '../../../electron/media/media-inbox';
import { readPortableMedium, type MediumFile } from '../../../electron/media/portable-medium';
import type { Result } from '../../../shared/result';
import { validateEcf } from '../../fixtures/ecf-validate';
import { civilTwoFilings, validateTylerEcf4 } from '../../fixtures/ecf4-filer';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { ns4 } from '../../../shared/ecf4/namespaces';
import { reviewRecords } from '../../../electron/service/store/review-records';

let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml), validateEcf4: validateTylerEcf4 }).start();
});
afterAll(() => simulator.close());

const client = (): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
const context = (reachable = true) => ({ user: 'clerk1', courtName: 'Demo County District Court', timeZone: 'America/Chicago', withClient: async <T>(call: (c: EfmClient) => Promise<Result<T>>) => (reachable ? call(client()) : call(new EfmClient({ endpoint: 'http://127.0.0.1:9/clerk-review', credentials: { username: 'clerk1', password: 'x' }, retries: 0 }))) });
const replace = (files: MediumFile[], name: string, bytes: Uint8Array | null): MediumFile[] => (bytes ? files.map((f) => (f.path === name ? { ...f, bytes } : f)) : files.filter((f) => f.path !== name));
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('portable media (OASIS ECF Portable Media profile)', () => {
  it('a good medium: validates, goes to the EFM as ReviewFiling with its documents, joins the queue; the receipt is a PDF', async () => {
    const files = await makeDemoMedium();
    // ECFOperation.xml is valid against the profile's schema; the ReviewFiling request against ECF 5.0's.
    const operationFile = path.join(mkdtempSync(path.join(tmpdir(), 'crd-media-')), 'ECFOperation.xml');
    writeFileSync(operationFile, files[0]?.bytes ?? new Uint8Array());
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.resolve('schemas', 'portable-media.xsd'), operationFile], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    const request = files.find((f) => f.path === 'filing/ReviewFiling.xml');
    const validation = validateEcf(new TextDecoder().decode(request?.bytes));
    expect(validation.valid, validation.output).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-media-'));
    const inbox = new MediaInbox(dir);
    const result = await importMedium(files, inbox, context());
    if (!result.imported) throw new Error(result.problems.join('; '));
    expect(result).toMatchObject({ delivered: true, warnings: [] });
    expect(await inbox.waiting()).toEqual([]);
    const queue = await client().getReviewQueue({ pageSize: 10_000 });
    expect(queue.ok && queue.value.items.some((item) => item.envelopeId === result.envelopeId)).toBe(true);
    const detail = await client().getEnvelope(result.envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    const lead = detail.value.envelope.filings[0]?.leadDocument;
    const served = await client().getDocument(result.envelopeId, lead?.id ?? '');
    // The court gave the envelope and its documents identifiers of its own; the medium keeps the filer's.
    const read = await readPortableMedium(files);
    const filerEnvelope = read.ok ? read.value.envelope : null;
    expect(result.envelopeId).toMatch(/^ENV-\d{4}-R\d{5}$/);
    expect(lead?.id).toBe(`${result.envelopeId}-F1`);
    const onMedium = files.find((f) => f.path === `filing/${filerEnvelope?.filings[0]?.leadDocument.id ?? ''}.pdf`);
    expect(served.ok && createHash('sha256').update(served.value.bytes).digest('hex')).toBe(createHash('sha256').update(onMedium?.bytes ?? new Uint8Array()).digest('hex'));
    const receipt = path.join(dir, 'receipt.pdf');
    writeFileSync(receipt, result.receipt.bytes);
    const textOut = spawnSync('pdftotext', [receipt, '-'], { encoding: 'utf8' }).stdout;
    expect(textOut).toContain(result.envelopeId);
    expect(textOut).toContain(`filer's reference ${filerEnvelope?.id ?? ''}`);
    expect(textOut).toContain('received by the EFM for clerk review');
    // On the court's clock, not raw UTC.
    expect(textOut).toMatch(/Received: \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d:\d\d [AP]M C[SD]T by clerk1/);
    expect(textOut).toContain(createHash('sha256').update(onMedium?.bytes ?? new Uint8Array()).digest('hex'));
    // The same medium again: the EFM recognises the envelope and nothing is added twice.
    const again = await importMedium(files, new MediaInbox(mkdtempSync(path.join(tmpdir(), 'crd-media-'))), context());
    expect(again.imported && again.delivered).toBe(true);
    const after = await client().getReviewQueue({ pageSize: 10_000 });
    expect(after.ok && after.value.items.filter((item) => item.envelopeId === result.envelopeId)).toHaveLength(1);
  });

  it('an ECF 4.0 medium (seed 003 as written): read, its documents found, filed in ECF 4 and answered with its receipt', async () => {
    // Our ECF 4.0 fixture (valid against Tyler's ECF 4 schemas, see test/shared/ecf4): two filings, two connected.
    const request = readFileSync(path.resolve('test', 'fixtures', 'ecf4', 'ReviewFilingRequestMessage-civil-existing-two-filings.xml'));
    const names = ['motion.pdf', 'appearance.pdf', 'exhibit-a.pdf', 'proposed-order.pdf'];
    const documents = await Promise.all(names.map(async (name) => ({ path: name, bytes: await makeSamplePdf({ title: name, pages: 2 }) })));
    const files: MediumFile[] = [
      { path: 'ECFOperation.xml', bytes: enc(writeEcfOperation('ReviewFiling', ['ReviewFilingRequestMessage.xml', ...names])) },
      { path: 'ReviewFilingRequestMessage.xml', bytes: new Uint8Array(request) },
      ...documents,
    ];
    const read = await readPortableMedium(files);
    if (!read.ok) throw new Error(read.problems.join('; '));
    expect(read.value.warnings).toEqual([]);
    expect(read.value.attachments).toHaveLength(4);
    // The medium's own ECF 4 request goes to the court, each document pointing at its part; valid for Tyler's schemas.
    const request4 = read.value.ecf4RequestXml ?? '';
    expect((await validateTylerEcf4(request4)).valid).toBe(true);
    expect(request4.match(/<nc:BinaryLocationURI( [^>]*)?>cid:media-\d+@clerk-review<\/nc:BinaryLocationURI>/g)).toHaveLength(4);
    // The review model's reading of it is schema-valid ECF 5.0 too.
    const validation = validateEcf(read.value.filingMessageXml);
    expect(validation.valid, validation.output).toBe(true);
    const result = await importMedium(files, new MediaInbox(mkdtempSync(path.join(tmpdir(), 'crd-media-'))), context());
    if (!result.imported) throw new Error(result.problems.join('; '));
    expect(result, result.message).toMatchObject({ delivered: true, filings: 2 });
    // Filed as ECF 4: the court keeps the filer's message, and the receipt prints the ECF 4.0 answer with its ids.
    expect(await reviewRecords.envelope(simulator.database, result.envelopeId)).toMatchObject({ filedAs: '4.0' });
    const receiptFile = path.join(mkdtempSync(path.join(tmpdir(), 'crd-media-')), 'receipt.pdf');
    writeFileSync(receiptFile, result.receipt.bytes);
    const printed = spawnSync('pdftotext', [receiptFile, '-'], { encoding: 'utf8' }).stdout;
    expect(printed.replace(/\s+/g, ' ')).toContain(`The EFM's answer (ECF 4.0 MessageReceiptMessage): envelope ${result.envelopeId}; filings ${result.envelopeId}-F1, ${result.envelopeId}-F2`);
    const detail = await client().getEnvelope(result.envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    const { envelope } = detail.value;
    expect(envelope.case).toMatchObject({ isNew: false, number: '2026-CV-001187' });
    expect(envelope.filings.map((filing) => [filing.filingCode, filing.connectedDocuments.length])).toEqual([['MSJ', 2], ['NOA', 0]]);
    expect(envelope.attorneys.map((attorney) => attorney.name)).toEqual(['Maria L. Okafor']);
    // The exhibit the EFM serves is the file on the medium.
    const exhibit = envelope.filings[0]?.connectedDocuments[0];
    const served = await client().getDocument(result.envelopeId, exhibit?.id ?? '');
    const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
    expect(served.ok && sha(served.value.bytes)).toBe(sha(documents[2]?.bytes ?? new Uint8Array()));
  });

  it('an ECF 4.0 medium with each message in a file of its own (CoreFilingMessage, PaymentMessage): assembled and filed in ECF 4', async () => {
    const fixture = new DOMParser().parseFromString(civilTwoFilings, 'text/xml');
    const serialize = (local: string, uri: string): Uint8Array => enc(new XMLSerializer().serializeToString(fixture.getElementsByTagNameNS(uri, local)[0] as unknown as Element));
    const names = ['motion.pdf', 'appearance.pdf', 'exhibit-a.pdf', 'proposed-order.pdf'];
    const documents = await Promise.all(names.map(async (name) => ({ path: name, bytes: await makeSamplePdf({ title: name, pages: 1 }) })));
    const files: MediumFile[] = [
      { path: 'ECFOperation.xml', bytes: enc(writeEcfOperation('ReviewFiling', ['CoreFilingMessage.xml', 'PaymentMessage.xml', ...names])) },
      { path: 'CoreFilingMessage.xml', bytes: serialize('CoreFilingMessage', ns4.core) },
      { path: 'PaymentMessage.xml', bytes: serialize('PaymentMessage', ns4.payment) },
      ...documents,
    ];
    const read = await readPortableMedium(files);
    if (!read.ok) throw new Error(read.problems.join('; '));
    expect(read.value.warnings).toEqual([]);
    expect(await validateTylerEcf4(read.value.ecf4RequestXml ?? '')).toMatchObject({ valid: true });
    const result = await importMedium(files, new MediaInbox(mkdtempSync(path.join(tmpdir(), 'crd-media-'))), context());
    if (!result.imported) throw new Error(result.problems.join('; '));
    expect(result, result.message).toMatchObject({ delivered: true, filings: 2 });
    expect(await reviewRecords.envelope(simulator.database, result.envelopeId)).toMatchObject({ filedAs: '4.0' });
    const detail = await client().getEnvelope(result.envelopeId);
    expect(detail.ok && detail.value.payment).toMatchObject({ totalAmount: 85.5, cardLast4: '1111' });
  });

  it('the EFM unreachable: kept on the workstation, the receipt says so, delivered later', async () => {
    const files = await makeDemoMedium((await import('../../../electron/efm-sim/demo-envelopes')).makeDemoEnvelopes(202)[201]?.envelope);
    // Sealed at rest: what waits on disk holds no PDF and no filing message in clear.
    const folder = mkdtempSync(path.join(tmpdir(), 'crd-media-'));
    const inbox = new MediaInbox(folder, Promise.resolve(aesGcmSealer(randomBytes(32))));
    const result = await importMedium(files, inbox, context(false));
    if (!result.imported) throw new Error(result.problems.join('; '));
    expect(result.delivered).toBe(false);
    expect(await inbox.waiting()).toEqual([result.envelopeId]);
    const kept = readdirSync(path.join(folder, 'media-inbox'));
    expect(kept).toEqual([`${result.envelopeId}.sealed`]);
    const onDisk = readFileSync(path.join(folder, 'media-inbox', kept[0] ?? '')).toString('latin1');
    expect(onDisk).not.toContain('FilingMessage');
    expect(onDisk).not.toContain(Buffer.from('%PDF-1.').toString('base64').slice(0, 8));
    expect((await inbox.deliver(client(), result.envelopeId)).ok).toBe(true);
    expect(await inbox.waiting()).toEqual([]);
  });

  it('bad media are refused with a clear report, and nothing is imported half-way', async () => {
    const good = await makeDemoMedium();
    const operation = new TextDecoder().decode(good[0]?.bytes);
    const pdfName = good.find((f) => f.path.endsWith('.pdf'))?.path ?? '';
    const cases: [string, MediumFile[], RegExp][] = [
      ['no ECFOperation.xml', replace(good, 'ECFOperation.xml', null), /ECFOperation.xml is not at the root/],
      ['wrong operation', replace(good, 'ECFOperation.xml', enc(operation.replace('>ReviewFiling<', '>RecordFiling<'))), /only ReviewFiling/],
      ['listed file missing', replace(good, pdfName, null), /listed but not on the medium/],
      ['invalid XML', replace(good, 'filing/ReviewFiling.xml', enc('<wrappers:ReviewFilingRequest')), /cannot be read/],
      ['hostile XML', replace(good, 'ECFOperation.xml', enc('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')), /DOCTYPE/],
      ['corrupt PDF', replace(good, pdfName, enc('%PDF-1.7\nthis is not really a pdf')), new RegExp(pdfName.replace(/[.]/g, '\\.'))],
      ['path climbing out', [...good, { path: '../../etc/passwd', bytes: enc('x') }], /climbs out/],
    ];
    for (const [label, files, expected] of cases) {
      const inbox = new MediaInbox(mkdtempSync(path.join(tmpdir(), 'crd-media-')));
      const result = await importMedium(files, inbox, context());
      expect(result.imported, label).toBe(false);
      if (!result.imported) expect(result.problems.join('\n'), label).toMatch(expected);
      expect(await inbox.waiting(), label).toEqual([]);
    }
    // 80,000 attributes on one element of ECFOperation.xml: refused at once with a reason (#11 item 8).
    const attributes = Array.from({ length: 80_000 }, (_, i) => `x${i}="${i}"`).join(' ');
    const flooded = replace(good, 'ECFOperation.xml', enc(operation.replace(/<([\w:]+)/, `<$1 ${attributes}`)));
    const started = performance.now();
    const refused = await importMedium(flooded, new MediaInbox(mkdtempSync(path.join(tmpdir(), 'crd-media-'))), context());
    console.log(`media: 80,000-attribute ECFOperation.xml refused in ${Math.round(performance.now() - started)} ms`);
    expect(!refused.imported && refused.problems.join(' ')).toMatch(/more than 256 attributes/);
    // A file the operation does not list is not an error, but the clerk is told it was ignored.
    const stray = await readPortableMedium([...good, { path: 'stray.txt', bytes: enc('x') }]);
    expect(stray.ok && stray.value.warnings).toEqual(['stray.txt is on the medium but not listed in ECFOperation.xml; it was ignored.']);
  });
});
