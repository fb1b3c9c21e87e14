import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { locateElectronBinary } from '../../electron/app/locate-electron';

const binary = locateElectronBinary(path.resolve('node_modules', 'electron'));

test.describe('Electron shell', () => {
  test.skip(!binary.found, `needs the Electron binary: ${binary.found ? '' : binary.reason}`);

  test('opens the hardened window on app:// and reads app:info through the preload', async () => {
    const app = await electron.launch({ executablePath: binary.found ? binary.path : '', args: ['.'], env: { ...process.env, CLERK_REVIEW_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crd-electron-e2e-')) } });
    const window = await app.firstWindow();
    expect(window.url()).toBe('app://clerk-review/index.html');
    await expect(window.getByTestId('efm-mode')).toHaveText('Demo EFM');
    const info = await window.evaluate(async () => (window as unknown as { api: { app: { info(): Promise<unknown> } } }).api.app.info());
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
    const nodeVisible = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require);
    expect(nodeVisible).toBe('undefined');
    await app.close();
  });
});
