import type * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { readMessageReceipt4 } from '../../../shared/ecf4/message-receipt';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { RecordingProxy } from '../../fixtures/recording-proxy';
import { civilTwoFilings, civilTwoFilingsDocuments, ecf4FilingReviewClient, soapBodyOf, validateTylerEcf4 } from '../../fixtures/ecf4-filer';
import { bodiesOf, callWithBody } from '../../fixtures/soap-interop';
import { parsedRoot } from '../../fixtures/parsed-root';

/**
 * An ECF 4.0 filer against the Filing Review service (#17): node-soap built from Tyler's production ECF 4 Illinois
 * FilingReviewMDEService WSDL (which points at Tyler's host: the endpoint is set to loopback), sending an ECF 4.0
 * ReviewFilingRequestMessage valid against Tyler's ECF 4 schemas, with its documents as MTOM parts.
 */
let simulator: EfmSimulator;
let proxy: RecordingProxy;

const fixture = civilTwoFilings;
const bodyOf = soapBodyOf;
const documents = civilTwoFilingsDocuments;
const ecf4Filer = (): Promise<soap.Client> => ecf4FilingReviewClient(proxy.url, 'efsp', 'demo-efsp');

/** The receipt of an answer, read; the test fails when the answer holds none. */
function receiptOf(raw: string) {
  const root = parsedRoot(raw);
  const receipt = readMessageReceipt4(root);
  if (!receipt) throw new Error(`no MessageReceiptMessage in ${raw.slice(0, 300)}`);
  return receipt;
}

beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml), validateEcf4: validateTylerEcf4 }).start();
  proxy = await new RecordingProxy(simulator.url).start();
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

describe('an ECF 4.0 filer (node-soap from Tyler\'s ECF 4 WSDL) files into the Filing Review service', () => {
  let envelopeId = '';

  it('ReviewFiling: the answer is an ECF 4.0 MessageReceiptMessage with the court\'s ids, valid against Tyler\'s schemas', async () => {
    const raw = await callWithBody(await ecf4Filer(), 'ReviewFiling', bodyOf(fixture), documents);
    const receipt = receiptOf(raw);
    expect(receipt.errors).toEqual([{ code: '0', text: 'No Error' }]);
    expect(receipt.envelopeIds).toHaveLength(1);
    envelopeId = receipt.envelopeIds[0] ?? '';
    expect(receipt.filingIds).toEqual([`${envelopeId}-F1`, `${envelopeId}-F2`]);
    // What went over the wire both ways: the request and the answer are valid ECF 4.0 for Tyler's schemas.
    const wire = proxy.exchanges.filter((exchange) => exchange.method === 'POST').at(-1);
    expect(wire?.soapAction?.replace(/"/g, '')).toBe('urn:oasis:names:tc:legalxml-courtfiling:wsdl:WebServicesProfile-Definitions-4.0/FilingReviewMDEPort/ReviewFilingRequest');
    const bodies = wire ? bodiesOf([wire]) : [];
    expect(bodies).toHaveLength(2);
    const validations = validateEcfBatch(bodies, 'tyler4');
    expect(validations.map((v) => v.valid), validations.map((v) => v.output).join('\n')).toEqual([true, true]);
  });

  it('the clerk sees the ECF 4 filing as any other: the case, both filings, the connected documents, the documents', async () => {
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const detail = await clerk.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    const { envelope, payment } = detail.value;
    expect(envelope.case).toMatchObject({ isNew: false, number: '2026-CV-001187', title: 'Northgate Supply Co. v. Delaney' });
    expect(envelope.filings.map((filing) => [filing.filingCode, filing.connectedDocuments.length])).toEqual([['MSJ', 2], ['NOA', 0]]);
    expect(payment).toMatchObject({ totalAmount: 85.5, cardLast4: '1111' });
    const exhibit = envelope.filings[0]?.connectedDocuments[0];
    const served = await clerk.getDocument(envelopeId, exhibit?.id ?? '');
    expect(served.ok && Buffer.from(served.value.bytes).toString('latin1')).toContain('% exhibit-a.pdf');
  });

  it('the same message again is answered with the same envelope: nothing is filed twice', async () => {
    const receipt = receiptOf(await callWithBody(await ecf4Filer(), 'ReviewFiling', bodyOf(fixture), documents));
    expect(receipt.envelopeIds).toEqual([envelopeId]);
  });

  it('a message that is not valid ECF 4.0 is refused in the receipt with an ECF error code, and nothing is queued', async () => {
    const queued = async (): Promise<number> => {
      const queue = await new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } }).getReviewQueue({ pageSize: 10_000 });
      return queue.ok ? queue.value.items.length : -1;
    };
    const before = await queued();
    const broken = bodyOf(fixture.replace('EFSP-2026-0042', 'EFSP-2026-0043').replace('<civil:ClassActionIndicator>false</civil:ClassActionIndicator>', ''));
    const receipt = receiptOf(await callWithBody(await ecf4Filer(), 'ReviewFiling', broken, documents));
    expect(receipt.envelopeIds).toEqual([]);
    expect(receipt.errors[0]?.code).toBe('1');
    expect(receipt.errors[0]?.text).toContain('not valid against the ECF 4.0 schemas');
    expect(await queued()).toBe(before);
  });

  it('a document the message names but the request does not carry is refused, with the document named', async () => {
    const receipt = receiptOf(await callWithBody(await ecf4Filer(), 'ReviewFiling', bodyOf(fixture.replace('EFSP-2026-0042', 'EFSP-2026-0044')), documents.slice(0, 3)));
    expect(receipt.envelopeIds).toEqual([]);
    expect(receipt.errors[0]?.text).toContain('proposed-order.pdf');
  });
});
