import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../../electron/service/db/sql-database';
import { AccountStore } from '../../../../electron/service/store/account-store';
import { openTestDatabase } from '../../../fixtures/service-database';

let database: SqlDatabase;
let now = Date.parse('2026-12-02T09:00:00Z');
let accounts: AccountStore;
beforeAll(async () => {
  database = await openTestDatabase();
  accounts = new AccountStore(database, () => now);
});
afterAll(() => database.close());

describe('AccountStore', () => {
  it('stores an scrypt hash, never the password; a wrong password fails; a disabled account cannot sign in', async () => {
    await accounts.add({ username: 'ana', displayName: 'Ana Diaz', role: 'clerk', password: 'correct horse' });
    const [row] = await database.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE username = $1', ['ana']);
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row?.password_hash).not.toContain('correct horse');
    expect(await accounts.signIn('ana', 'correct horse')).toMatchObject({ ok: true, account: { role: 'clerk', displayName: 'Ana Diaz' } });
    expect(await accounts.signIn('ana', 'wrong')).toMatchObject({ ok: false });
    await accounts.disable('ana');
    expect(await accounts.signIn('ana', 'correct horse')).toMatchObject({ ok: false });
    await accounts.enable('ana');
    expect(await accounts.signIn('ana', 'correct horse')).toMatchObject({ ok: true });
  });

  it('refuses a name taken, a short password, and a name with spaces or control characters', async () => {
    await expect(accounts.add({ username: 'ana', displayName: 'Other', role: 'clerk', password: 'long enough' })).rejects.toThrow('already a user ana');
    await expect(accounts.add({ username: 'ben', displayName: 'Ben', role: 'clerk', password: 'short' })).rejects.toThrow('at least 8');
    await expect(accounts.add({ username: 'ben smith', displayName: 'Ben', role: 'clerk', password: 'long enough' })).rejects.toThrow('user name');
  });

  it('locks after five failures even with the right password; a reset clears the lock and the old password stops working', async () => {
    await accounts.add({ username: 'cara', displayName: 'Cara', role: 'supervisor', password: 'first password' });
    for (let i = 0; i < 4; i++) expect(await accounts.signIn('cara', 'guess')).toEqual({ ok: false, lockedMs: 0, nowLocked: false });
    expect(await accounts.signIn('cara', 'guess')).toEqual({ ok: false, lockedMs: 0, nowLocked: true });
    expect(await accounts.signIn('cara', 'first password')).toMatchObject({ ok: false, lockedMs: 15 * 60_000 });
    await accounts.resetPassword('cara', 'second password');
    expect(await accounts.signIn('cara', 'first password')).toMatchObject({ ok: false, lockedMs: 0 });
    expect(await accounts.signIn('cara', 'second password')).toMatchObject({ ok: true });
    // The lock lapses by itself too.
    for (let i = 0; i < 5; i++) await accounts.signIn('nobody', 'guess');
    expect(await accounts.signIn('nobody', 'guess')).toMatchObject({ lockedMs: 15 * 60_000 });
    now += 15 * 60_000 + 1;
    expect(await accounts.signIn('nobody', 'guess')).toMatchObject({ ok: false, lockedMs: 0 });
  });

  it('takes each WS-Security nonce once per user', async () => {
    expect(await accounts.useNonce('ana', 'n-1', now, now - 600_000)).toBe(true);
    expect(await accounts.useNonce('ana', 'n-1', now, now - 600_000)).toBe(false);
    expect(await accounts.useNonce('cara', 'n-1', now, now - 600_000)).toBe(true);
  });
});
