import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ConnectionTestStep } from '../../shared/ipc/connection-schemas';
import type { EfmConnection } from '../../shared/settings';
import type { SecretStore } from '../secrets/secret-store';
import { clientForConnection, clientKeySecret } from './connection-client';

/** Checks a certificate field parses and has not expired. */
function certificateStep(name: string, pem: string | null): ConnectionTestStep | null {
  if (!pem) return null;
  try {
    const certificate = new X509Certificate(pem);
    const expired = Date.parse(certificate.validTo) < Date.now();
    return { name, ok: !expired, detail: `${certificate.subject.replace(/\n/g, ', ')}; valid until ${certificate.validTo}${expired ? ' — EXPIRED' : ''}` };
  } catch (error) {
    return { name, ok: false, detail: `Not a readable certificate: ${(error as Error).message}` };
  }
}

/**
 * "Test connection" for court IT: the certificates parse and are current, the client key is in the keychain and
 * belongs to the certificate, and the EFM answers over TLS (with the pinned signature when set). Without a password
 * the EFM's refusal of an anonymous call still proves the path; with one, WhoAmI proves the account and its role.
 */
export async function testConnection(connection: EfmConnection, secrets: SecretStore, login: { username: string; password: string } | null): Promise<ConnectionTestStep[]> {
  const steps: ConnectionTestStep[] = [];
  for (const step of [certificateStep('Court CA certificate', connection.tlsCaPem), certificateStep('Workstation certificate', connection.clientCertPem), certificateStep('EFM signing certificate (pinned)', connection.pinnedEfmCertPem)]) {
    if (step) steps.push(step);
  }
  if (connection.clientCertPem) {
    const keyPem = await secrets.get(clientKeySecret(connection.id));
    if (!keyPem) steps.push({ name: 'Workstation private key', ok: false, detail: 'Not in the keychain: store the key that goes with the workstation certificate.' });
    else {
      try {
        const matches = new X509Certificate(connection.clientCertPem).checkPrivateKey(createPrivateKey(keyPem));
        steps.push({ name: 'Workstation private key', ok: matches, detail: matches ? 'In the keychain; matches the certificate.' : 'In the keychain, but it does not belong to the workstation certificate.' });
      } catch (error) {
        steps.push({ name: 'Workstation private key', ok: false, detail: `Cannot be read: ${(error as Error).message}` });
      }
    }
  }
  // One attempt: court IT wants the first answer, not a retried one.
  const client = await clientForConnection(connection, secrets, login ?? { username: connection.username || 'connection-test', password: '' }, 0);
  const answer = await client.whoAmI();
  if (answer.ok) steps.push({ name: 'EFM', ok: true, detail: `Signed in as ${answer.value.displayName} (${answer.value.role}).` });
  else if (!login && answer.error.code === 'unauthorized') steps.push({ name: 'EFM', ok: true, detail: 'Reachable over TLS and answering; enter a password to test an account too.' });
  else steps.push({ name: 'EFM', ok: false, detail: answer.error.message });
  return steps;
}
