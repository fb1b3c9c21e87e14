import { XMLSerializer } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCms } from '../../../electron/cms/demo-cms';
import { EfmClient } from '../../../electron/efm/efm-client';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { askStandardMessage } from '../../../electron/soap/send-standard-message';
import { caseListRequestMessage, caseRequestMessage } from '../../../shared/ecf/case-messages';
import { endpointPaths, operationTable } from '../../../shared/ecf/operation-table';
import { policyRequestMessage } from '../../../shared/ecf/policy-messages';
import { unwrapMessage, wrapStandardRequest } from '../../../shared/ecf/standard-operations';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';

// The court's record system on its own port, as `server --cms URL` reaches it; the cases are only on its side.
const requests: string[] = [];
const cms = new DemoCms({
  delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, court: { id: 'demo', name: 'Demo Court' },
  acceptFrom: { username: 'review-service', password: 'cms-side-secret' },
  validateEcf: async (xml) => (requests.push(xml), validateEcf(xml)),
});
const envelopes = makeDemoEnvelopes(20);
let service: EfmSimulator;
const clerk = (): EfmClient =>
  new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
const header = { messageId: 'Q-1', sendingMde: 'urn:test', courtId: 'demo', courtName: null, postedAt: new Date().toISOString() };

beforeAll(async () => {
  await cms.start();
  cms.cases.add({ caseNumber: '2025-CV-000417', title: 'Alvarez v. Brightline Storage LLC', category: 'CV', parties: ['Maria Alvarez', 'Brightline Storage LLC'] });
  cms.cases.add({ caseNumber: '2024-FA-001902', title: 'In re the Marriage of Okafor', category: 'FA', parties: ['Chidi Okafor', 'Ngozi  Okafor'] });
  service = await new EfmSimulator({ envelopes, recordSystem: { url: cms.courtRecordUrl, credentials: { username: 'review-service', password: 'cms-side-secret' } } }).start();
});
afterAll(async () => {
  await service.close();
  await cms.close();
});

describe('GetCase and GetCaseList at the CourtRecordMDE: answered by the court record system (seed 001 §6.1.13–6.1.14)', () => {
  it('finds the record system\'s cases by number and by party, through the service under its own account', async () => {
    const before = cms.received.length;
    expect(await clerk().getCase('2025-CV-000417')).toEqual({ ok: true, value: { caseNumber: '2025-CV-000417', title: 'Alvarez v. Brightline Storage LLC', category: 'CV', parties: ['Maria Alvarez', 'Brightline Storage LLC'] } });
    const found = await clerk().findCases(['ngozi okafor'], null);
    expect(found.ok && found.value.map((kase) => kase.caseNumber)).toEqual(['2024-FA-001902']);
    expect(await clerk().findCases(['Okafor'], 'CV')).toEqual({ ok: true, value: [] });
    expect(cms.received.slice(before).map((request) => request.operation)).toEqual(['GetCase', 'GetCaseList', 'GetCaseList']);
    // What reached the record system is the desktop's own request message, valid for the OASIS schemas.
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.slice(-3).every((xml) => /GetCase(List)?RequestMessage/.test(xml))).toBe(true);
  });

  it('keeps no copy of the court\'s cases: a number filed into but unknown to the record system is not found', async () => {
    const filedInto = envelopes.find((demo) => demo.envelope.case.number)?.envelope.case.number;
    if (!filedInto) throw new Error('no subsequent filing in the demo data');
    expect(cms.cases.get(filedInto)).toBeNull();
    expect(await clerk().getCase(filedInto)).toEqual({ ok: true, value: null });
  });

  it('answers as the record system wrote it, valid for the OASIS and Tyler schemas, to a filer\'s EFSP as well', async () => {
    const ask = async (operation: 'GetCase' | 'GetCaseList', message: ReturnType<typeof caseRequestMessage>): Promise<string> => {
      const answer = await askStandardMessage({
        url: `${service.url}${endpointPaths.CourtRecordMDE}`, soapAction: operationTable[operation].soapAction,
        body: wrapStandardRequest(operation, message), credentials: { username: 'efsp', password: 'demo-efsp' },
      });
      if (!answer.ok) throw new Error(answer.reason);
      const response = unwrapMessage(answer.body);
      if (!response) throw new Error('no response message');
      return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(response)}`;
    };
    const answers = [
      await ask('GetCase', caseRequestMessage(header, '2025-CV-000417')),
      await ask('GetCase', caseRequestMessage(header, '2099-CV-999999')),
      await ask('GetCaseList', caseListRequestMessage(header, 'Alvarez', null)),
    ];
    expect(answers[0]).toContain(cms.courtRecordUrl);
    // Seed 001 §6.2: every answer returns the request's message id.
    for (const xml of answers) expect(xml).toContain('<nc:IdentificationID>Q-1</nc:IdentificationID>');
    expect(answers[2]).toContain('Brightline Storage LLC');
    for (const set of ['oasis', 'tyler'] as const) {
      for (const result of validateEcfBatch(answers, set)) expect(result.valid, `${set}: ${result.output}`).toBe(true);
    }
  });

  it('the service\'s own answers return the request\'s message id too (GetPolicy, schema-valid)', async () => {
    const answer = await askStandardMessage({
      url: `${service.url}${endpointPaths.CourtPolicyMDE}`, soapAction: operationTable.GetPolicy.soapAction,
      body: wrapStandardRequest('GetPolicy', policyRequestMessage({ ...header, messageId: 'POLICY-Q-7' })), credentials: { username: 'efsp', password: 'demo-efsp' },
    });
    if (!answer.ok) throw new Error(answer.reason);
    const response = unwrapMessage(answer.body);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${response ? new XMLSerializer().serializeToString(response) : ''}`;
    expect(xml).toContain('<nc:IdentificationID>POLICY-Q-7</nc:IdentificationID>');
    for (const set of ['oasis', 'tyler'] as const) {
      const [result] = validateEcfBatch([xml], set);
      expect(result?.valid, `${set}: ${result?.output}`).toBe(true);
    }
  });

  it('tells the clerk the record system is not answering, and serves again once it is back', async () => {
    const port = Number(new URL(cms.url).port);
    await cms.close();
    const down = await clerk().getCase('2025-CV-000417');
    expect(down.ok).toBe(false);
    expect(!down.ok && down.error.message).toMatch(/court record system did not answer/);
    await cms.start(port);
    expect(await clerk().getCase('2025-CV-000417')).toMatchObject({ ok: true, value: { caseNumber: '2025-CV-000417' } });
  });

  it('a record system that refuses the service\'s account is reported as a refusal, not as no case', async () => {
    const strict = new DemoCms({ delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, acceptFrom: { username: 'someone-else', password: 'x' } });
    await strict.start();
    const other = await new EfmSimulator({ envelopes, recordSystem: { url: strict.courtRecordUrl, credentials: { username: 'review-service', password: 'wrong' } } }).start();
    try {
      const answer = await new EfmClient({ endpoint: other.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined }).getCase('2025-CV-000417');
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.message).toMatch(/court record system refused the request/);
    } finally {
      await other.close();
      await strict.close();
    }
  });
});
