import { XMLSerializer } from '@xmldom/xmldom';
import { rawXml, el, type RawXml, type XmlElement } from '../../shared/xml/xml-writer';
import { ns } from '../../shared/ecf/namespaces';
import { notifyFilingReviewCompleteAction4 } from '../../shared/ecf4/review-filing-callback';
import { elementChildren } from '../../shared/xml/xml-query';
import { parseXml } from '../../shared/xml/safe-xml';
import { sendStandardMessage } from '../soap/send-standard-message';
import type { Sql, SqlDatabase } from './db/sql-database';
import type { FiledAs } from './store/review-records';

/** The SOAPAction of the callback on the filer's Filing Assembly MDE (OASIS FilingAssemblyMDE WSDL). */
export const notifyFilingReviewCompleteAction = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0WSDL/FilingAssemblyMDE/NotifyFilingReviewComplete';

/** How the service reaches filers: each EFSP account's registered callback endpoint (court policy). */
export interface FilerCallbackOptions {
  /** EFSP account → its Filing Assembly MDE endpoint. Filers without one get no callback (they ask GetFilingStatus). */
  readonly endpoints: Readonly<Record<string, string>>;
  /** EFSP account → its ECF 4.0 FilingAssemblyMDEPort, for what it filed in ECF 4 (the ECF 4.0 callback). */
  readonly ecf4Endpoints?: Readonly<Record<string, string>>;
  /** Waits before each retry of a failed callback; after the last the callback is given up and recorded. */
  readonly retryDelaysMs?: readonly number[];
  /** Told what happened to each callback (the envelope's history). */
  readonly onOutcome?: (envelopeId: string, delivered: boolean, detail: string) => void | Promise<void>;
  /**
   * Composes a review's callback once it is owed (after docketing): the NotifyFilingReviewCompleteRequest's content.
   * Callbacks recorded without XML are composed by it, once; the result is kept, so a resend is the same message.
   */
  readonly compose?: (sql: Sql, envelopeId: string) => Promise<string>;
}

/** A callback the service sent (or gave up on), for the record and for tests. */
export interface SentCallback {
  readonly envelopeId: string;
  readonly url: string;
  readonly xml: string;
  readonly delivered: boolean;
  readonly at: string;
  readonly attempts: number;
}

/**
 * NotifyFilingReviewComplete to the filer, in the order ECF 5.0 §6.1.10 (seed 001) sets: when the clerk rejects (or
 * the court cancels) at once, and for accepted filings only after the court record system's NotifyDocketingComplete
 * says they are docketed — never before. Sent to the Filing Assembly MDE registered for the EFSP that filed, with
 * retries; the outcome goes to the envelope's history. What is owed to whom is kept in the database
 * (`filer_notifications`), written in the same transaction as the decision, so a restart sends what was still owed.
 */
export class FilerCallbacks {
  readonly sent: SentCallback[] = [];
  readonly #pending = new Set<Promise<void>>();
  #closed = false;

  constructor(private readonly options: FilerCallbackOptions, private readonly database: () => SqlDatabase) {}

  /** True when this filer account has a callback endpoint for what it files in this ECF version. */
  reaches(filer: string | null, version: FiledAs = '5.0'): filer is string {
    return filer !== null && this.#endpointOf(filer, version) !== null;
  }

  #endpointOf(filer: string, version: FiledAs): string | null {
    const endpoints = (version === '4.0' ? this.options.ecf4Endpoints : this.options.endpoints) ?? {};
    return Object.hasOwn(endpoints, filer) ? (endpoints[filer] ?? null) : null;
  }

  /**
   * Records, in the caller's transaction, that the envelope's review is complete: owed now when no accepted filing
   * still waits for docketing, else once the last of `stillDocketing` is docketed. `xml` is the request's content
   * when it is known now (a cancellation); null: composed by `compose` when it is owed, so it carries the docketing.
   * `version` is the ECF version the envelope was filed in: an ECF 4 filer gets ECF 4.0 callbacks, at its ECF 4
   * endpoint. Call {@link FilerCallbacks.sendOwed} after the commit.
   */
  async reviewComplete(sql: Sql, envelopeId: string, filer: string | null, xml: string | null, stillDocketing: readonly string[], version: FiledAs = '5.0'): Promise<void> {
    if (!this.reaches(filer, version)) return;
    await sql.query(
      `INSERT INTO filer_notifications (envelope_id, filer_account, xml, waiting_for, status, updated_at, ecf_version) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (envelope_id) DO NOTHING`,
      [envelopeId, filer, xml, [...stillDocketing], stillDocketing.length === 0 ? 'sending' : 'waiting', new Date().toISOString(), version],
    );
  }

  /** The court record system docketed a filing (NotifyDocketingComplete): the filer's callback may now be owed. */
  async docketed(envelopeId: string, filingId: string): Promise<void> {
    await this.database().query(
      `UPDATE filer_notifications SET waiting_for = array_remove(waiting_for, $2),
         status = CASE WHEN cardinality(array_remove(waiting_for, $2)) = 0 THEN 'sending' ELSE status END, updated_at = $3
       WHERE envelope_id = $1 AND status = 'waiting'`,
      [envelopeId, filingId, new Date().toISOString()],
    );
    this.sendOwed(envelopeId);
  }

  /** Sends the callbacks that are owed (all of them, or one envelope's); at start, those a restart interrupted. */
  sendOwed(envelopeId: string | null = null): void {
    const work = (async () => {
      const rows = await this.database().query<{ envelope_id: string; filer_account: string; xml: string | null; ecf_version: FiledAs }>(
        `SELECT envelope_id, filer_account, xml, ecf_version FROM filer_notifications WHERE status = 'sending'${envelopeId ? ' AND envelope_id = $1' : ''}`,
        envelopeId ? [envelopeId] : [],
      );
      for (const row of rows) {
        const xml = row.xml ?? (await this.#composed(row.envelope_id));
        if (xml !== null) this.#send(row.envelope_id, row.filer_account, xml, row.ecf_version);
      }
    })().catch(() => undefined);
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /**
   * A supervisor's retry of a notice that was not delivered (or could not be written): owed again, composed anew if
   * it never was, and sent. False when the envelope has no such notice.
   */
  async resend(envelopeId: string): Promise<boolean> {
    const rows = await this.database().query(
      "UPDATE filer_notifications SET status = 'sending', attempts = 0, updated_at = $2 WHERE envelope_id = $1 AND status = 'not-reached' RETURNING envelope_id",
      [envelopeId, new Date().toISOString()],
    );
    if (rows.length === 0) return false;
    this.sendOwed(envelopeId);
    return true;
  }

  /** The accepted filings an envelope's callback still waits for. */
  async waitingFor(envelopeId: string): Promise<readonly string[]> {
    const [row] = await this.database().query<{ waiting_for: string[] }>("SELECT waiting_for FROM filer_notifications WHERE envelope_id = $1 AND status = 'waiting'", [envelopeId]);
    return row?.waiting_for ?? [];
  }

  /** Resolves when every callback under way has been delivered or given up. */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Stops retrying; what is still owed stays in the database. */
  close(): void {
    this.#closed = true;
  }

  /** Starts sending again (the service started): what a stop or a crash left owed goes now. */
  open(): void {
    this.#closed = false;
    this.sendOwed();
  }

  #sending = new Set<string>();

  /** Composes an owed callback and keeps it; a callback that cannot be composed is recorded as not sent. */
  async #composed(envelopeId: string): Promise<string | null> {
    const compose = this.options.compose;
    try {
      if (!compose) throw new Error('no composer is configured');
      return await this.database().transaction(async (sql) => {
        const [row] = await sql.query<{ xml: string | null }>('SELECT xml FROM filer_notifications WHERE envelope_id = $1 FOR UPDATE', [envelopeId]);
        if (row?.xml) return row.xml;
        const xml = await compose(sql, envelopeId);
        await sql.query('UPDATE filer_notifications SET xml = $2, updated_at = $3 WHERE envelope_id = $1', [envelopeId, xml, new Date().toISOString()]);
        return xml;
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.#record(envelopeId, '', '', false, 0, `filer not notified: the service could not write the message (${reason})`);
      return null;
    }
  }

  #send(envelopeId: string, filer: string, xml: string, version: FiledAs): void {
    // One delivery per envelope at a time (a docketing callback and a restart may both ask).
    if (this.#sending.has(envelopeId)) return;
    this.#sending.add(envelopeId);
    const url = this.#endpointOf(filer, version) ?? '';
    const work = this.#deliver(envelopeId, url, xml, version).finally(() => {
      this.#pending.delete(work);
      this.#sending.delete(envelopeId);
    });
    this.#pending.add(work);
  }

  async #deliver(envelopeId: string, url: string, xml: string, version: FiledAs): Promise<void> {
    const { soapAction, bodies } = callbackRequests(xml, version);
    const delays = this.options.retryDelaysMs ?? [1000, 5000, 30_000, 120_000];
    let reason = '';
    // An ECF 4 envelope is one callback per filing: each is sent once; a retry goes on from the first not taken.
    let next = 0;
    for (let attempt = 0; attempt <= delays.length && !this.#closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      for (const body of bodies.slice(next)) {
        const outcome = await sendStandardMessage({ url, soapAction, body });
        if (!outcome.ok) {
          reason = bodies.length > 1 ? `callback ${next + 1} of ${bodies.length}: ${outcome.reason}` : outcome.reason;
          break;
        }
        next++;
      }
      if (next === bodies.length) {
        await this.#record(envelopeId, url, xml, true, attempt + 1, `filer notified at ${url}${bodies.length > 1 ? ` (${bodies.length} callbacks, one per filing)` : ''}`);
        return;
      }
    }
    // Stopped while retrying: still owed, sent again when the service starts.
    if (this.#closed) return;
    await this.#record(envelopeId, url, xml, false, delays.length + 1, `filer not reached at ${url}: ${reason}`);
  }

  async #record(envelopeId: string, url: string, xml: string, delivered: boolean, attempts: number, detail: string): Promise<void> {
    const at = new Date().toISOString();
    this.sent.push({ envelopeId, url, xml, delivered, at, attempts });
    await this.database().query('UPDATE filer_notifications SET status = $2, attempts = $3, updated_at = $4 WHERE envelope_id = $1', [envelopeId, delivered ? 'delivered' : 'not-reached', attempts, at])
      .then(() => undefined, () => undefined);
    // Told after the status is kept, so what it does (an exception for a supervisor) can send the notice again.
    await Promise.resolve(this.options.onOutcome?.(envelopeId, delivered, detail)).catch(() => undefined);
  }
}

/**
 * The SOAP requests a kept callback goes as: ECF 5.0, one `NotifyFilingReviewCompleteRequest` wrapping the message
 * and its receipt; ECF 4.0, one `NotifyFilingReviewCompleteRequestMessage` per filing, each its own request.
 */
function callbackRequests(xml: string, version: FiledAs): { soapAction: string; bodies: (XmlElement | RawXml)[] } {
  if (version === '5.0') return { soapAction: notifyFilingReviewCompleteAction, bodies: [el(ns.wrapper, 'NotifyFilingReviewCompleteRequest', rawXml(xml))] };
  const parsed = parseXml(`<callbacks>${xml}</callbacks>`);
  if (!parsed.ok) throw new Error(`the kept ECF 4 callbacks cannot be read: ${parsed.error.message}`);
  const serializer = new XMLSerializer();
  return { soapAction: notifyFilingReviewCompleteAction4, bodies: elementChildren(parsed.value).map((message) => rawXml(serializer.serializeToString(message))) };
}
