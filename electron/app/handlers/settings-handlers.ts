import { createPrivateKey, X509Certificate } from 'node:crypto';
import { appError } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import { isRealEfmConfigured } from '../../../shared/settings';
import { clientKeySecret } from '../../efm/connection-client';
import { testConnection } from '../../efm/test-connection';
import type { Handlers } from '../../ipc/dispatcher';
import type { HandlerContext } from './handler-context';

type SettingsChannel = 'settings:get' | 'settings:set' | 'connections:set' | 'connections:test' | 'secrets:status' | 'secrets:set-client-key' | 'secrets:delete-client-key' | 'court-it:status' | 'court-it:unlock' | 'court-it:lock' | 'court-it:set-passphrase';

/**
 * Settings (validated, atomic), court IT's EFM connections and keys — keys go to the OS keychain through the secret
 * store, never into settings.json, never back to the renderer — and court IT's own passphrase.
 */
export function settingsHandlers(c: HandlerContext): Pick<Handlers, SettingsChannel> {
  const { settings, secrets, courtIt, bus } = c;
  return {
    'settings:get': async () => ok(await settings.get()),
    'settings:set': async (patch) => {
      const result = await settings.update(patch);
      if (result.ok) bus.emit('settings:changed', result.value);
      return result;
    },
    'connections:set': async (patch) => {
      // The first court connection needs court IT's own passphrase to exist first: from then on it guards them.
      if (isRealEfmConfigured({ ...(await settings.get()), ...patch }) && !(await courtIt.status()).configured) {
        return err(appError('forbidden', 'Set the court-IT passphrase first: it will be needed to change EFM connections from now on.'));
      }
      const result = await settings.update(patch);
      if (result.ok) bus.emit('settings:changed', result.value);
      return result;
    },
    'connections:test': async ({ connectionId, username, password }) => {
      const connection = (await settings.get()).connections.find((candidate) => candidate.id === connectionId);
      if (!connection) return err(appError('not-found', `No connection ${connectionId}; save it first`));
      return ok(await testConnection(connection, secrets, password ? { username: username || connection.username, password } : null));
    },
    'secrets:status': async () => ok(await secrets.status()),
    'secrets:set-client-key': async ({ connectionId, keyPem }) => {
      const connection = (await settings.get()).connections.find((candidate) => candidate.id === connectionId);
      if (!connection) return err(appError('not-found', `No connection ${connectionId}; save it first`));
      try {
        const key = createPrivateKey(keyPem);
        if (connection.clientCertPem && !new X509Certificate(connection.clientCertPem).checkPrivateKey(key)) {
          return err(appError('invalid-arguments', 'This key does not belong to the workstation certificate of the connection', { field: 'keyPem' }));
        }
      } catch (error) {
        return err(appError('invalid-arguments', `The key cannot be read: ${(error as Error).message}`, { field: 'keyPem' }));
      }
      try {
        await secrets.set(clientKeySecret(connectionId), keyPem);
      } catch (error) {
        return err(appError('storage-failed', `The key was NOT stored: ${(error as Error).message}`));
      }
      return ok(await secrets.status());
    },
    'secrets:delete-client-key': async ({ connectionId }) => {
      await secrets.delete(clientKeySecret(connectionId));
      return ok(await secrets.status());
    },
    'court-it:status': async () => ok(await courtIt.status()),
    'court-it:unlock': async ({ passphrase }) => {
      if (!(await courtIt.status()).configured) return err(appError('not-found', 'No court-IT passphrase is set on this workstation yet.'));
      return (await courtIt.unlock(passphrase)) ? ok(await courtIt.status()) : err(appError('unauthorized', 'That is not the court-IT passphrase.', { field: 'passphrase' }));
    },
    'court-it:lock': async () => {
      courtIt.lock();
      return ok(await courtIt.status());
    },
    'court-it:set-passphrase': async ({ passphrase }) => {
      const set = await courtIt.setPassphrase(passphrase);
      return set ? ok(await courtIt.status()) : err(appError('forbidden', 'Unlock with the current court-IT passphrase to change it.'));
    },
  };
}
