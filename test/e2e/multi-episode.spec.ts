import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { expect, test } from './loopback-fixture';

test('multi-episode review: accept one filing now and open the case, decide the other later; the envelope leaves the queue at the end', async ({ page, app }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const newCases = byAge.filter((d) => d.envelope.case.isNew);
  // The second two-filing new case (the review spec takes the first).
  const target = newCases.filter((d) => d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind !== 'encrypted'))[1];
  if (!target) throw new Error('no second two-filing new case in the demo data');
  const { envelope } = target;
  const [first, second] = envelope.filings;
  if (!first || !second) throw new Error('two filings expected');
  const caseNumber = `2026-${envelope.case.category ?? 'CV'}-000888`;

  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Case', { exact: true }).selectOption('new');
  await page.getByTestId('queue-scroller').evaluate((element, index) => element.scrollTo({ top: index * 36 }), newCases.indexOf(target));
  await page.getByRole('row', { name: `Envelope ${envelope.id}` }).click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');

  // Episode 1: only the first filing, with the case assignment.
  await page.getByTestId(`decision-${first.id}`).getByLabel('Accept').check();
  await page.getByLabel('Case number').fill(caseNumber);
  await page.getByLabel('Judge').selectOption('J-101');
  await page.getByRole('button', { name: 'Submit 1 decision (1 left for later)' }).click();
  await expect(page.getByTestId('submit-outcome')).toHaveText('Submitted 1 decision; 1 filing is left for later.', { timeout: 30_000 });
  await expect(page.getByTestId(`recorded-${first.id}`)).toContainText('Accepted by clerk1');
  await expect(page.getByTestId('assigned-case')).toContainText(caseNumber);
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');

  // In the queue, the envelope shows as partly decided (the EFM counts the recorded decisions).
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByRole('row', { name: `Envelope ${envelope.id}` });
  await expect(row.getByTestId('row-markers')).toContainText('1/2 decided');
  await row.click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  await expect(page.getByTestId(`recorded-${first.id}`)).toContainText('Accepted by clerk1');

  // Episode 2: the other filing is still open; rejecting it completes the review.
  await page.getByTestId(`decision-${second.id}`).getByRole('radio', { name: 'Reject' }).check();
  await page.getByTestId(`decision-${second.id}`).getByLabel('Rejection reason').selectOption('ILLEGIBLE');
  await page.getByTestId(`decision-${second.id}`).getByLabel(/Explanation for the filer/).fill('The exhibit pages are cut off at the margin.');
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toHaveText("Submitted 1 decision; the envelope's review is complete.", { timeout: 30_000 });

  const simulator = await app.services.efm.demoSimulator();
  const submissions = (await simulator?.submissions())?.filter((s) => s.envelopeId === envelope.id) ?? [];
  expect(submissions.map((s) => s.decisions.map((d) => `${d.filingId}:${d.outcome}`))).toEqual([[`${first.id}:accepted`], [`${second.id}:rejected`]]);
  // The filer's completion notice, written by the service, covers both episodes.
  const notice = await simulator?.reviewCompleteMessage(envelope.id);
  expect(notice).toContain(first.id);
  expect(notice).toContain(second.id);
  expect(notice).toContain('partially-accepted');
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('row', { name: `Envelope ${envelope.id}` })).toHaveCount(0);
});
