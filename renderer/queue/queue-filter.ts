import { noQueueFilter, type QueueViewFilter } from '../data/queue-keys';

/**
 * A saved filter as stored (JSON), read with today's fields: one saved by an older version, with separate filer and
 * number boxes, gets their text as its search words. Null when it cannot be read.
 */
export function savedFilterFrom(json: string): QueueViewFilter | null {
  try {
    const stored = JSON.parse(json) as Partial<QueueViewFilter> & { filerText?: string; numberText?: string };
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
      allowed.includes(value as T) ? (value as T) : fallback;
    return {
      ...noQueueFilter,
      courtLocation: text(stored.courtLocation),
      caseCategory: text(stored.caseCategory),
      caseKind: oneOf(stored.caseKind, ['all', 'new', 'existing'], 'all'),
      claim: oneOf(stored.claim, ['all', 'mine', 'unclaimed'], 'all'),
      search: text(stored.search) || text(stored.numberText) || text(stored.filerText),
    };
  } catch {
    return null;
  }
}

/** "3 d 4 h" style time in queue, for the clerk's glance at aging. */
export function timeInQueue(submittedAt: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(submittedAt)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
