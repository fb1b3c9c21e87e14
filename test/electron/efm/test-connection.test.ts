import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedIdentity } from '../../../electron/demo/self-signed-identity';
import { clientKeySecret } from '../../../electron/efm/connection-client';
import { testConnection } from '../../../electron/efm/test-connection';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { memoryCipher, SecretStore } from '../../../electron/secrets/secret-store';
import type { EfmConnection } from '../../../shared/settings';

const tls = makeSelfSignedIdentity('127.0.0.1', 30, '127.0.0.1');
const efmSigning = makeSelfSignedIdentity('Demo EFM signing');
const workstation = makeSelfSignedIdentity('Workstation 17');
const stranger = makeSelfSignedIdentity('Somebody else');
let simulator: EfmSimulator;
let connection: EfmConnection;
beforeAll(async () => {
  simulator = await new EfmSimulator({ tls: { keyPem: tls.keyPem, certPem: tls.certPem }, signing: { keyPem: efmSigning.keyPem, certPem: efmSigning.certPem } }).start();
  connection = { id: 'court', name: 'Court', endpoint: simulator.url, courtId: 'demo', username: 'clerk1', tlsCaPem: tls.certPem, clientCertPem: workstation.certPem, pinnedEfmCertPem: efmSigning.certPem };
});
afterAll(() => simulator.close());

describe('test connection (court IT)', () => {
  it('all green over TLS with the pinned EFM signature, the workstation key in the keychain, and an account', async () => {
    const secrets = new SecretStore('/nonexistent', memoryCipher);
    await secrets.set(clientKeySecret('court'), workstation.keyPem);
    const steps = await testConnection(connection, secrets, { username: 'supervisor', password: 'demo-supervisor' });
    expect(steps.map((step) => step.name)).toEqual(['Court CA certificate', 'Workstation certificate', 'EFM signing certificate (pinned)', 'Workstation private key', 'EFM']);
    expect(steps.every((step) => step.ok), JSON.stringify(steps)).toBe(true);
    expect(steps.at(-1)?.detail).toContain('(supervisor)');
    // Without a password the path is still proven by the EFM's refusal.
    expect((await testConnection(connection, secrets, null)).at(-1)).toMatchObject({ ok: true, detail: expect.stringContaining('Reachable') });
  });

  it('names what is wrong: missing or foreign key, untrusted TLS, a different pinned signer', async () => {
    const secrets = new SecretStore('/nonexistent', memoryCipher);
    expect((await testConnection(connection, secrets, null)).find((s) => s.name === 'Workstation private key')).toMatchObject({ ok: false, detail: expect.stringContaining('Not in the keychain') });
    await secrets.set(clientKeySecret('court'), stranger.keyPem);
    expect((await testConnection(connection, secrets, null)).find((s) => s.name === 'Workstation private key')).toMatchObject({ ok: false, detail: expect.stringContaining('does not belong') });
    expect((await testConnection({ ...connection, tlsCaPem: stranger.certPem }, secrets, null)).at(-1)).toMatchObject({ ok: false });
    expect((await testConnection({ ...connection, pinnedEfmCertPem: stranger.certPem }, secrets, null)).at(-1)).toMatchObject({ ok: false });
  });
});
