import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedIdentity } from '../../../electron/demo/self-signed-identity';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { soapEnvelope } from '../../../electron/soap/soap-envelope';
import { wsSecurityHeader } from '../../../electron/soap/ws-security';
import { signSoapEnvelope } from '../../../electron/soap/xml-signature';
import { reassignRequestElement } from '../../../shared/ecf/clerk-review-service';
import { endpointPaths, operationTable } from '../../../shared/ecf/operation-table';

/** A court that registers its workstations' certificates refuses any request they did not sign (#13). */
const registered = makeSelfSignedIdentity('Workstation 17');
const unregistered = makeSelfSignedIdentity('Somebody else');
let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ requestSigners: [registered.certPem] }).start();
});
afterAll(() => simulator.close());

const client = (signing?: { keyPem: string; certPem: string }): EfmClient => new EfmClient({
  endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, retries: 0, ...(signing ? { signing } : {}),
});

describe('X.509 request signatures, verified when the court configures them', () => {
  it('a request signed by a registered workstation is served', async () => {
    expect(await client({ keyPem: registered.keyPem, certPem: registered.certPem }).whoAmI()).toMatchObject({ ok: true, value: { userId: 'clerk1' } });
  });

  it('an unsigned request, or one signed by a certificate the court does not know, is refused with the reason', async () => {
    expect(await client().whoAmI()).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('The request is not signed') } });
    const stranger = await client({ keyPem: unregistered.keyPem, certPem: unregistered.certPem }).whoAmI();
    expect(stranger).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The request is signed with a certificate this court has not registered for a workstation' } });
  });

  it('a signed request whose Body was changed after signing is refused', async () => {
    const signed = signSoapEnvelope(soapEnvelope(reassignRequestElement('ENV-2026-000001', 'clerk1'), [wsSecurityHeader({ username: 'supervisor', password: 'demo-supervisor' })]), registered);
    const tampered = signed.replace('<crd:ToClerk>clerk1</crd:ToClerk>', '<crd:ToClerk>clerk2</crd:ToClerk>');
    expect(tampered).not.toBe(signed);
    const answer = await fetch(`${simulator.url}${endpointPaths.ClerkReview}`, { method: 'POST', body: tampered, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operationTable.ReassignEnvelope.soapAction}"` } });
    expect(await answer.text()).toContain('wsse:FailedCheck');
  });
});
