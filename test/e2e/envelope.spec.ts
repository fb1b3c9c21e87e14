import { keepScreenshot } from './keep-screenshot';
import { expect, test } from './loopback-fixture';

test('opening an envelope claims it, shows the case, parties, payment and filings, renders documents, and releases on leave', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');

  const first = page.getByTestId('queue-row').first();
  const label = (await first.getAttribute('aria-label')) ?? '';
  const envelopeId = label.replace('Envelope ', '');
  await first.focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: `Envelope ${envelopeId}` })).toBeVisible();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you until');
  await expect(page.getByTestId('envelope-summary')).toContainText('Filer');
  await expect(page.getByTestId('parties').getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('filing-list').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  await expect(page.getByTestId('pdf-page-canvas')).toBeVisible();

  // Another document of the envelope, then back to the queue: the claim is released.
  const documents = page.getByTestId('filing-list').getByRole('button');
  if ((await documents.count()) > 1) {
    await documents.nth(1).click();
    await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  }
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(page.getByRole('row', { name: `Envelope ${envelopeId}` })).not.toContainText('clerk1');
  await keepScreenshot(page, test.info(), 'queue-after-envelope');
  expect(errors).toEqual([]);
});
