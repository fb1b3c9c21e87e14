import type { DocketingException } from '../../../shared/domain/supervision';
import type { Sql } from '../db/sql-database';

/**
 * What a retry does again: send the filing to the court record system (composed afresh from the service's records),
 * or — `kind` filer-notice — send the envelope's NotifyFilingReviewComplete to the filer's EFSP again.
 */
export interface RetrySource {
  readonly envelopeId: string;
  readonly filingId: string;
  readonly kind?: 'docketing' | 'filer-notice';
}

const exceptionOf = (row: Record<string, unknown>): DocketingException => ({
  exceptionId: row.exception_id as string,
  envelopeId: row.envelope_id as string,
  filingId: row.filing_id as string,
  reason: row.reason as string,
  at: row.at as string,
  status: row.status as DocketingException['status'],
  note: (row.note as string | null) ?? null,
  handledBy: (row.handled_by as string | null) ?? null,
});

/**
 * The exception queue: filings the court record system did not docket, and filers' notices their EFSP did not take,
 * for a supervisor to send again or to record as done by hand, with a note. Kept in the service's database with what a retry needs.
 */
export const docketingExceptions = {
  /** Opens an exception for a filing the CMS refused. */
  async open(sql: Sql, source: RetrySource, reason: string, at: string, next: number): Promise<DocketingException> {
    const exceptionId = `EXC-${String(next).padStart(5, '0')}`;
    const [row] = await sql.query(
      'INSERT INTO docketing_exceptions (exception_id, envelope_id, filing_id, reason, at, status, retry) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING *',
      [exceptionId, source.envelopeId, source.filingId, reason, at, 'open', JSON.stringify(source)],
    );
    return exceptionOf(row ?? {});
  },

  /** The open exceptions (or all of them), oldest first. */
  async list(sql: Sql, includeHandled: boolean): Promise<DocketingException[]> {
    const rows = await sql.query(`SELECT * FROM docketing_exceptions ${includeHandled ? '' : "WHERE status = 'open'"} ORDER BY at, exception_id`);
    return rows.map(exceptionOf);
  },

  /** Marks an open exception retried or resolved; null when there is no such open exception. */
  async handle(sql: Sql, exceptionId: string, action: 'retry' | 'resolve', note: string, by: string): Promise<{ exception: DocketingException; source: RetrySource } | null> {
    const [row] = await sql.query(
      "UPDATE docketing_exceptions SET status = $2, note = $3, handled_by = $4 WHERE exception_id = $1 AND status = 'open' RETURNING *",
      [exceptionId, action === 'retry' ? 'retried' : 'resolved', note, by],
    );
    return row ? { exception: exceptionOf(row), source: row.retry as RetrySource } : null;
  },

  /** True while an envelope has an open exception of this kind (one is enough for a supervisor to act on). */
  async hasOpen(sql: Sql, envelopeId: string, kind: NonNullable<RetrySource['kind']>): Promise<boolean> {
    const rows = await sql.query("SELECT retry FROM docketing_exceptions WHERE envelope_id = $1 AND status = 'open'", [envelopeId]);
    return rows.some((row) => ((row.retry as RetrySource).kind ?? 'docketing') === kind);
  },
};
