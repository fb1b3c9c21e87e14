import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

test("a clerk's waiting decision is never sent under the next clerk's session; it goes once its clerk signs in again", async ({ page, app }) => {
  const target = demoByAge().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
  const filing = target?.envelope.filings[0];
  if (!target || !filing) throw new Error('no single-filing existing case');
  const signOut = (): Promise<unknown> => page.evaluate(async () => (window as unknown as { api: Api }).api.session.signOut());
  await signIn(page, app.url, 'clerk1');
  await openEnvelope(page, target);
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of');

  // Clerk A decides while the EFM is away, and signs out.
  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('demo EFM not started');
  await simulator.close();
  await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByTestId('submit-outcome')).toContainText('Saved on this workstation');
  await page.getByRole('button', { name: 'Back to queue' }).click();
  await signOut();

  // The EFM is back; clerk B signs in on the same workstation and asks for a delivery: A's decision waits.
  await simulator.start();
  await signIn(page, app.url, 'clerk2');
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await page.getByRole('button', { name: 'Send waiting now' }).click();
  await expect(page.getByTestId('waiting-for-clerk')).toContainText('Waiting for clerk1 to sign in');
  expect(simulator.submissions.filter((s) => s.envelopeId === target.envelope.id)).toHaveLength(0);

  // Clerk A signs in again: delivered, once, under A.
  await signOut();
  await signIn(page, app.url, 'clerk1');
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-counts')).toContainText('1 delivered recently');
  const submitted = simulator.submissions.filter((s) => s.envelopeId === target.envelope.id);
  expect(submitted.map((s) => s.clerk)).toEqual(['clerk1']);
});
