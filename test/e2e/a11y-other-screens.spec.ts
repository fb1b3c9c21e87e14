import { seriousViolations } from './axe';
import { expect, test } from './loopback-fixture';
import { signIn } from './review-helpers';

test('supervisor, outbox, settings and lock screens: no serious or critical accessibility violations', async ({ page, app }) => {
  await signIn(page, app.url, 'supervisor');
  // Alt+3 is the supervisor's screen; `?` there lists the keys every screen has, in an accessible dialog.
  await page.locator('body').press('Alt+3');
  await expect(page.getByRole('button', { name: 'Supervisor' })).toHaveAttribute('aria-current', 'page');
  await page.locator('body').press('?');
  await expect(page.getByTestId('shortcuts-help')).toContainText('Alt+1 … Alt+6');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
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
