import type { Page } from '@playwright/test';
import type { Api } from '../../shared/ipc/create-api';
import type { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

const signOut = (page: Page): Promise<unknown> => page.evaluate(async () => (window as unknown as { api: Api }).api.session.signOut());

/**
 * Clerk A accepts the only filing of an existing case while the EFM is away and signs out, so the decision waits in
 * this workstation's outbox; the EFM comes back. Returns the envelope and the demo EFM.
 */
async function leaveWaitingDecision(page: Page, appUrl: string, services: { efm: { demoSimulator(): Promise<EfmSimulator | null> } }, index: number) {
  const target = demoByAge().filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'))[index];
  const filing = target?.envelope.filings[0];
  if (!target || !filing) throw new Error('no single-filing existing case');
  await signIn(page, appUrl, 'clerk1');
  await openEnvelope(page, target);
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');
  const simulator = await services.efm.demoSimulator();
  if (!simulator) throw new Error('demo EFM not started');
  await simulator.stop();
  await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText('Saved on this workstation');
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await signOut(page);
  await simulator.start();
  return { target, simulator };
}

test("a clerk's waiting decision is never sent under the next clerk's session; it goes once its clerk signs in again", async ({ page, app }) => {
  const { target, simulator } = await leaveWaitingDecision(page, app.url, app.services, 0);

  // Clerk B signs in on the same workstation and asks for a delivery: A's decision waits.
  await signIn(page, app.url, 'clerk2');
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await page.getByRole('button', { name: 'Send waiting now' }).click();
  await expect(page.getByTestId('waiting-for-clerk')).toContainText('Waiting for clerk1 to sign in');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id)).toHaveLength(0);

  // Clerk A signs in again: delivered, once, under A.
  await signOut(page);
  await signIn(page, app.url, 'clerk1', false);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toContainText('1 delivered recently');
  const submitted = (await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id);
  expect(submitted.map((s) => s.clerk)).toEqual(['clerk1']);
});

test('a supervisor gives a waiting decision to another clerk with a note; it goes under that clerk, once (#12)', async ({ page, app }) => {
  const { target, simulator } = await leaveWaitingDecision(page, app.url, app.services, 1);

  await signIn(page, app.url, 'supervisor');
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const entry = page.getByTestId(`outbox-${target.envelope.id}`);
  await expect(entry.getByTestId('waiting-for-clerk')).toContainText('Waiting for clerk1');
  await entry.getByLabel('Give to clerk').fill('clerk2');
  await entry.getByLabel('Why').fill('clerk1 is away this week');
  await entry.getByRole('button', { name: 'Reassign with note' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved 1 waiting decision' })).toContainText('sent when clerk2 is signed in here');
  await expect(entry.getByTestId('outbox-note')).toContainText('Reassigned from clerk1 to clerk2 by supervisor');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id)).toHaveLength(0);

  await signOut(page);
  await signIn(page, app.url, 'clerk2', false);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toContainText('1 delivered recently');
  expect((await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id).map((s) => s.clerk)).toEqual(['clerk2']);
});
