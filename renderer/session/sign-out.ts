import { getApi } from '../app/api';
import { forgetAtRestKey } from '../offline/at-rest-cipher';
import { wipeOffline } from '../offline/offline-store';

/**
 * Signs the clerk out: first wipes the offline copies that clerk took (case data does not outlive the session on a
 * shared workstation) and forgets the at-rest key, then ends the session in the main process.
 */
export async function signOut(username: string): Promise<void> {
  await wipeOffline({ heldBy: username }).catch(() => undefined);
  forgetAtRestKey();
  await getApi().session.signOut();
}
