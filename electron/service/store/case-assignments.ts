import type { WireAssignedCase } from '../../../shared/ecf/clerk-review-service';
import type { DeferredStamp } from '../../../shared/stamp/deferred-stamp';
import type { Sql } from '../db/sql-database';

/** Where a new case stands at a court whose record system numbers cases. */
export type CaseAssignmentState = 'awaiting-record-system' | 'record-system' | 'refused-by-record-system';

/** A stamp owed on one document until the record system numbers the case, and the submission that accepted it. */
export interface OwedStamp {
  readonly idempotencyKey: string;
  readonly stamp: DeferredStamp;
}

/**
 * CMS case assignment in SQL (seed 000, "CMS Case Assignment: New Case Filings"): the envelope waits for the record
 * system's number with the stamps the clerk chose, and gets the case the record system opened, with the documents
 * stamped for it, in one transaction.
 */
export const caseAssignments = {
  /** Where the envelope's case stands, or null when the clerk numbered it (or nobody had to). */
  async state(sql: Sql, envelopeId: string): Promise<CaseAssignmentState | null> {
    const [row] = await sql.query('SELECT case_assignment FROM envelopes WHERE envelope_id = $1', [envelopeId]);
    return (row?.case_assignment as CaseAssignmentState | null | undefined) ?? null;
  },

  /** The envelope now waits for the record system; these stamps are applied when its number comes. */
  async awaitNumber(sql: Sql, envelopeId: string, idempotencyKey: string, stamps: readonly DeferredStamp[]): Promise<void> {
    await sql.query("UPDATE envelopes SET case_assignment = 'awaiting-record-system' WHERE envelope_id = $1 AND case_assignment IS NULL", [envelopeId]);
    for (const stamp of stamps) {
      await sql.query(
        `INSERT INTO deferred_stamps (envelope_id, document_id, filing_id, idempotency_key, request) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (envelope_id, document_id) DO NOTHING`,
        [envelopeId, stamp.documentId, stamp.filingId, idempotencyKey, JSON.stringify(stamp)],
      );
    }
  },

  /** The stamps owed on an envelope's documents, in the order they were accepted. */
  async owedStamps(sql: Sql, envelopeId: string): Promise<OwedStamp[]> {
    const rows = await sql.query(
      'SELECT d.idempotency_key, d.request FROM deferred_stamps d JOIN submissions s ON s.idempotency_key = d.idempotency_key WHERE d.envelope_id = $1 ORDER BY s.seq, d.document_id',
      [envelopeId],
    );
    return rows.map((row) => ({ idempotencyKey: row.idempotency_key as string, stamp: row.request as DeferredStamp }));
  },

  /**
   * The record system opened the case: it becomes the envelope's case, and each owed stamp's rendition is kept as
   * the stamped document of the submission that accepted it (what RecordDocketing then carries).
   */
  async numbered(sql: Sql, envelopeId: string, assigned: WireAssignedCase, stamped: readonly { idempotencyKey: string; documentId: string; sha256: string; bytes: Uint8Array }[]): Promise<void> {
    await sql.query("UPDATE envelopes SET assigned_case = $2::jsonb, case_assignment = 'record-system' WHERE envelope_id = $1", [envelopeId, JSON.stringify(assigned)]);
    for (const s of stamped) {
      await sql.query(
        'INSERT INTO stamped_documents (idempotency_key, document_id, sha256, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key, document_id) DO NOTHING',
        [s.idempotencyKey, s.documentId, s.sha256, s.bytes],
      );
    }
  },

  /** The record system opened no case: the accepted filings wait in the exception queue for a supervisor. */
  async refused(sql: Sql, envelopeId: string): Promise<void> {
    await sql.query("UPDATE envelopes SET case_assignment = 'refused-by-record-system' WHERE envelope_id = $1", [envelopeId]);
  },
};
