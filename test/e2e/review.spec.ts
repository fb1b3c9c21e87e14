import { createHash } from 'node:crypto';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { validateEcf } from '../fixtures/ecf-validate';
import { readVisualText } from '../fixtures/pdfjs-text';
import { keepScreenshot } from './keep-screenshot';
import { expect, test } from './loopback-fixture';

test('review a two-filing new case: assign number and judge, accept one with a stamp, reject the other with reason and note', async ({ page, app }) => {
  const demo = makeDemoEnvelopes();
  const byAge = [...demo].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const newCases = byAge.filter((d) => d.envelope.case.isNew);
  const target = newCases.find((d) => d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind !== 'encrypted'));
  if (!target) throw new Error('no two-filing new case in the demo data');
  const { envelope } = target;
  const caseNumber = `2026-${envelope.case.category ?? 'CV'}-000777`;

  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await page.getByLabel('Case', { exact: true }).selectOption('new');
  await page.getByTestId('queue-scroller').evaluate((element, index) => element.scrollTo({ top: index * 36 }), newCases.indexOf(target));
  await page.getByRole('row', { name: `Envelope ${envelope.id}` }).click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');

  const [first, second] = envelope.filings;
  if (!first || !second) throw new Error('two filings expected');
  await page.getByTestId(`decision-${first.id}`).getByLabel('Accept').check();
  await page.getByTestId(`decision-${second.id}`).getByLabel('Reject').check();
  await page.getByTestId(`decision-${second.id}`).getByLabel('Rejection reason').selectOption('ILLEGIBLE');
  await page.getByTestId(`decision-${second.id}`).getByLabel(/Explanation for the filer/).fill('Pages 2 and 3 are blank; please rescan and resubmit.');
  await expect(page.getByTestId('review-problems')).toContainText('Enter the new case number');
  await page.getByLabel('Case number').fill(caseNumber);
  await page.getByLabel('Judge').selectOption('J-102');
  await expect(page.getByTestId('review-problems')).toHaveCount(0);

  // Preview the stamps on the accepted filing's lead document and move the Filed stamp down and left.
  await page.getByRole('button', { name: `Lead: ${first.leadDocument.title}` }).click();
  // At 100 %, a CSS pixel is a PDF point: the drag below moves the stamp by 100 pt.
  await page.getByLabel('View', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Stamp preview' }).click();
  const overlay = page.getByTestId('stamp-overlay-filed');
  await expect(overlay).toBeVisible();
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no stamp overlay');
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x - 90, box.y + 60, { steps: 4 });
  await page.mouse.move(box.x - 190, box.y + 110, { steps: 4 });
  await page.mouse.up();
  await keepScreenshot(page, test.info(), 'envelope-before-submit');
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toHaveText("Submitted 2 decisions; the envelope's review is complete.", { timeout: 30_000 });
  await expect(page.getByTestId('history')).toContainText('clerk1 submitted');
  await expect(page.getByTestId('history')).toContainText('clerk1 claimed');

  // What the service did with it: a stamped rendition whose SHA-256 matches, a schema-valid RecordDocketing to the
  // record system with the case assignment, and the filer's schema-valid notice, both written by the service.
  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('no demo service');
  const submission = (await simulator.submissions()).find((s) => s.envelopeId === envelope.id);
  if (!submission) throw new Error('no submission received');
  await simulator.whenDocketingIdle();
  const docketing = simulator.cms.received.find((r) => r.operation === 'RecordDocketing' && r.xml.includes(envelope.id))?.xml ?? '';
  const notice = await simulator.reviewCompleteMessage(envelope.id);
  const wrappers = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/wrappers';
  const noticeRequest = `<wrappers:NotifyFilingReviewCompleteRequest xmlns:wrappers="${wrappers}">${notice}</wrappers:NotifyFilingReviewCompleteRequest>`;
  for (const xml of [docketing, noticeRequest]) {
    const result = validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
    expect(result.valid, result.output).toBe(true);
  }
  // Serialised from parsed XML, so elements may carry namespace declarations.
  const element = (name: string, value: string): RegExp => new RegExp(`<${name}(\\s[^>]*)?>${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</${name}>`);
  expect(docketing).toMatch(element('j:CaseNumberText', caseNumber));
  expect(docketing).toContain('Hon. Marcus Chen');
  const stamped = submission.stamped[0];
  expect(stamped?.documentId).toBe(first.leadDocument.id);
  expect(createHash('sha256').update(stamped?.bytes ?? new Uint8Array()).digest('hex')).toBe(stamped?.sha256);
  expect(docketing).toMatch(element('ecf:DocumentRenditionHash', stamped?.sha256 ?? 'missing'));
  expect(Buffer.from(stamped?.bytes ?? []).subarray(0, 5).toString()).toBe('%PDF-');
  // The stamp is where the clerk dropped it in the preview (24 pt from the top before, 124 pt after).
  const [page1] = await readVisualText(stamped?.bytes ?? new Uint8Array(), [1]);
  const filed = page1?.items.find((item) => item.text === 'FILED');
  expect(filed?.y).toBeGreaterThan(124);
  expect(filed?.y).toBeLessThan(150);
  // The clerk's name as the EFM knows it (WhoAmI), not the login.
  expect(page1?.items.map((item) => item.text)).toContain('Clerk: Dana Whitaker');
  expect(notice).toMatch(element('ecf:FilingReviewStatusCode', 'partially-accepted'));
  expect(notice).toContain('Pages 2 and 3 are blank; please rescan and resubmit.');
  expect(notice).toMatch(element('ecf:DocumentRenditionHash', stamped?.sha256 ?? 'missing'));
  await keepScreenshot(page, test.info(), 'envelope-submitted');

  // For a court without an interactive CMS link: export the CMS zip, and open it again to inspect it.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('cms-exportable').getByRole('button', { name: 'Export CMS zip' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${envelope.id}.zip`);
  await page.getByLabel('Inspect a CMS zip').setInputFiles(await download.path());
  await expect(page.getByTestId('cms-report')).toContainText(`envelope ${envelope.id}, case ${caseNumber}`);
  await expect(page.getByTestId('cms-report')).toContainText('No problem found');
  await expect(page.getByTestId('cms-report')).toContainText(`${first.id}/${first.id}_0.pdf`);
});
