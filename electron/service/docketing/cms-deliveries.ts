import type { MimePart } from '../../soap/mtom';
import { sendStandardMessage, type StandardMessageOutcome } from '../../soap/send-standard-message';
import type { UsernameCredentials } from '../../soap/ws-security';
import type { RawXml, XmlElement } from '../../../shared/xml/xml-writer';
import { operationTable } from '../../../shared/ecf/operation-table';
import type { Sql, SqlDatabase } from '../db/sql-database';

/** The court record system's CourtRecordMDE, and the account the service presents there. */
export interface RecordSystemEndpoint {
  readonly url: string;
  readonly credentials: UsernameCredentials | null;
  /** PEM CA for the record system's TLS certificate, when the court's own CA signed it. */
  readonly ca?: string;
  /** The ECF version it speaks: 4.0 takes RecordFiling (one filing each) and answers NotifyDocketingComplete 4.0. */
  readonly ecfVersion?: '5.0' | '4.0';
}

/** A RecordDocketing or DocumentStampInformation as composed: the request wrapper and its MTOM parts. */
export interface ComposedDocketing {
  readonly body: XmlElement | RawXml;
  readonly parts: readonly MimePart[];
}

/**
 * One message the service owes the court record system (a row of `cms_deliveries`): a RecordDocketing, or the
 * DocumentStampInformation that asks it to open a new case (CMS case assignment). A RecordDocketing is `held`
 * while the case it dockets into waits for its number.
 */
export interface CmsDelivery {
  readonly messageId: string;
  readonly kind: 'record-docketing' | 'stamp-information';
  readonly envelopeId: string;
  readonly filingIds: readonly string[];
  readonly status: 'held' | 'pending' | 'sent' | 'answered' | 'failed';
  readonly attempts: number;
}

/** What sending one delivery takes: the message composed from the service's records when it is sent. */
export interface CmsDeliveryOptions {
  readonly endpoint: () => RecordSystemEndpoint | null;
  /** Builds the request (`wrappers:RecordDocketingRequest`, …) and its MTOM parts; throws when it cannot be composed. */
  readonly compose: (sql: Sql, delivery: CmsDelivery) => Promise<ComposedDocketing>;
  /** The record system refused it for good or never answered: the filings go to the exception queue. */
  readonly giveUp: (delivery: CmsDelivery, reason: string) => Promise<void>;
  /**
   * A court without an interactive record-system link (seed 000, non-interactive model): a RecordDocketing is handed
   * over here (the envelope's zip written to the court's drop folder) instead of being composed and sent over SOAP.
   */
  readonly handOver?: (delivery: CmsDelivery) => Promise<StandardMessageOutcome>;
  /** Waits before each resend after a failed attempt; after the last one the delivery is given up. */
  readonly retryDelaysMs?: readonly number[];
}

const deliveryOf = (row: Record<string, unknown>): CmsDelivery => ({
  messageId: row.message_id as string,
  kind: (row.kind as CmsDelivery['kind'] | undefined) ?? 'record-docketing',
  envelopeId: row.envelope_id as string,
  filingIds: row.filing_ids as string[],
  status: row.status as CmsDelivery['status'],
  attempts: Number(row.attempts),
});

/**
 * RecordDocketing and DocumentStampInformation to the court record system (seed 000 process #4), owed durably: a delivery is written in the same
 * transaction as the decisions it dockets, sent after the commit, resent with the same message id after a timeout
 * or a "try again" answer, and at start for whatever a stop or a crash left unsent. After the last retry, or on a
 * refusal, its filings go to the exception queue; the record system's NotifyDocketingComplete closes it.
 */
export class CmsDeliveries {
  readonly #pending = new Set<Promise<void>>();
  readonly #sending = new Set<string>();
  #closed = true;

  constructor(private readonly options: CmsDeliveryOptions, private readonly database: () => SqlDatabase) {}

  /**
   * Records, in the caller's transaction, that these accepted filings are owed to the record system: docketed
   * (default), or — for a new case the record system numbers — announced with DocumentStampInformation. `held`:
   * not sent until {@link releaseHeld} (the case's number is not known yet).
   */
  async enqueue(sql: Sql, delivery: { messageId: string; envelopeId: string; filingIds: readonly string[]; kind?: CmsDelivery['kind']; held?: boolean }): Promise<void> {
    const at = new Date().toISOString();
    await sql.query(
      `INSERT INTO cms_deliveries (message_id, envelope_id, filing_ids, status, kind, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (message_id) DO NOTHING`,
      [delivery.messageId, delivery.envelopeId, [...delivery.filingIds], delivery.held ? 'held' : 'pending', delivery.kind ?? 'record-docketing', at],
    );
  }

  /** The envelope's case has its number: its held RecordDocketing messages may go (sent after the commit). */
  async releaseHeld(sql: Sql, envelopeId: string): Promise<void> {
    await sql.query("UPDATE cms_deliveries SET status = 'pending', updated_at = $2 WHERE envelope_id = $1 AND status = 'held'", [envelopeId, new Date().toISOString()]);
  }

  /** The envelope's case will not be numbered: its held RecordDocketing messages are dropped (the filings go to exceptions). */
  async dropHeld(sql: Sql, envelopeId: string): Promise<void> {
    await sql.query("UPDATE cms_deliveries SET status = 'failed', last_error = 'no case was opened', updated_at = $2 WHERE envelope_id = $1 AND status = 'held'", [envelopeId, new Date().toISOString()]);
  }

  /** The delivery a RecordDocketing message id names, or null. */
  async get(sql: Sql, messageId: string): Promise<CmsDelivery | null> {
    const [row] = await sql.query('SELECT * FROM cms_deliveries WHERE message_id = $1', [messageId]);
    return row ? deliveryOf(row) : null;
  }

  /** Marks a delivery answered once the record system has said something for each of its filings. */
  async answered(sql: Sql, messageId: string): Promise<void> {
    await sql.query("UPDATE cms_deliveries SET status = 'answered', updated_at = $2 WHERE message_id = $1 AND status <> 'answered'", [messageId, new Date().toISOString()]);
  }

  /** Every delivery of an envelope, oldest first (status checks, tests). */
  async ofEnvelope(sql: Sql, envelopeId: string): Promise<CmsDelivery[]> {
    return (await sql.query('SELECT * FROM cms_deliveries WHERE envelope_id = $1 ORDER BY seq', [envelopeId])).map(deliveryOf);
  }

  /** Sends every pending delivery (after a commit; at start, what was left). */
  sendOwed(): void {
    if (this.#closed) return;
    const work = (async () => {
      const rows = await this.database().query("SELECT * FROM cms_deliveries WHERE status = 'pending' ORDER BY seq");
      for (const row of rows) this.#send(deliveryOf(row));
    })().catch(() => undefined);
    this.#track(work);
  }

  /** Resolves when nothing is being sent or waiting for a retry. */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** True while a delivery is being sent or waits for a retry. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /** Starts sending (the service started): what a stop or a crash left pending goes now. */
  open(): void {
    this.#closed = false;
    this.sendOwed();
  }

  /** Stops sending; what is pending stays in the database. */
  close(): void {
    this.#closed = true;
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  #send(delivery: CmsDelivery): void {
    if (this.#sending.has(delivery.messageId)) return;
    this.#sending.add(delivery.messageId);
    this.#track(this.#deliver(delivery).catch(() => undefined).finally(() => this.#sending.delete(delivery.messageId)));
  }

  async #deliver(delivery: CmsDelivery): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [1000, 5000, 30_000, 120_000, 600_000];
    let outcome: StandardMessageOutcome = { ok: false, reason: 'not sent', retryable: true };
    let attempts = delivery.attempts;
    for (let attempt = 0; attempt <= delays.length && !this.#closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      if (this.#closed) return;
      outcome = await this.#attempt(delivery);
      attempts++;
      if (outcome.ok) {
        await this.#update(delivery.messageId, 'sent', attempts, null);
        return;
      }
      await this.#update(delivery.messageId, 'pending', attempts, outcome.reason);
      if (!outcome.retryable) break;
    }
    if (this.#closed && outcome.retryable) return;
    await this.#update(delivery.messageId, 'failed', attempts, outcome.ok ? null : outcome.reason);
    await this.options.giveUp(delivery, outcome.ok ? '' : outcome.reason);
  }

  async #attempt(delivery: CmsDelivery): Promise<StandardMessageOutcome> {
    const handOver = delivery.kind === 'record-docketing' ? this.options.handOver : undefined;
    if (handOver) return handOver(delivery);
    const endpoint = this.options.endpoint();
    if (!endpoint) return { ok: false, reason: 'no court record system is configured (clerk-review server --cms URL)', retryable: true };
    let composed: ComposedDocketing;
    try {
      composed = await this.options.compose(this.database(), delivery);
    } catch (error) {
      const what = delivery.kind === 'stamp-information' ? 'DocumentStampInformation' : 'RecordDocketing';
      return { ok: false, reason: `the service could not compose ${what}: ${(error as Error).message}`, retryable: false };
    }
    const operation = delivery.kind === 'stamp-information' ? 'DocumentStampInformation' : endpoint.ecfVersion === '4.0' ? 'RecordFiling4' : 'RecordDocketing';
    return sendStandardMessage({ url: endpoint.url, soapAction: operationTable[operation].soapAction, body: composed.body, parts: composed.parts, credentials: endpoint.credentials, timeoutMs: 120_000, ...(endpoint.ca ? { ca: endpoint.ca } : {}) });
  }

  async #update(messageId: string, status: CmsDelivery['status'], attempts: number, error: string | null): Promise<void> {
    await this.database().query(
      "UPDATE cms_deliveries SET status = $2, attempts = $3, last_error = $4, updated_at = $5 WHERE message_id = $1 AND status IN ('pending', 'sent')",
      [messageId, status, attempts, error, new Date().toISOString()],
    );
  }
}
