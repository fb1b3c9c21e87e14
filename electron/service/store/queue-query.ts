import type { QueueItem, QueuePage, QueueRequest } from '../../../shared/domain/review-queue';
import type { Sql } from '../db/sql-database';
import { heldClause } from '../../efm-sim/lease-book';

/** The keyset position after a row: its submitted time and envelope id. */
function encodeCursor(row: Pick<QueueItem, 'submittedAt' | 'envelopeId'>): string {
  return Buffer.from(JSON.stringify([row.submittedAt, row.envelopeId])).toString('base64url');
}

function decodeCursor(cursor: string): { submittedAt: string; envelopeId: string } | null {
  try {
    const [submittedAt, envelopeId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    return typeof submittedAt === 'string' && typeof envelopeId === 'string' ? { submittedAt, envelopeId } : null;
  } catch {
    return null;
  }
}

/**
 * The review queue in SQL: envelopes still to review (not cancelled, not complete), filtered, oldest (or newest)
 * first, one page by keyset (submitted time + id) from the open-envelope index — no re-sort of the whole queue per
 * page, and rows added meanwhile do not shift the pages — with the matching total counted by the database.
 */
export async function queryQueue(sql: Sql, request: QueueRequest, clerk: string, now: number): Promise<QueuePage> {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['NOT e.cancelled', 'NOT e.complete'];
  const { filter } = request;
  if (filter.courtLocations.length > 0) where.push(`e.court_location = ANY(${param(filter.courtLocations)}::text[])`);
  if (filter.caseCategories.length > 0) where.push(`e.case_category = ANY(${param(filter.caseCategories)}::text[])`);
  if (filter.caseKind) where.push(filter.caseKind === 'new' ? 'e.new_case' : 'NOT e.new_case');
  if (filter.filingCodes.length > 0) where.push(`e.filing_codes && ${param(filter.filingCodes)}::text[]`);
  if (filter.submittedFrom) where.push(`e.submitted_at >= ${param(new Date(filter.submittedFrom).toISOString())}`);
  if (filter.submittedTo) where.push(`e.submitted_at <= ${param(new Date(filter.submittedTo).toISOString())}`);
  if (filter.filerText) where.push(`strpos(lower(coalesce(e.filer_name, '')), lower(${param(filter.filerText)})) > 0`);
  // Every statement names each parameter it is given: the count's parameters are the first ones of the page's.
  const held = (): string => heldClause(param(now), 'l.');
  if (filter.claim === 'mine') where.push(`${held()} AND l.holder = ${param(clerk)}`);
  if (filter.claim === 'unclaimed') where.push(`NOT coalesce(${held()}, false)`);
  const from = 'FROM envelopes e LEFT JOIN leases l ON l.envelope_id = e.envelope_id';
  const [counted] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${where.join(' AND ')}`, [...params]);
  const after = request.cursor ? decodeCursor(request.cursor) : null;
  const ascending = request.sort === 'oldest-first';
  if (after) where.push(`(e.submitted_at, e.envelope_id) ${ascending ? '>' : '<'} (${param(after.submittedAt)}, ${param(after.envelopeId)})`);
  const order = ascending ? 'e.submitted_at, e.envelope_id' : 'e.submitted_at DESC, e.envelope_id DESC';
  const heldNow = held();
  const rows = await sql.query(
    `SELECT e.envelope_id, e.submitted_at, e.court_location, e.case_category, e.new_case, e.filer_name, e.filing_codes,
            e.demo->'envelope'->'case'->>'number' AS case_number, e.demo->'envelope'->'case'->>'title' AS case_title,
            jsonb_array_length(e.demo->'envelope'->'filings') AS filing_count,
            CASE WHEN ${heldNow} THEN l.holder END AS claimed_by, CASE WHEN ${heldNow} THEN l.expires_ms END AS claim_expires_ms
     ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${param(request.pageSize + 1)}`,
    params,
  );
  const items: QueueItem[] = rows.slice(0, request.pageSize).map((row) => ({
    envelopeId: row.envelope_id as string,
    submittedAt: row.submitted_at as string,
    courtLocation: row.court_location as string,
    caseNumber: (row.case_number as string | null) ?? null,
    newCase: row.new_case === true,
    caseCategory: row.case_category as string,
    caseTitle: (row.case_title as string | null) ?? null,
    filingCodes: row.filing_codes as string[],
    filerName: (row.filer_name as string | null) ?? null,
    filingCount: Number(row.filing_count),
    claimedBy: (row.claimed_by as string | null) ?? null,
    claimExpiresAt: row.claim_expires_ms === null || row.claim_expires_ms === undefined ? null : new Date(Number(row.claim_expires_ms)).toISOString(),
  }));
  const last = items.at(-1);
  return { totalCount: counted?.n ?? 0, items, nextCursor: rows.length > request.pageSize && last ? encodeCursor(last) : null };
}
