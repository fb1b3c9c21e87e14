import { demoByAge, openEnvelope, signIn } from './review-helpers';
import { expect, test } from './loopback-fixture';

test('after Submit the next envelope of the view opens, and the completed one has left the queue at once', async ({ page, app }) => {
  const target = demoByAge().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind !== 'encrypted'));
  if (!target) throw new Error('no one-filing existing-case envelope in the demo data');
  const [filing] = target.envelope.filings;
  if (!filing) throw new Error('a filing expected');
  await signIn(page, app.url);
  // Off on a fresh install: the clerk turns it on.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('After Submit, open the next envelope of the queue').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  await page.getByRole('button', { name: 'Queue' }).click();
  await openEnvelope(page, target);
  await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
  await page.getByRole('button', { name: 'Submit review' }).click();

  // The next envelope is open and claimed; the note says what happened to the last one.
  const note = page.getByTestId('advance-note');
  await expect(note).toContainText("the envelope's review is complete.", { timeout: 30_000 });
  await expect(note).toContainText('Now on the next envelope of your queue');
  await expect(page.getByRole('heading', { level: 2 })).not.toHaveText(`Envelope ${target.envelope.id}`);
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  const next = ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Envelope ', '');
  expect(next).not.toBe(target.envelope.id);

  // Back in the queue: the completed envelope is gone without a refresh; the one open now is still listed.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('199 of 199 envelopes');
  await expect(page.getByRole('row', { name: `Envelope ${target.envelope.id}` })).toHaveCount(0);

  // With auto-advance off, Submit stays on the envelope with its outcome.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('After Submit, open the next envelope of the queue').uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  await page.getByRole('button', { name: 'Queue' }).click();
  // Whatever envelope is first now: every filing rejected (no case assignment or stamping needed).
  const first = page.getByTestId('queue-row').first();
  const otherId = ((await first.getAttribute('aria-label')) ?? '').replace('Envelope ', '');
  const other = demoByAge().find((d) => d.envelope.id === otherId);
  if (!other) throw new Error(`envelope ${otherId} is not in the demo data`);
  await first.click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  for (const filing of other.envelope.filings) {
    const decision = page.getByTestId(`decision-${filing.id}`);
    await decision.getByLabel('Reject').check();
    await decision.getByLabel('Rejection reason').selectOption('ILLEGIBLE');
    await decision.getByLabel(/Explanation for the filer/).fill('Page 2 is blank; please rescan it.');
  }
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete.", { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Envelope ${otherId}`);
  await expect(page.getByTestId('advance-note')).toHaveCount(0);
});
