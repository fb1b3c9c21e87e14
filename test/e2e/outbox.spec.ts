import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { expect, test } from './loopback-fixture';
import { storedRecords } from './stored-records';

test('a decision made while the EFM is down is saved on disk, shown as waiting, and delivered exactly once when it is back', async ({ page, app }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const target = byAge.find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
  if (!target) throw new Error('no single-filing existing case');
  const filing = target.envelope.filings[0];
  if (!filing) throw new Error('no filing');

  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await page.getByTestId('queue-scroller').evaluate((element, index) => element.scrollTo({ top: index * 36 }), byAge.indexOf(target));
  await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');

  // The EFM goes away while the clerk decides.
  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('demo EFM not started');
  await simulator.stop();
  await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText('Saved on this workstation');
  await expect(page.getByTestId('outbox-status')).toContainText('Waiting to reach the EFM');

  // It is in IndexedDB, with the review, before the EFM ever saw it.
  const stored = await page.evaluate(() => new Promise<{ outbox: string[]; reviews: number }>((resolve, reject) => {
    const open = indexedDB.open('clerk-review-desk');
    open.onsuccess = () => {
      const tx = open.result.transaction(['outbox', 'reviewEpisodes']);
      const entries = tx.objectStore('outbox').getAll();
      const reviews = tx.objectStore('reviewEpisodes').count();
      tx.oncomplete = () => resolve({ outbox: (entries.result as { status: string }[]).map((e) => e.status), reviews: reviews.result });
      tx.onerror = () => reject(tx.error);
    };
  }));
  expect(stored).toEqual({ outbox: ['pending'], reviews: 1 });
  // Sealed at rest: the stamped PDF the submission carries is not in clear in the stored entry.
  const raw = (await storedRecords(page, ['outbox'])).text;
  expect(raw).toContain('sealedPayload');
  expect(raw).not.toContain('%PDF');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id)).toHaveLength(0);

  // Back again: delivered, and applied once.
  await simulator.start();
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('outbox-status')).toContainText('Delivered to the EFM');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id)).toHaveLength(1);
});

test('a workstation upgraded from the v2 store keeps its recorded reviews (Dexie versions are append-only)', async ({ page, app }) => {
  // A blank page on the app's origin, so IndexedDB is the app's; then the v2 store as an older build left it.
  const blank = `${new URL(app.url).origin}/blank-for-upgrade-test`;
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<title>blank</title>' }));
  await page.goto(blank);
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    // Dexie stores version n as IndexedDB version n * 10.
    const open = indexedDB.open('clerk-review-desk', 20);
    open.onupgradeneeded = () => {
      const idb = open.result;
      const queue = idb.createObjectStore('queue', { keyPath: 'envelopeId' });
      for (const index of ['submittedAt', 'courtLocation', 'caseCategory', 'newCase', 'claimedBy', 'syncId']) queue.createIndex(index, index);
      queue.createIndex('filingCodes', 'filingCodes', { multiEntry: true });
      idb.createObjectStore('savedFilters', { keyPath: 'id', autoIncrement: true }).createIndex('name', 'name', { unique: true });
      idb.createObjectStore('meta', { keyPath: 'key' });
      const outbox = idb.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
      for (const index of ['envelopeId', 'status', 'nextAttemptAt']) outbox.createIndex(index, index);
      const reviews = idb.createObjectStore('reviews', { keyPath: 'envelopeId' });
      reviews.createIndex('idempotencyKey', 'idempotencyKey');
      reviews.put({ envelopeId: 'ENV-OLD', idempotencyKey: 'ENV-OLD-key-1', reviewer: 'clerk1', decisions: [{ filingId: 'F1', outcome: 'accepted' }], decidedAt: '2026-11-01T10:00:00Z' });
    };
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  }));
  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  const upgraded = await page.evaluate(() => new Promise<{ version: number; stores: string[]; episodes: unknown[] }>((resolve, reject) => {
    const open = indexedDB.open('clerk-review-desk');
    open.onsuccess = () => {
      const request = open.result.transaction('reviewEpisodes').objectStore('reviewEpisodes').getAll();
      request.onsuccess = () => resolve({ version: open.result.version, stores: [...open.result.objectStoreNames], episodes: request.result });
      request.onerror = () => reject(request.error);
    };
  }));
  expect(upgraded.version).toBe(80);
  expect(upgraded.stores).toContain('drafts');
  expect(upgraded.stores).toContain('explanations');
  expect(upgraded.stores).not.toContain('reviews');
  // The queue cache moved to its own, relaxed database (v7); the strict one keeps decisions, outbox and drafts.
  expect(upgraded.stores).not.toContain('queue');
  expect(upgraded.episodes).toEqual([expect.objectContaining({ envelopeId: 'ENV-OLD', idempotencyKey: 'ENV-OLD-key-1' })]);
});

test('two copies: a wiped browser store is restored from the main process journal; a journal that cannot be written means NOT saved', async ({ page, app }) => {
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const [first, second] = byAge.filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
  if (!first || !second) throw new Error('two single-filing existing cases expected');
  const signIn = async (): Promise<void> => {
    await page.getByLabel('User name').fill('clerk1');
    await page.getByLabel('Password').fill('demo-clerk1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  };
  const decide = async (target: typeof first, beforeDeciding: () => Promise<void> = async () => undefined): Promise<void> => {
    // By its id: an envelope decided before has left the queue, so row positions shift.
    await page.getByLabel('Search', { exact: true }).fill(target.envelope.id);
    await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
    await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
    await beforeDeciding();
    await page.getByTestId(`decision-${target.envelope.filings[0]?.id ?? ''}`).getByLabel('Accept').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
  };
  await page.goto(app.url);
  await signIn();
  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('demo EFM not started');
  // The document on screen is fetched (and cached for stamping) before the EFM goes away, however loaded the machine.
  await decide(first, async () => {
    await expect(page.getByTestId('pdf-page-canvas').first()).toBeVisible({ timeout: 30_000 });
    await simulator.stop();
  });
  await expect(page.getByTestId('submit-outcome')).toContainText('Saved on this workstation');

  // The browser profile loses its IndexedDB (wiped, damaged). After a restart the journal brings the decision back.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase('clerk-review-desk');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  }));
  // The EFM is back before the restart, so the first sync after it succeeds (no race with the reload).
  await simulator.start();
  await page.reload();
  // The main process may deliver the journaled decision before this first sync (the envelope then has left the
  // queue) or after it: both are right, and which comes first is timing. The delivery itself is checked below.
  await expect(page.getByTestId('queue-count')).toHaveText(/^(200 of 200|199 of 199) envelopes$/);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toContainText('1 delivered', { timeout: 30_000 });
  expect((await simulator.submissions()).filter((s) => s.envelopeId === first.envelope.id)).toHaveLength(1);

  // The journal cannot be written (a folder where the file should be, like a broken disk): the clerk is told.
  const journal = path.join(app.dataDir, 'outbox', 'journal-000001.log');
  rmSync(journal);
  mkdirSync(journal);
  await page.getByRole('button', { name: 'Queue' }).click();
  await decide(second);
  await expect(page.getByTestId('submit-outcome')).toContainText('NOT saved');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === second.envelope.id)).toHaveLength(0);
});
