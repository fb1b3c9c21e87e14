import type { Api } from '../shared/ipc/create-api';

declare global {
  interface Window {
    /** The main-process API, exposed by the preload (Electron) or the loopback bootstrap (browser). */
    readonly api?: Api;
  }
}
