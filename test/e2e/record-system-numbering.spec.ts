import { expect, test } from '@playwright/test';
import { reviewRecords } from '../../electron/service/store/review-records';
import { recordSystemCaseNumberPlaceholder } from '../../shared/stamp/deferred-stamp';
import { readVisualText } from '../fixtures/pdfjs-text';
import { startCourtHost } from './court-host';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

test("a court whose record system numbers new cases: the clerk types no number, the stamp shows where it goes, the number appears once assigned", async ({
  page,
}) => {
  const court = await startCourtHost({ caseNumbering: 'record-system', cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }, 'cms-number');
  const { simulator } = court;
  try {
    const target = demoByAge().find((d) => d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind === 'plain'));
    if (!target) throw new Error('no two-filing new case in the demo data');
    const [first, second] = target.envelope.filings;
    if (!first || !second) throw new Error('two filings expected');
    await signIn(page, court.url);
    await openEnvelope(page, target);

    // No case-number form: the record system numbers the case when a filing is accepted.
    await expect(page.getByTestId('record-system-numbering')).toContainText("Number assigned by the court's record system");
    await expect(page.getByLabel('Case number')).toHaveCount(0);
    await page.getByTestId(`decision-${first.id}`).getByLabel('Accept').check();
    await expect(page.getByTestId('review-problems')).toHaveCount(0);
    await page.getByRole('button', { name: `Lead: ${first.leadDocument.title}` }).click();
    await page.getByRole('button', { name: 'Stamp preview' }).click();
    await expect(page.getByTestId('stamp-overlay-filed')).toContainText(recordSystemCaseNumberPlaceholder);
    await page.getByRole('button', { name: /Submit 1 decision/ }).click();
    await expect(page.getByTestId('submit-outcome')).toHaveText('Submitted 1 decision; 1 filing is left for later.', { timeout: 30_000 });

    await simulator.whenDocketingIdle();
    const stored = await reviewRecords.envelope(simulator.database, target.envelope.id);
    const caseNumber = stored?.assignedCase?.caseNumber ?? '';
    expect(stored?.assignedCase).toMatchObject({ assignedBy: 'record-system', caseNumber: expect.stringMatching(/^\d{4}-[A-Z]{2}-\d{6}$/) });
    // The service stamped the accepted lead document with the record system's number.
    const [stamped] = await reviewRecords.stampedDocuments(simulator.database, target.envelope.id);
    const text = (await readVisualText(stamped?.bytes ?? new Uint8Array(), [1]))[0]?.items.map((item) => item.text).join(' ') ?? '';
    expect(text).toContain(`Case ${caseNumber}`);

    // Back on the envelope (a fresh load; the clerk stays signed in), the number the record system gave shows.
    await page.goto('about:blank');
    await page.goto(court.url);
    await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes', { timeout: 30_000 });
    await openEnvelope(page, target);
    await expect(page.getByTestId('assigned-case')).toContainText(`Case number ${caseNumber}, assigned by the court's record system`);
    await page.getByTestId(`decision-${second.id}`).getByLabel('Accept').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await expect(page.getByTestId('submit-outcome')).toHaveText("Submitted 1 decision; the envelope's review is complete.", { timeout: 30_000 });
    await simulator.whenDocketingIdle();
    expect(simulator.cms.statusOf(second.id)).toBe('successful');
  } finally {
    await court.close();
  }
});
