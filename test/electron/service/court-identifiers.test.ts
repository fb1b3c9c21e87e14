import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { findFilingMessages } from '../../../shared/ecf/filing-message';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';

/**
 * ECF 5.0 §6.2 (seed 001): the Filing Review MDE assigns the identifiers that name a filing in the court. Filers'
 * own ids ("Document1", a message id) repeat across envelopes and filers; the court's do not (#13).
 */
let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml) }).start();
});
afterAll(() => simulator.close());

const example = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'civil-ReviewFilingRequest-01.xml'), 'utf8');
const filingMessageXml = new XMLSerializer().serializeToString(findFilingMessages(new DOMParser().parseFromString(example, 'text/xml').documentElement as unknown as Element)[0] as Element);
const paymentMessageXml = new XMLSerializer().serializeToString(new DOMParser().parseFromString(example, 'text/xml').getElementsByTagNameNS('https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/payment', 'PaymentMessage')[0] as unknown as Element);
const as = (username: string, password: string): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username, password } });
const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);
const file = (client: EfmClient, label: string) => client.reviewFiling(filingMessageXml, [
  { contentId: 'Payload1', contentType: 'application/pdf', body: pdf(`${label} appearance`) },
  { contentId: 'Payload2', contentType: 'application/pdf', body: pdf(`${label} information`) },
]);

describe('court-assigned identifiers beside the filer\'s', () => {
  it('two envelopes with the same filer ids get their own court ids, and each keeps its own documents', async () => {
    const first = await file(as('efsp', 'demo-efsp'), 'first');
    if (!first.ok) throw new Error(first.error.message);
    const resent = await file(as('efsp', 'demo-efsp'), 'first');
    // Another sender with the very same message id and document ids (the TC's example, filed twice).
    const other = await file(as('clerk1', 'demo-clerk1'), 'other');
    if (!resent.ok || !other.ok) throw new Error('ReviewFiling failed');
    const [a, b] = [first.value.courtIds, other.value.courtIds];
    expect(a.envelopeId).toMatch(/^ENV-\d{4}-R\d{5}$/);
    expect(resent.value.courtIds).toEqual(a);
    expect(b.envelopeId).not.toBe(a.envelopeId);
    expect(a.filingIds).toEqual([`${a.envelopeId}-F1`]);

    const clerk = as('clerk1', 'demo-clerk1');
    for (const [ids, label] of [[a, 'first'], [b, 'other']] as const) {
      const detail = await clerk.getEnvelope(ids.envelopeId ?? '');
      if (!detail.ok) throw new Error(detail.error.message);
      expect(detail.value.envelope.id).toBe(ids.envelopeId);
      expect(detail.value.envelope.filings.map((filing) => filing.id)).toEqual(ids.filingIds);
      // The filer's identifiers stay in the message as they sent them; the court's are added, schema-valid.
      expect(detail.value.filingMessageXml).toContain('123456ABC');
      expect(validateEcf(detail.value.filingMessageXml)).toMatchObject({ valid: true });
      const documents = detail.value.envelope.filings.flatMap((filing) => [filing.leadDocument, ...filing.connectedDocuments]);
      expect(documents.map((document) => document.id)).toEqual([`${ids.envelopeId}-F1`, `${ids.envelopeId}-D1`]);
      const served = await Promise.all(documents.map((document) => clerk.getDocument(ids.envelopeId ?? '', document.id)));
      expect(served.map((document) => (document.ok ? Buffer.from(document.value.bytes).toString('latin1') : ''))).toEqual([
        expect.stringContaining(`${label} appearance`), expect.stringContaining(`${label} information`),
      ]);
    }
    expect(await clerk.getFilingStatus(null, a.filingIds[0] ?? '')).toMatchObject({ ok: true, value: { reviewStatus: 'received' } });
  });

  it('several FilingMessages in one ReviewFiling: an envelope each, with court ids, the payment with the first', async () => {
    const messageAs = (id: string, payloads: [string, string]): string => filingMessageXml.replace('>123456ABC<', `>${id}<`)
      .replace('cid://Payload1', `cid://${payloads[0]}`).replace('cid://Payload2', `cid://${payloads[1]}`);
    const parts = ['P1', 'P2', 'P3', 'P4'].map((contentId) => ({ contentId, contentType: 'application/pdf', body: pdf(`multi ${contentId}`) }));
    const efsp = as('efsp', 'demo-efsp');
    const both = await efsp.reviewFiling(messageAs('MULTI-A', ['P1', 'P2']) + messageAs('MULTI-B', ['P3', 'P4']), parts, paymentMessageXml);
    if (!both.ok) throw new Error(both.error.message);
    const [a, b] = both.value.courtIds.envelopes;
    if (!a || !b) throw new Error('two envelopes expected');
    expect(both.value.courtIds.envelopes).toHaveLength(2);
    expect(a.envelopeId).not.toBe(b.envelopeId);
    expect([a.filingIds, b.filingIds]).toEqual([[`${a.envelopeId}-F1`], [`${b.envelopeId}-F1`]]);
    // The answer naming both envelopes is valid for the OASIS and Tyler schemas.
    for (const set of ['oasis', 'tyler'] as const) {
      const [result] = validateEcfBatch([`<?xml version="1.0" encoding="UTF-8"?>\n${both.value.responseXml}`], set);
      expect(result?.valid, result?.output).toBe(true);
    }
    const clerk = as('clerk1', 'demo-clerk1');
    const second = await clerk.getEnvelope(b.envelopeId);
    if (!second.ok) throw new Error(second.error.message);
    const first = await clerk.getEnvelope(a.envelopeId);
    expect(first.ok && first.value.payment?.totalAmount).toBeTruthy();
    expect(second.value.payment?.totalAmount ?? null).toBeNull();
    const lead = second.value.envelope.filings[0]?.leadDocument.id ?? '';
    const served = await clerk.getDocument(b.envelopeId, lead);
    expect(served.ok && Buffer.from(served.value.bytes).toString('latin1')).toContain('multi P3');
    // Sent again as a whole, each message is answered with the envelope it already is.
    const again = await efsp.reviewFiling(messageAs('MULTI-A', ['P1', 'P2']) + messageAs('MULTI-B', ['P3', 'P4']), parts);
    expect(again.ok && again.value.courtIds.envelopes).toEqual(both.value.courtIds.envelopes);
  });

  it('never half taken: one bad FilingMessage refuses the request and names which; one id twice is refused', async () => {
    const efsp = as('efsp', 'demo-efsp');
    const good = filingMessageXml.replace('>123456ABC<', '>HALF-A<');
    const missingPart = filingMessageXml.replace('>123456ABC<', '>HALF-B<').replace('cid://Payload1', 'cid://Nowhere');
    const parts = [{ contentId: 'Payload1', contentType: 'application/pdf', body: pdf('half 1') }, { contentId: 'Payload2', contentType: 'application/pdf', body: pdf('half 2') }];
    const before = (await as('supervisor', 'demo-supervisor').getReviewQueue({ pageSize: 1 }));
    const refused = await efsp.reviewFiling(good + missingPart, parts);
    expect(refused).toMatchObject({ ok: false, error: { ecfErrorCode: '2', message: expect.stringContaining('FilingMessage 2 of 2') } });
    const after = (await as('supervisor', 'demo-supervisor').getReviewQueue({ pageSize: 1 }));
    expect(after.ok && after.value.totalCount).toBe(before.ok && before.value.totalCount);
    const twice = await efsp.reviewFiling(good + good, parts);
    expect(twice).toMatchObject({ ok: false, error: { ecfErrorCode: '2', message: expect.stringContaining('used by another FilingMessage of this request') } });
  });
});
