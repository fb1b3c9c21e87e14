import { getApi } from '../app/api';

/**
 * Signs the clerk out: first wipes the offline copies that clerk took (case data does not outlive the session on a
 * shared workstation) and forgets the at-rest key, then ends the session in the main process.
 */
export async function signOut(username: string): Promise<void> {
  // Loaded when used: the sign-in screen paints without IndexedDB code.
  const [{ wipeOffline }, { forgetAtRestKey }] = await Promise.all([import('../offline/offline-store'), import('../offline/at-rest-cipher')]);
  await wipeOffline({ heldBy: username }).catch(() => undefined);
  forgetAtRestKey();
  await getApi().session.signOut();
}
