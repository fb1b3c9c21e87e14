import { describe, expect, it } from 'vitest';
import type { QueuePage } from '../../../shared/domain/review-queue';
import { queueResponseElement, readQueueResponse } from '../../../shared/ecf/clerk-review-service';
import { ns } from '../../../shared/ecf/namespaces';
import { readQueueAnswerStream } from '../../../shared/ecf/queue-answer-stream';
import { parseXml } from '../../../shared/xml/safe-xml';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { readSoapEnvelope, soapEnvelope } from '../../../electron/soap/soap-envelope';
import { wsSecurityHeader } from '../../../electron/soap/ws-security';

const items = makeDemoEnvelopes(300).map((demo, i) => ({
  envelopeId: demo.envelope.id,
  submittedAt: demo.envelope.submittedAt ?? '',
  courtLocation: demo.courtLocation,
  caseNumber: demo.envelope.case.number ?? null,
  newCase: demo.envelope.case.isNew,
  caseCategory: demo.envelope.case.category ?? '',
  caseTitle: demo.envelope.case.title ?? null,
  filingCodes: demo.envelope.filings.map((filing) => filing.filingCode ?? ''),
  filerName: demo.envelope.filer ?? null,
  filingCount: demo.envelope.filings.length,
  decidedCount: 0,
  firstDocumentId: i % 3 === 0 ? null : (demo.envelope.filings[0]?.leadDocument.id ?? null),
  claimedBy: i % 7 === 0 ? 'clerk1' : null,
  claimExpiresAt: i % 7 === 0 ? '2026-12-02T12:05:00.000Z' : null,
}));
const page: QueuePage = { totalCount: 1234, items, nextCursor: 'cursor-1', changeToken: 'token-9', changesOnly: true, removed: ['E-GONE-1', 'E-GONE-2'] };
const created = new Date('2026-12-02T12:00:00.000Z');

/** What the DOM reader makes of the same text: the reference the stream must equal. */
function byDom(xml: string): QueuePage {
  const message = readSoapEnvelope(xml);
  if (!message.ok) throw new Error(message.error.message);
  return readQueueResponse(message.value.body);
}

describe('the streaming reader of GetReviewQueue answers', () => {
  it('reads a page exactly as the DOM reader does, with the EFM clock from the WS-Security timestamp', () => {
    for (const version of ['1.1', '1.2'] as const) {
      const xml = soapEnvelope(queueResponseElement(page), [wsSecurityHeader({ username: 'efm', password: 'x' }, created, 300, version)], version);
      const streamed = readQueueAnswerStream(xml);
      expect(streamed).toEqual({ ok: true, value: { kind: 'page', page: byDom(xml), created: created.toISOString() } });
      expect(byDom(xml)).toEqual(page);
    }
    const empty = soapEnvelope(queueResponseElement({ ...page, items: [], removed: [], nextCursor: null, changeToken: null, changesOnly: false }));
    expect(readQueueAnswerStream(empty)).toEqual({ ok: true, value: { kind: 'page', page: byDom(empty), created: null } });
  });

  it('counts only crd elements in their places, as the DOM reader does', () => {
    const xml = soapEnvelope(queueResponseElement(page))
      // An Item and a field in a foreign namespace, a repeated field, and a stray element in the wrong place.
      .replace('<crd:TotalCount>', '<x:Item xmlns:x="urn:elsewhere"><x:EnvelopeID>FAKE</x:EnvelopeID></x:Item><crd:TotalCount>')
      .replace(`<crd:EnvelopeID>${items[0]?.envelopeId ?? ''}</crd:EnvelopeID>`,
        `<crd:EnvelopeID>${items[0]?.envelopeId ?? ''}</crd:EnvelopeID><crd:EnvelopeID>SECOND</crd:EnvelopeID><y:FilerName xmlns:y="urn:y">Evil</y:FilerName>`);
    const streamed = readQueueAnswerStream(xml);
    expect(streamed.ok && streamed.value.kind === 'page' ? streamed.value.page : null).toEqual(byDom(xml));
    expect(byDom(xml).items[0]?.envelopeId).toBe(items[0]?.envelopeId);
  });

  it('leaves a fault, another answer or a non-SOAP text to the DOM reader', () => {
    const fault = `<s:Envelope xmlns:s="${ns.soap}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(readQueueAnswerStream(fault)).toEqual({ ok: true, value: { kind: 'other' } });
    expect(readQueueAnswerStream(`<crd:GetReviewQueueResponse xmlns:crd="${ns.crd}"/>`)).toEqual({ ok: true, value: { kind: 'other' } });
    const wrongNs = soapEnvelope(queueResponseElement(page)).replaceAll(ns.crd, 'urn:not-ours');
    expect(readQueueAnswerStream(wrongNs)).toEqual({ ok: true, value: { kind: 'other' } });
  });

  it('refuses hostile input as the DOM parser does: DOCTYPE, nesting bombs, broken XML, oversize', () => {
    const xml = soapEnvelope(queueResponseElement(page));
    const kind = (text: string): string | null => {
      const result = readQueueAnswerStream(text);
      return result.ok ? null : result.error.kind;
    };
    expect(kind(`<!DOCTYPE x [<!ENTITY a "b">]>${xml}`)).toBe('doctype');
    expect(kind(`<s:Envelope xmlns:s="${ns.soap}"><s:Body>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</s:Body></s:Envelope>`)).toBe('too-deep');
    expect(kind(xml.slice(0, -20))).toBe('not-well-formed');
    expect(kind(xml.replace('<crd:TotalCount>', '<crd:TotalCount a="1" a="2">'))).toBe('not-well-formed');
    const parsedOk = parseXml(xml);
    expect(parsedOk.ok).toBe(true);
  });
});
