import { createPrivateKey, X509Certificate } from 'node:crypto';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import { clientKeySecret } from '../efm/connection-client';
import type { EfmService } from '../efm/efm-service';
import { testConnection } from '../efm/test-connection';
import type { Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';

type SettingsChannel = 'settings:get' | 'settings:set' | 'connections:test' | 'secrets:status' | 'secrets:set-client-key' | 'secrets:delete-client-key';

/**
 * Court IT's channels: settings (validated, atomic, audited), "test connection", and the workstation's client keys,
 * which go to the OS keychain through the secret store — never into settings.json, never back to the renderer.
 */
export function settingsHandlers(settings: SettingsStore, secrets: SecretStore, efm: EfmService, bus: EventBus, audit: AuditLog): Pick<Handlers, SettingsChannel> {
  const actor = (): string => efm.current()?.username ?? 'workstation';
  // Where the app sends clerks' passwords and decisions is court IT's call: a signed-in clerk cannot change it.
  const courtItOnly = async (what: string): Promise<Result<null>> => {
    const session = efm.current();
    if (!session || session.role === 'supervisor') return ok(null);
    await audit.record({ user: session.username, action: 'access-denied', object: what, outcome: 'refused', detail: 'EFM connections and keys are changed by court IT (signed out) or a supervisor' });
    return err(appError('forbidden', 'EFM connections and keys are changed by court IT (sign out first) or a supervisor'));
  };
  return {
    'settings:get': async () => ok(await settings.get()),
    'settings:set': async (patch) => {
      const current = await settings.get();
      const changesEfm = (patch.connections !== undefined && JSON.stringify(patch.connections) !== JSON.stringify(current.connections))
        || (patch.activeConnectionId !== undefined && patch.activeConnectionId !== current.activeConnectionId);
      if (changesEfm) {
        const allowed = await courtItOnly('EFM connections');
        if (!allowed.ok) return allowed;
      }
      const result = await settings.update(patch);
      if (result.ok) bus.emit('settings:changed', result.value);
      await audit.record({ user: actor(), action: 'settings-change', object: Object.keys(patch).join(', ') || 'settings', outcome: result.ok ? 'ok' : 'failed', detail: result.ok ? null : result.error.message });
      return result;
    },
    'connections:test': async ({ connectionId, username, password }) => {
      const connection = (await settings.get()).connections.find((candidate) => candidate.id === connectionId);
      if (!connection) return err(appError('not-found', `No connection ${connectionId}; save it first`));
      return ok(await testConnection(connection, secrets, password ? { username: username || connection.username, password } : null));
    },
    'secrets:status': async () => ok(await secrets.status()),
    'secrets:set-client-key': async ({ connectionId, keyPem }) => {
      const allowed = await courtItOnly(`client key of ${connectionId}`);
      if (!allowed.ok) return allowed;
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
        await audit.record({ user: actor(), action: 'settings-change', object: `client key of ${connectionId}`, outcome: 'failed', detail: (error as Error).message });
        return err(appError('storage-failed', `The key was NOT stored: ${(error as Error).message}`));
      }
      await audit.record({ user: actor(), action: 'settings-change', object: `client key of ${connectionId}`, outcome: 'ok', detail: `stored (${(await secrets.status()).backend})` });
      return ok(await secrets.status());
    },
    'secrets:delete-client-key': async ({ connectionId }) => {
      const allowed = await courtItOnly(`client key of ${connectionId}`);
      if (!allowed.ok) return allowed;
      await secrets.delete(clientKeySecret(connectionId));
      await audit.record({ user: actor(), action: 'settings-change', object: `client key of ${connectionId}`, outcome: 'ok', detail: 'removed' });
      return ok(await secrets.status());
    },
  };
}
