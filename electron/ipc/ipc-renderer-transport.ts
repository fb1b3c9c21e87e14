import { ipcRenderer } from 'electron';
import type { Transport } from '../../shared/ipc/transport';

/** The preload's transport: the one place `ipcRenderer` is used. Listeners get the payload, never the event. */
export function ipcRendererTransport(): Transport {
  return {
    invoke: (channel, args) => ipcRenderer.invoke(channel, args),
    subscribe: (event, listener) => {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => ipcRenderer.removeListener(event, wrapped);
    },
  };
}
