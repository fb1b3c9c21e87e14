import { seriousViolations } from './axe';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

test('an encrypted document is said so when opened, and "Reject: document cannot be opened" fills the rejection in', async ({ page, app }) => {
  const target = demoByAge().find((d) => d.envelope.filings.length === 1 && d.documents.some((doc) => doc.kind === 'encrypted'));
  if (!target) throw new Error('no single-filing envelope with an encrypted document');
  const filing = target.envelope.filings[0];
  if (!filing) throw new Error('no filing');
  await signIn(page, app.url);
  await openEnvelope(page, target);
  // Said on opening, before any Submit, with the rejection offered; the filing list marks the document.
  await expect(page.getByTestId('document-problem')).toContainText('encrypted or password-protected');
  await expect(page.getByTestId('document-problem-marker')).toHaveText(' — cannot be opened');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Reject: document cannot be opened' }).click();
  const decision = page.getByTestId(`decision-${filing.id}`);
  await expect(decision.getByRole('radio', { name: 'Reject' })).toBeChecked();
  await expect(decision.getByLabel('Rejection reason')).toHaveValue('ENCRYPTED');
  await expect(decision.getByLabel(/Explanation for the filer/)).toHaveValue(new RegExp(`^"${filing.leadDocument.title ?? ''}" is encrypted or password-protected`));
  if (target.envelope.case.isNew) await page.getByLabel('Case number').fill('2026-CV-000777');
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete", { timeout: 30_000 });
  const simulator = await app.services.efm.demoSimulator();
  const sent = (await simulator?.submissions())?.find((s) => s.envelopeId === target.envelope.id);
  expect(sent?.decisions.map((d) => [d.outcome, d.reasonCode])).toEqual([['rejected', 'ENCRYPTED']]);
});

test('"Reject the whole envelope" rejects every open filing with one reason; the viewer follows the filing being decided', async ({ page, app }) => {
  const target = demoByAge().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 3 && d.documents.every((doc) => doc.kind === 'plain'));
  if (!target) throw new Error('no three-filing existing-case envelope');
  const [first, second, third] = target.envelope.filings;
  if (!first || !second || !third) throw new Error('three filings expected');
  await signIn(page, app.url);
  await openEnvelope(page, target);
  // Working on the second filing shows its lead document.
  await page.getByTestId(`decision-${second.id}`).getByLabel('Accept').check();
  await expect(page.getByTestId('pdf-page-canvas')).toHaveAccessibleName(new RegExp(`^${second.leadDocument.title ?? ''}, page 1 of`));
  // Leaving with that decision asks first, in an accessible dialog; the clerk stays.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Keep reviewing' }).click();
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Reject the whole envelope…' }).click();
  const dialog = page.getByTestId('reject-envelope-dialog');
  await expect(dialog.getByRole('button', { name: 'Reject 3 filings' })).toBeDisabled();
  await dialog.getByLabel('Rejection reason').selectOption('DUPLICATE');
  // The court's reason starts the explanation, to be edited; the clerk saves their wording for next time.
  const explanation = dialog.getByLabel(/Explanation for the filer/);
  await expect(explanation).toHaveValue('Duplicate submission. Please correct this and file again.');
  expect(await seriousViolations(page)).toEqual([]);
  await explanation.fill('This envelope duplicates one filed earlier today; nothing further is needed.');
  await dialog.getByRole('button', { name: 'Save this explanation' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved to your explanations.');
  await dialog.getByRole('button', { name: 'Reject 3 filings' }).click();
  await expect(dialog).toHaveCount(0);
  for (const filing of [first, second, third]) {
    const decision = page.getByTestId(`decision-${filing.id}`);
    await expect(decision.getByRole('radio', { name: 'Reject' })).toBeChecked();
    await expect(decision.getByLabel('Rejection reason')).toHaveValue('DUPLICATE');
  }
  // The saved explanation is offered on any rejection from now on.
  await expect(page.getByTestId(`decision-${third.id}`).getByTestId('saved-explanations')).toContainText('duplicates one filed earlier');

  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete", { timeout: 30_000 });
  const simulator = await app.services.efm.demoSimulator();
  const sent = (await simulator?.submissions())?.find((s) => s.envelopeId === target.envelope.id);
  expect(sent?.decisions.map((d) => [d.filingId, d.outcome, d.reasonCode])).toEqual([first, second, third].map((f) => [f.id, 'rejected', 'DUPLICATE']));
});
