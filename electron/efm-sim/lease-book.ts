import type { Lease } from '../../shared/domain/review-queue';
import type { ReviewFault } from '../../shared/ecf/clerk-review-service';

/** An outcome of a lease operation: the lease (or none), or the fault to answer with. */
export type LeaseOutcome = { readonly ok: true; readonly lease: Lease | null } | { readonly ok: false; readonly fault: ReviewFault };

interface Entry {
  holder: string | null;
  expiresAt: number;
  /** Goes up every time the envelope changes hands (claim by someone new, reassignment, release). */
  token: number;
  /** When the current holder got it (review time is measured from here). */
  since: number;
}

const fault = (code: ReviewFault['code'], text: string, holder: string | null = null): LeaseOutcome => ({ ok: false, fault: { code, text, ecfErrorCode: null, holder } });

/**
 * Who holds which envelope, for how long, with fencing tokens. A clerk's writes carry the token they got at claim
 * time; once the envelope is reassigned, released or re-claimed after expiry, the old token is refused.
 */
export class LeaseBook {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The current lease of an envelope (expired leases count as none). */
  current(envelopeId: string): Lease | null {
    const entry = this.#entries.get(envelopeId);
    if (!entry?.holder || entry.expiresAt <= this.now()) return null;
    return this.#lease(envelopeId, entry);
  }

  /** Every envelope held now, with its holder and since when. */
  active(): { envelopeId: string; holder: string; claimedAt: string; expiresAt: string }[] {
    const now = this.now();
    return [...this.#entries].filter(([, entry]) => entry.holder && entry.expiresAt > now)
      .map(([envelopeId, entry]) => ({ envelopeId, holder: entry.holder ?? '', claimedAt: new Date(entry.since).toISOString(), expiresAt: new Date(entry.expiresAt).toISOString() }));
  }

  /** When the current holder's claim began, or null when nobody holds it. */
  heldSince(envelopeId: string): string | null {
    const entry = this.#entries.get(envelopeId);
    return entry?.holder ? new Date(entry.since).toISOString() : null;
  }

  /** Claims an envelope; claiming one you already hold renews it with the same token. */
  claim(envelopeId: string, clerk: string, seconds: number): LeaseOutcome {
    const now = this.now();
    const entry = this.#entries.get(envelopeId) ?? { holder: null, expiresAt: 0, token: 0, since: now };
    if (entry.holder && entry.holder !== clerk && entry.expiresAt > now) return fault('claimed-by-other', `Envelope ${envelopeId} is claimed by ${entry.holder}`, entry.holder);
    // The token moves when the envelope changes hands; the same clerk claiming again (even after expiry, with
    // nobody else having taken it) keeps theirs, so decisions they queued offline with it still apply.
    if (entry.holder !== clerk) {
      entry.token += 1;
      entry.since = now;
    }
    entry.holder = clerk;
    entry.expiresAt = now + seconds * 1000;
    this.#entries.set(envelopeId, entry);
    return { ok: true, lease: this.#lease(envelopeId, entry) };
  }

  /** Extends a lease the clerk holds with the current token. */
  renew(envelopeId: string, clerk: string, token: number, seconds: number): LeaseOutcome {
    const check = this.checkWrite(envelopeId, clerk, token);
    if (!check.ok) return check;
    const entry = this.#entries.get(envelopeId) as Entry;
    entry.expiresAt = this.now() + seconds * 1000;
    return { ok: true, lease: this.#lease(envelopeId, entry) };
  }

  /** Gives the envelope back to the pool. */
  release(envelopeId: string, clerk: string, token: number): LeaseOutcome {
    const check = this.checkWrite(envelopeId, clerk, token);
    if (!check.ok) return check;
    const entry = this.#entries.get(envelopeId) as Entry;
    entry.holder = null;
    entry.expiresAt = 0;
    entry.token += 1;
    return { ok: true, lease: null };
  }

  /** Supervisor: moves the envelope to another clerk (or the pool); the previous holder's token stops working. */
  reassign(envelopeId: string, toClerk: string | null, seconds: number): LeaseOutcome {
    const entry = this.#entries.get(envelopeId) ?? { holder: null, expiresAt: 0, token: 0, since: 0 };
    entry.token += 1;
    entry.since = this.now();
    entry.holder = toClerk;
    entry.expiresAt = toClerk ? this.now() + seconds * 1000 : 0;
    this.#entries.set(envelopeId, entry);
    return { ok: true, lease: toClerk ? this.#lease(envelopeId, entry) : null };
  }

  /** Checks that a write comes from the holder, with the current token, before the lease ran out. */
  checkWrite(envelopeId: string, clerk: string, token: number): LeaseOutcome {
    const entry = this.#entries.get(envelopeId);
    if (!entry || entry.token !== token) return fault('stale-fencing-token', `Your claim on ${envelopeId} is no longer valid: the envelope was reassigned, released or claimed again`, entry?.holder ?? null);
    if (entry.holder !== clerk) return fault('claimed-by-other', `Envelope ${envelopeId} is held by ${entry.holder ?? 'nobody'}`, entry.holder);
    // An expired lease nobody else took is still the holder's: any other claim would have moved the token. This is
    // what lets a clerk's offline decisions land after a long outage.
    return { ok: true, lease: this.#lease(envelopeId, entry) };
  }

  #lease(envelopeId: string, entry: Entry): Lease {
    return { envelopeId, holder: entry.holder ?? '', expiresAt: new Date(entry.expiresAt).toISOString(), fencingToken: entry.token };
  }
}
