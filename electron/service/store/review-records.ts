import type { HistoryEvent } from '../../../shared/domain/envelope-history';
import type { ReviewRecord } from '../../../shared/domain/supervision';
import type { RecordedDecision, WireAssignedCase } from '../../../shared/ecf/clerk-review-service';
import type { DemoEnvelope } from '../../efm-sim/demo-envelopes';
import type { SimDocument } from '../../efm-sim/sim-documents';
import type { Sql } from '../db/sql-database';

/** An envelope as the service keeps it: the received (or demo) envelope with what the review has done to it. */
export interface StoredEnvelope {
  readonly demo: DemoEnvelope;
  readonly filingMessageXml: string | null;
  /** The ECF version the filer sent it in: an ECF 4 filer is answered in ECF 4. */
  readonly filedAs: FiledAs;
  /** An ECF 4 filer's CoreFilingMessage exactly as sent (the ECF 5 copy keeps only what review needs); else null. */
  readonly filedXml: string | null;
  readonly filerAccount: string | null;
  readonly cancelled: boolean;
  readonly complete: boolean;
  readonly assignedCase: WireAssignedCase | null;
}

/** A review submission the service applied. */
export interface StoredSubmission {
  readonly idempotencyKey: string;
  readonly envelopeId: string;
  readonly clerk: string;
  readonly decisions: readonly RecordedDecision[];
  readonly stamped: readonly { documentId: string; sha256: string; bytes: Uint8Array }[];
  readonly appliedAt: string;
  readonly complete: boolean;
}

/** A filing's review outcome, as GetFilingStatus reports it. */
export interface FilingOutcome {
  readonly outcome: 'accepted' | 'rejected';
  readonly explanation: string | null;
  readonly reviewer: string;
  readonly reviewerName: string;
  readonly at: string;
}

/** The ECF version an envelope was filed in. */
export type FiledAs = '5.0' | '4.0';

type Row = Record<string, unknown>;

const envelopeOf = (row: Row): StoredEnvelope => ({
  demo: row.demo as DemoEnvelope,
  filingMessageXml: (row.filing_message_xml as string | null) ?? null,
  filedAs: row.filed_as === '4.0' ? '4.0' : '5.0',
  filedXml: (row.filed_xml as string | null) ?? null,
  filerAccount: (row.filer_account as string | null) ?? null,
  cancelled: row.cancelled === true,
  complete: row.complete === true,
  assignedCase: (row.assigned_case as WireAssignedCase | null) ?? null,
});

/** What comes with an envelope when it is stored: the message it came in, who sent it, its documents. */
export interface InsertExtra {
  readonly filingMessageXml?: string | null;
  readonly filerAccount?: string | null;
  readonly senderKey?: string | null;
  readonly documents?: ReadonlyMap<string, SimDocument>;
  /** Filed in ECF 4: the filer's CoreFilingMessage as sent. */
  readonly filed?: { readonly version: FiledAs; readonly xml: string };
}

/**
 * The service's envelopes, decisions, submissions, history and docketing results, in SQL. Each function takes the
 * transaction (or database) it runs in; the service holds the envelope's row lock ({@link lockEnvelope}) around
 * every change to one envelope, so concurrent clerks and service processes cannot both decide a filing.
 */
export const reviewRecords = {
  /** Adds an envelope with its filings and the documents that came with it. */
  async insertEnvelope(sql: Sql, demo: DemoEnvelope, extra: InsertExtra = {}): Promise<void> {
    await sql.query(
      `INSERT INTO envelopes (envelope_id, submitted_at, demo, filing_message_xml, filer_account, sender_key, court_location, case_category, new_case,
         filer_name, filing_codes, filed_as, filed_xml)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        demo.envelope.id, demo.envelope.submittedAt ?? '', JSON.stringify(demo), extra.filingMessageXml ?? null, extra.filerAccount ?? null, extra.senderKey ?? null,
        demo.courtLocation, demo.envelope.case.category ?? '', demo.envelope.case.isNew, demo.envelope.filer, demo.envelope.filings.flatMap((filing) => (filing.filingCode ? [filing.filingCode] : [])),
        extra.filed?.version ?? '5.0', extra.filed?.xml ?? null,
      ],
    );
    for (const filing of demo.envelope.filings) await sql.query('INSERT INTO filings (envelope_id, filing_id) VALUES ($1, $2)', [demo.envelope.id, filing.id]);
    for (const [documentId, document] of extra.documents ?? []) {
      await sql.query('INSERT INTO received_documents (document_id, envelope_id, content_type, sha256, bytes) VALUES ($1, $2, $3, $4, $5)', [documentId, demo.envelope.id, document.contentType, document.sha256, document.bytes]);
    }
  },

  /** Adds the demo court's envelopes when the database has none yet (demo mode, first start). */
  async seedEnvelopes(sql: Sql, envelopes: readonly DemoEnvelope[]): Promise<void> {
    const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM envelopes');
    if ((row?.n ?? 0) > 0) return;
    for (const demo of envelopes) await reviewRecords.insertEnvelope(sql, demo);
  },

  /** One envelope, or null. */
  async envelope(sql: Sql, envelopeId: string): Promise<StoredEnvelope | null> {
    const [row] = await sql.query('SELECT * FROM envelopes WHERE envelope_id = $1', [envelopeId]);
    return row ? envelopeOf(row) : null;
  },

  /** Locks an envelope's row for the rest of the transaction and returns it (null when there is none). */
  async lockEnvelope(sql: Sql, envelopeId: string): Promise<StoredEnvelope | null> {
    const [row] = await sql.query('SELECT * FROM envelopes WHERE envelope_id = $1 FOR UPDATE', [envelopeId]);
    return row ? envelopeOf(row) : null;
  },

  /** The envelope a sender's own message id was filed as (a resend is answered the same). */
  async envelopeIdOfSender(sql: Sql, senderKey: string): Promise<string | null> {
    const [row] = await sql.query<{ envelope_id: string }>('SELECT envelope_id FROM envelopes WHERE sender_key = $1', [senderKey]);
    return row?.envelope_id ?? null;
  },

  /** The envelope holding a filing, or the envelope itself when `id` is an envelope id. */
  async envelopeIdOf(sql: Sql, id: string): Promise<string | null> {
    const [row] = await sql.query<{ envelope_id: string }>(
      'SELECT envelope_id FROM envelopes WHERE envelope_id = $1 UNION ALL SELECT envelope_id FROM filings WHERE filing_id = $1 LIMIT 1',
      [id],
    );
    return row?.envelope_id ?? null;
  },

  /** True when an envelope id is taken. */
  async exists(sql: Sql, envelopeId: string): Promise<boolean> {
    return (await sql.query('SELECT 1 FROM envelopes WHERE envelope_id = $1', [envelopeId])).length > 0;
  },

  /** The next value of a named counter (court identifiers); never the same twice, even across restarts. */
  async next(sql: Sql, counter: string): Promise<number> {
    const [row] = await sql.query<{ value: number }>(
      'INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value',
      [counter],
    );
    return row?.value ?? 1;
  },

  /** Every envelope, oldest first (GetFilingList, the case index); a filer's EFSP only its own. */
  async allEnvelopes(sql: Sql, filerAccount: string | null = null): Promise<StoredEnvelope[]> {
    const rows = filerAccount === null
      ? await sql.query('SELECT * FROM envelopes ORDER BY submitted_at, envelope_id')
      : await sql.query('SELECT * FROM envelopes WHERE filer_account = $1 ORDER BY submitted_at, envelope_id', [filerAccount]);
    return rows.map(envelopeOf);
  },

  /** True when the court already has a case of this number: filed into, or opened by a clerk on another envelope. */
  async caseNumberTaken(sql: Sql, caseNumber: string, exceptEnvelopeId: string): Promise<boolean> {
    const rows = await sql.query(
      `SELECT 1 FROM envelopes WHERE envelope_id <> $2 AND ((demo->'envelope'->'case'->>'number') = $1 OR (assigned_case->>'caseNumber') = $1) LIMIT 1`,
      [caseNumber, exceptEnvelopeId]);
    return rows.length > 0;
  },

  /** Marks an envelope cancelled at the filer's request. */
  async cancel(sql: Sql, envelopeId: string): Promise<void> {
    await sql.query('UPDATE envelopes SET cancelled = true WHERE envelope_id = $1', [envelopeId]);
  },

  /** Records the case a clerk assigned to a new-case envelope, and whether every filing is now decided. */
  async updateReview(sql: Sql, envelopeId: string, assignedCase: WireAssignedCase | null, complete: boolean): Promise<void> {
    await sql.query('UPDATE envelopes SET assigned_case = coalesce(assigned_case, $2::jsonb), complete = $3 WHERE envelope_id = $1', [envelopeId, assignedCase ? JSON.stringify(assignedCase) : null, complete]);
  },

  /** A received document's bytes, or null for a demo document (generated on request). */
  async receivedDocument(sql: Sql, documentId: string): Promise<SimDocument | null> {
    const [row] = await sql.query('SELECT content_type, sha256, bytes FROM received_documents WHERE document_id = $1', [documentId]);
    return row ? { contentType: 'application/pdf', sha256: row.sha256 as string, bytes: new Uint8Array(row.bytes as Uint8Array) } : null;
  },

  /** Every decision on an envelope, in the order they were applied. */
  async decisions(sql: Sql, envelopeId: string): Promise<RecordedDecision[]> {
    return (await sql.query<{ decision: RecordedDecision }>('SELECT decision FROM decisions WHERE envelope_id = $1 ORDER BY seq', [envelopeId])).map((row) => row.decision);
  },

  /** Records decisions (one row per filing: a second decision on a filing cannot be stored). */
  async insertDecisions(sql: Sql, envelopeId: string, decisions: readonly RecordedDecision[], reviewer: { id: string; name: string }, claimedAt: string | null, decidedAt: string): Promise<void> {
    for (const decision of decisions) {
      await sql.query(
        'INSERT INTO decisions (envelope_id, filing_id, decision, reviewer, reviewer_name, claimed_at, decided_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)',
        [envelopeId, decision.filingId, JSON.stringify(decision), reviewer.id, reviewer.name, claimedAt, decidedAt],
      );
    }
  },

  /** A filing's review outcome, or null while undecided. */
  async outcome(sql: Sql, envelopeId: string, filingId: string): Promise<FilingOutcome | null> {
    const [row] = await sql.query('SELECT decision, reviewer, reviewer_name, decided_at FROM decisions WHERE envelope_id = $1 AND filing_id = $2', [envelopeId, filingId]);
    if (!row) return null;
    const decision = row.decision as RecordedDecision;
    const explanation = decision.outcome === 'rejected' ? `${decision.reasonCode ?? ''}: ${decision.note ?? ''}` : decision.note;
    return { outcome: decision.outcome, explanation, reviewer: row.reviewer as string, reviewerName: row.reviewer_name as string, at: row.decided_at as string };
  },

  /** Filing decisions made in [from, to), for the supervisors' statistics. */
  async reviewLog(sql: Sql, from: string, to: string): Promise<ReviewRecord[]> {
    const rows = await sql.query(
      `SELECT d.envelope_id, d.filing_id, d.decision, d.reviewer, d.claimed_at, d.decided_at, e.court_location,
         (SELECT f->>'filingCode' FROM jsonb_array_elements(e.demo->'envelope'->'filings') f WHERE f->>'id' = d.filing_id LIMIT 1) AS filing_code
       FROM decisions d LEFT JOIN envelopes e ON e.envelope_id = d.envelope_id
       WHERE d.decided_at >= $1 AND d.decided_at < $2 ORDER BY d.seq`,
      [from, to],
    );
    return rows.map((row) => {
      const decision = row.decision as RecordedDecision;
      return {
        envelopeId: row.envelope_id as string,
        filingId: row.filing_id as string,
        clerk: row.reviewer as string,
        outcome: decision.outcome,
        reasonCode: decision.reasonCode,
        claimedAt: (row.claimed_at as string | null) ?? null,
        decidedAt: row.decided_at as string,
        filingCode: (row.filing_code as string | null) ?? null,
        correctedFilingCode: decision.correctedFilingCode ?? null,
        courtLocation: (row.court_location as string | null) ?? null,
      };
    });
  },

  /** A submission applied under this idempotency key, or null. */
  async submission(sql: Sql, idempotencyKey: string): Promise<{ envelopeId: string; appliedAt: string; complete: boolean } | null> {
    const [row] = await sql.query('SELECT envelope_id, applied_at, complete FROM submissions WHERE idempotency_key = $1', [idempotencyKey]);
    return row ? { envelopeId: row.envelope_id as string, appliedAt: row.applied_at as string, complete: row.complete === true } : null;
  },

  /** Records an applied submission with its stamped renditions. */
  async insertSubmission(sql: Sql, submission: StoredSubmission): Promise<void> {
    await sql.query(
      'INSERT INTO submissions (idempotency_key, envelope_id, clerk, decisions, complete, applied_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)',
      [submission.idempotencyKey, submission.envelopeId, submission.clerk, JSON.stringify(submission.decisions), submission.complete, submission.appliedAt],
    );
    for (const stamped of submission.stamped) {
      await sql.query('INSERT INTO stamped_documents (idempotency_key, document_id, sha256, bytes) VALUES ($1, $2, $3, $4)', [submission.idempotencyKey, stamped.documentId, stamped.sha256, stamped.bytes]);
    }
  },

  /** Every applied submission, in order (tests, the CMS zip). */
  async submissions(sql: Sql): Promise<StoredSubmission[]> {
    const rows = await sql.query('SELECT * FROM submissions ORDER BY seq');
    const stamped = await sql.query('SELECT * FROM stamped_documents');
    return rows.map((row) => ({
      idempotencyKey: row.idempotency_key as string,
      envelopeId: row.envelope_id as string,
      clerk: row.clerk as string,
      decisions: row.decisions as RecordedDecision[],
      stamped: stamped.filter((s) => s.idempotency_key === row.idempotency_key).map((s) => ({ documentId: s.document_id as string, sha256: s.sha256 as string, bytes: new Uint8Array(s.bytes as Uint8Array) })),
      appliedAt: row.applied_at as string,
      complete: row.complete === true,
    }));
  },

  /** The release a clerk asked for "after submission K", or null. */
  async releaseAfter(sql: Sql, envelopeId: string): Promise<{ key: string; clerk: string } | null> {
    const [row] = await sql.query('SELECT idempotency_key, clerk FROM release_after WHERE envelope_id = $1', [envelopeId]);
    return row ? { key: row.idempotency_key as string, clerk: row.clerk as string } : null;
  },

  /** Asks for the envelope to go back to the pool once submission `key` is applied (null: forget the request). */
  async setReleaseAfter(sql: Sql, envelopeId: string, wanted: { key: string; clerk: string } | null): Promise<void> {
    await sql.query('DELETE FROM release_after WHERE envelope_id = $1', [envelopeId]);
    if (wanted) await sql.query('INSERT INTO release_after (envelope_id, idempotency_key, clerk) VALUES ($1, $2, $3)', [envelopeId, wanted.key, wanted.clerk]);
  },

  /** Adds a line to an envelope's history. */
  async record(sql: Sql, envelopeId: string, event: HistoryEvent): Promise<void> {
    await sql.query('INSERT INTO history (envelope_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)', [envelopeId, event.at, event.actor, event.action, event.detail]);
  },

  /** An envelope's history, oldest first. */
  async history(sql: Sql, envelopeId: string): Promise<HistoryEvent[]> {
    const rows = await sql.query('SELECT at, actor, action, detail FROM history WHERE envelope_id = $1 ORDER BY seq', [envelopeId]);
    return rows.map((row) => ({ at: row.at as string, actor: row.actor as string, action: row.action as HistoryEvent['action'], detail: (row.detail as string | null) ?? null }));
  },

  /** Records what the court record system answered for a filing. */
  async setDocketing(sql: Sql, envelopeId: string, filingId: string, status: 'successful' | 'unsuccessful', detail: string, at: string, docketId: string | null = null): Promise<void> {
    await sql.query(
      `INSERT INTO docketing (envelope_id, filing_id, status, detail, at, docket_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (envelope_id, filing_id) DO UPDATE SET status = $3, detail = $4, at = $5, docket_id = $6`,
      [envelopeId, filingId, status, detail, at, docketId],
    );
  },

  /** The docket entries the court record system gave an envelope's docketed filings, by filing id. */
  async docketIds(sql: Sql, envelopeId: string): Promise<Map<string, string>> {
    const rows = await sql.query<{ filing_id: string; docket_id: string }>("SELECT filing_id, docket_id FROM docketing WHERE envelope_id = $1 AND status = 'successful' AND docket_id IS NOT NULL", [envelopeId]);
    return new Map(rows.map((row) => [row.filing_id, row.docket_id]));
  },

  /** Each document of an envelope as filed: its SHA-256 and size, without the bytes. */
  async receivedDocumentHashes(sql: Sql, envelopeId: string): Promise<{ documentId: string; sha256: string; sizeBytes: number }[]> {
    const rows = await sql.query<{ document_id: string; sha256: string; size: number }>('SELECT document_id, sha256, octet_length(bytes)::int AS size FROM received_documents WHERE envelope_id = $1', [envelopeId]);
    return rows.map((row) => ({ documentId: row.document_id, sha256: row.sha256, sizeBytes: row.size }));
  },



  /** Every decision on an envelope with its reviewer's name, in the order they were made. */
  async decisionsWithReviewer(sql: Sql, envelopeId: string): Promise<{ decision: RecordedDecision; reviewer: { id: string; name: string } }[]> {
    const rows = await sql.query('SELECT decision, reviewer, reviewer_name FROM decisions WHERE envelope_id = $1 ORDER BY seq', [envelopeId]);
    return rows.map((row) => ({ decision: row.decision as RecordedDecision, reviewer: { id: row.reviewer as string, name: row.reviewer_name as string } }));
  },

  /** The stamped renditions clerks sent for an envelope's documents (the latest per document). */
  async stampedDocuments(sql: Sql, envelopeId: string): Promise<{ documentId: string; sha256: string; bytes: Uint8Array }[]> {
    const rows = await sql.query(
      `SELECT s.document_id, s.sha256, s.bytes FROM stamped_documents s JOIN submissions u ON u.idempotency_key = s.idempotency_key
       WHERE u.envelope_id = $1 ORDER BY u.seq`,
      [envelopeId],
    );
    const latest = new Map(rows.map((row) => [row.document_id as string, { documentId: row.document_id as string, sha256: row.sha256 as string, bytes: new Uint8Array(row.bytes as Uint8Array) }]));
    return [...latest.values()];
  },

  /** Forgets a refused docketing (a supervisor sends the filing again): the next answer is recorded afresh. */
  async clearRefusedDocketing(sql: Sql, envelopeId: string, filingId: string): Promise<void> {
    await sql.query("DELETE FROM docketing WHERE envelope_id = $1 AND filing_id = $2 AND status = 'unsuccessful'", [envelopeId, filingId]);
  },

  /** A filing's docketing status: successful, unsuccessful, or null while the CMS has not answered. */
  async docketing(sql: Sql, envelopeId: string, filingId: string): Promise<'successful' | 'unsuccessful' | null> {
    const [row] = await sql.query<{ status: 'successful' | 'unsuccessful' }>('SELECT status FROM docketing WHERE envelope_id = $1 AND filing_id = $2', [envelopeId, filingId]);
    return row?.status ?? null;
  },
};
