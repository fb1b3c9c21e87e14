import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import {
  readDocumentStampInformation, readNotifyDocumentStampInformation, writeDocumentStampInformation, writeNotifyDocumentStampInformation,
} from '../../../shared/ecf/stamp-information-messages';
import { parseXml } from '../../../shared/xml/safe-xml';
import { validateEcfBatch } from '../../fixtures/ecf-validate';

const parsed = (xml: string) => {
  const result = parseXml(xml);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const header = { messageId: 'DSI-1', sendingMde: 'https://court.example/FilingReviewMDE', courtId: 'demo', courtName: 'Demo Court', postedAt: '2026-12-03T10:00:00.000Z' };
const demo = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.parties.length > 0);

describe('stampinformationcallback:NotifyDocumentStampInformationMessage', () => {
  it('reads the OASIS example: the request it answers and the case the record system opened', () => {
    const example = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'stampinformationcallback.xml'), 'utf8');
    expect(readNotifyDocumentStampInformation(parsed(example))).toEqual({
      ok: true,
      value: {
        messageId: '20', requestMessageId: '10', refusal: null,
        assigned: { caseNumber: '123456ABC', trackingId: '123456ABC', title: 'Jane Doe vs. John Doe', courtLocation: null, judge: { code: null, name: 'Doe' } },
      },
    });
  });

  it('a callback without a case number opened no case: its status description is the reason', () => {
    if (!demo) throw new Error('no new-case envelope');
    const xml = writeNotifyDocumentStampInformation({
      header: { ...header, messageId: 'NDSI-1' }, requestMessageId: 'DSI-1', kase: demo.envelope, documentIds: [demo.envelope.filings[0]?.leadDocument.id ?? ''],
      reviewer: { id: 'cms', name: 'Record system' }, assigned: null, refusal: 'The party is deceased',
    });
    expect(readNotifyDocumentStampInformation(parsed(xml))).toMatchObject({ ok: true, value: { requestMessageId: 'DSI-1', assigned: null, refusal: 'The party is deceased' } });
  });

  it('refuses another message', () => {
    expect(readNotifyDocumentStampInformation(parsed('<a xmlns="urn:x"/>'))).toMatchObject({ ok: false, error: { kind: 'wrong-message' } });
  });
});

describe('stampinformation:DocumentStampInformationMessage', () => {
  it('the request and its answer are valid for the OASIS and the Tyler schemas, and read back', () => {
    if (!demo) throw new Error('no new-case envelope');
    const filingIds = demo.envelope.filings.map((f) => f.id);
    const request = writeDocumentStampInformation({ header, envelope: demo.envelope, filingIds });
    const answer = writeNotifyDocumentStampInformation({
      header: { ...header, messageId: 'NDSI-2' }, requestMessageId: 'DSI-1', kase: demo.envelope, documentIds: demo.envelope.filings.map((f) => f.leadDocument.id),
      reviewer: { id: 'cms', name: 'Record system' }, refusal: null,
      assigned: { caseNumber: '2026-CV-900001', trackingId: 'T-1', title: 'Opened v. Record', courtLocation: 'DT', judge: { code: 'J-101', name: 'Hon. Ada Park' }, courtId: 'demo', courtName: 'Demo Court' },
    });
    for (const set of ['oasis', 'tyler'] as const) {
      for (const result of validateEcfBatch([request, answer], set)) expect(result.valid, `${set}: ${result.output}`).toBe(true);
    }
    const read = readDocumentStampInformation(parsed(request));
    expect(read).toMatchObject({ ok: true, value: { messageId: 'DSI-1', documentIds: demo.envelope.filings.map((f) => f.leadDocument.id), kase: { case: { title: demo.envelope.case.title, category: demo.envelope.case.category } } } });
    expect(readNotifyDocumentStampInformation(parsed(answer))).toMatchObject({
      ok: true, value: { requestMessageId: 'DSI-1', assigned: { caseNumber: '2026-CV-900001', trackingId: 'T-1', title: 'Opened v. Record', courtLocation: 'DT', judge: { code: 'J-101', name: 'Hon. Ada Park' } } },
    });
  });
});
