import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMessageStatus } from '../../../shared/ecf/message-status';
import { readNotifyDocketingComplete } from '../../../shared/ecf/notify-docketing-complete';
import { readPaymentMessage } from '../../../shared/ecf/payment-message';
import { readPolicyResponse } from '../../../shared/ecf/policy-response';
import { parseXml } from '../../../shared/xml/safe-xml';

const ecf5 = path.resolve('..', 'shared', 'ecf5');
function root(file: string) {
  const parsed = parseXml(readFileSync(path.join(ecf5, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('cbrn:MessageStatus', () => {
  it('reads the error code and says the example is a failure', () => {
    expect(readMessageStatus(root('examples/messagestatus.xml'))).toEqual({ ok: true, value: expect.objectContaining({ ok: false, errorCode: '1', statusCode: 'DataError', errorNode: 'filing:FilingMessage' }) });
  });

  it('finds the status inside a wrapped response and treats code 0 as success', () => {
    const status = readMessageStatus(root('examples/civil-complaint-002-ReviewFilingResponse-04.xml'));
    expect(status.ok && status.value.errorCode).toBeDefined();
    const success = parseXml('<cbrn:MessageStatus xmlns:cbrn="http://release.niem.gov/niem/domains/cbrn/4.1/"><cbrn:MessageHandlingError><cbrn:ErrorCodeText>0</cbrn:ErrorCodeText></cbrn:MessageHandlingError></cbrn:MessageStatus>');
    expect(success.ok && readMessageStatus(success.value)).toMatchObject({ ok: true, value: { ok: true, errorCode: '0' } });
  });
});

describe('payment:PaymentMessage', () => {
  it('summarises the fee without carrying the card number or security code', () => {
    const summary = readPaymentMessage(root('examples/payment.xml'));
    expect(summary).toMatchObject({ ok: true, value: { totalAmount: 100, currency: 'USD', method: 'credit', cardType: 'visa', cardLast4: '5555', payerName: 'John Smith' } });
    expect(JSON.stringify(summary)).not.toContain('5555-555-5555');
  });
});

describe('policyresponse:GetPolicyResponseMessage', () => {
  it('reads the court, limits and the location of every code list', () => {
    const policy = readPolicyResponse(root('examples/policyresponse.xml'));
    if (!policy.ok) throw new Error(policy.error.message);
    expect(policy.value.codeLists.get('ecf:CaseCategoryCode')).toBe('https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/CaseCategoryCode');
    // 27 code-list extensions in the example; two name the same element.
    expect(policy.value.codeLists.size).toBe(26);
  });
});

describe('docketcallback:NotifyDocketingCompleteMessage', () => {
  it('reads document docketing statuses, and the cancelled example says cancelled', () => {
    const docketed = readNotifyDocketingComplete(root('examples/docketcallback.xml'));
    if (!docketed.ok) throw new Error(docketed.error.message);
    expect(docketed.value.documents.map((d) => [d.documentId, d.reviewStatus, d.docketingStatus])).toEqual([
      ['Document1', 'accepted', 'SubmissionFullyReviewed'],
      ['Document2', 'accepted', 'SubmissionFullyReviewed'],
    ]);
    expect(docketed.value.documents[1]?.docketingDetail).toBe('SubmissionFullyDocketed');
    const cancelled = readNotifyDocketingComplete(root('examples/docketcallback-cancelled.xml'));
    expect(cancelled.ok && cancelled.value.filingStatus).toBe('cancelled');
  });

  it('reads docket ids and hashes from a wrapped callback', () => {
    const wrapped = readNotifyDocketingComplete(root('examples/appellate-NOA-005-NotifyDocketingCompleteRequest-00.xml'));
    if (!wrapped.ok) throw new Error(wrapped.error.message);
    expect(wrapped.value.documents.some((d) => d.sha256 === '8gt5snc9fjrpojbdwytcd78z')).toBe(true);
  });
});

describe('GetPolicy messages we write', () => {
  it('request and response validate against the ECF 5.0 schemas, and the response reads back', async () => {
    const { policyRequestMessage, writePolicyResponse } = await import('../../../shared/ecf/policy-messages');
    const { serializeXml } = await import('../../../shared/xml/xml-writer');
    const { ns } = await import('../../../shared/ecf/namespaces');
    const { demoCourtPolicy } = await import('../../../electron/efm-sim/demo-court');
    const { validateEcfBatch } = await import('../../fixtures/ecf-validate');
    const { PublishedPolicy } = await import('../../../electron/service/published-policy');
    const header = { messageId: 'P-1', sendingMde: 'https://efm.demo.invalid', courtId: 'demo:superior', courtName: 'Superior Court of Demo County', postedAt: '2026-11-22T10:00:00Z' };
    const request = serializeXml(policyRequestMessage(header), { nc: ns.nc, j: ns.j, ecf: ns.ecf, policyrequest: ns.policyrequest });
    const published = PublishedPolicy.generated(demoCourtPolicy);
    const response = writePolicyResponse(header, published.version, published.references('https://efm.demo.invalid'), 'https://efm.demo.invalid');
    for (const set of ['oasis', 'tyler'] as const) {
      for (const result of validateEcfBatch([request, response], set)) expect(result.valid, result.output).toBe(true);
    }
    const parsed = parseXml(response);
    const summary = parsed.ok ? readPolicyResponse(parsed.value) : null;
    expect(summary?.ok && summary.value.codeLists.get('crd:RejectionReasonCode')).toBe('https://efm.demo.invalid/codelists/rejectionreason.gc');
    expect(summary?.ok && summary.value.courtName).toBe('Superior Court of Demo County');
  });

  it('Genericode lists we write read back unchanged', async () => {
    const { writeGenericode } = await import('../../../shared/ecf/genericode');
    const { GenericodeStream } = await import('../../../electron/policy/genericode-stream');
    const entries = [{ code: 'J-1', name: 'Hon. A & B <Rivera>' }, { code: 'J-2', name: 'Hon. Chen' }];
    const stream = new GenericodeStream();
    stream.write(Buffer.from(writeGenericode('judges', 'urn:x', entries)));
    const list = stream.end();
    expect({ shortName: list.header.shortName, canonicalUri: list.header.canonicalUri, rows: list.rows }).toEqual({ shortName: 'judges', canonicalUri: 'urn:x', rows: entries });
  });
});

describe('payment:PaymentMessage we write', () => {
  it('validates against the schemas and reads back to the same summary', async () => {
    const { writePaymentMessage } = await import('../../../shared/ecf/write-payment-message');
    const { validateEcf } = await import('../../fixtures/ecf-validate');
    const summary = { totalAmount: 495, currency: 'USD', charges: [{ reason: 'First paper filing fee', amount: 435 }, { reason: 'Motion fee', amount: 60 }], method: 'credit', cardType: 'visa', cardLast4: '4242', payerName: 'Jordan Example', feeExceptionReason: null };
    const xml = writePaymentMessage(summary);
    const result = validateEcf(xml);
    expect(result.valid, result.output).toBe(true);
    const parsed = parseXml(xml);
    expect(parsed.ok && readPaymentMessage(parsed.value)).toEqual({ ok: true, value: summary });
  });
});

describe('GetCase and GetCaseList messages we write', () => {
  it('validate against the schemas and read back', async () => {
    const { caseListRequestMessage, caseListResponseMessage, readCaseListRequest, readCaseListResponse } = await import('../../../shared/ecf/case-messages');
    const { serializeXml } = await import('../../../shared/xml/xml-writer');
    const { ns } = await import('../../../shared/ecf/namespaces');
    const { validateEcf } = await import('../../fixtures/ecf-validate');
    const header = { messageId: 'Q-1', sendingMde: 'urn:x', courtId: 'demo', courtName: 'Demo', postedAt: '2026-11-22T10:00:00Z' };
    const prefixes = { nc: ns.nc, j: ns.j, ecf: ns.ecf, cbrn: ns.cbrn, caselistrequest: ns.caselistrequest, caselistresponse: ns.caselistresponse };
    const cases = [{ caseNumber: '2026-CV-000001', title: 'Garcia v. Acme', category: 'CV', parties: ['Maria Garcia', 'Acme LLC'] }];
    const request = serializeXml(caseListRequestMessage(header, 'Maria Garcia', 'CV'), prefixes);
    const response = serializeXml(caseListResponseMessage(header, cases), prefixes);
    for (const xml of [request, response]) expect(validateEcf(xml).valid).toBe(true);
    const parsedRequest = parseXml(request);
    expect(parsedRequest.ok && readCaseListRequest(parsedRequest.value)).toEqual({ partyName: 'Maria Garcia', category: 'CV' });
    const parsedResponse = parseXml(response);
    expect(parsedResponse.ok && readCaseListResponse(parsedResponse.value)).toEqual(cases);
  });

  it('GetCase request and answer validate and read back', async () => {
    const { caseRequestMessage, caseResponseMessage, readCaseRequest, readCaseResponse } = await import('../../../shared/ecf/case-messages');
    const { serializeXml } = await import('../../../shared/xml/xml-writer');
    const { ns } = await import('../../../shared/ecf/namespaces');
    const { validateEcf } = await import('../../fixtures/ecf-validate');
    const header = { messageId: 'C-1', sendingMde: 'urn:x', courtId: 'demo', courtName: 'Demo', postedAt: '2026-11-22T10:00:00Z' };
    const prefixes = { nc: ns.nc, j: ns.j, ecf: ns.ecf, cbrn: ns.cbrn, caserequest: ns.caserequest, caseresponse: ns.caseresponse };
    const kase = { caseNumber: '2026-FA-000042', title: 'In re Marriage of Rossi', category: 'FA', parties: ['Elena Rossi', 'Marco Rossi'] };
    const request = serializeXml(caseRequestMessage(header, kase.caseNumber), prefixes);
    const response = serializeXml(caseResponseMessage(header, kase), prefixes);
    for (const xml of [request, response, serializeXml(caseResponseMessage(header, null), prefixes)]) expect(validateEcf(xml).valid).toBe(true);
    const parsedRequest = parseXml(request);
    expect(parsedRequest.ok && readCaseRequest(parsedRequest.value)).toBe(kase.caseNumber);
    const parsedResponse = parseXml(response);
    expect(parsedResponse.ok && readCaseResponse(parsedResponse.value)).toEqual(kase);
  });

  it("a court's case answer names persons in parts and by reference: every party is read by name", async () => {
    const { readCaseElement } = await import('../../../shared/ecf/case-messages');
    const { ns } = await import('../../../shared/ecf/namespaces');
    const xml = `<nc:Case xmlns:nc="${ns.nc}" xmlns:ecf="${ns.ecf}" xmlns:j="${ns.j}" xmlns:s="${ns.structures}">
      <nc:CaseTitleText>Rossi v. Acme</nc:CaseTitleText>
      <ecf:CaseAugmentation>
        <ecf:CaseParty><nc:EntityPerson s:id="P1"><nc:PersonName><nc:PersonGivenName>Elena</nc:PersonGivenName>
          <nc:PersonMiddleName>M.</nc:PersonMiddleName><nc:PersonSurName>Rossi</nc:PersonSurName></nc:PersonName></nc:EntityPerson></ecf:CaseParty>
        <ecf:CaseParty><nc:EntityOrganization s:ref="O1"/></ecf:CaseParty>
        <ecf:CaseParty><nc:EntityPerson s:ref="P1"/></ecf:CaseParty>
        <j:CaseNumberText>2026-CV-000042</j:CaseNumberText>
      </ecf:CaseAugmentation>
      <nc:Organization s:id="O1"><nc:OrganizationName>Acme Holdings LLC</nc:OrganizationName></nc:Organization>
    </nc:Case>`;
    const parsed = parseXml(xml);
    expect(parsed.ok && readCaseElement(parsed.value)?.parties).toEqual(['Elena M. Rossi', 'Acme Holdings LLC', 'Elena M. Rossi']);
  });
});

describe('GetFilingStatus messages we write', () => {
  it('validate against the schemas and read back', async () => {
    const { filingStatusRequestMessage, filingStatusResponseMessage, readFilingStatusRequest, readFilingStatusResponse } = await import('../../../shared/ecf/filing-status-messages');
    const { serializeXml } = await import('../../../shared/xml/xml-writer');
    const { ns } = await import('../../../shared/ecf/namespaces');
    const { makeDemoEnvelopes } = await import('../../../electron/efm-sim/demo-envelopes');
    const { validateEcf } = await import('../../fixtures/ecf-validate');
    const envelope = makeDemoEnvelopes(1)[0]?.envelope;
    const filingId = envelope?.filings[0]?.id ?? '';
    if (!envelope) throw new Error('no envelope');
    const header = { messageId: 'S-1', sendingMde: 'urn:x', courtId: 'demo', courtName: 'Demo', postedAt: '2026-11-22T10:00:00Z' };
    const prefixes = { nc: ns.nc, j: ns.j, ecf: ns.ecf, cbrn: ns.cbrn, structures: ns.structures, filingstatusrequest: ns.filingstatusrequest, filingstatusresponse: ns.filingstatusresponse };
    const status = { filingId, reviewStatus: 'rejected', docketingStatus: null, explanation: 'ILLEGIBLE: blank pages' };
    const request = serializeXml(filingStatusRequestMessage(header, '', filingId), prefixes);
    const response = serializeXml(filingStatusResponseMessage(header, envelope, status, { id: 'clerk1', name: 'Dana Whitaker' }, header.postedAt), prefixes);
    for (const xml of [request, response]) {
      const result = validateEcf(xml);
      expect(result.valid, result.output).toBe(true);
    }
    const parsedRequest = parseXml(request);
    expect(parsedRequest.ok && readFilingStatusRequest(parsedRequest.value)).toBe(filingId);
    const parsedResponse = parseXml(response);
    expect(parsedResponse.ok && readFilingStatusResponse(parsedResponse.value, filingId)).toEqual(status);
  });
});
