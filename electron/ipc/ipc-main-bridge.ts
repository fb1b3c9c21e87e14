import { BrowserWindow, ipcMain } from 'electron';
import { channels, type Channel } from '../../shared/ipc/contract';
import type { Dispatch } from './dispatcher';
import type { EventBus } from './event-bus';
import { createIpcListener } from './ipc-listener';

/** The one place `ipcMain` is used: registers every contract channel and forwards bus events to the windows. */
export function registerIpcHandlers(dispatch: Dispatch, bus: EventBus): void {
  const isAppWindow = (id: number): boolean => BrowserWindow.getAllWindows().some((w) => w.webContents.id === id);
  for (const channel of Object.keys(channels) as Channel[]) {
    ipcMain.handle(channel, createIpcListener(channel, dispatch, isAppWindow));
  }
  bus.connect((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
  });
}
