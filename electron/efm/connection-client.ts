import type { EfmConnection } from '../../shared/settings';
import type { SecretStore } from '../secrets/secret-store';
import { EfmClient, type EfmClientOptions } from './efm-client';

/** The secret name of a connection's client private key. */
export function clientKeySecret(connectionId: string): string {
  return `connection:${connectionId}:client-key`;
}

/**
 * An EFM client for a configured court connection: the court's CA for TLS, the EFM's pinned signing certificate,
 * and — when the workstation has a certificate and its key is in the keychain — TLS client authentication and
 * WS-Security signatures with that key.
 */
export async function clientForConnection(connection: EfmConnection, secrets: SecretStore, credentials: { username: string; password: string }, retries?: number, hooks: Pick<EfmClientOptions, 'onClock' | 'describeErrorCode' | 'timeoutMs'> = {}): Promise<EfmClient> {
  const keyPem = connection.clientCertPem ? await secrets.get(clientKeySecret(connection.id)) : null;
  return new EfmClient({
    endpoint: connection.endpoint,
    credentials,
    ...(connection.courtId ? { courtId: connection.courtId } : {}),
    ...(retries === undefined ? {} : { retries }),
    ...hooks,
    ...(connection.tlsCaPem ? { ca: connection.tlsCaPem } : {}),
    ...(connection.pinnedEfmCertPem ? { pinnedEfmCertPem: connection.pinnedEfmCertPem } : {}),
    ...(connection.clientCertPem && keyPem ? { signing: { certPem: connection.clientCertPem, keyPem } } : {}),
  });
}
