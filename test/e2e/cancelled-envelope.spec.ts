import { expect, test } from '@playwright/test';
import { startCourtHost } from './court-host';
import { demoByAge, signIn } from './review-helpers';

test('an envelope the filer cancelled (ECF 5.0 §6.1.7) says so when opened, cannot be decided, and leaves the queue', async ({ page }) => {
  const court = await startCourtHost({ cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }, 'cancelled');
  try {
    const target = demoByAge()[3];
    if (!target) throw new Error('no demo envelope');
    await signIn(page, court.url);
    // The filer withdraws it after the clerk's queue was read: the row is still on the clerk's screen.
    await court.simulator.cancelFiling(target.envelope.id, 'Filed in the wrong county');
    await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
    await expect(page.getByTestId('envelope-cancelled')).toContainText('The filer cancelled this envelope');
    await expect(page.getByRole('button', { name: 'Submit review' })).toBeDisabled();
    const [filing] = target.envelope.filings;
    if (filing) await expect(page.getByTestId(`decision-${filing.id}`).getByLabel('Accept')).toBeDisabled();
    // Back to a fresh queue: it is gone.
    await page.goto('about:blank');
    await page.goto(court.url);
    await expect(page.getByTestId('queue-count')).toHaveText('199 of 199 envelopes', { timeout: 30_000 });
    await expect(page.getByRole('row', { name: `Envelope ${target.envelope.id}` })).toHaveCount(0);
  } finally {
    await court.close();
  }
});
