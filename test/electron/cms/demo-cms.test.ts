import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { sendStandardMessage } from '../../../electron/soap/send-standard-message';
import { operationTable } from '../../../shared/ecf/operation-table';
import { ns } from '../../../shared/ecf/namespaces';
import { el, rawXml } from '../../../shared/xml/xml-writer';
import { writeNotifyDocketingComplete } from '../../../shared/ecf/write-notify-docketing-complete';
import { validateEcf } from '../../fixtures/ecf-validate';

let simulator: EfmSimulator;
beforeAll(async () => {
  // Every filing refused, one callback per RecordDocketing: refusals must reach the exception queue.
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml), cms: { delayMs: 1, failureRate: 1, model: 'single', random: () => 0.5 } }).start();
});
afterAll(() => simulator.close());

const as = (username: string): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username, password: `demo-${username}` }, sleep: async () => undefined });
const demo = makeDemoEnvelopes().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));

describe('the demo court record system, reached over SOAP', () => {
  it('dockets what the service sends, answers by message id, and a refusal lands in the exception queue', async () => {
    if (!demo) throw new Error('no suitable envelope');
    const clerk = as('clerk1');
    const lease = await clerk.claim(demo.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const filingId = demo.envelope.filings[0]?.id ?? '';
    const submitted = await submitReview(clerk, { id: 'clerk1', name: 'Dana' }, { envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: 'cms-refusal-1', decidedAt: new Date().toISOString(), decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [] });
    expect(submitted).toMatchObject({ ok: true });
    await simulator.whenDocketingIdle();
    const [callback] = simulator.cms.callbacks.filter((c) => c.envelopeId === demo.envelope.id);
    expect(callback).toMatchObject({ requestMessageId: 'RD-cms-refusal-1', schemaValid: true, delivered: true, result: { filingDocketingStatus: 'unsuccessful', requestMessageId: 'RD-cms-refusal-1' } });
    const exceptions = await as('supervisor').getDocketingExceptions(false);
    expect(exceptions.ok && exceptions.value.filter((e) => e.envelopeId === demo.envelope.id).map((e) => e.filingId)).toEqual([filingId]);
  });

  it('refuses a callback from anyone but the record system, and one naming a RecordDocketing never sent', async () => {
    if (!demo) throw new Error('no suitable envelope');
    const header = { messageId: 'NDC-forged', sendingMde: 'urn:forged', courtId: 'x', courtName: null, postedAt: new Date().toISOString() };
    const forged = (requestMessageId: string): ReturnType<typeof el> => el(ns.wrapper, 'NotifyDocketingCompleteRequest', rawXml(writeNotifyDocketingComplete({
      header, requestMessageId, envelope: demo.envelope, reviewer: { id: 'x', name: 'X' },
      filings: [{ filingId: demo.envelope.filings[0]?.id ?? '', docketed: true, docketId: 'DKT-FORGED', failureReason: null, sha256: null, acceptedAt: header.postedAt }],
    })));
    const call = { url: `${simulator.url}/FilingReviewMDE`, soapAction: operationTable.NotifyDocketingComplete.soapAction };
    const asClerk = await sendStandardMessage({ ...call, body: forged('RD-cms-refusal-1'), credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    expect(asClerk).toMatchObject({ ok: false, retryable: false });
    await simulator.accounts.add({ username: 'cms-test', displayName: 'CMS', role: 'record-system', password: 'cms-test-password' });
    const unknown = await sendStandardMessage({ ...call, body: forged('RD-never-sent'), credentials: { username: 'cms-test', password: 'cms-test-password' } });
    expect(unknown).toMatchObject({ ok: false, reason: expect.stringContaining('RD-never-sent') });
    // The record system's account cannot file or read filings.
    const filing = await sendStandardMessage({ url: `${simulator.url}/FilingReviewMDE`, soapAction: operationTable.GetFilingList.soapAction, body: el(ns.wrapper, 'GetFilingListRequest'), credentials: { username: 'cms-test', password: 'cms-test-password' } });
    expect(filing).toMatchObject({ ok: false });
  });

  it('takes RecordDocketing only with its SOAPAction, from the service\'s account', async () => {
    const body = el(ns.wrapper, 'RecordDocketingRequest');
    const url = simulator.cms.courtRecordUrl;
    expect(await sendStandardMessage({ url, soapAction: 'urn:wrong', body })).toMatchObject({ ok: false, reason: expect.stringContaining('Unknown user') });
    expect(await sendStandardMessage({ url, soapAction: operationTable.RecordDocketing.soapAction, body, credentials: { username: 'filing-review-service', password: 'guess' } })).toMatchObject({ ok: false, reason: expect.stringContaining('Unknown user') });
  });
});

describe('what the service dockets (seed 001 §6.1.9: every docketed document with its SHA-256)', () => {
  it('every document goes with its bytes and hash; the message validates against the OASIS and Tyler schemas', async () => {
    const { validateEcfBatch } = await import('../../fixtures/ecf-validate');
    const received: string[] = [];
    const service = await new EfmSimulator({
      validateEcf: async (xml) => validateEcf(xml),
      cms: { delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, validateEcf: async (xml) => (received.push(xml), validateEcf(xml)) },
    }).start();
    const civil = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.case.category === 'CV' && d.envelope.filings.some((f) => f.connectedDocuments.length > 0));
    if (!civil) throw new Error('no new civil envelope with connected documents');
    const clerk = new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    const lease = await clerk.claim(civil.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const decisions = civil.envelope.filings.map((f) => ({ outcome: 'accepted' as const, filingId: f.id, correctedFilingCode: null, note: null }));
    const caseAssignment = { caseNumber: '2026-CV-007001', trackingId: null, title: 'Hash v. Every', courtLocation: 'DT', judge: 'J-101' };
    const submitted = await submitReview(clerk, { id: 'clerk1', name: 'Dana' }, { envelopeId: civil.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: 'cms-hashes-1', decidedAt: new Date().toISOString(), decisions, caseAssignment, stamped: [] });
    expect(submitted).toMatchObject({ ok: true });
    await service.whenDocketingIdle();
    // The record system checks what it receives and what it answers; the RecordDocketing is the one received.
    const docketing = received.filter((xml) => xml.includes('RecordDocketingMessage'));
    expect(docketing).toHaveLength(1);
    const documents = civil.envelope.filings.reduce((n, f) => n + 1 + f.connectedDocuments.length, 0);
    expect(docketing[0]?.match(/DocumentRenditionHash>[0-9a-f]{64}</g)?.length).toBe(documents);
    expect(service.cms.statusOf(civil.envelope.filings[0]?.id ?? '')).toBe('successful');
    for (const result of validateEcfBatch(received, 'tyler')) expect(result.valid, result.output).toBe(true);
    await service.close();
  });
});
