/**
 * Remembers the WS-Security UsernameToken nonces seen within the freshness window, so a captured request cannot be
 * sent again: a nonce is refused while its token's Created time is still acceptable, and forgotten after.
 */
export class ReplayGuard {
  /** Nonce → when it may be forgotten (ms). Insertion order is close to expiry order. */
  readonly #seen = new Map<string, number>();

  constructor(private readonly windowMs: number, private readonly maxEntries = 2_000_000) {}

  /** Records a nonce; false when it was already used within the window (a replay) or the guard is full. */
  accept(username: string, nonce: string, createdMs: number, now: number): boolean {
    this.#forget(now);
    const key = `${username}\u0000${nonce}`;
    if (this.#seen.has(key)) return false;
    if (this.#seen.size >= this.maxEntries) return false;
    this.#seen.set(key, Math.max(createdMs, now) + this.windowMs);
    return true;
  }

  #forget(now: number): void {
    for (const [key, until] of this.#seen) {
      if (until > now) break;
      this.#seen.delete(key);
    }
  }
}
