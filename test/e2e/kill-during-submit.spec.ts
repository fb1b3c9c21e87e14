import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { expect, test } from './loopback-fixture';

// Milliseconds between clicking Submit and killing the browser (SIGKILL: no unload, no flush).
const killPoints = [0, 30, 80, 150, 250, 400, 700, 1200, 3000];

test('the browser killed at points during submit: after a restart nothing the clerk was told is saved is lost, nothing is applied twice', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'crd-kill-profile-'));
  const launchOptions = testInfo.project.use.launchOptions ?? {};
  const launch = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.url);
    return { context, page };
  };
  const kill = (): void => {
    // Every process of this profile's browser, at once.
    try {
      execFileSync('pkill', ['-9', '-f', profile]);
    } catch {
      // Nothing left to kill.
    }
  };
  const byAge = [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
  const targets = byAge.filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain')).slice(0, killPoints.length);
  let { context, page } = await launch();
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const told = new Map<string, string>();
  for (const [index, target] of targets.entries()) {
    await expect(page.getByTestId('queue-count')).toContainText('envelopes');
    // Found by its id: envelopes applied before a kill have left the queue, so row positions shift from run to run.
    await page.getByLabel('Search', { exact: true }).fill(target.envelope.id);
    await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
    await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
    await page.getByTestId(`decision-${target.envelope.filings[0]?.id ?? ''}`).getByLabel('Accept').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    // Watch what the clerk is told until the kill.
    const deadline = Date.now() + (killPoints[index] ?? 0);
    let message: string;
    do {
      message = (await page.getByTestId('submit-outcome').textContent({ timeout: 5 }).catch(() => '')) ?? '';
    } while (Date.now() < deadline && !message);
    if (/Submitted|Saved on this workstation/.test(message)) told.set(target.envelope.id, message);
    kill();
    await context.close().catch(() => undefined);
    ({ context, page } = await launch());
  }
  // After the last restart the outbox (IndexedDB + the main process's journal) delivers what was kept.
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toContainText('0 waiting', { timeout: 60_000 });
  const simulator = await app.services.efm.demoSimulator();
  const applied = new Map<string, number>();
  for (const submission of (await simulator?.submissions()) ?? []) applied.set(submission.envelopeId, (applied.get(submission.envelopeId) ?? 0) + 1);
  const lost = [...told.keys()].filter((id) => !applied.has(id));
  const duplicated = [...applied.values()].filter((count) => count > 1).length;
  console.log(`kill points: ${killPoints.length} tried (${killPoints.join(', ')} ms after Submit), clerk told saved before the kill ${told.size}, applied ${applied.size}, lost ${lost.length}, duplicated ${duplicated}`);
  await context.close();
  expect(lost).toEqual([]);
  expect(duplicated).toBe(0);
  // The points must really cut in at different stages: some before the clerk heard anything, some after.
  expect(told.size).toBeGreaterThan(0);
  expect(told.size).toBeLessThan(killPoints.length);
});
