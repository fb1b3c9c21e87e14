/** How many failed sign-ins lock an account, within what time, and for how long. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/** Five failures within 15 minutes lock the account for 15 minutes. */
export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** An account's recent failed sign-ins, as stored. */
export interface Failures {
  readonly count: number;
  readonly firstAt: number;
  readonly lockedUntil: number;
}

/** Milliseconds the account stays locked, or 0. */
export function lockedFor(failures: Failures | null, now: number): number {
  return failures && failures.lockedUntil > now ? failures.lockedUntil - now : 0;
}

/**
 * The failures after one more failed sign-in, and whether it locked the account. Failures older than the window no
 * longer count; the failure that reaches the limit locks for the lock time and starts the count again. An unknown
 * user name is counted like a known one, so the answer does not tell which names exist.
 */
export function afterFailure(failures: Failures | null, now: number, policy: LockoutPolicy = defaultLockoutPolicy): { failures: Failures; locked: boolean } {
  const current = !failures || now - failures.firstAt > policy.windowMs ? { count: 0, firstAt: now, lockedUntil: failures?.lockedUntil ?? 0 } : failures;
  const count = current.count + 1;
  if (count < policy.maxFailures) return { failures: { ...current, count }, locked: false };
  return { failures: { count: 0, firstAt: now, lockedUntil: now + policy.lockMs }, locked: true };
}
