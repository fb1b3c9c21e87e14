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

/** What a change token holds: the database it came from, the oldest transaction not yet seen, and the time. */
interface ChangeToken {
  readonly epoch: string;
  readonly xmin: string;
  readonly atMs: number;
}

function encodeToken(token: ChangeToken): string {
  return Buffer.from(JSON.stringify([token.epoch, token.xmin, token.atMs])).toString('base64url');
}

function decodeToken(text: string): ChangeToken | null {
  try {
    const [epoch, xmin, atMs] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const valid = typeof epoch === 'string' && typeof xmin === 'string' && /^\d{1,20}$/.test(xmin) && Number.isSafeInteger(atMs);
    return valid ? { epoch, xmin, atMs: atMs as number } : null;
  } catch {
    return null;
  }
}

/**
 * The token for "now": this database's epoch and the oldest transaction still running (so a change committed after
 * this read, even one begun before it, is listed next time). Read before the answer's rows: changes made while the
 * pages are read are listed again by the next sync, never missed.
 */
async function currentToken(sql: Sql, now: number): Promise<ChangeToken> {
  const [row] = await sql.query<{ epoch: string | null; xmin: string }>(
    `SELECT (SELECT value::text FROM counters WHERE name = 'queue-epoch') AS epoch,
            pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
  );
  return { epoch: row?.epoch ?? '', xmin: row?.xmin ?? '0', atMs: now };
}

/** The SQL of a queue filter over `envelopes e LEFT JOIN leases l`, its parameters numbered through `param`. */
function filterConditions(request: QueueRequest, clerk: string, now: number, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  const { filter } = request;
  if (filter.courtLocations.length > 0) where.push(`e.court_location = ANY(${param(filter.courtLocations)}::text[])`);
  if (filter.caseCategories.length > 0) where.push(`e.case_category = ANY(${param(filter.caseCategories)}::text[])`);
  if (filter.caseKind) where.push(filter.caseKind === 'new' ? 'e.new_case' : 'NOT e.new_case');
  if (filter.filingCodes.length > 0) where.push(`e.filing_codes && ${param(filter.filingCodes)}::text[]`);
  if (filter.submittedFrom) where.push(`e.submitted_at >= ${param(new Date(filter.submittedFrom).toISOString())}`);
  if (filter.submittedTo) where.push(`e.submitted_at <= ${param(new Date(filter.submittedTo).toISOString())}`);
  if (filter.filerText) where.push(`strpos(lower(coalesce(e.filer_name, '')), lower(${param(filter.filerText)})) > 0`);
  const held = (): string => heldClause(param(now), 'l.');
  if (filter.claim === 'mine') where.push(`${held()} AND l.holder = ${param(clerk)}`);
  if (filter.claim === 'unclaimed') where.push(`NOT coalesce(${held()}, false)`);
  return where;
}

const queueColumns = (heldNow: string): string => `e.envelope_id, e.submitted_at, e.court_location, e.case_category,
  e.new_case, e.filer_name, e.filing_codes, e.demo->'envelope' AS env,
  (SELECT count(*)::int FROM decisions d WHERE d.envelope_id = e.envelope_id) AS decided_count,
  CASE WHEN ${heldNow} THEN l.holder END AS claimed_by, CASE WHEN ${heldNow} THEN l.expires_ms END AS claim_expires_ms`;

/**
 * The rows of a queue select as one JSON text (a 5,000-row page is one cell to read instead of 70,000; the envelope's
 * JSON is read once per row, in the inner select). Each row is an array in {@link queueItem}'s order, ending with
 * its position in the inner select's `order` (`n`): the aggregate is not sorted again (its sort would spill to disk).
 */
const asJsonRows = (inner: string, extra = ''): string => `SELECT coalesce(json_agg(json_build_array(
  x.envelope_id, x.submitted_at, x.court_location, x.case_category, x.new_case, x.filer_name, x.filing_codes,
  x.env->'case'->>'number', x.env->'case'->>'title', jsonb_array_length(x.env->'filings'),
  x.env->'filings'->0->'leadDocument'->>'id', x.decided_count, x.claimed_by, x.claim_expires_ms, x.n${extra}
)), '[]')::text AS rows FROM (${inner}) x`;

/** The row-number column of an inner select in `order` (what {@link asJsonRows} orders by). */
const positionIn = (order: string): string => `row_number() OVER (ORDER BY ${order}) AS n`;

/** A queue row as {@link asJsonRows} writes it. */
type JsonRow = [string, string, string, string, boolean, string | null, string[], string | null, string | null,
  number | null, string | null, number | null, string | null, number | null, number, boolean?];

/** The rows of a queue select, in the database's order. */
async function jsonRows(sql: Sql, query: string, params: unknown[]): Promise<JsonRow[]> {
  const [row] = await sql.query<{ rows: string }>(query, params);
  return (JSON.parse(row?.rows ?? '[]') as JsonRow[]).sort((a, b) => a[14] - b[14]);
}

function queueItem(row: JsonRow): QueueItem {
  const [envelopeId, submittedAt, courtLocation, caseCategory, newCase, filerName, filingCodes, caseNumber, caseTitle,
    filingCount, firstDocumentId, decidedCount, claimedBy, claimExpiresMs] = row;
  return {
    envelopeId, submittedAt, courtLocation, caseNumber, newCase: newCase === true, caseCategory, caseTitle, filingCodes,
    filerName, filingCount: Number(filingCount ?? 0), decidedCount: Number(decidedCount ?? 0), firstDocumentId, claimedBy,
    claimExpiresAt: claimExpiresMs === null ? null : new Date(Number(claimExpiresMs)).toISOString(),
  };
}

const from = 'FROM envelopes e LEFT JOIN leases l ON l.envelope_id = e.envelope_id';
const open = ['NOT e.cancelled', 'NOT e.complete'];

/**
 * The review queue in SQL: envelopes still to review (not cancelled, not complete), filtered, oldest (or newest)
 * first, one page by keyset (submitted time + id) from the open-envelope index — no re-sort of the whole queue per
 * page, and rows added meanwhile do not shift the pages — with the matching total counted by the database. With a
 * change token from this database, only what changed since ({@link queryQueueChanges}).
 */
export async function queryQueue(sql: Sql, request: QueueRequest, clerk: string, now: number): Promise<QueuePage> {
  const token = await currentToken(sql, now);
  const since = request.changedSince ? decodeToken(request.changedSince) : null;
  if (since && since.epoch === token.epoch && BigInt(since.xmin) <= BigInt(token.xmin))
    return queryQueueChanges(sql, request, since, token, clerk, now);
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [...open, ...filterConditions(request, clerk, now, param)];
  // Every statement names each parameter it is given: the count's parameters are the first ones of the page's.
  const [counted] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${where.join(' AND ')}`, [...params]);
  const after = request.cursor ? decodeCursor(request.cursor) : null;
  const ascending = request.sort === 'oldest-first';
  if (after) where.push(`(e.submitted_at, e.envelope_id) ${ascending ? '>' : '<'} (${param(after.submittedAt)}, ${param(after.envelopeId)})`);
  const order = ascending ? 'e.submitted_at, e.envelope_id' : 'e.submitted_at DESC, e.envelope_id DESC';
  const columns = queueColumns(heldClause(param(now), 'l.'));
  const limit = param(request.pageSize + 1);
  const inner = `SELECT ${columns}, ${positionIn(order)} ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
  const rows = await jsonRows(sql, asJsonRows(inner), params);
  const items = rows.slice(0, request.pageSize).map(queueItem);
  const last = items.at(-1);
  const nextCursor = rows.length > request.pageSize && last ? encodeCursor(last) : null;
  return { totalCount: counted?.n ?? 0, items, nextCursor, changeToken: encodeToken(token), changesOnly: false, removed: [] };
}

/**
 * What changed since a token, in envelope-id order by keyset: every envelope whose row or claim was written by a
 * transaction the token had not seen, or whose claim ran out since the token's time. Each is listed as an item when
 * it is still in the queue and matches the filter, else as removed.
 */
async function queryQueueChanges(
  sql: Sql, request: QueueRequest, since: ChangeToken, token: ChangeToken, clerk: string, now: number,
): Promise<QueuePage> {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const listed = [...open, ...filterConditions(request, clerk, now, param)].join(' AND ');
  const [counted] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${listed}`, [...params]);
  const changed = [`(e.change_xid >= ${param(since.xmin)}::xid8 OR (l.expires_ms > ${param(since.atMs)} AND l.expires_ms <= ${param(now)}))`];
  const after = request.cursor ? decodeCursor(request.cursor) : null;
  if (after) changed.push(`e.envelope_id > ${param(after.envelopeId)}`);
  const columns = queueColumns(heldClause(param(now), 'l.'));
  const inner = `SELECT ${columns}, (${listed}) AS listed, ${positionIn('e.envelope_id')}
       ${from} WHERE ${changed.join(' AND ')} ORDER BY e.envelope_id LIMIT ${param(request.pageSize + 1)}`;
  const rows = await jsonRows(sql, asJsonRows(inner, ', x.listed'), params);
  const page = rows.slice(0, request.pageSize);
  const last = page.at(-1);
  const listedOf = (row: JsonRow): boolean => row[15] === true;
  return {
    totalCount: counted?.n ?? 0,
    items: page.filter(listedOf).map(queueItem),
    removed: page.filter((row) => !listedOf(row)).map((row) => row[0]),
    nextCursor: rows.length > request.pageSize && last ? encodeCursor({ submittedAt: '', envelopeId: last[0] }) : null,
    changeToken: encodeToken(token),
    changesOnly: true,
  };
}
