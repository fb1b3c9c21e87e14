import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

/** Every file under a folder, as latin1 text (so any byte sequence can be searched). */
function filesUnder(folder: string): { file: string; text: string }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file).toString('latin1') }));
}

// Chromium compresses IndexedDB values on disk (snappy), so the profile's files cannot show what is in clear: the
// records themselves are checked in the page (offline, drafts, outbox specs). This scans the app's data folder.
test("a run with offline copies, a decision and a draft leaves no note and no document in clear in the data folder", async ({ app }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'crd-profile-'));
  const context = await chromium.launchPersistentContext(profile, test.info().project.use.launchOptions ?? {});
  const page = context.pages()[0] ?? (await context.newPage());
  const candidates = demoByAge().filter((d) => !d.envelope.case.isNew && d.documents.every((doc) => doc.kind === 'plain'));
  const [decided, drafted] = candidates;
  const filing = decided?.envelope.filings[0];
  const draftFiling = drafted?.envelope.filings[0];
  if (!decided || !drafted || !filing || !draftFiling) throw new Error('two plain existing-case envelopes expected');
  const decisionNote = 'NOTE-7f3a: page four is cut off at the bottom';
  const draftNote = 'DRAFT-9c1e: the exhibit is missing its cover';

  await signIn(page, app.url);
  await page.getByRole('button', { name: 'Make 10 available offline' }).click();
  await expect(page.getByTestId('offline-status')).toContainText('envelopes with', { timeout: 30_000 });
  // A decision with a note, submitted (journal, outbox mirror).
  await openEnvelope(page, decided);
  for (const f of decided.envelope.filings) {
    await page.getByTestId(`decision-${f.id}`).getByLabel('Reject', { exact: true }).check();
    await page.getByTestId(`decision-${f.id}`).getByLabel('Rejection reason').selectOption('ILLEGIBLE');
    await page.getByTestId(`decision-${f.id}`).getByLabel(/Explanation for the filer/).fill(decisionNote);
  }
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText('Submitted', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Back to queue' }).click();
  // A draft with a note, left for later.
  await openEnvelope(page, drafted);
  await page.getByTestId(`decision-${draftFiling.id}`).getByLabel('Reject', { exact: true }).check();
  await page.getByTestId(`decision-${draftFiling.id}`).getByLabel(/Explanation for the filer/).fill(draftNote);
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Leave and keep my draft' }).click();
  await expect(page.getByTestId('queue-count')).toBeVisible();
  await context.close();

  const dataFiles = filesUnder(app.dataDir);
  // The scan sees what is written: the audit log names the envelope decided (ids are not case content).
  expect(dataFiles.some(({ text }) => text.includes(decided.envelope.id))).toBe(true);
  expect(dataFiles.some(({ file }) => file.includes(`${path.sep}outbox${path.sep}journal-`))).toBe(true);
  const leaks = dataFiles.filter(({ text }) => [decisionNote, 'NOTE-7f3a', '%PDF-', drafted.envelope.parties[0]?.name ?? '%none%'].some((secret) => text.includes(secret)));
  expect(leaks.map(({ file }) => file)).toEqual([]);
});
