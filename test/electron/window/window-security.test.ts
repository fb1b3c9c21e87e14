import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { confirmedExternalOpener, createMainWindow } from '../../../electron/window/create-main-window';
import { hardenSession } from '../../../electron/window/harden-session';
import { isSafeExternalUrl } from '../../../electron/window/navigation-policy';
import { mainWindowOptions } from '../../../electron/window/window-options';

/** Stands in for Electron's BrowserWindow/WebContents (the edge we do not own) and records what the factory did. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Emits an Electron-style cancellable event and says whether a listener cancelled it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  readonly webContents = new FakeContents();
  loaded: string | null = null;
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeWindow.last = this;
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {}
}

function openWindow() {
  const opened: string[] = [];
  createMainWindow({ BrowserWindow: FakeWindow as never, openExternal: async (url) => void opened.push(url) }, '/app/preload.cjs');
  const window = FakeWindow.last as FakeWindow;
  return { window, contents: window.webContents, opened };
}

describe('main window options', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and disables webview, insecure content and experimental features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the preload given and nothing else', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('opens devtools in development builds only', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p', { development: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('loads the UI from the app:// scheme, not file://', () => {
    const { window } = openWindow();
    expect(window.loaded).toBe('app://clerk-review/index.html');
  });

  it('blocks navigation and redirects away from the app', () => {
    const { contents } = openWindow();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://clerk-review/index.html')).toBe(false);
  });

  it('refuses webview attachment', () => {
    const { contents } = openWindow();
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window and sends only safe https links to the system browser', () => {
    const { contents, opened } = openWindow();
    for (const url of ['https://www.courts.example/help', 'http://plain.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@x.example/']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.courts.example/help']);
  });
});

describe('confirmedExternalOpener', () => {
  it('opens an https link only when the clerk confirms, and never anything else', async () => {
    const opened: string[] = [];
    const asked: string[] = [];
    const open = confirmedExternalOpener(async (url) => (asked.push(url), url.includes('yes')), async (url) => void opened.push(url));
    for (const url of ['https://courts.example/yes', 'https://courts.example/no', 'http://courts.example/yes', 'file:///yes']) await open(url);
    expect(asked).toEqual(['https://courts.example/yes', 'https://courts.example/no']);
    expect(opened).toEqual(['https://courts.example/yes']);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts https with a host only', () => {
    expect(isSafeExternalUrl('https://efiling.example.gov/guide')).toBe(true);
    expect(isSafeExternalUrl('https://')).toBe(false);
    expect(isSafeExternalUrl('HTTPS://EFILING.EXAMPLE.GOV/')).toBe(true);
    expect(isSafeExternalUrl(`https://x.example/${'a'.repeat(3000)}`)).toBe(false);
  });
});

describe('hardenSession', () => {
  it('denies permission requests, permission checks and device access', () => {
    const recorded: Record<string, (...args: never[]) => unknown> = {};
    hardenSession({
      setPermissionRequestHandler: (handler) => void (recorded.request = handler as never),
      setPermissionCheckHandler: (handler) => void (recorded.check = handler as never),
      setDevicePermissionHandler: (handler) => void (recorded.device = handler as never),
    });
    const answers: boolean[] = [];
    (recorded.request as unknown as (c: unknown, p: string, cb: (v: boolean) => void) => void)(null, 'media', (v) => answers.push(v));
    (recorded.request as unknown as (c: unknown, p: string, cb: (v: boolean) => void) => void)(null, 'notifications', (v) => answers.push(v));
    expect(answers).toEqual([false, false]);
    expect((recorded.check as unknown as () => boolean)()).toBe(false);
    expect((recorded.device as unknown as () => boolean)()).toBe(false);
  });
});

describe('start order', () => {
  it('tells the app once the first screen has painted, and only then', () => {
    let painted = 0;
    createMainWindow({ BrowserWindow: FakeWindow as never, openExternal: async () => undefined, onFirstPaint: () => void (painted += 1) }, '/app/preload.cjs');
    const window = FakeWindow.last as FakeWindow;
    expect(painted).toBe(0);
    window.emit('ready-to-show');
    window.emit('ready-to-show');
    expect(painted).toBe(1);
  });
});
