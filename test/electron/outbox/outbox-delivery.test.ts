import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxState } from '../../../shared/outbox/outbox-state';
import { acceptFirstFiling, startWorkstation, subsequentEnvelopes, type Workstation } from '../../fixtures/main-services-fixture';

let ws: Workstation;
let pushed: OutboxState[];
beforeEach(async () => {
  ws = await startWorkstation('crd-delivery-');
  pushed = [];
  ws.services.bus.connect((event, payload) => {
    if (event === 'outbox:changed') pushed.push(payload as OutboxState);
  });
});
afterEach(async () => ws.close());

const envelopes = subsequentEnvelopes();
const submissionsOf = async (envelopeId: string): Promise<number> => (await ws.simulator.submissions()).filter((s) => s.envelopeId === envelopeId).length;

/** Claims an envelope and journals an acceptance of its first filing, as the page does on Submit. */
async function decide(index: number, reviewer: string, key: string) {
  const envelope = envelopes[index]?.envelope;
  if (!envelope) throw new Error(`no demo envelope ${index}`);
  const lease = await ws.call('claim:acquire', { envelopeId: envelope.id });
  const payload = acceptFirstFiling(envelope, lease.fencingToken, key);
  await ws.call('outbox:record', { payload, reviewer });
  return { envelope, payload, lease };
}

describe('the outbox is delivered by the main process (#11: delivery in the main process)', () => {
  it('delivers a journaled decision with no page asking for it, and says so to any page listening', async () => {
    await ws.signIn('clerk1');
    const { envelope } = await decide(0, 'clerk1', 'key-no-page-0001');
    // Nobody calls outbox:deliver: the page was closed right after Submit. The main process's own loop delivers.
    while (!pushed.some((s) => s.idempotencyKey === 'key-no-page-0001' && s.status === 'sent')) await new Promise((r) => setTimeout(r, 100));
    expect(await submissionsOf(envelope.id)).toBe(1);
    const journal = await ws.call('outbox:journal', { cursor: 0, limit: 10 });
    expect((journal.entries as { state: OutboxState }[]).map((e) => e.state.status)).toEqual(['sent']);
    // Asked again (a page that comes back): the EFM is not asked twice.
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-no-page-0001' })).toMatchObject({ status: 'sent' });
    expect(await submissionsOf(envelope.id)).toBe(1);
  });

  it('when the EFM answers again, what waited goes at once, not when its backoff runs out', async () => {
    await ws.signIn('clerk1');
    const envelope = envelopes[4]?.envelope;
    if (!envelope) throw new Error('no demo envelope 4');
    const lease = await ws.call('claim:acquire', { envelopeId: envelope.id });
    await ws.simulator.stop();
    const payload = acceptFirstFiling(envelope, lease.fencingToken, 'key-reconnect-01');
    await ws.call('outbox:record', { payload, reviewer: 'clerk1' });
    // An outage long enough for six failed attempts: the next one would wait 64 s, longer than this test may run.
    for (let i = 0; i < 6; i += 1) await ws.call('outbox:deliver', { idempotencyKey: 'key-reconnect-01' });
    const waiting = pushed.filter((s) => s.idempotencyKey === 'key-reconnect-01').at(-1);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 6, lastErrorReason: expect.any(String) });
    await ws.simulator.start();
    // Any call that reaches the EFM (the queue's next sync, the connection watch) tells the main process it is back.
    await ws.call('efm:ping');
    const sentOf = (): OutboxState | undefined => pushed.find((s) => s.idempotencyKey === 'key-reconnect-01' && s.status === 'sent');
    while (!sentOf()) await new Promise((r) => setTimeout(r, 50));
    expect(await submissionsOf(envelope.id)).toBe(1);
    const sent = sentOf();
    expect(Date.parse(sent?.sentAt ?? '')).toBeLessThan(waiting?.nextAttemptAt ?? 0);
  });

  it("delivers a clerk's decision only under that clerk's session, never under the next clerk's", async () => {
    await ws.signIn('clerk1');
    const { envelope } = await decide(1, 'clerk1', 'key-clerk-one-01');
    await ws.call('session:sign-out');
    await ws.signIn('clerk2');
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-clerk-one-01' })).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await submissionsOf(envelope.id)).toBe(0);
    await ws.call('session:sign-out');
    await ws.signIn('clerk1');
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-clerk-one-01' })).toMatchObject({ status: 'sent' });
    expect(await submissionsOf(envelope.id)).toBe(1);
    const submitted = (await ws.services.audit.query({ user: null, action: 'submit', object: null, from: null, to: null, limit: 10 })) as { user: string }[];
    expect(submitted.map((r) => r.user)).toEqual(['clerk1']);
  });

  it('a refusal is journaled as a conflict; retry asks again; discard needs a note and keeps the entry', async () => {
    await ws.signIn('clerk1');
    const { envelope } = await decide(2, 'clerk1', 'key-refused-0001');
    // The supervisor reassigned the envelope meanwhile: the fencing token is stale.
    await ws.call('session:sign-out');
    await ws.signIn('supervisor');
    await ws.call('supervisor:reassign', { envelopeIds: [envelope.id], toClerk: 'clerk2' });
    await ws.call('session:sign-out');
    await ws.signIn('clerk1');
    const refused = await ws.call('outbox:deliver', { idempotencyKey: 'key-refused-0001' });
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await ws.call('outbox:retry', { idempotencyKey: 'key-refused-0001' })).toMatchObject({ status: 'failed', attempts: 1 });
    const tooShort = await ws.tryCall('outbox:discard', { idempotencyKey: 'key-refused-0001', note: 'no' });
    expect(tooShort.error?.message).toMatch(/Say why/);
    const discarded = await ws.call('outbox:discard', { idempotencyKey: 'key-refused-0001', note: 'Decided by clerk2 instead' });
    expect(discarded).toMatchObject({ status: 'discarded' });
    expect(String(discarded.note)).toMatch(/^Decided by clerk2 instead — clerk1, 20/);
    expect((await ws.tryCall('outbox:retry', { idempotencyKey: 'key-refused-0001' })).error?.code).toBe('conflict');
    expect(await submissionsOf(envelope.id)).toBe(0);
    expect(pushed.filter((s) => s.idempotencyKey === 'key-refused-0001').map((s) => s.status)).toEqual(['failed', 'pending', 'failed', 'discarded']);
  });
});

describe('a supervisor moves waiting decisions to another clerk with a note (#12)', () => {
  it('the EFM gives the new clerk the claim; the decisions go only under that clerk, with that claim, once', async () => {
    await ws.signIn('clerk1');
    const { envelope } = await decide(3, 'clerk1', 'key-moved-00001');
    await ws.call('session:sign-out');
    await ws.signIn('clerk2');
    const notSupervisor = await ws.tryCall('outbox:reassign', { idempotencyKey: 'key-moved-00001', toClerk: 'clerk2', note: 'clerk1 is off sick' });
    expect(notSupervisor.error?.code).toBe('forbidden');
    await ws.call('session:sign-out');
    await ws.signIn('supervisor');
    const noNote = await ws.tryCall('outbox:reassign', { idempotencyKey: 'key-moved-00001', toClerk: 'clerk2', note: 'ok' });
    expect(noNote.error?.message).toMatch(/Say why/);
    const moved = (await ws.call('outbox:reassign', { idempotencyKey: 'key-moved-00001', toClerk: 'clerk2', note: 'clerk1 is off sick' })) as unknown as OutboxState[];
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ reviewer: 'clerk2', status: 'pending', attempts: 0 });
    expect(moved[0]?.note).toMatch(/^Reassigned from clerk1 to clerk2 by supervisor, 20.*: clerk1 is off sick$/);
    // Not under the supervisor who moved it, not under clerk1 any more.
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-moved-00001' })).toMatchObject({ status: 'pending' });
    await ws.call('session:sign-out');
    await ws.signIn('clerk1');
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-moved-00001' })).toMatchObject({ status: 'pending', reviewer: 'clerk2' });
    expect(await submissionsOf(envelope.id)).toBe(0);
    await ws.call('session:sign-out');
    await ws.signIn('clerk2');
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'key-moved-00001' })).toMatchObject({ status: 'sent' });
    expect((await ws.simulator.submissions()).filter((s) => s.envelopeId === envelope.id).map((s) => s.clerk)).toEqual(['clerk2']);
    // Both attempts are on record: the one refused for want of a note, and the move itself.
    const reassigned = (await ws.services.audit.query({ user: 'supervisor', action: 'reassign', object: null, from: null, to: null, limit: 10 })) as { detail: string }[];
    expect(reassigned.map((r) => r.detail)).toContain(`waiting decisions on ${envelope.id} (1) to clerk2: clerk1 is off sick`);
    expect(reassigned).toHaveLength(2);
  });
});
