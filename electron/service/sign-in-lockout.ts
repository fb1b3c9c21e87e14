/** How many failed sign-ins lock an account, within what time, and for how long. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/** Five failures within 15 minutes lock the account for 15 minutes. */
export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

interface Failures {
  count: number;
  firstAt: number;
  lockedUntil: number;
}

/**
 * Locks an account out after repeated failed sign-ins (password guessing), whatever the name: an unknown user name
 * is locked like a known one, so the answer does not tell which names exist. A successful sign-in clears the count.
 */
export class SignInLockout {
  readonly #failures = new Map<string, Failures>();

  constructor(private readonly policy: LockoutPolicy = defaultLockoutPolicy, private readonly maxTracked = 100_000) {}

  /** Milliseconds the account stays locked, or 0. */
  lockedFor(username: string, now: number): number {
    const entry = this.#failures.get(username);
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  /** Records a failed sign-in; true when it locked the account. */
  failed(username: string, now: number): boolean {
    let entry = this.#failures.get(username);
    if (!entry || now - entry.firstAt > this.policy.windowMs) {
      if (!entry && this.#failures.size >= this.maxTracked) this.#forgetOldest();
      entry = { count: 0, firstAt: now, lockedUntil: 0 };
      this.#failures.set(username, entry);
    }
    entry.count += 1;
    if (entry.count < this.policy.maxFailures) return false;
    entry.lockedUntil = now + this.policy.lockMs;
    entry.count = 0;
    entry.firstAt = now;
    return true;
  }

  /** A successful sign-in: the count starts again. */
  succeeded(username: string): void {
    this.#failures.delete(username);
  }

  #forgetOldest(): void {
    const oldest = this.#failures.keys().next();
    if (!oldest.done) this.#failures.delete(oldest.value);
  }
}
