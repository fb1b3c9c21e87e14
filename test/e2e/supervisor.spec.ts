import { readFileSync } from 'node:fs';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { keepScreenshot } from './keep-screenshot';
import { expect, test } from './workstations-fixture';

test('two clerks and a supervisor on one EFM: one holds the envelope, a reassignment turns the first clerk\'s screen read-only at once, the dashboard tells what happened', async ({ workstation, simulator }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const target = byAge.find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
  if (!target) throw new Error('no single-filing existing case');
  const envelopeId = target.envelope.id;
  const filingId = target.envelope.filings[0]?.id ?? '';
  const index = byAge.indexOf(target);

  const [ana, ben, boss] = [await workstation('clerk1'), await workstation('clerk2'), await workstation('supervisor')];
  await ana.signIn('clerk1');
  await ben.signIn('clerk2');
  // Clerks have no supervisor screen.
  await expect(ana.page.getByRole('button', { name: 'Supervisor' })).toHaveCount(0);

  const open = async (station: typeof ana): Promise<void> => {
    await station.page.getByTestId('queue-scroller').evaluate((element, row) => element.scrollTo({ top: row * 36 }), index);
    await station.page.getByRole('row', { name: `Envelope ${envelopeId}` }).click();
  };
  // Both open the same envelope: exactly one holds it, the other sees who.
  await open(ana);
  await expect(ana.page.getByTestId('claim-state')).toContainText('Claimed by you');
  await open(ben);
  await expect(ben.page.getByTestId('claim-state')).toContainText('Read-only');
  await expect(ben.page.getByTestId('claim-state')).toContainText('clerk1');
  await ben.page.getByRole('button', { name: 'Back to queue' }).click();

  // The supervisor moves it to clerk2 while clerk1 is mid-review.
  await ana.page.getByTestId(`decision-${filingId}`).getByLabel('Accept').check();
  await boss.signIn('supervisor');
  await boss.page.getByRole('button', { name: 'Supervisor' }).click();
  await expect(boss.page.getByTestId('workload-clerk1')).toContainText('1');
  await boss.page.getByTestId('claims').getByLabel(new RegExp(`${envelopeId} — clerk1`)).check();
  await boss.page.getByLabel('Reassign to').selectOption('clerk2');
  await boss.page.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(boss.page.getByTestId('supervisor-message')).toHaveText('1 of 1 reassigned to clerk2.');

  // clerk1's screen turns read-only by itself within seconds (the EFM's list of their claims no longer has it):
  // no click needed, Submit is off, and nothing reached the EFM.
  await expect(ana.page.getByTestId('claim-state')).toContainText('Read-only', { timeout: 30_000 });
  await expect(ana.page.getByTestId('claim-state')).toContainText('reassigned');
  await expect(ana.page.getByRole('button', { name: 'Submit review' })).toBeDisabled();
  await expect(ana.page.getByTestId(`decision-${filingId}`).getByLabel('Accept')).toBeDisabled();
  expect((await simulator.submissions()).filter((s) => s.envelopeId === envelopeId)).toHaveLength(0);

  // clerk2 now holds it and completes the review.
  await open(ben);
  await expect(ben.page.getByTestId('claim-state')).toContainText('Claimed by you');
  await ben.page.getByTestId(`decision-${filingId}`).getByLabel('Accept').check();
  await ben.page.getByRole('button', { name: 'Submit review' }).click();
  await expect(ben.page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete", { timeout: 30_000 });
  expect((await simulator.submissions()).filter((s) => s.envelopeId === envelopeId).map((s) => s.clerk)).toEqual(['clerk2']);

  // The dashboard matches: nobody holds anything now, clerk2 decided one filing today, clerk1 none.
  await boss.page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(boss.page.getByTestId('workload-clerk2').getByRole('cell')).toHaveText(['0', '1', /\d+(\.\d)? (s|min)/]);
  await expect(boss.page.getByTestId('workload-clerk1').getByRole('cell')).toHaveText(['0', '0', '—']);
  await expect(boss.page.getByTestId('aging-chart')).toBeVisible();
  // The reassignment is in the supervisor's audit log, and the chain verifies.
  await boss.page.getByLabel('Action').selectOption('reassign');
  await expect(boss.page.getByTestId('audit-records')).toContainText(envelopeId);
  await boss.page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(boss.page.getByTestId('audit-verification')).toContainText('Intact');
  // The review statistics of today as CSV: one row per filing decision.
  const downloading = boss.page.waitForEvent('download');
  await boss.page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await downloading).path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('decided_at,clerk,envelope_id,filing_id,filing_code,corrected_filing_code,court_location,outcome,rejection_reason,claimed_at,review_seconds');
  const row = csv.filter((line) => line.includes(`,clerk2,${envelopeId},${filingId},`));
  expect(row).toHaveLength(1);
  // Court time with its offset, the filing code and the location; accepted as filed.
  expect(row[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d,/);
  expect(row[0]).toMatch(new RegExp(`,${filingId},[^,]+,,[A-Z]+,accepted,`));
  expect((await downloading).suggestedFilename()).toMatch(/^review-statistics_\d{4}-\d\d-\d\d\.csv$/);
  await keepScreenshot(boss.page, test.info(), 'supervisor-dashboard');
});
