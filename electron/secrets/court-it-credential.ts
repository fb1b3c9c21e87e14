import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CourtItStatus } from '../../shared/ipc/court-it-schemas';
import { writeFileAtomic } from '../settings/atomic-file';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const params = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** How long court IT stays unlocked after the passphrase. */
export const courtItUnlockMs = 15 * 60 * 1000;

interface StoredHash {
  readonly salt: string;
  readonly hash: string;
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * Court IT's own local credential: a passphrase, stored only as an scrypt hash in DATA_DIR/court-it.json, that
 * unlocks court-IT channels (EFM connections, keys) for 15 minutes. Neither a signed-out window nor a role from the
 * EFM can do what it guards. Failed attempts slow down (one try per second after five). Owns no timers.
 */
export class CourtItCredential {
  readonly #file: string;
  #unlockedUntil = 0;
  #failures = 0;
  #lastFailure = 0;

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.#file = path.join(dataDir, 'court-it.json');
  }

  /** Configured, and unlocked until when. */
  async status(): Promise<CourtItStatus> {
    const unlocked = this.#unlockedUntil > this.now();
    return { configured: (await this.#stored()) !== null, unlocked, until: unlocked ? new Date(this.#unlockedUntil).toISOString() : null };
  }

  /** True when court-IT channels may run now: unlocked, or no passphrase exists yet (the demo EFM, first setup). */
  async allows(): Promise<boolean> {
    return this.#unlockedUntil > this.now() || (await this.#stored()) === null;
  }

  /** Checks the passphrase; unlocks on a match. */
  async unlock(passphrase: string): Promise<boolean> {
    const stored = await this.#stored();
    if (!stored || stored === 'damaged') return false;
    if (this.#failures >= 5 && this.now() - this.#lastFailure < 1000) return false;
    const hash = await scrypt(passphrase, Buffer.from(stored.salt, 'base64'), 32, { ...params, N: stored.N, r: stored.r, p: stored.p });
    const expected = Buffer.from(stored.hash, 'base64');
    if (expected.length === hash.length && timingSafeEqual(expected, hash)) {
      this.#failures = 0;
      this.#unlockedUntil = this.now() + courtItUnlockMs;
      return true;
    }
    this.#failures += 1;
    this.#lastFailure = this.now();
    return false;
  }

  /** Ends the court-IT unlock. */
  lock(): void {
    this.#unlockedUntil = 0;
  }

  /** Sets (first time) or replaces (while unlocked) the passphrase; false when neither applies. */
  async setPassphrase(passphrase: string): Promise<boolean> {
    if (!(await this.allows())) return false;
    const salt = randomBytes(16);
    const hash = await scrypt(passphrase, salt, 32, params);
    const stored: StoredHash = { salt: salt.toString('base64'), hash: hash.toString('base64'), N: params.N, r: params.r, p: params.p };
    await writeFileAtomic(this.#file, `${JSON.stringify(stored)}\n`);
    await chmod(this.#file, 0o600);
    this.#unlockedUntil = this.now() + courtItUnlockMs;
    return true;
  }

  // Null only when there is no file: a damaged one is "configured" and matches no passphrase (never an open door).
  async #stored(): Promise<StoredHash | 'damaged' | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'damaged';
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoredHash> | null;
      const valid = parsed && typeof parsed.salt === 'string' && typeof parsed.hash === 'string' && typeof parsed.N === 'number' && typeof parsed.r === 'number' && typeof parsed.p === 'number';
      return valid ? (parsed as StoredHash) : 'damaged';
    } catch {
      return 'damaged';
    }
  }
}
