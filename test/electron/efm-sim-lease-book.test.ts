import { describe, expect, it } from 'vitest';
import { LeaseBook } from '../../electron/efm-sim/lease-book';

function book() {
  let now = Date.parse('2026-11-22T10:00:00Z');
  const leases = new LeaseBook(() => now);
  return { leases, advance: (seconds: number) => void (now += seconds * 1000) };
}

describe('LeaseBook', () => {
  it('gives an envelope to one clerk; the other learns who holds it', () => {
    const { leases } = book();
    const first = leases.claim('E1', 'ana', 300);
    expect(first).toMatchObject({ ok: true, lease: { holder: 'ana', fencingToken: 1 } });
    expect(leases.claim('E1', 'ben', 300)).toMatchObject({ ok: false, fault: { code: 'claimed-by-other', holder: 'ana' } });
  });

  it('keeps the token when the holder claims again, and raises it when someone new takes an expired claim', () => {
    const { leases, advance } = book();
    leases.claim('E1', 'ana', 60);
    expect(leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 1 } });
    advance(61);
    expect(leases.claim('E1', 'ben', 60)).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
  });

  it('refuses the previous holder after a reassignment, and accepts the new one', () => {
    const { leases } = book();
    leases.claim('E1', 'ana', 300);
    const moved = leases.reassign('E1', 'ben', 300);
    expect(moved).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
    expect(leases.checkWrite('E1', 'ben', 2).ok).toBe(true);
  });

  it('an expired lease nobody else took still carries the holder’s writes (offline work); once another clerk claims it, they are fenced out', () => {
    const { leases, advance } = book();
    leases.claim('E1', 'ana', 60);
    advance(3600);
    expect(leases.current('E1')).toBeNull();
    expect(leases.checkWrite('E1', 'ana', 1).ok).toBe(true);
    // Claiming again herself keeps her token.
    expect(leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 1 } });
    advance(61);
    expect(leases.claim('E1', 'ben', 60)).toMatchObject({ lease: { holder: 'ben', fencingToken: 2 } });
    expect(leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
  });

  it('refuses writes after release; tokens only ever go up', () => {
    const { leases } = book();
    leases.claim('E1', 'ana', 60);
    expect(leases.release('E1', 'ana', 1)).toEqual({ ok: true, lease: null });
    expect(leases.checkWrite('E1', 'ana', 1)).toMatchObject({ ok: false, fault: { code: 'stale-fencing-token' } });
    expect(leases.current('E1')).toBeNull();
    expect(leases.claim('E1', 'ana', 60)).toMatchObject({ lease: { fencingToken: 3 } });
  });
});
