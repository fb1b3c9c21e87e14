import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFirstFiling, startWorkstation, subsequentEnvelopes, type Workstation } from '../../fixtures/main-services-fixture';

let ws: Workstation;
beforeAll(async () => {
  ws = await startWorkstation('crd-held-');
});
afterAll(async () => ws.close());

describe('a claim is held until the decisions for its envelope are delivered (#11: submit, then Back at once)', () => {
  it('Back to the queue while the decision waits in the outbox keeps the claim; delivery releases it', async () => {
    const envelope = subsequentEnvelopes()[0]?.envelope;
    if (!envelope) throw new Error('no subsequent-filing envelope with two filings in the demo data');
    const envelopeId = envelope.id;
    await ws.signIn('clerk1');
    const lease = await ws.call('claim:acquire', { envelopeId });
    const payload = acceptFirstFiling(envelope, lease.fencingToken, `${envelopeId}-held-1`);
    // Submit: the decision is journaled; the delivery has not happened yet when the clerk presses Back.
    await ws.call('outbox:record', { payload, reviewer: 'clerk1' });
    await ws.call('claim:release', { envelopeId, fencingToken: lease.fencingToken });
    expect((await ws.call('envelope:get', { envelopeId })).lease).toMatchObject({ holder: 'clerk1' });
    // The main process delivers later: accepted once, and only then the claim goes back to the pool.
    expect(await ws.call('outbox:deliver', { idempotencyKey: payload.idempotencyKey })).toMatchObject({ status: 'sent', envelopeComplete: false });
    expect((await ws.call('envelope:get', { envelopeId })).lease).toBeNull();
    expect((await ws.simulator.submissions()).filter((s) => s.envelopeId === envelopeId)).toHaveLength(1);
    // The EFM released it itself, the moment the submission landed ("release after submission K").
    const history = (await ws.call('envelope:history', { envelopeId })) as unknown as { action: string; detail: string | null }[];
    expect(history.filter((e) => e.action === 'released').map((e) => e.detail)).toContain('after the submission landed');
    // With nothing waiting, a release is immediate.
    const again = await ws.call('claim:acquire', { envelopeId });
    await ws.call('claim:release', { envelopeId, fencingToken: again.fencingToken });
    expect((await ws.call('envelope:get', { envelopeId })).lease).toBeNull();
  });
});
