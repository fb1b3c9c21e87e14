import type { CachedQueueItem } from '../db/db';

/** The queue filters a clerk sets on screen. */
export interface QueueViewFilter {
  readonly courtLocation: string;
  readonly caseCategory: string;
  readonly caseKind: 'all' | 'new' | 'existing';
  readonly claim: 'all' | 'mine' | 'unclaimed';
  readonly filerText: string;
  /** The start of an envelope id or case number (what a filer quotes on the phone), any case. */
  readonly numberText: string;
}

/** No filter: the whole queue. */
export const noQueueFilter: QueueViewFilter = {
  courtLocation: '', caseCategory: '', caseKind: 'all', claim: 'all', filerText: '', numberText: '',
};

/** True when a cached row passes the on-screen filter. */
export function matchesQueueFilter(row: CachedQueueItem, filter: QueueViewFilter, username: string): boolean {
  if (filter.courtLocation && row.courtLocation !== filter.courtLocation) return false;
  if (filter.caseCategory && row.caseCategory !== filter.caseCategory) return false;
  if (filter.caseKind === 'new' && !row.newCase) return false;
  if (filter.caseKind === 'existing' && row.newCase) return false;
  if (filter.claim === 'mine' && row.claimedBy !== username) return false;
  if (filter.claim === 'unclaimed' && row.claimedBy !== null) return false;
  if (filter.filerText && !(row.filerName ?? '').toLowerCase().includes(filter.filerText.toLowerCase())) return false;
  const number = filter.numberText.trim().toLowerCase();
  if (number && !row.envelopeId.toLowerCase().startsWith(number) && !(row.caseNumber ?? '').toLowerCase().startsWith(number)) return false;
  return true;
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
