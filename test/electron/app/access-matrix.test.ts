import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract';
import { startWorkstation, type Workstation } from '../../fixtures/main-services-fixture';

/**
 * Who may call what, written out here by hand (not read from the contract's declarations): for each channel, one
 * letter per caller — signed out, idle-locked clerk, clerk, supervisor, court IT (unlocked, signed out) — A when the
 * dispatcher lets the call through, R when it refuses it.
 */
const expected: Record<string, string> = {
  'app:info': 'AAAAA', 'settings:get': 'AAAAA', 'session:sign-in': 'AAAAA', 'session:current': 'AAAAA', 'secrets:status': 'AAAAA',
  'court-it:status': 'AAAAA', 'court-it:unlock': 'AAAAA', 'court-it:lock': 'AAAAA', 'court-it:set-passphrase': 'AAAAA',
  'session:sign-out': 'RAAAR', 'session:lock': 'RAAAR', 'session:unlock': 'RAAAR', 'policy:get': 'RAAAR', 'policy:filing-codes': 'RAAAR', 'efm:ping': 'RAAAR',
  'claim:renew': 'RAAAR', 'claim:release': 'RAAAR', 'outbox:withdraw': 'RAAAR', 'outbox:deliver': 'RAAAR', 'media:deliver-waiting': 'RAAAR',
  'cases:find': 'RRAAR', 'cases:get': 'RRAAR', 'queue:page': 'RRAAR', 'envelope:get': 'RRAAR', 'envelope:history': 'RRAAR',
  'document:get': 'RRAAR', 'claim:acquire': 'RRAAR', 'outbox:record': 'RRAAR', 'outbox:retry': 'RRAAR', 'outbox:discard': 'RRAAR',
  'outbox:journal': 'RRAAR', 'cms:export-zip': 'RRAAR', 'cms:inspect-zip': 'RRAAR', 'media:import': 'RRAAR', 'offline:key': 'RRAAR',
  'supervisor:workload': 'RRRAR', 'supervisor:reassign': 'RRRAR', 'supervisor:exceptions': 'RRRAR', 'supervisor:resolve-exception': 'RRRAR',
  'supervisor:export-statistics': 'RRRAR', 'audit:query': 'RRRAR', 'audit:verify': 'RRRAR', 'outbox:reassign': 'RRRAR',
  'settings:set': 'RRRRA', 'connections:set': 'RRRRA', 'connections:test': 'RRRRA', 'secrets:set-client-key': 'RRRRA', 'secrets:delete-client-key': 'RRRRA',
};
const callers = ['signed out', 'locked', 'clerk', 'supervisor', 'court IT'] as const;
const refusal = /^(Sign in to the EFM first\.|The workstation is locked|Only a supervisor can do this\.|Only court IT can change this)/;

let ws: Workstation;
beforeAll(async () => {
  ws = await startWorkstation('crd-access-');
  // Court IT has a passphrase on this workstation (as soon as a court connection exists), and is locked.
  await ws.call('court-it:set-passphrase', { passphrase: 'court it passphrase' });
  await ws.call('court-it:lock');
});
afterAll(async () => ws.close());

async function become(caller: (typeof callers)[number]): Promise<void> {
  if ((await ws.call('session:current')) !== null) await ws.call('session:sign-out');
  await ws.call('court-it:lock');
  if (caller === 'locked' || caller === 'clerk') await ws.signIn('clerk1');
  if (caller === 'locked') await ws.call('session:lock');
  if (caller === 'supervisor') await ws.signIn('supervisor');
  if (caller === 'court IT') await ws.call('court-it:unlock', { passphrase: 'court it passphrase' });
}

describe('access declared once, enforced by the dispatcher (#12)', () => {
  it('the table names every channel of the contract', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(channels).sort());
  });

  it('every channel, dispatched by each kind of caller, is let through or refused as the table says', async () => {
    const seen: Record<string, string> = Object.fromEntries(Object.keys(expected).map((channel) => [channel, '']));
    for (const caller of callers) {
      await become(caller);
      for (const channel of Object.keys(expected)) {
        // An argument no channel accepts whole: a call let through stops at validation, so nothing changes state.
        const answer = await ws.tryCall(channel, { probe: true });
        seen[channel] += !answer.ok && refusal.test(answer.error?.message ?? '') ? 'R' : 'A';
      }
    }
    expect(seen).toEqual(expected);
  });

  it('a clerk asking for a supervisor channel is refused and the refusal is audited', async () => {
    await become('clerk');
    expect((await ws.tryCall('supervisor:workload', { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' })).error?.code).toBe('forbidden');
    const denied = await ws.services.audit.query({ user: 'clerk1', action: 'access-denied', object: null, from: null, to: null, limit: 10 });
    // Newest first.
    expect(denied[0]).toMatchObject({ object: 'supervisor:workload', outcome: 'refused' });
  });

  it('a failed sign-in is audited under its user name only when it names a known user', async () => {
    await become('signed out');
    await ws.tryCall('session:sign-in', { username: 'clerk1', password: 'wrong' });
    await ws.tryCall('session:sign-in', { username: 'hunter2-my-password', password: 'x' });
    const signIns = await ws.services.audit.query({ user: null, action: 'sign-in', object: null, from: null, to: null, limit: 50 });
    const failed = signIns.filter((r) => r.outcome !== 'ok').map((r) => r.user);
    expect(failed.slice(0, 2)).toEqual(['unknown user', 'clerk1']);
    expect(JSON.stringify(signIns)).not.toContain('hunter2');
  });
});
