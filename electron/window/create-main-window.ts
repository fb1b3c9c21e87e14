import type { BrowserWindow, BrowserWindowConstructorOptions, Event, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { appStartUrl, isAppOriginUrl } from '../protocol/app-scheme';
import { isSafeExternalUrl } from './navigation-policy';
import { mainWindowOptions } from './window-options';

/** The parts of Electron the factory uses, passed in so the policy is testable without the Electron binary. */
export interface WindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** Opens a link in the system browser once the clerk said yes (see {@link confirmedExternalOpener}). */
  readonly openExternal: (url: string) => Promise<void>;
  /** A development build (devtools allowed). */
  readonly development?: boolean;
  /** Told once, when the first screen has painted and the window is shown (background work may start then). */
  readonly onFirstPaint?: () => void;
}

/**
 * Wraps the system browser so a link from the page opens only after the clerk confirms, seeing the address: a
 * filing's text cannot send a clerk to a look-alike site with one click.
 */
export function confirmedExternalOpener(confirm: (url: string) => Promise<boolean>, open: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    if (isSafeExternalUrl(url) && (await confirm(url))) await open(url);
  };
}

/** Creates the app window with the hardened options and the navigation guards, and loads the UI from `app://`. */
export function createMainWindow(deps: WindowDeps, preloadPath: string): BrowserWindow {
  const window = new deps.BrowserWindow(mainWindowOptions(preloadPath, { development: deps.development ?? false }));
  guardWebContents(window.webContents, deps.openExternal);
  window.once('ready-to-show', () => {
    window.show();
    deps.onFirstPaint?.();
  });
  void window.loadURL(appStartUrl);
  return window;
}

/**
 * Blocks navigation away from the app, new windows (https links go to the system browser after a check),
 * and `<webview>` attachment. Applied to every web contents the app creates.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  const blockForeignNavigation = (event: Event, url: string): void => {
    if (!isAppOriginUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    if (isSafeExternalUrl(details.url)) void openExternal(details.url).catch(() => undefined);
    return { action: 'deny' };
  });
}
