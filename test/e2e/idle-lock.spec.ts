import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './loopback-fixture';

test('the idle lock hides documents and refuses case content until the clerk signs in again; nothing open is lost', async ({ page, app }) => {
  await page.clock.install();
  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  // Court IT set the lock to 2 minutes.
  expect(await page.evaluate(async () => (await (window as unknown as { api: Api }).api.settings.set({ idleLockMinutes: 2 })).ok)).toBe(true);
  await page.getByRole('row').nth(1).click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  const envelopeId = (await page.locator('#envelope-title').textContent())?.replace('Envelope ', '') ?? '';

  // Activity keeps it open; two quiet minutes lock it.
  await page.clock.fastForward('01:30');
  await page.mouse.move(10, 10);
  await page.clock.fastForward('01:30');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.fastForward('02:05');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('document-page')).toBeHidden();
  // Not only hidden: the main process refuses case content while locked.
  const refused = await page.evaluate(async (id) => (await (window as unknown as { api: Api }).api.envelope.get({ envelopeId: id })), envelopeId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('locked') } });

  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('lock-screen').getByRole('alert')).toHaveText('Wrong password');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  expect(await app.services.audit.query({ user: 'clerk1', action: null, object: 'session', from: null, to: null, limit: 10 })).toEqual(
    expect.arrayContaining([expect.objectContaining({ action: 'lock' }), expect.objectContaining({ action: 'unlock', outcome: 'refused' }), expect.objectContaining({ action: 'unlock', outcome: 'ok' })]));
});
