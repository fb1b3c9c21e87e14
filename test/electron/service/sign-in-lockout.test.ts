import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { SignInLockout } from '../../../electron/service/sign-in-lockout';

describe('SignInLockout', () => {
  it('five failures within the window lock for the lock time; a success clears the count; old failures lapse', () => {
    const lockout = new SignInLockout({ maxFailures: 5, windowMs: 1000, lockMs: 500 });
    for (let i = 0; i < 4; i++) expect(lockout.failed('clerk1', i)).toBe(false);
    expect(lockout.lockedFor('clerk1', 10)).toBe(0);
    expect(lockout.failed('clerk1', 10)).toBe(true);
    expect(lockout.lockedFor('clerk1', 20)).toBe(490);
    expect(lockout.lockedFor('clerk1', 510)).toBe(0);
    for (let i = 0; i < 4; i++) lockout.failed('clerk2', i);
    lockout.succeeded('clerk2');
    expect(lockout.failed('clerk2', 5)).toBe(false);
    for (let i = 0; i < 4; i++) lockout.failed('clerk3', i);
    // The fifth failure comes after the window: counting starts again.
    expect(lockout.failed('clerk3', 2000)).toBe(false);
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
