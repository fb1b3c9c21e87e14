import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseBook } from '../../electron/efm-sim/lease-book';
import type { SqlDatabase } from '../../electron/service/db/sql-database';
import { addEnvelopes, openTestDatabase } from '../fixtures/service-database';

let database: SqlDatabase;
let sequence = 0;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A lease book on the real `leases` table, bound to a fresh envelope `E1` of its own. */
async function book() {
  let now = Date.parse('2026-11-22T10:00:00Z');
  const book = new LeaseBook(() => now);
  const id = `LEASE-${++sequence}`;
  await addEnvelopes(database, [id]);
  const at = (envelopeId: string): string => (envelopeId === 'E1' ? id : envelopeId);
  const leases = {
    claim: (e: string, clerk: string, seconds: number) => book.claim(database, at(e), clerk, seconds),
    checkWrite: (e: string, clerk: string, token: number) => book.checkWrite(database, at(e), clerk, token),
    reassign: (e: string, clerk: string | null, seconds: number, by: string | null = null) => book.reassign(database, at(e), clerk, seconds, by),
    active: async () => (await book.active(database)).filter((claim) => claim.envelopeId === id),
    release: (e: string, clerk: string, token: number) => book.release(database, at(e), clerk, token),
    current: (e: string) => book.current(database, at(e)),
  };
  return { leases, advance: (seconds: number) => void (now += seconds * 1000) };
}

describe('LeaseBook', () => {
  it('gives an envelope to one clerk; the other learns who holds it', async () => {
    const { leases } = await book();
    const first = await leases.claim('E1', 'ana', 300);
    expect(first).toMatchObject({ ok: true, lease: { holder: 'ana', fencingToken: 1 } });
    expect(await leases.claim('E1', 'ben', 300)).toMatchObject({ ok: false, fault: { code: 'claimed-by-other', holder: 'ana' } });
  });

  it('keeps the token when the holder claims again, and raises it when someone new takes an expired claim', async () => {
    const { leases, advance } = await book();
    await leases.claim('E1', 'ana', 60);
    expect(await leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 1 } });
    advance(61);
    expect(await leases.claim('E1', 'ben', 60)).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(await leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
  });

  it('refuses the previous holder after a reassignment, and accepts the new one', async () => {
    const { leases } = await book();
    await leases.claim('E1', 'ana', 300);
    const moved = await leases.reassign('E1', 'ben', 300);
    expect(moved).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(await leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
    expect((await leases.checkWrite('E1', 'ben', 2)).ok).toBe(true);
  });

  it('an expired lease nobody else took still carries the holder’s writes (offline work); once another clerk claims it, they are fenced out', async () => {
    const { leases, advance } = await book();
    await leases.claim('E1', 'ana', 60);
    advance(3600);
    expect(await leases.current('E1')).toBeNull();
    expect((await leases.checkWrite('E1', 'ana', 1)).ok).toBe(true);
    // Claiming again herself keeps her token.
    expect(await leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 1 } });
    advance(61);
    expect(await leases.claim('E1', 'ben', 60)).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(await leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
  });

  it('refuses writes after release; tokens only ever go up', async () => {
    const { leases } = await book();
    await leases.claim('E1', 'ana', 60);
    expect(await leases.release('E1', 'ana', 1)).toEqual({ ok: true, lease: null });
    expect(await leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
    expect(await leases.current('E1')).toBeNull();
    expect(await leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 3 } });
  });

  it('a supervisor\'s assignment outlasts the working lease: nobody else takes it until the clerk releases it', async () => {
    const { leases, advance } = await book();
    await leases.claim('E1', 'ana', 300);
    expect(await leases.reassign('E1', 'ben', 300, 'sup')).toMatchObject({ ok: true, lease: { holder: 'ben', fencingToken: 2 } });
    advance(3600);
    // Still ben's an hour later: in the queue, in the workload, and against another clerk's claim.
    expect(await leases.current('E1')).toMatchObject({ holder: 'ben', fencingToken: 2 });
    expect(await leases.active()).toMatchObject([{ holder: 'ben' }]);
    expect(await leases.claim('E1', 'ana', 300)).toMatchObject({ ok: false, fault: { code: 'claimed-by-other', holder: 'ben', text: expect.stringContaining('assigned to ben by sup') } });
    // Ben opens it on his workstation: the same token, a fresh working lease.
    expect(await leases.claim('E1', 'ben', 300)).toMatchObject({ ok: true, lease: { holder: 'ben', fencingToken: 2 } });
    advance(3600);
    expect(await leases.current('E1')).toMatchObject({ holder: 'ben' });
    // Released, it is back in the pool and lapses like any claim.
    expect(await leases.release('E1', 'ben', 2)).toEqual({ ok: true, lease: null });
    expect(await leases.claim('E1', 'ana', 60)).toMatchObject({ ok: true, lease: { holder: 'ana', fencingToken: 4 } });
    advance(61);
    expect(await leases.current('E1')).toBeNull();
  });

  it('an assignment moved to the pool, or to another clerk, is no longer the first clerk\'s', async () => {
    const { leases, advance } = await book();
    await leases.reassign('E1', 'ben', 300, 'sup');
    await leases.reassign('E1', 'cy', 300, 'sup');
    advance(3600);
    expect(await leases.claim('E1', 'ben', 60)).toMatchObject({ ok: false, fault: { holder: 'cy' } });
    expect(await leases.reassign('E1', null, 0, 'sup')).toEqual({ ok: true, lease: null });
    expect(await leases.current('E1')).toBeNull();
    expect(await leases.claim('E1', 'ben', 60)).toMatchObject({ ok: true, lease: { holder: 'ben' } });
  });
});
