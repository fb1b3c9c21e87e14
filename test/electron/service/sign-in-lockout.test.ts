import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { afterFailure, lockedFor, type Failures } from '../../../electron/service/sign-in-lockout';

describe('afterFailure and lockedFor', () => {
  const policy = { maxFailures: 5, windowMs: 1000, lockMs: 500 };
  const fail = (failures: Failures | null, at: number) => afterFailure(failures, at, policy);
  it('five failures within the window lock for the lock time; old failures lapse', () => {
    let failures: Failures | null = null;
    for (let i = 0; i < 4; i++) {
      const next = fail(failures, i);
      expect(next.locked).toBe(false);
      failures = next.failures;
    }
    expect(lockedFor(failures, 10)).toBe(0);
    const fifth = fail(failures, 10);
    expect(fifth.locked).toBe(true);
    expect(lockedFor(fifth.failures, 20)).toBe(490);
    expect(lockedFor(fifth.failures, 510)).toBe(0);
    // The fifth failure comes after the window: counting starts again.
    expect(fail(failures, 2000).locked).toBe(false);
  });
});

describe('the service locks an account out after repeated failed sign-ins', () => {
  let simulator: EfmSimulator;
  beforeAll(async () => {
    simulator = await new EfmSimulator().start();
  });
  afterAll(() => simulator.close());
  const as = (username: string, password: string): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username, password }, retries: 0 });

  it('the right password does not get in while locked; other accounts and unknown names are treated alike', async () => {
    for (let i = 0; i < 4; i++) expect(await as('clerk2', 'guess').whoAmI()).toMatchObject({ ok: false, error: { message: 'Unknown user or wrong password' } });
    expect(await as('clerk2', 'guess').whoAmI()).toMatchObject({ ok: false, error: { message: expect.stringContaining('now locked') } });
    expect(await as('clerk2', 'demo-clerk2').whoAmI()).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('This account is locked') } });
    expect(await as('clerk1', 'demo-clerk1').whoAmI()).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) await as('nobody', 'guess').whoAmI();
    expect(await as('nobody', 'guess').whoAmI()).toMatchObject({ ok: false, error: { message: expect.stringContaining('This account is locked') } });
  });
});
