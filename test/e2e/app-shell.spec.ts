import { channels } from '../../shared/ipc/contract';
import type { Api } from '../../shared/ipc/create-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeSelfSignedIdentity } from '../../electron/demo/self-signed-identity';
import { expect, test } from './loopback-fixture';

test('opens the app shell and reads app:info through window.api', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(app.url);

  await expect(page.getByRole('heading', { name: 'Clerk Review Desk' })).toBeVisible();
  await expect(page.getByTestId('efm-mode')).toHaveText('Demo EFM');
  // Nothing has been asked of the EFM before the first sign-in: the header claims no connection state.
  await expect(page.getByTestId('connectivity')).toHaveCount(0);
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByTestId('app-version')).toHaveText('e2e');
  // Persistent storage was asked for; headless Chromium answers one way or the other, never leaves it unknown.
  await expect(page.getByTestId('storage-mode')).toHaveText(/^(Persistent|Best-effort)/);
  // Browser mode has no keychain: the Status screen says plainly that the signing key is only a protected file.
  await expect(page.getByTestId('signing-key')).toContainText(/Key [0-9a-f]{8,}/);
  await expect(page.getByTestId('signing-key-warning')).toContainText('not sealed by the system keychain');

  const info = await page.evaluate(async () => (window as unknown as { api: Api }).api.app.info());
  expect(info).toEqual({ ok: true, value: expect.objectContaining({ name: 'Clerk Review Desk', efmMode: 'demo', shell: 'loopback', dataDir: app.dataDir }) });
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token');
  expect(errors).toEqual([]);
});

test('window.api exposes only the contract, frozen', async ({ page, app }) => {
  await page.goto(app.url);
  const shape = await page.evaluate(() => {
    const api = (window as unknown as { api: Record<string, unknown> }).api;
    return { keys: Object.keys(api).sort(), frozen: Object.isFrozen(api), replaced: Reflect.set(window, 'api', {}) };
  });
  const domains = [...new Set(Object.keys(channels).map((channel) => channel.split(':')[0] ?? ''))];
  expect(shape).toEqual({ keys: [...domains, 'on'].sort(), frozen: true, replaced: false });
});

test('saves settings, refuses invalid ones with a field message, and switches to a real EFM', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const idle = page.getByLabel(/Idle lock after/);
  await idle.fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '30' })).toBeVisible();

  await idle.fill('10');
  // Browser mode says plainly that secrets are not kept after a restart.
  await expect(page.getByTestId('secret-backend-warning')).toContainText('memory');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const connection = page.getByTestId('connections').locator('fieldset.connection');
  await connection.getByLabel('EFM endpoint (https)').fill('https://efm.court.example/ecf5');
  await connection.getByLabel('Use this connection').check();
  await connection.getByLabel(/Workstation certificate/).fill(makeSelfSignedIdentity('Workstation 17').certPem);
  // A court connection needs court IT's own passphrase first.
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toContainText('Set the court-IT passphrase first');
  const courtIt = page.getByTestId('court-it');
  await courtIt.getByLabel('New court-IT passphrase (12 characters or more)').fill('correct horse battery');
  await courtIt.getByLabel('Repeat it').fill('correct horse battery');
  await courtIt.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByTestId('court-it-status')).toContainText('passphrase set');
  await connection.getByLabel('EFM endpoint (https)').fill('https://efm.court.example/ecf5');
  await connection.getByLabel('Use this connection').check();
  // A private key pasted as a certificate is refused with the field named.
  const identity = makeSelfSignedIdentity('Workstation 17');
  await connection.getByLabel(/Workstation certificate/).fill(identity.keyPem);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(connection.getByRole('alert')).toContainText('private key');
  await connection.getByLabel(/Workstation certificate/).fill(identity.certPem);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  // The header follows the pushed settings:changed event.
  await expect(page.getByTestId('efm-mode')).toHaveText('Court EFM');
  // The key goes to the secret store, checked against the certificate, and never into settings.json.
  await connection.getByLabel(/Workstation private key/).fill(makeSelfSignedIdentity('Someone else').keyPem);
  await connection.getByRole('button', { name: 'Store key' }).click();
  await expect(connection.getByRole('status')).toContainText('does not belong');
  await connection.getByLabel(/Workstation private key/).fill(identity.keyPem);
  await connection.getByRole('button', { name: 'Store key' }).click();
  await expect(connection.getByRole('status')).toContainText('Client key stored');
  await expect(connection.getByLabel(/Workstation private key/)).toHaveValue('');
  // The stamp template editor previews changes live, with the same layout code as the engine, and saves them.
  const editor = page.getByTestId('template-editor');
  await editor.getByLabel(/^Lines/).fill('RECEIVED {court}\nClerk: {clerk}');
  await expect(page.getByTestId('template-preview')).toContainText('RECEIVED District Court');
  await expect(page.getByTestId('template-preview')).toContainText('Clerk: Dana Whitaker');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  const onDisk = readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8');
  expect(onDisk).toContain('RECEIVED {court}');
  expect(onDisk).toContain('BEGIN CERTIFICATE');
  expect(onDisk).not.toContain('PRIVATE KEY');

  // Court IT locks: nothing can be changed (signed out, or by any clerk or supervisor) until the passphrase again.
  await courtIt.getByRole('button', { name: 'Lock court IT' }).click();
  await idle.fill('12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toContainText('Only court IT can change this');
  await courtIt.getByLabel('Court-IT passphrase').fill('wrong passphrase!');
  await courtIt.getByRole('button', { name: 'Unlock court IT' }).click();
  await expect(page.getByTestId('court-it-status')).toContainText('not the court-IT passphrase');
  await courtIt.getByLabel('Court-IT passphrase').fill('correct horse battery');
  await courtIt.getByRole('button', { name: 'Unlock court IT' }).click();
  await expect(page.getByTestId('court-it-status')).toHaveText('Court IT unlocked for 15 minutes.');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  expect(readFileSync(path.join(app.dataDir, 'court-it.json'), 'utf8')).not.toContain('correct horse');

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel(/Idle lock after/)).toHaveValue('12');
});

test('a page from another origin cannot call the API even with the token', async ({ page, app }) => {
  await page.goto('about:blank');
  const outcome = await page.evaluate(async ({ port, token }) => {
    return new Promise<string>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, [`clerk-review.token.${token}`]);
      socket.onopen = () => resolve('opened');
      socket.onerror = () => resolve('refused');
    });
  }, { port: app.port, token: app.token });
  expect(outcome).toBe('refused');
});
