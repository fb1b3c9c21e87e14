import { rawXml, el } from '../../shared/xml/xml-writer';
import { ns } from '../../shared/ecf/namespaces';
import { readMessageStatus } from '../../shared/ecf/message-status';
import { httpPost } from '../efm/http-post';
import { readSoapEnvelope, soapEnvelope } from '../soap/soap-envelope';

/** The SOAPAction of the callback on the filer's Filing Assembly MDE (OASIS FilingAssemblyMDE WSDL). */
export const notifyFilingReviewCompleteAction = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0WSDL/FilingAssemblyMDE/NotifyFilingReviewComplete';

/** How the service reaches filers: each EFSP account's registered callback endpoint (court policy). */
export interface FilerCallbackOptions {
  /** EFSP account → its Filing Assembly MDE endpoint. Filers without one get no callback (they ask GetFilingStatus). */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Waits before each retry of a failed callback; after the last the callback is given up and recorded. */
  readonly retryDelaysMs?: readonly number[];
  /** Told what happened to each callback (the envelope's history). */
  readonly onOutcome?: (envelopeId: string, delivered: boolean, detail: string) => void;
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

interface Waiting {
  readonly filer: string;
  readonly xml: string;
  readonly docketing: Set<string>;
}

/**
 * NotifyFilingReviewComplete to the filer, in the order ECF 5.0 §6.1.10 (seed 001) sets: when the clerk rejects (or
 * the court cancels) at once, and for accepted filings only after the court record system's NotifyDocketingComplete
 * says they are docketed — never before. Sent to the Filing Assembly MDE registered for the EFSP that filed, with
 * retries; the outcome goes to the envelope's history.
 */
export class FilerCallbacks {
  readonly sent: SentCallback[] = [];
  readonly #waiting = new Map<string, Waiting>();
  readonly #pending = new Set<Promise<void>>();
  #closed = false;

  constructor(private readonly options: FilerCallbackOptions) {}

  /** True when this filer account has a callback endpoint. */
  reaches(filer: string | null): filer is string {
    return filer !== null && Object.hasOwn(this.options.endpoints, filer);
  }

  /**
   * The envelope's review is complete: `xml` is its NotifyFilingReviewCompleteMessage. Sent now when no accepted
   * filing still waits for docketing, else once the last of `stillDocketing` is docketed.
   */
  reviewComplete(envelopeId: string, filer: string | null, xml: string, stillDocketing: readonly string[]): void {
    if (!this.reaches(filer)) return;
    if (stillDocketing.length === 0) this.#send(envelopeId, filer, xml);
    else this.#waiting.set(envelopeId, { filer, xml, docketing: new Set(stillDocketing) });
  }

  /** The court record system docketed a filing (NotifyDocketingComplete). */
  docketed(envelopeId: string, filingId: string): void {
    const waiting = this.#waiting.get(envelopeId);
    if (!waiting) return;
    waiting.docketing.delete(filingId);
    if (waiting.docketing.size > 0) return;
    this.#waiting.delete(envelopeId);
    this.#send(envelopeId, waiting.filer, waiting.xml);
  }

  /** Envelopes whose callback waits for docketing. */
  waitingFor(envelopeId: string): readonly string[] {
    return [...(this.#waiting.get(envelopeId)?.docketing ?? [])];
  }

  /** Resolves when every callback under way has been delivered or given up. */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Stops retrying. */
  close(): void {
    this.#closed = true;
  }

  #send(envelopeId: string, filer: string, xml: string): void {
    const url = this.options.endpoints[filer] ?? '';
    const work = this.#deliver(envelopeId, url, xml).finally(() => this.#pending.delete(work));
    this.#pending.add(work);
  }

  async #deliver(envelopeId: string, url: string, xml: string): Promise<void> {
    const body = Buffer.from(soapEnvelope(el(ns.wrapper, 'NotifyFilingReviewCompleteRequest', rawXml(xml))), 'utf8');
    const delays = this.options.retryDelaysMs ?? [1000, 5000, 30_000, 120_000];
    let reason = '';
    for (let attempt = 0; attempt <= delays.length && !this.#closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      reason = await this.#attempt(url, body);
      if (!reason) {
        this.#record(envelopeId, url, xml, true, attempt + 1, `filer notified at ${url}`);
        return;
      }
    }
    this.#record(envelopeId, url, xml, false, delays.length + 1, `filer not reached at ${url}: ${reason}`);
  }

  /** One attempt; the reason it failed, or '' when the filer's MDE took it. */
  async #attempt(url: string, body: Buffer): Promise<string> {
    try {
      const answer = await httpPost({ url, body, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${notifyFilingReviewCompleteAction}"` }, timeoutMs: 30_000, maxResponseBytes: 1024 * 1024 });
      const message = readSoapEnvelope(answer.body.toString('utf8'));
      if (!message.ok) return `HTTP ${answer.status}, not a SOAP answer`;
      const status = readMessageStatus(message.value.body);
      if (!status.ok) return `HTTP ${answer.status}, no MessageStatus in the answer`;
      return status.value.ok ? '' : `refused: ${status.value.errorText ?? status.value.errorCode}`;
    } catch (error) {
      return (error as Error).message;
    }
  }

  #record(envelopeId: string, url: string, xml: string, delivered: boolean, attempts: number, detail: string): void {
    this.sent.push({ envelopeId, url, xml, delivered, at: new Date().toISOString(), attempts });
    this.options.onOutcome?.(envelopeId, delivered, detail);
  }
}
