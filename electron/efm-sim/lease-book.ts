import type { Lease } from '../../shared/domain/review-queue';
import type { ReviewFault } from '../../shared/ecf/clerk-review-service';
import type { Sql } from '../service/db/sql-database';

/** An outcome of a lease operation: the lease (or none), or the fault to answer with. */
export type LeaseOutcome = { readonly ok: true; readonly lease: Lease | null } | { readonly ok: false; readonly fault: ReviewFault };

interface Entry {
  holder: string | null;
  expiresAt: number;
  /** Goes up every time the envelope changes hands (claim by someone new, reassignment, release). */
  token: number;
  /** When the current holder got it (review time is measured from here). */
  since: number;
  /** The supervisor who gave it to the holder: then it stays theirs past expiry, until released or moved. */
  assignedBy: string | null;
}

interface LeaseRow {
  [column: string]: unknown;
  envelope_id: string;
  holder: string | null;
  expires_ms: number;
  token: number;
  since_ms: number;
  assigned_by: string | null;
}

/**
 * The SQL condition "someone holds this envelope now" on a `leases` row (alias `l.` optional), `now` a parameter:
 * the one definition the queue, the workload and the lease book share.
 */
export function heldClause(now: string, alias = ''): string {
  return `${alias}holder IS NOT NULL AND (${alias}assigned_by IS NOT NULL OR ${alias}expires_ms > ${now})`;
}

const fault = (code: ReviewFault['code'], text: string, holder: string | null = null): LeaseOutcome => ({ ok: false, fault: { code, text, ecfErrorCode: null, holder } });

/**
 * Who holds which envelope, for how long, with fencing tokens, in the `leases` table. A clerk's writes carry the
 * token they got at claim time; once the envelope is reassigned, released or re-claimed after expiry, the old token
 * is refused. A clerk's own claim lapses when it runs out (another clerk may take the envelope); one a supervisor
 * assigned does not: it is the assigned clerk's work, on any workstation they sign in at, until they release it,
 * decide it, or a supervisor moves it. Every method runs inside the caller's transaction, which holds the
 * envelope's row lock.
 */
export class LeaseBook {
  constructor(private readonly now: () => number = Date.now) {}

  /** The current lease of an envelope (expired leases count as none). */
  async current(sql: Sql, envelopeId: string): Promise<Lease | null> {
    const entry = await this.#entry(sql, envelopeId);
    return entry && this.#held(entry) ? this.#lease(envelopeId, entry) : null;
  }

  /** Every envelope held now, with its holder and since when. */
  async active(sql: Sql): Promise<{ envelopeId: string; holder: string; claimedAt: string; expiresAt: string }[]> {
    const rows = await sql.query<LeaseRow>(`SELECT * FROM leases WHERE ${heldClause('$1')} ORDER BY envelope_id`, [this.now()]);
    return rows.map((row) => ({
      envelopeId: row.envelope_id, holder: row.holder ?? '', claimedAt: new Date(row.since_ms).toISOString(),
      expiresAt: new Date(row.expires_ms).toISOString(),
    }));
  }

  /** The envelopes `holder` holds now, with each claim's fencing token (what WhoAmI tells their workstation). */
  async heldBy(sql: Sql, holder: string): Promise<{ envelopeId: string; fencingToken: number }[]> {
    const rows = await sql.query<LeaseRow>(`SELECT * FROM leases WHERE holder = $2 AND ${heldClause('$1')} ORDER BY envelope_id`, [this.now(), holder]);
    return rows.map((row) => ({ envelopeId: row.envelope_id, fencingToken: Number(row.token) }));
  }

  /** When the current holder's claim began, or null when nobody holds it. */
  async heldSince(sql: Sql, envelopeId: string): Promise<string | null> {
    const entry = await this.#entry(sql, envelopeId);
    return entry?.holder ? new Date(entry.since).toISOString() : null;
  }

  /** Claims an envelope; claiming one you already hold renews it with the same token. */
  async claim(sql: Sql, envelopeId: string, clerk: string, seconds: number): Promise<LeaseOutcome> {
    const now = this.now();
    const entry = (await this.#entry(sql, envelopeId)) ?? { holder: null, expiresAt: 0, token: 0, since: now, assignedBy: null };
    if (entry.holder && entry.holder !== clerk && this.#held(entry)) {
      const why = entry.assignedBy ? `assigned to ${entry.holder} by ${entry.assignedBy}` : `claimed by ${entry.holder}`;
      return fault('claimed-by-other', `Envelope ${envelopeId} is ${why}`, entry.holder);
    }
    // The token moves when the envelope changes hands; the same clerk claiming again (even after expiry, with
    // nobody else having taken it) keeps theirs, so decisions they queued offline with it still apply.
    if (entry.holder !== clerk) {
      entry.token += 1;
      entry.since = now;
      entry.assignedBy = null;
    }
    entry.holder = clerk;
    entry.expiresAt = now + seconds * 1000;
    return { ok: true, lease: await this.#save(sql, envelopeId, entry) };
  }

  /** Extends a lease the clerk holds with the current token. */
  async renew(sql: Sql, envelopeId: string, clerk: string, token: number, seconds: number): Promise<LeaseOutcome> {
    const check = await this.checkWrite(sql, envelopeId, clerk, token);
    if (!check.ok) return check;
    const entry = (await this.#entry(sql, envelopeId)) as Entry;
    entry.expiresAt = this.now() + seconds * 1000;
    return { ok: true, lease: await this.#save(sql, envelopeId, entry) };
  }

  /** Gives the envelope back to the pool. */
  async release(sql: Sql, envelopeId: string, clerk: string, token: number): Promise<LeaseOutcome> {
    const check = await this.checkWrite(sql, envelopeId, clerk, token);
    if (!check.ok) return check;
    const entry = (await this.#entry(sql, envelopeId)) as Entry;
    await this.#save(sql, envelopeId, { ...entry, holder: null, expiresAt: 0, token: entry.token + 1, assignedBy: null });
    return { ok: true, lease: null };
  }

  /**
   * Supervisor `by`: moves the envelope to another clerk (assigned: it stays theirs past expiry) or to the pool
   * (`by` null also ends the envelope's work once decided); the previous holder's token stops working.
   */
  async reassign(sql: Sql, envelopeId: string, toClerk: string | null, seconds: number, by: string | null = null): Promise<LeaseOutcome> {
    const entry = (await this.#entry(sql, envelopeId)) ?? { holder: null, expiresAt: 0, token: 0, since: 0, assignedBy: null };
    const now = this.now();
    const moved: Entry = {
      holder: toClerk, token: entry.token + 1, since: now, expiresAt: toClerk ? now + seconds * 1000 : 0, assignedBy: toClerk ? by : null,
    };
    const lease = await this.#save(sql, envelopeId, moved);
    return { ok: true, lease: toClerk ? lease : null };
  }

  /** Checks that a write comes from the holder, with the current token, before the lease ran out. */
  async checkWrite(sql: Sql, envelopeId: string, clerk: string, token: number): Promise<LeaseOutcome> {
    const entry = await this.#entry(sql, envelopeId);
    if (!entry || entry.token !== token) return fault('stale-fencing-token', `Your claim on ${envelopeId} is no longer valid: the envelope was reassigned, released or claimed again`, entry?.holder ?? null);
    if (entry.holder !== clerk) return fault('claimed-by-other', `Envelope ${envelopeId} is held by ${entry.holder ?? 'nobody'}`, entry.holder);
    // An expired lease nobody else took is still the holder's: any other claim would have moved the token. This is
    // what lets a clerk's offline decisions land after a long outage.
    return { ok: true, lease: this.#lease(envelopeId, entry) };
  }

  async #entry(sql: Sql, envelopeId: string): Promise<Entry | null> {
    const [row] = await sql.query<LeaseRow>('SELECT * FROM leases WHERE envelope_id = $1', [envelopeId]);
    return row ? { holder: row.holder, expiresAt: row.expires_ms, token: row.token, since: row.since_ms, assignedBy: row.assigned_by } : null;
  }

  /** True while someone holds the envelope: their claim has not run out, or a supervisor assigned it to them. */
  #held(entry: Entry): boolean {
    return entry.holder !== null && (entry.assignedBy !== null || entry.expiresAt > this.now());
  }

  async #save(sql: Sql, envelopeId: string, entry: Entry): Promise<Lease> {
    await sql.query(
      `INSERT INTO leases (envelope_id, holder, expires_ms, token, since_ms, assigned_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (envelope_id) DO UPDATE SET holder = $2, expires_ms = $3, token = $4, since_ms = $5, assigned_by = $6`,
      [envelopeId, entry.holder, entry.expiresAt, entry.token, entry.since, entry.assignedBy],
    );
    return this.#lease(envelopeId, entry);
  }

  #lease(envelopeId: string, entry: Entry): Lease {
    return { envelopeId, holder: entry.holder ?? '', expiresAt: new Date(entry.expiresAt).toISOString(), fencingToken: entry.token };
  }
}
