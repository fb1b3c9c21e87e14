import { seriousViolations } from './axe';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { expect, test } from './loopback-fixture';

test('the whole review with the keyboard only, and no serious accessibility violations on the way', async ({ page, app }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const index = byAge.findIndex((d) => d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind !== 'encrypted'));
  const target = byAge[index];
  if (!target) throw new Error('no two-filing new case');
  const caseNumber = `2026-${target.envelope.case.category ?? 'CV'}-000888`;

  await page.goto(app.url);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.type('clerk1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-clerk1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await expect(page.getByTestId('queue-row').first()).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: `Envelope ${target.envelope.id}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');

  await expect(page.getByTestId('filing-list')).toBeVisible();
  await expect(page.getByTestId('document-page')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.keyboard.press('Enter'); // the dialog's Close button has the focus
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);

  await page.keyboard.press('a');
  await page.keyboard.press('j');
  await page.keyboard.press('r');
  await expect(page.getByTestId(`decision-${target.envelope.filings[1]?.id}`).getByLabel('Rejection reason')).toBeFocused();
  await page.keyboard.type('Document illegible');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pages 2 and 3 are blank; please rescan and resubmit.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('c');
  await expect(page.getByLabel('Case number')).toBeFocused();
  await page.keyboard.type(caseNumber);
  await page.keyboard.press('Tab'); // title, prefilled from the filing
  await page.keyboard.press('Tab'); // location, prefilled from the envelope
  await page.keyboard.press('Tab'); // judge
  await page.keyboard.type('Hon. Pr');
  await expect(page.getByTestId('review-problems')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete", { timeout: 30_000 });

  const simulator = await app.services.efm.demoSimulator();
  const submission = (await simulator?.submissions())?.find((s) => s.envelopeId === target.envelope.id);
  expect(submission?.decisions.map((d) => [d.outcome, d.reasonCode])).toEqual([['accepted', null], ['rejected', 'ILLEGIBLE']]);
  await simulator?.whenDocketingIdle();
  const docketed = simulator?.cms.received.find((r) => r.operation === 'RecordDocketing' && r.xml.includes(target.envelope.id));
  expect(docketed?.xml).toContain('Hon. Priya Natarajan');
  expect(submission?.stamped).toHaveLength(1);
});
