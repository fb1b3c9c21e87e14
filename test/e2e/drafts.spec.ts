import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';
import { storedRecords } from './stored-records';

test('a draft survives Back, another tab and a reload; leaving asks first; Esc closes only the dialog', async ({ page, app }) => {
  const target = demoByAge().find((d) => d.envelope.case.isNew && d.envelope.filings.length === 2);
  if (!target) throw new Error('no two-filing new case in the demo data');
  const [first, second] = target.envelope.filings;
  if (!first || !second) throw new Error('two filings expected');
  await signIn(page, app.url);
  await openEnvelope(page, target);

  // The help dialog: Esc closes it, and only it.
  // The screen's keys work once the envelope is shown; on a loaded machine the first press may come before that.
  await expect(page.getByRole('heading', { name: `Envelope ${target.envelope.id}` })).toBeVisible();
  await expect(async () => {
    if ((await page.getByTestId('shortcuts-help').count()) === 0) await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-help')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `Envelope ${target.envelope.id}` })).toBeVisible();

  // Work started: one filing rejected with a reason and a note, a case number typed.
  await page.getByTestId(`decision-${first.id}`).getByLabel('Accept').check();
  await page.getByTestId(`decision-${second.id}`).getByLabel('Reject', { exact: true }).check();
  await page.getByTestId(`decision-${second.id}`).getByLabel('Rejection reason').selectOption('ILLEGIBLE');
  const note = 'Page 2 is cut off at the bottom; please rescan it.';
  await page.getByTestId(`decision-${second.id}`).getByLabel(/Explanation for the filer/).fill(note);
  const caseNumber = `2026-${target.envelope.case.category ?? 'CV'}-000123`;
  await page.getByLabel('Case number').fill(caseNumber);

  // The draft is on the workstation, sealed: its note is not in clear in IndexedDB.
  const draftsText = async (): Promise<string> => (await storedRecords(page, ['drafts'])).text;
  await expect.poll(async () => (await draftsText()).length).toBeGreaterThan(50);
  expect(await draftsText()).not.toContain('cut off');
  expect(await draftsText()).not.toContain(caseNumber);

  // Back asks first; Esc closes the question and keeps the envelope open.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Leave and keep my draft' }).click();
  await expect(page.getByTestId('queue-count')).toBeVisible();

  // Another tab, then a reload of the page.
  await page.getByRole('button', { name: 'Status' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Queue' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await openEnvelope(page, target);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId(`decision-${first.id}`).getByLabel('Accept')).toBeChecked();
  await expect(page.getByTestId(`decision-${second.id}`).getByLabel('Reject', { exact: true })).toBeChecked();
  await expect(page.getByTestId(`decision-${second.id}`).getByLabel('Rejection reason')).toHaveValue('ILLEGIBLE');
  await expect(page.getByTestId(`decision-${second.id}`).getByLabel(/Explanation for the filer/)).toHaveValue(note);
  await expect(page.getByLabel('Case number')).toHaveValue(caseNumber);

  // Thrown away on purpose: the next visit starts empty and leaving asks nothing.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Discard my draft and leave' }).click();
  await openEnvelope(page, target);
  await expect(page.getByTestId(`decision-${first.id}`).getByLabel('Accept')).not.toBeChecked();
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);
  await expect(page.getByTestId('queue-count')).toBeVisible();
});
