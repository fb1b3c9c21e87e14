import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the app's one window, with every web preference that matters for security stated explicitly
 * (not left to Electron's defaults, which have changed between versions). Devtools in development builds only.
 */
export function mainWindowOptions(preloadPath: string, build: { readonly development: boolean } = { development: false }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Clerk Review Desk',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Only a development build opens devtools: in a court's install a clerk cannot call the API by hand.
      devTools: build.development,
    },
  };
}
