import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { expect, test } from './loopback-fixture';
import { storedRecords } from './stored-records';

test('offline: take envelopes for offline work, lose the EFM, review and stamp from the local copy, reconnect, delivered once', async ({ page, app }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  // The ten oldest are the ones taken; review an existing-case, single-filing one among them.
  const target = byAge.slice(0, 10).find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'))
    ?? byAge.slice(0, 10).find((d) => !d.envelope.case.isNew && d.documents.every((doc) => doc.kind !== 'encrypted'));
  if (!target) throw new Error('no suitable envelope among the ten oldest');
  const index = byAge.indexOf(target);

  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await page.getByRole('button', { name: 'Make 10 available offline' }).click();
  await expect(page.getByTestId('offline-status')).toContainText('10 envelopes with', { timeout: 30_000 });
  // The queue marks them: the ten oldest rows say Offline, the eleventh does not.
  await expect(page.getByTestId('queue-row').nth(0).getByTestId('row-markers')).toContainText('Offline');
  await expect(page.getByTestId('queue-row').nth(9).getByTestId('row-markers')).toContainText('Offline');
  await expect(page.getByTestId('queue-row').nth(10).getByTestId('row-markers')).toHaveCount(0);

  // At rest the copies are sealed: the stored records, read straight from IndexedDB, hold no party name, no filing
  // description and no PDF in clear (#12 "case data at rest").
  const stored = await storedRecords(page, ['envelopes', 'documents']);
  expect(stored.counts.envelopes).toBe(10);
  expect(stored.counts.documents).toBeGreaterThanOrEqual(10);
  const secrets = ['%PDF', target.envelope.case.title, ...target.envelope.parties.map((p) => p.name), ...target.envelope.filings.map((f) => f.description)];
  for (const secret of secrets.filter((s): s is string => !!s)) {
    expect(stored.text, secret).not.toContain(secret);
  }

  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('demo EFM not started');
  await simulator.stop();
  // The header says so by itself within seconds (the workstation asks the EFM every five), before any click.
  await expect(page.getByTestId('connectivity')).toHaveText('Offline', { timeout: 30_000 });

  await page.getByTestId('queue-scroller').evaluate((element, row) => element.scrollTo({ top: row * 36 }), index);
  await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
  await expect(page.getByTestId('offline-copy')).toBeVisible();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  await expect(page.getByTestId('offline-banner')).toContainText('The EFM cannot be reached');

  for (const filing of target.envelope.filings) await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText('Saved on this workstation', { timeout: 30_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('1 decision waits');
  expect(await simulator.submissions()).toHaveLength(0);

  // The EFM is back: the app notices, delivers, and the EFM applies it once, stamped, with the offline claim's token.
  await simulator.start();
  await expect(page.getByTestId('outbox-status')).toContainText('Delivered to the EFM', { timeout: 30_000 });
  // The header follows the EFM's return on its next answer (it asks every five seconds).
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
  const received = (await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id);
  expect(received).toHaveLength(1);
  expect(received[0]?.stamped.length).toBeGreaterThan(0);
  // Its offline copy is dropped once the review is complete; the other nine stay for offline work.
  const offlineCopies = (): Promise<string[]> => page.evaluate(() => new Promise<string[]>((resolve, reject) => {
    const open = indexedDB.open('clerk-review-desk');
    open.onsuccess = () => {
      const request = open.result.transaction('envelopes').objectStore('envelopes').getAllKeys();
      request.onsuccess = () => resolve(request.result.map(String));
      request.onerror = () => reject(request.error);
    };
  }));
  await expect.poll(async () => (await offlineCopies()).length).toBe(9);
  expect(await offlineCopies()).not.toContain(target.envelope.id);

  // The clerk who took them signs out: the other nine are wiped from the workstation.
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('User name')).toBeVisible();
  expect(await offlineCopies()).toEqual([]);
});
