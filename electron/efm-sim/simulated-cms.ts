import type { DocketingResult } from '../../shared/domain/ecf-status';
import type { Envelope } from '../../shared/domain/envelope';
import { readNotifyDocketingComplete } from '../../shared/ecf/notify-docketing-complete';
import { writeNotifyDocketingComplete, type DocketedFiling } from '../../shared/ecf/write-notify-docketing-complete';
import { parseXml } from '../../shared/xml/safe-xml';

/** How the simulated court record system behaves. */
export interface CmsOptions {
  /** Time between RecordDocketing and the NotifyDocketingComplete callback. */
  readonly delayMs: number;
  /** Share of filings the CMS refuses (0–1); refusals land in the exception queue. */
  readonly failureRate: number;
  /** One callback per filing, or a single callback per envelope. */
  readonly model: 'per-filing' | 'single';
  readonly random: () => number;
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** Told about each filing the CMS docketed or refused: the service records it (history, exception queue). */
  readonly onResult?: (result: CmsFilingResult) => Promise<void> | void;
}


/** What the CMS answered for one filing, with what it takes to send the filing again. */
export interface CmsFilingResult {
  readonly envelope: Envelope;
  readonly filing: { readonly filingId: string; readonly sha256: string | null };
  readonly reviewer: { readonly id: string; readonly name: string };
  readonly acceptedAt: string;
  readonly docketed: boolean;
  /** "F1 docketed as DKT-…" or "F1: <why the CMS refused>". */
  readonly detail: string;
  /** Why the CMS refused it; null when docketed. */
  readonly failureReason: string | null;
}

/** A callback the CMS sent, as sent and as read back. */
export interface DocketingCallback {
  readonly envelopeId: string;
  readonly xml: string;
  readonly result: DocketingResult;
  readonly schemaValid: boolean | null;
}

const refusals = ['The case is sealed in the case management system', 'Duplicate docket entry: the document is already on the docket', 'The CMS did not answer after 3 attempts'];

/**
 * The court record system behind the simulated EFM: after RecordDocketing it answers asynchronously with
 * NotifyDocketingComplete (per filing or per envelope), docketing each accepted filing or refusing it at the
 * configured rate; the service puts refusals in its exception queue for manual intervention.
 */
export class SimulatedCms {
  readonly callbacks: DocketingCallback[] = [];
  readonly #status = new Map<string, 'successful' | 'unsuccessful'>();
  readonly #pending = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #sequence = 0;

  constructor(private readonly options: CmsOptions) {}

  /** Schedules the docketing of accepted filings. */
  record(envelope: Envelope, filings: readonly { filingId: string; sha256: string | null }[], reviewer: { id: string; name: string }, acceptedAt: string): void {
    const groups = this.options.model === 'single' ? [filings] : filings.map((filing) => [filing]);
    for (const group of groups) {
      const work = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          void this.#callback(envelope, group, reviewer, acceptedAt).finally(resolve);
        }, this.options.delayMs);
        this.#timers.add(timer);
      });
      this.#pending.add(work);
      void work.finally(() => this.#pending.delete(work));
    }
  }

  /** Docketing status of a filing: successful, unsuccessful, or null while the CMS has not answered. */
  statusOf(filingId: string): 'successful' | 'unsuccessful' | null {
    return this.#status.get(filingId) ?? null;
  }

  /** Resolves when every scheduled callback has been sent (tests, demo shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Cancels callbacks not yet sent. */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #callback(envelope: Envelope, group: readonly { filingId: string; sha256: string | null }[], reviewer: { id: string; name: string }, acceptedAt: string): Promise<void> {
    const now = new Date().toISOString();
    const filings: DocketedFiling[] = group.map((filing) => {
      const refused = this.options.random() < this.options.failureRate;
      return {
        filingId: filing.filingId,
        docketed: !refused,
        docketId: refused ? null : `DKT-${String(++this.#sequence).padStart(7, '0')}`,
        failureReason: refused ? (refusals[this.#sequence % refusals.length] ?? 'refused') : null,
        sha256: filing.sha256,
        acceptedAt,
      };
    });
    const xml = writeNotifyDocketingComplete({ header: { messageId: `NDC-${++this.#sequence}`, sendingMde: 'urn:clerk-review-desk:simulated-cms', courtId: envelope.courtId ?? 'unknown', courtName: envelope.courtName, postedAt: now }, envelope, reviewer, filings });
    const validation = this.options.validateEcf ? await this.options.validateEcf(xml) : null;
    const parsed = parseXml(xml);
    const result = parsed.ok ? readNotifyDocketingComplete(parsed.value) : null;
    if (result?.ok) this.callbacks.push({ envelopeId: envelope.id, xml, result: result.value, schemaValid: validation ? validation.valid : null });
    for (const filing of filings) {
      this.#status.set(filing.filingId, filing.docketed ? 'successful' : 'unsuccessful');
      const detail = filing.docketed ? `${filing.filingId} docketed as ${filing.docketId ?? ''}` : `${filing.filingId}: ${filing.failureReason ?? 'refused'}`;
      const failureReason = filing.docketed ? null : (filing.failureReason ?? 'refused');
      await this.options.onResult?.({ envelope, filing: { filingId: filing.filingId, sha256: filing.sha256 }, reviewer, acceptedAt, docketed: filing.docketed, detail, failureReason });
    }
  }
}
