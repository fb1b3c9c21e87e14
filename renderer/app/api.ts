import type { Api } from '../../shared/ipc/create-api';

/** The main-process API; throws a clear error when the page was opened without the preload or loopback host. */
export function getApi(): Api {
  if (!window.api) throw new Error('Clerk Review Desk must be opened from the app or from the URL `npm start` prints.');
  return window.api;
}
