import { EfmClient } from '../../electron/efm/efm-client';
import { submitReview } from '../../electron/efm/submit-review';
import { expect, test } from './loopback-fixture';
import { demoByAge, signIn } from './review-helpers';

test('the row the keyboard is on leaves the queue in a sync: the keyboard goes to the envelope now in its place', async ({ page, app }) => {
  const byAge = demoByAge();
  const [, left, next] = byAge;
  if (!left || !next) throw new Error('demo queue too short');
  await signIn(page, app.url);
  await page.getByTestId('queue-row').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: `Envelope ${left.envelope.id}` })).toBeFocused();

  // Another clerk completes that envelope at the EFM; the workstation's next sync takes it out of the queue.
  const simulator = await app.services.efm.demoSimulator();
  if (!simulator) throw new Error('no demo EFM');
  const other = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk2', password: 'demo-clerk2' } });
  const lease = await other.claim(left.envelope.id);
  if (!lease.ok) throw new Error(lease.error.message);
  const decided = await submitReview(other, { id: 'clerk2', name: 'Second Clerk' }, {
    envelopeId: left.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `${left.envelope.id}-elsewhere`,
    decidedAt: new Date().toISOString(), caseAssignment: left.envelope.case.isNew ? { caseNumber: '2026-CV-909090', trackingId: null, title: 'Elsewhere', courtLocation: 'DT', judge: 'J-101' } : null,
    stamped: [], decisions: left.envelope.filings.map((filing) => ({ outcome: 'rejected' as const, filingId: filing.id, reasonCode: 'ILLEGIBLE', note: 'Rejected at another desk.' })),
  });
  expect(decided.ok).toBe(true);
  // The EFM coming back online makes the queue refresh itself, with the keyboard still on the row.
  app.services.bus.emit('connectivity:changed', 'online');
  await expect(page.getByTestId('queue-count')).toHaveText('199 of 199 envelopes');
  await expect(page.getByRole('row', { name: `Envelope ${next.envelope.id}` })).toBeFocused();
});
