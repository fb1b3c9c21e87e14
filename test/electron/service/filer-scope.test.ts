import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { demoUsers } from '../../../electron/efm-sim/sim-users';
import { EfmClient } from '../../../electron/efm/efm-client';
import { findFilingMessages } from '../../../shared/ecf/filing-message';
import { cancelFiling } from '../../fixtures/cancel-filing';

/** A filer's EFSP sees and cancels only what it filed; another EFSP is told there is no such filing (#13). */
let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ users: [...demoUsers, { username: 'efsp2', password: 'demo-efsp2', displayName: 'Another EFSP', role: 'filer' }] }).start();
});
afterAll(() => simulator.close());

const example = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'civil-complaint-021-ReviewFilingRequest-Answer-04.xml'), 'utf8');
const filingMessageXml = new XMLSerializer().serializeToString(findFilingMessages(new DOMParser().parseFromString(example, 'text/xml').documentElement as unknown as Element)[0] as Element);
const as = (username: string): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username, password: `demo-${username}` } });

const cancel = (username: string, id: string): Promise<string> => cancelFiling(simulator.url, { username, password: `demo-${username}` }, id);

describe('what a filer may ask about', () => {
  it('another EFSP gets "no such filing" for status and cancellation; the filer and the clerks get the filing', async () => {
    const filed = await as('efsp').reviewFiling(filingMessageXml, [{ contentId: 'Payload1', contentType: 'application/pdf', body: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    if (!filed.ok) throw new Error(filed.error.message);
    const { envelopeId, filingIds } = filed.value.courtIds;
    const filingId = filingIds[0] ?? '';
    expect(await as('efsp2').getFilingStatus(null, filingId)).toMatchObject({ ok: false, error: { code: 'not-found', ecfErrorCode: '100' } });
    expect(await cancel('efsp2', envelopeId ?? '')).toContain('<cbrn:ErrorCodeText>100</cbrn:ErrorCodeText>');
    expect(await as('efsp').getFilingStatus(null, filingId)).toMatchObject({ ok: true, value: { reviewStatus: 'received' } });
    expect(await as('clerk1').getFilingStatus(null, filingId)).toMatchObject({ ok: true });
    expect(await cancel('efsp', envelopeId ?? '')).toContain('<cbrn:ErrorCodeText>0</cbrn:ErrorCodeText>');
  });
});
