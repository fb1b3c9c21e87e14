import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import * as soap from 'soap';
import { makeSamplePdf } from '../../electron/demo/pdf-samples';
import type { MediumFile } from '../../electron/media/portable-medium';
import { reviewRecords } from '../../electron/service/store/review-records';
import { writeEcfOperation } from '../../shared/ecf/portable-media-operation';
import { messageReceiptMessage4, messageReceiptPrefixes4, readMessageReceipt4 } from '../../shared/ecf4/message-receipt';
import { serializeXml } from '../../shared/xml/xml-writer';
import { validateEcfBatch } from '../fixtures/ecf-validate';
import { civilTwoFilings, ecf4FilingReviewClient, soapBodyOf, tylerEcf4Wsdl, validateTylerEcf4 } from '../fixtures/ecf4-filer';
import { RecordingProxy } from '../fixtures/recording-proxy';
import { bodiesOf, callWithBody } from '../fixtures/soap-interop';
import { startCourtHost, type CourtHost } from './court-host';
import { openEnvelopeById, signIn, writeMedium } from './review-helpers';
import { parsedRoot } from '../fixtures/parsed-root';

/**
 * ECF 4.0 end to end (#17): a court whose record system speaks ECF 4 (the demo one, `--cms-ecf 4.0`). A medium made
 * by an ECF 4 filing system is imported at the counter, reviewed, stamped and docketed through RecordFiling; an ECF 4
 * filer (node-soap from Tyler's Illinois WSDL) files, a clerk decides in the app, and the filer's FilingAssemblyMDEPort
 * (a node-soap server from Tyler's WSDL) hears through NotifyFilingReviewComplete 4.0.
 */
// One court for both tests, in order: the second counts the first's envelope in the queue.
test.describe.configure({ mode: 'serial' });

let court: CourtHost;
let filerServer: Server;
let toFiler: RecordingProxy;
const names = ['motion.pdf', 'appearance.pdf', 'exhibit-a.pdf', 'proposed-order.pdf'];

test.beforeAll(async () => {
  filerServer = createServer((_request, response) => void response.writeHead(404).end());
  await new Promise<void>((resolve) => filerServer.listen(0, '127.0.0.1', resolve));
  const filerUrl = `http://127.0.0.1:${(filerServer.address() as AddressInfo).port}`;
  const receipt = serializeXml(messageReceiptMessage4({ envelopes: [], courtId: 'efsp', sendingMde: filerUrl, errorCode: '0', errorText: 'No Error' }), messageReceiptPrefixes4);
  const wsdl = tylerEcf4Wsdl('FilingAssemblyMDEService');
  soap.listen(filerServer, {
    path: '/FilingAssemblyMDEPort', xml: readFileSync(wsdl, 'utf8'), uri: wsdl,
    services: { FilingAssemblyMDEService: { FilingAssemblyMDEPort: { NotifyFilingReviewComplete: () => ({ _xml: receipt.replace(/^<\?xml[^?]*\?>\s*/, '') }) } } },
  });
  toFiler = await new RecordingProxy(filerUrl).start();
  court = await startCourtHost({
    demoRecordSystemEcf: '4.0', validateEcf4: validateTylerEcf4,
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing' },
    filerCallbacks: { endpoints: {}, ecf4Endpoints: { efsp: `${toFiler.url}/FilingAssemblyMDEPort` }, retryDelaysMs: [5] },
  }, 'ecf4');
});
test.afterAll(async () => {
  await court.close();
  await toFiler.close();
  await new Promise<void>((resolve) => filerServer.close(() => resolve()));
});

/** The fixture's documents as real PDFs, under the names its message gives them. */
const pdfs = (): Promise<{ contentId: string; body: Buffer }[]> =>
  Promise.all(names.map(async (name) => ({ contentId: name, body: Buffer.from(await makeSamplePdf({ title: name, pages: 2 })) })));

test('an ECF 4 medium: imported, reviewed, stamped and docketed to the ECF 4 record system', async ({ page }) => {
  const documents = await pdfs();
  const files: MediumFile[] = [
    { path: 'ECFOperation.xml', bytes: new TextEncoder().encode(writeEcfOperation('ReviewFiling', ['ReviewFilingRequestMessage.xml', ...names])) },
    { path: 'ReviewFilingRequestMessage.xml', bytes: new TextEncoder().encode(civilTwoFilings) },
    ...documents.map((document) => ({ path: document.contentId, bytes: new Uint8Array(document.body) })),
  ];
  await signIn(page, court.url);
  await page.getByTestId('import-medium').setInputFiles(writeMedium(files));
  await expect(page.getByTestId('import-report')).toContainText(/ENV-\d{4}-R\d{5} is in the review queue/);
  const envelopeId = /(ENV-\d{4}-R\d{5})/.exec((await page.getByTestId('import-report').textContent()) ?? '')?.[1] ?? '';
  await openEnvelopeById(page, envelopeId, 201);
  for (const filing of ['F1', 'F2']) await page.getByTestId(`decision-${envelopeId}-${filing}`).getByLabel('Accept').check();
  await expect(page.getByTestId('review-problems')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toHaveText("Submitted 2 decisions; the envelope's review is complete.", { timeout: 30_000 });

  // Filed in ECF 4 (the court keeps the medium's own message) and docketed through RecordFiling, one per filing.
  const { simulator } = court;
  expect(await reviewRecords.envelope(simulator.database, envelopeId)).toMatchObject({ filedAs: '4.0' });
  await expect.poll(async () => Promise.all(['F1', 'F2'].map((f) => reviewRecords.docketing(simulator.database, envelopeId, `${envelopeId}-${f}`))), { timeout: 30_000 })
    .toEqual(['successful', 'successful']);
  const recordFilings = simulator.cms.received.filter((request) => request.operation === 'RecordFiling4' && request.xml.includes(envelopeId));
  expect(recordFilings).toHaveLength(2);
  const valid = validateEcfBatch(recordFilings.map((request) => request.xml), 'tyler4');
  expect(valid.map((v) => v.valid), valid.map((v) => v.output).join('\n')).toEqual([true, true]);
  // The accepted lead documents went to the record system file-stamped.
  const stamped = await reviewRecords.stampedDocuments(simulator.database, envelopeId);
  expect(stamped.length).toBeGreaterThan(0);
  for (const rendition of stamped) expect(recordFilings.some((request) => request.xml.includes(rendition.sha256))).toBe(true);
});

test('an ECF 4 filer files, the clerk decides, and the filer hears through NotifyFilingReviewComplete 4.0', async ({ page }) => {
  const raw = await callWithBody(await ecf4FilingReviewClient(court.simulator.url, 'efsp', 'demo-efsp'), 'ReviewFiling',
    soapBodyOf(civilTwoFilings.replace('EFSP-2026-0042', 'EFSP-2026-0099')), await pdfs());
  const root = parsedRoot(raw);
  const envelopeId = readMessageReceipt4(root)?.envelopeIds[0] ?? '';
  expect(envelopeId).toMatch(/^ENV-\d{4}-R\d{5}$/);

  // The workstation is still signed in from the first test; its envelope, reviewed, has left the queue.
  await page.goto(court.url);
  await expect(page.getByTestId('queue-count')).toHaveText('201 of 201 envelopes', { timeout: 30_000 });
  await openEnvelopeById(page, envelopeId, 201);
  await page.getByTestId(`decision-${envelopeId}-F1`).getByLabel('Accept').check();
  const rejected = page.getByTestId(`decision-${envelopeId}-F2`);
  await rejected.getByLabel('Reject').check();
  await rejected.getByLabel('Rejection reason').selectOption('MISSING-SIGNATURE');
  await rejected.getByLabel(/Explanation for the filer/).fill('The notice of appearance is not signed by the attorney of record.');
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toHaveText("Submitted 2 decisions; the envelope's review is complete.", { timeout: 30_000 });

  // Once the accepted filing is docketed, one ECF 4.0 callback per filing reaches the filer, valid for Tyler.
  const notices = (): string[] => bodiesOf(toFiler.exchanges).filter((_body, index) => index % 2 === 0).filter((body) => body.includes(envelopeId));
  await expect.poll(() => notices().length, { timeout: 30_000 }).toBe(2);
  const valid = validateEcfBatch(notices(), 'tyler4');
  expect(valid.map((v) => v.valid), valid.map((v) => v.output).join('\n')).toEqual([true, true]);
  expect(notices().join('\n')).toMatch(/<ecf:FilingStatusCode( [^>]*)?>accepted<\/ecf:FilingStatusCode>/);
  expect(notices().join('\n')).toContain('not signed by the attorney of record');
  expect(notices().join('\n')).toMatch(/<ecf:DocumentDocketID( [^>]*)?><nc:IdentificationID( [^>]*)?>DKT-\d{7}<\/nc:IdentificationID>/);
});
