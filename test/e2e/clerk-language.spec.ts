import { demoByAge, openEnvelope, signIn } from './review-helpers';
import { expect, test } from './loopback-fixture';

test('the case-number format is shown as an example, typing is normalised, and the note limit shows before it bites', async ({ page, app }) => {
  const target = demoByAge().find((d) => d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind !== 'encrypted'));
  if (!target) throw new Error('no one-filing new case in the demo data');
  const [filing] = target.envelope.filings;
  if (!filing) throw new Error('a filing expected');
  await signIn(page, app.url);
  // Times are on the court's clock (Settings: America/Chicago), whatever the workstation's zone.
  // The queue shows a short date and time; the full one, with the court's zone, is on hover.
  const submitted = page.getByTestId('queue-row').first().locator('time');
  await expect(submitted).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M$/);
  await expect(submitted).toHaveAttribute('title', /\d{1,2}:\d\d [AP]M C[SD]T$/);
  await openEnvelope(page, target);
  await expect(page.getByTestId('envelope-summary')).toContainText(/Submitted\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d [AP]M C[SD]T/);

  const decision = page.getByTestId(`decision-${filing.id}`);
  await decision.getByLabel('Accept').check();
  // The court's pattern is ^\d{4}-(CV|CR|FA|PR|SC)-\d{6}$: the clerk sees an example of it, never the pattern.
  await expect(page.locator('#case-number-format')).toHaveText(/^Format: \d{4}-CV-000123$/);
  await expect(page.locator('body')).not.toContainText('\\d');
  const category = (target.envelope.case.category ?? 'CV').toLowerCase();
  const caseNumber = page.getByLabel('Case number');
  // Lower case, a pasted zero-width space and a trailing space: all accepted as the number they stand for.
  await caseNumber.fill(` 2026-${category}-\u200b000424 `);
  await caseNumber.blur();
  await expect(caseNumber).toHaveValue(`2026-${category.toUpperCase()}-000424`);
  // The format is checked once the assignment is otherwise complete.
  await page.getByLabel('Judge').selectOption('J-102');
  await caseNumber.fill('2026-XX-1');
  await caseNumber.blur();
  await expect(page.getByTestId('review-problems')).toContainText(/not in this court's format, for example \d{4}-CV-000123/);

  await decision.getByRole('radio', { name: 'Reject' }).check();
  const note = decision.getByLabel(/Explanation for the filer/);
  await note.fill('Please resubmit. '.repeat(130));
  await expect(decision.getByTestId('note-counter')).toHaveText(/^2,2\d\d \/ 2,000 characters: too long$/);
  await expect(page.getByTestId('review-problems')).toContainText(/Shorten the note on .*: 2,2\d\d characters, 2,000 at most/);
  await expect(page.getByRole('button', { name: 'Submit review' })).toBeDisabled();
  await note.fill('Page 2 is blank; please rescan it.');
  await expect(decision.getByTestId('note-counter')).toHaveText('34 / 2,000 characters');
  await expect(page.locator('body')).not.toContainText(/Invalid arguments|payload\.|Too big/);
});
