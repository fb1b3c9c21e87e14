import { ok } from '../../../shared/result';
import { activeConnection, isRealEfmConfigured } from '../../../shared/settings';
import type { Handlers } from '../../ipc/dispatcher';
import type { HandlerContext } from './handler-context';

type SessionChannel = 'app:info' | 'session:sign-in' | 'session:current' | 'session:lock' | 'session:unlock' | 'session:sign-out';

/** What the app is and who is signed in: sign-in (checked by the EFM), idle lock, unlock, sign-out. */
export function sessionHandlers(c: HandlerContext): Pick<Handlers, SessionChannel> {
  return {
    'app:info': async () => {
      const current = await c.settings.get();
      return ok({
        name: 'Clerk Review Desk',
        version: c.version,
        efmMode: isRealEfmConfigured(current) ? 'real' : 'demo',
        efmEndpoint: activeConnection(current)?.endpoint ?? '',
        // Known after the first call to the EFM; `connectivity:changed` follows it from then on.
        connectivity: c.efm.connectivity,
        clock: c.efm.clock,
        shell: c.shell,
        dataDir: c.dataDir,
        signingKey: await c.workstationKey.then((key) => ({ keyId: key.keyId, warning: key.warning }), () => null),
      });
    },
    'session:sign-in': async ({ username, password }) => {
      const session = await c.efm.signIn(username, password);
      if (session.ok) {
        await c.knownUsers.add(username);
        await c.anchoring.afterSignIn(username);
        // This clerk's decisions that waited for them go now.
        void c.outbox.deliver(true);
      }
      return session;
    },
    'session:current': async () => ok(c.efm.current()),
    'session:lock': async () => {
      c.efm.lock();
      c.courtIt.lock();
      await c.anchoring.anchor();
      return ok(null);
    },
    'session:unlock': async ({ password }) => c.efm.unlock(password),
    'session:sign-out': async () => {
      // Anchored while the session still exists: the EFM needs it. The sign-out record is written before this runs.
      await c.anchoring.anchor();
      c.efm.signOut();
      c.courtIt.lock();
      return ok(null);
    },
  };
}
