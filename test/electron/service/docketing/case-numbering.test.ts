import { afterEach, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../../electron/efm/efm-client';
import { submitReview } from '../../../../electron/efm/submit-review';
import { makeDemoEnvelopes, type DemoEnvelope } from '../../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator, type SimulatorOptions } from '../../../../electron/efm-sim/efm-simulator';
import type { SubmitReviewArgs } from '../../../../shared/ipc/review-schemas';
import type { DeferredStamp } from '../../../../shared/stamp/deferred-stamp';
import { stampPreset } from '../../../../shared/stamp/stamp-template';
import { validateEcf, validateEcfBatch } from '../../../fixtures/ecf-validate';
import { sendStandardMessage } from '../../../../electron/soap/send-standard-message';
import { ns } from '../../../../shared/ecf/namespaces';
import { operationTable } from '../../../../shared/ecf/operation-table';
import { writeNotifyDocumentStampInformation } from '../../../../shared/ecf/stamp-information-messages';
import { el, rawXml } from '../../../../shared/xml/xml-writer';
import { readVisualText } from '../../../fixtures/pdfjs-text';

let service: EfmSimulator | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

/** A service whose record system numbers new cases, every message it sends or receives checked by the OASIS schemas. */
async function startService(received: string[], options: Partial<SimulatorOptions> = {}): Promise<EfmSimulator> {
  service = await new EfmSimulator({
    caseNumbering: 'record-system',
    validateEcf: async (xml) => validateEcf(xml),
    docketingRetryDelaysMs: [1],
    ...options,
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, validateEcf: async (xml) => (received.push(xml), validateEcf(xml)), retryDelaysMs: [1], ...options.cms },
  }).start();
  return service;
}

const clerkOf = (simulator: EfmSimulator): EfmClient =>
  new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });

const newCase = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.filings.length >= 2 && d.documents.every((doc) => doc.kind === 'plain'));

/** The clerk's "FILED" stamp on a lead document, with every field but the number the record system gives. */
function deferredStamp(demo: DemoEnvelope, filingId: string): DeferredStamp {
  const filing = demo.envelope.filings.find((f) => f.id === filingId);
  const template = stampPreset('filed');
  if (!filing || !template) throw new Error('no filing or preset');
  return {
    documentId: filing.leadDocument.id, filingId, jobs: [{ template, placement: null }],
    fields: { status: 'FILED', court: 'Demo Court', datetime: new Date().toISOString(), timeZone: 'UTC', clerk: 'Dana Whitaker', envelopeId: demo.envelope.id, filingId },
  };
}

async function accept(simulator: EfmSimulator, demo: DemoEnvelope, filingIds: readonly string[], key: string, extra: Partial<SubmitReviewArgs> = {}): Promise<Awaited<ReturnType<typeof submitReview>>> {
  const clerk = clerkOf(simulator);
  const lease = await clerk.claim(demo.envelope.id);
  if (!lease.ok) throw new Error(lease.error.message);
  return submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
    envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: key, decidedAt: new Date().toISOString(),
    decisions: filingIds.map((filingId) => ({ outcome: 'accepted' as const, filingId, correctedFilingCode: null, note: null })),
    caseAssignment: null, stamped: [], deferredStamps: filingIds.map((filingId) => deferredStamp(demo, filingId)), ...extra,
  });
}

describe('CMS case assignment (seed 000: DocumentStampInformation before RecordDocketing)', () => {
  it('the record system numbers the new case, the service stamps with that number, then dockets into it', async () => {
    if (!newCase) throw new Error('no new-case envelope with two filings of plain PDFs');
    const received: string[] = [];
    const simulator = await startService(received);
    const [first, second] = newCase.envelope.filings.map((f) => f.id);
    if (!first || !second) throw new Error('two filings needed');
    expect(await accept(simulator, newCase, [first], 'cms-number-1')).toMatchObject({ ok: true });
    await simulator.whenDocketingIdle();

    // Step 2: DocumentStampInformation, valid for OASIS and Tyler, before any RecordDocketing; step 4: the callback.
    const stampInformation = received.filter((xml) => xml.includes('<stampinformation:DocumentStampInformationMessage'));
    expect(stampInformation).toHaveLength(1);
    expect(received.findIndex((xml) => xml.includes('<stampinformation:DocumentStampInformationMessage'))).toBeLessThan(received.findIndex((xml) => xml.includes('RecordDocketingMessage')));
    const [opened] = simulator.cms.openedCases;
    expect(opened).toMatchObject({ requestMessageId: `DSI-${newCase.envelope.id}`, schemaValid: true, delivered: true });
    const caseNumber = opened?.caseNumber ?? '';
    expect(caseNumber).toMatch(/^\d{4}-[A-Z]{2}-9\d{5}$/);
    for (const result of validateEcfBatch([...stampInformation, opened?.xml ?? ''], 'tyler')) expect(result.valid, result.output).toBe(true);

    // The envelope's case is the record system's; the desktop sees it on GetEnvelope.
    const detail = await clerkOf(simulator).getEnvelope(newCase.envelope.id);
    expect(detail.ok && detail.value.assignedCase).toMatchObject({ caseNumber, assignedBy: 'record-system' });
    expect(detail.ok && detail.value.caseNumberPending).toBe(false);
    // The record system now holds the case: GetCase through the service finds it with the filer's parties.
    const parties = newCase.envelope.parties.map((party) => party.name);
    expect(await clerkOf(simulator).getCase(caseNumber)).toMatchObject({ ok: true, value: { caseNumber, parties: expect.arrayContaining(parties) } });

    // Step 5: the stamp on the lead document carries the number; step 7: RecordDocketing has it in CorrectedCase.
    const [stamped] = await (await import('../../../../electron/service/store/review-records')).reviewRecords.stampedDocuments(simulator.database, newCase.envelope.id);
    const text = (await readVisualText(stamped?.bytes ?? new Uint8Array(), [1]))[0]?.items.map((item) => item.text).join(' ') ?? '';
    expect(text).toContain(`Case ${caseNumber}`);
    const docketing = received.filter((xml) => xml.includes('RecordDocketingMessage'));
    expect(docketing).toHaveLength(1);
    expect(docketing[0]).toMatch(new RegExp(`CorrectedCase[\\s\\S]*CaseNumberText[^>]*>${caseNumber}<`));
    expect(simulator.cms.statusOf(first)).toBe('successful');

    // A later episode dockets into the same case at once: no second DocumentStampInformation.
    expect(await accept(simulator, newCase, [second], 'cms-number-2', { deferredStamps: [] })).toMatchObject({ ok: true });
    await simulator.whenDocketingIdle();
    expect(received.filter((xml) => xml.includes('<stampinformation:DocumentStampInformationMessage'))).toHaveLength(1);
    expect(simulator.cms.statusOf(second)).toBe('successful');
    const history = await clerkOf(simulator).getEnvelopeHistory(newCase.envelope.id);
    expect(history.ok && history.value.filter((e) => e.action === 'case-numbered').map((e) => e.detail)).toEqual([`opened case ${caseNumber}`]);
  });

  it('refuses a clerk\'s case number where the record system numbers, and a forged or unknown callback; takes a repeat once', async () => {
    if (!newCase) throw new Error('no new-case envelope');
    const simulator = await startService([], { demoRecordSystem: false, docketingRetryDelaysMs: [600_000] });
    const [first] = newCase.envelope.filings.map((f) => f.id);
    const typed = { caseNumber: '2026-CV-000777', trackingId: null, title: 'Typed v. Number', courtLocation: 'DT', judge: 'J-101' };
    const refused = await accept(simulator, newCase, [first ?? ''], 'cms-typed-1', { caseAssignment: typed });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('record system numbers new cases') } });
    // Without a record system the number never comes: the envelope waits and its RecordDocketing is held.
    expect(await accept(simulator, newCase, [first ?? ''], 'cms-typed-2')).toMatchObject({ ok: true });
    const detail = await clerkOf(simulator).getEnvelope(newCase.envelope.id);
    expect(detail.ok && detail.value).toMatchObject({ assignedCase: null, caseNumberPending: true });
    const deliveries = await simulator.docketing.ofEnvelope(simulator.database, newCase.envelope.id);
    expect(deliveries.map((d) => [d.kind, d.status === 'held' ? 'held' : 'owed'])).toEqual([['stamp-information', 'owed'], ['record-docketing', 'held']]);

    // Only the record system's account may answer, and only a DocumentStampInformation the service sent.
    const callback = (requestMessageId: string) => el(ns.wrapper, 'NotifyDocumentStampInformationRequest', rawXml(writeNotifyDocumentStampInformation({
      header: { messageId: 'NDSI-forged', sendingMde: 'urn:forged', courtId: 'demo', courtName: null, postedAt: new Date().toISOString() },
      requestMessageId, kase: newCase.envelope, documentIds: [newCase.envelope.filings[0]?.leadDocument.id ?? ''], reviewer: { id: 'x', name: 'X' }, refusal: null,
      assigned: { caseNumber: '2026-CV-666666', trackingId: null, title: null, courtLocation: null, judge: null, courtId: 'demo', courtName: 'Demo' },
    })));
    const call = { url: `${simulator.url}/FilingReviewMDE`, soapAction: operationTable.NotifyDocumentStampInformation.soapAction };
    expect(await sendStandardMessage({ ...call, body: callback(`DSI-${newCase.envelope.id}`), credentials: { username: 'clerk1', password: 'demo-clerk1' } })).toMatchObject({ ok: false, retryable: false });
    await simulator.accounts.add({ username: 'cms-test', displayName: 'CMS', role: 'record-system', password: 'cms-test-password' });
    const asCms = { username: 'cms-test', password: 'cms-test-password' };
    expect(await sendStandardMessage({ ...call, body: callback('DSI-never-sent'), credentials: asCms })).toMatchObject({ ok: false, reason: expect.stringContaining('DSI-never-sent') });
    const pending = await clerkOf(simulator).getEnvelope(newCase.envelope.id);
    expect(pending.ok && pending.value.caseNumberPending).toBe(true);
    // The real answer numbers the case once; sent again, it changes nothing.
    expect(await sendStandardMessage({ ...call, body: callback(`DSI-${newCase.envelope.id}`), credentials: asCms })).toMatchObject({ ok: true });
    expect(await sendStandardMessage({ ...call, body: callback(`DSI-${newCase.envelope.id}`), credentials: asCms })).toMatchObject({ ok: true });
    const numbered = await clerkOf(simulator).getEnvelope(newCase.envelope.id);
    expect(numbered.ok && numbered.value).toMatchObject({ caseNumberPending: false, assignedCase: { caseNumber: '2026-CV-666666', assignedBy: 'record-system' } });
    const history = await clerkOf(simulator).getEnvelopeHistory(newCase.envelope.id);
    expect(history.ok && history.value.filter((e) => e.action === 'case-numbered')).toHaveLength(1);
  });

  it('a record system that opens no case sends the accepted filings to the exception queue with its reason', async () => {
    if (!newCase) throw new Error('no new-case envelope');
    const simulator = await startService([], { cms: { delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, openCase: () => ({ refusal: 'A party is under a vexatious-litigant order' }) } });
    const [first] = newCase.envelope.filings.map((f) => f.id);
    expect(await accept(simulator, newCase, [first ?? ''], 'cms-refused-1')).toMatchObject({ ok: true });
    await simulator.whenDocketingIdle();
    const supervisor = new EfmClient({ endpoint: simulator.url, credentials: { username: 'supervisor', password: 'demo-supervisor' }, sleep: async () => undefined });
    const exceptions = await supervisor.getDocketingExceptions(false);
    expect(exceptions.ok && exceptions.value.filter((e) => e.envelopeId === newCase.envelope.id).map((e) => e.reason)).toEqual([expect.stringContaining('vexatious-litigant')]);
    const deliveries = await simulator.docketing.ofEnvelope(simulator.database, newCase.envelope.id);
    expect(deliveries.find((d) => d.kind === 'record-docketing')?.status).toBe('failed');
  });
});
