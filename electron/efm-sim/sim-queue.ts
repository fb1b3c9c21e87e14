import type { QueueFilter, QueueItem, QueuePage, QueueRequest } from '../../shared/domain/review-queue';

/** A queue row with what filtering needs beyond what the client sees. */
export interface QueueRow extends QueueItem {
  readonly filingCodesAll: readonly string[];
}

/**
 * Filters, sorts (oldest first by default) and pages the queue with a keyset cursor (submitted time + id), so a
 * clerk can page through any number of envelopes and rows added meanwhile do not shift the pages.
 */
export function queryQueue(rows: readonly QueueRow[], request: QueueRequest, clerk: string): QueuePage {
  const matching = rows.filter((row) => matches(row, request.filter, clerk));
  const direction = request.sort === 'oldest-first' ? 1 : -1;
  matching.sort((a, b) => direction * (compare(a.submittedAt, b.submittedAt) || compare(a.envelopeId, b.envelopeId)));
  const after = request.cursor ? decodeCursor(request.cursor) : null;
  const start = after ? matching.findIndex((row) => direction * (compare(row.submittedAt, after.submittedAt) || compare(row.envelopeId, after.envelopeId)) > 0) : 0;
  const page = start < 0 ? [] : matching.slice(start, start + request.pageSize);
  const last = page.at(-1);
  const more = start >= 0 && start + request.pageSize < matching.length;
  return {
    totalCount: matching.length,
    items: page.map(({ filingCodesAll: _codes, ...item }) => item),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

function matches(row: QueueRow, filter: QueueFilter, clerk: string): boolean {
  if (filter.courtLocations.length > 0 && !filter.courtLocations.includes(row.courtLocation)) return false;
  if (filter.caseCategories.length > 0 && !filter.caseCategories.includes(row.caseCategory)) return false;
  if (filter.caseKind === 'new' && !row.newCase) return false;
  if (filter.caseKind === 'existing' && row.newCase) return false;
  if (filter.filingCodes.length > 0 && !row.filingCodesAll.some((code) => filter.filingCodes.includes(code))) return false;
  if (filter.submittedFrom && row.submittedAt < new Date(filter.submittedFrom).toISOString()) return false;
  if (filter.submittedTo && row.submittedAt > new Date(filter.submittedTo).toISOString()) return false;
  if (filter.filerText && !(row.filerName ?? '').toLowerCase().includes(filter.filerText.toLowerCase())) return false;
  if (filter.claim === 'mine' && row.claimedBy !== clerk) return false;
  if (filter.claim === 'unclaimed' && row.claimedBy !== null) return false;
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeCursor(row: QueueItem): string {
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
