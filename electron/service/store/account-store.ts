import { createHmac, randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../db/sql-database';
import { hashPassword, verifyPassword } from '../password-hash';
import { afterFailure, lockedFor, type Failures } from '../sign-in-lockout';

/** Who may use the service, and for what. */
export type AccountRole = 'clerk' | 'supervisor' | 'court-it' | 'filer' | 'record-system';

/** An account as the service knows it (never its password). */
export interface Account {
  readonly username: string;
  readonly displayName: string;
  readonly role: AccountRole;
  readonly disabledAt: string | null;
}

/** The outcome of a sign-in: the account, or why not (locked: milliseconds left). */
export type SignIn = { readonly ok: true; readonly account: Account } | { readonly ok: false; readonly lockedMs: number; readonly nowLocked: boolean };

interface AccountRow {
  [column: string]: unknown;
  username: string;
  display_name: string;
  role: AccountRole;
  password_hash: string;
  disabled_at: string | null;
}

const accountOf = (row: AccountRow): Account => ({ username: row.username, displayName: row.display_name, role: row.role, disabledAt: row.disabled_at });

/**
 * Accounts with scrypt-hashed passwords, sign-in lockout and used WS-Security nonces, all in the database so several
 * service processes agree and a restart forgets nothing. A verified password is remembered in memory (as an HMAC
 * under a per-process key) until the stored hash changes, so each request does not pay for scrypt.
 */
export class AccountStore {
  readonly #key = randomBytes(32);
  readonly #verified = new Map<string, { digest: string; hash: string }>();

  constructor(private readonly database: SqlDatabase, private readonly now: () => number = Date.now) {}

  /** Adds an account; refuses a name already taken. */
  async add(account: { username: string; displayName: string; role: AccountRole; password: string }): Promise<Account> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(account.username)) throw new Error('A user name is 1–64 letters, digits, dots, dashes, underscores or @');
    if (account.password.length < 8) throw new Error('A password needs at least 8 characters');
    const at = new Date(this.now()).toISOString();
    const rows = await this.database.query<AccountRow>(
      'INSERT INTO accounts (username, display_name, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING RETURNING *',
      [account.username, account.displayName, account.role, await hashPassword(account.password), at],
    );
    if (!rows[0]) throw new Error(`There is already a user ${account.username}`);
    return accountOf(rows[0]);
  }

  /** Adds the accounts that do not exist yet (the demo users in demo mode); existing ones are left as they are. */
  async seed(accounts: readonly { username: string; displayName: string; role: AccountRole; password: string }[]): Promise<void> {
    for (const account of accounts) if (!(await this.get(account.username))) await this.add(account).catch(() => undefined);
  }

  /** One account, or null. */
  async get(username: string): Promise<Account | null> {
    const [row] = await this.database.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username]);
    return row ? accountOf(row) : null;
  }

  /** Every account, by name. */
  async list(): Promise<Account[]> {
    return (await this.database.query<AccountRow>('SELECT * FROM accounts ORDER BY username')).map(accountOf);
  }

  /** Disables an account (a clerk who left): it can no longer sign in; its history stays. */
  async disable(username: string): Promise<Account> {
    return this.#update(username, 'UPDATE accounts SET disabled_at = $2, updated_at = $2 WHERE username = $1 RETURNING *', [new Date(this.now()).toISOString()]);
  }

  /** Enables a disabled account again. */
  async enable(username: string): Promise<Account> {
    return this.#update(username, 'UPDATE accounts SET disabled_at = NULL, updated_at = $2 WHERE username = $1 RETURNING *', [new Date(this.now()).toISOString()]);
  }

  /** Sets a new password and clears a lockout. */
  async resetPassword(username: string, password: string): Promise<Account> {
    if (password.length < 8) throw new Error('A password needs at least 8 characters');
    const account = await this.#update(username, 'UPDATE accounts SET password_hash = $2, updated_at = $3 WHERE username = $1 RETURNING *', [await hashPassword(password), new Date(this.now()).toISOString()]);
    await this.database.query('DELETE FROM sign_in_failures WHERE username = $1', [username]);
    return account;
  }

  /**
   * Checks a user name and password: a locked account is refused whatever the password; a wrong password, an
   * unknown name or a disabled account counts as a failure (and may lock).
   */
  async signIn(username: string, password: string | null): Promise<SignIn> {
    const now = this.now();
    const locked = lockedFor(await this.#failures(username), now);
    if (locked > 0) return { ok: false, lockedMs: locked, nowLocked: false };
    const [row] = await this.database.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username]);
    if (row && !row.disabled_at && password !== null && (await this.#passwordMatches(row, password))) {
      await this.database.query('DELETE FROM sign_in_failures WHERE username = $1 AND locked_until_ms <= $2', [username, now]);
      return { ok: true, account: accountOf(row) };
    }
    const nowLocked = await this.database.transaction(async (sql) => {
      const [current] = await sql.query<{ count: number; first_ms: number; locked_until_ms: number }>('SELECT * FROM sign_in_failures WHERE username = $1 FOR UPDATE', [username]);
      const next = afterFailure(current ? { count: current.count, firstAt: current.first_ms, lockedUntil: current.locked_until_ms } : null, now);
      await sql.query(
        'INSERT INTO sign_in_failures (username, count, first_ms, locked_until_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO UPDATE SET count = $2, first_ms = $3, locked_until_ms = $4',
        [username, next.failures.count, next.failures.firstAt, next.failures.lockedUntil],
      );
      return next.locked;
    });
    return { ok: false, lockedMs: 0, nowLocked };
  }

  /**
   * Records a WS-Security nonce; false when this user sent it before (a replay). Nonces older than `forgetBeforeMs`
   * are forgotten: their Created time is outside the window anyway.
   */
  async useNonce(username: string, nonce: string, createdMs: number, forgetBeforeMs: number): Promise<boolean> {
    if (Math.random() < 0.01) await this.database.query('DELETE FROM used_nonces WHERE created_ms < $1', [forgetBeforeMs]);
    const rows = await this.database.query('INSERT INTO used_nonces (username, nonce, created_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [username, nonce.slice(0, 200), createdMs]);
    return rows.length === 1;
  }

  async #failures(username: string): Promise<Failures | null> {
    const [row] = await this.database.query<{ count: number; first_ms: number; locked_until_ms: number }>('SELECT * FROM sign_in_failures WHERE username = $1', [username]);
    return row ? { count: row.count, firstAt: row.first_ms, lockedUntil: row.locked_until_ms } : null;
  }

  async #passwordMatches(row: AccountRow, password: string): Promise<boolean> {
    const digest = createHmac('sha256', this.#key).update(`${row.username}\u0000${password}`).digest('base64');
    const known = this.#verified.get(row.username);
    if (known && known.hash === row.password_hash && known.digest === digest) return true;
    if (!(await verifyPassword(password, row.password_hash))) return false;
    this.#verified.set(row.username, { digest, hash: row.password_hash });
    return true;
  }

  async #update(username: string, text: string, params: readonly unknown[]): Promise<Account> {
    const [row] = await this.database.query<AccountRow>(text, [username, ...params]);
    if (!row) throw new Error(`There is no user ${username}`);
    return accountOf(row);
  }
}
