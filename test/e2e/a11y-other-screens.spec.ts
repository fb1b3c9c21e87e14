import { seriousViolations } from './axe';
import { expect, test } from './loopback-fixture';
import { signIn } from './review-helpers';

test('supervisor, outbox, settings and lock screens: no serious or critical accessibility violations', async ({ page, app }) => {
  await signIn(page, app.url, 'supervisor');
  await page.getByRole('button', { name: 'Supervisor' }).click();
  await expect(page.getByTestId('workload')).toBeVisible();
  await expect(page.getByTestId('aging-chart')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('template-editor')).toBeVisible();
  await page.getByRole('button', { name: 'Add connection' }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(async () => (window as unknown as { api: { session: { lock: () => Promise<unknown> } } }).api.session.lock());
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
