import path from 'node:path';
import { app, BrowserWindow, dialog, protocol, safeStorage, session, shell } from 'electron';
import { buildPaths } from './app/build-paths';
import { createMainServices, type MainServices } from './app/main-services';
import { registerIpcHandlers } from './ipc/ipc-main-bridge';
import { safeStorageCipher } from './secrets/secret-store';
import { registerAppProtocol } from './protocol/app-protocol';
import { appScheme, appSchemePrivileges } from './protocol/app-scheme';
import { confirmedExternalOpener, createMainWindow, guardWebContents } from './window/create-main-window';
import { hardenSession } from './window/harden-session';

// The Electron entry point: kept thin — everything it wires is plain Node code tested without Electron.
const paths = buildPaths(__dirname);
// Tests and court IT can point the app at another data folder (same variable the loopback host reads).
if (process.env.CLERK_REVIEW_DATA_DIR) app.setPath('userData', path.resolve(process.env.CLERK_REVIEW_DATA_DIR));
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);
app.enableSandbox();

// https links only, each confirmed by the clerk with the address shown.
const openExternal = confirmedExternalOpener(async (url) => {
  const answer = await dialog.showMessageBox({ type: 'question', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1, message: 'Open this link in your web browser?', detail: url });
  return answer.response === 0;
}, (url) => shell.openExternal(url));
const development = !app.isPackaged;
let services: MainServices | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());
  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      registerAppProtocol(protocol, paths.rendererDir);
      // Secrets (client keys) are sealed by the OS keychain through safeStorage, never written in plain text.
      services = createMainServices({ dataDir: app.getPath('userData'), version: app.getVersion(), shell: 'electron', secretCipher: safeStorageCipher(safeStorage), demoEfmInDataFolder: true });
      registerIpcHandlers(services.dispatch, services.bus);
      const started = services;
      // The embedded demo service (its database) opens once the first screen has painted, never before it.
      createMainWindow({ BrowserWindow, openExternal, development, onFirstPaint: () => void started.efm.warmUpDemo() }, paths.preload);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ BrowserWindow, openExternal, development }, paths.preload);
      });
    })
    .catch((error: unknown) => {
      console.error('Clerk Review Desk failed to start:', error);
      app.exit(1);
    });
}
