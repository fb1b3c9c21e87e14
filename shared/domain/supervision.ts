import { z } from 'zod';
import { courtLocalIso } from './court-clock';
import type { QueueItem } from './review-queue';

/** A user's role at the court, as the EFM reports it at sign-in. */
export const roleSchema = z.enum(['clerk', 'supervisor']);

/** Who the EFM says the signed-in user is. */
export const identitySchema = z.object({ userId: z.string(), displayName: z.string(), role: roleSchema });

/** An envelope the signed-in user holds now, with the claim's fencing token (WhoAmI lists them). */
export const heldClaimSchema = z.object({ envelopeId: z.string(), fencingToken: z.number().int() });

/** An envelope someone holds now. */
export const activeClaimSchema = z.object({ envelopeId: z.string(), holder: z.string(), claimedAt: z.string(), expiresAt: z.string() });

/** One filing decision as the EFM recorded it, with when the episode's claim began (for review time). */
export const reviewRecordSchema = z.object({
  envelopeId: z.string(),
  filingId: z.string(),
  clerk: z.string(),
  outcome: z.enum(['accepted', 'rejected']),
  reasonCode: z.string().nullable(),
  claimedAt: z.string().nullable(),
  decidedAt: z.string(),
  /** The filing code as filed, the code the clerk corrected it to, and the envelope's court location. */
  filingCode: z.string().nullable().default(null),
  correctedFilingCode: z.string().nullable().default(null),
  courtLocation: z.string().nullable().default(null),
});

/** What a supervisor's dashboard is computed from: the court's users, current claims, decisions in a date range. */
export const workloadSnapshotSchema = z.object({
  clerks: z.array(identitySchema),
  claims: z.array(activeClaimSchema),
  reviews: z.array(reviewRecordSchema),
});

/** A filing the court record system refused to docket, waiting for a supervisor. */
export const docketingExceptionSchema = z.object({
  exceptionId: z.string(),
  envelopeId: z.string(),
  filingId: z.string(),
  reason: z.string(),
  at: z.string(),
  status: z.enum(['open', 'retried', 'resolved']),
  note: z.string().nullable(),
  handledBy: z.string().nullable(),
});

/** The signed-in user's identity. */
export type Identity = z.infer<typeof identitySchema>;
/** An envelope the signed-in user holds, and the token that proves it. */
export type HeldClaim = z.infer<typeof heldClaimSchema>;
/** WhoAmI's answer: the user, and the envelopes they hold now. */
export type WhoAmI = Identity & { readonly heldClaims: readonly HeldClaim[] };
/** A current claim. */
export type ActiveClaim = z.infer<typeof activeClaimSchema>;
/** A recorded filing decision. */
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
/** Inputs of the dashboard. */
export type WorkloadSnapshot = z.infer<typeof workloadSnapshotSchema>;
/** A docketing exception. */
export type DocketingException = z.infer<typeof docketingExceptionSchema>;

/** Per clerk, what the dashboard shows. */
export interface ClerkWorkload {
  readonly clerk: string;
  readonly displayName: string;
  readonly claimedNow: number;
  readonly decidedToday: number;
  /** Median of (decision time − claim time) over the episodes in the snapshot, in seconds; null without any. */
  readonly medianReviewSeconds: number | null;
}

/** Median of a list of numbers, or null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Claimed now, decided since `dayStart`, and median review time per clerk. Review time is counted once per episode
 * (an envelope's decisions submitted together share one claim), so a ten-filing envelope does not weigh ten times.
 */
export function clerkWorkload(snapshot: WorkloadSnapshot, dayStart: Date): ClerkWorkload[] {
  return snapshot.clerks.filter((user) => user.role === 'clerk').map((user) => {
    const mine = snapshot.reviews.filter((review) => review.clerk === user.userId);
    const episodes = new Map<string, number>();
    for (const review of mine) {
      if (!review.claimedAt) continue;
      const seconds = (Date.parse(review.decidedAt) - Date.parse(review.claimedAt)) / 1000;
      if (Number.isFinite(seconds) && seconds >= 0) episodes.set(`${review.envelopeId}|${review.decidedAt}`, seconds);
    }
    return {
      clerk: user.userId,
      displayName: user.displayName,
      claimedNow: snapshot.claims.filter((claim) => claim.holder === user.userId).length,
      decidedToday: mine.filter((review) => Date.parse(review.decidedAt) >= dayStart.getTime()).length,
      medianReviewSeconds: median([...episodes.values()]),
    };
  });
}

/** Time-in-queue buckets of the aging chart, upper bounds in hours (the last is open-ended). */
export const agingBuckets = [
  { label: '< 4 h', maxHours: 4 },
  { label: '4–24 h', maxHours: 24 },
  { label: '1–2 days', maxHours: 48 },
  { label: '2–5 days', maxHours: 120 },
  { label: '> 5 days', maxHours: Infinity },
] as const;

/** One bar of the aging chart. */
export interface AgingBar {
  readonly label: string;
  readonly count: number;
}

/** How long the envelopes have waited, bucketed, optionally narrowed to a court location and category. */
export function queueAging(items: readonly Pick<QueueItem, 'submittedAt' | 'courtLocation' | 'caseCategory'>[], now: Date, filter: { courtLocation?: string | null; caseCategory?: string | null } = {}): AgingBar[] {
  const counts: number[] = agingBuckets.map(() => 0);
  for (const item of items) {
    if (filter.courtLocation && item.courtLocation !== filter.courtLocation) continue;
    if (filter.caseCategory && item.caseCategory !== filter.caseCategory) continue;
    const hours = (now.getTime() - Date.parse(item.submittedAt)) / 3_600_000;
    const index = agingBuckets.findIndex((bucket) => hours < bucket.maxHours);
    counts[index === -1 ? agingBuckets.length - 1 : index]! += 1;
  }
  return agingBuckets.map((bucket, index) => ({ label: bucket.label, count: counts[index] ?? 0 }));
}

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  // Quote what needs it, and defuse spreadsheet formulas (a cell starting with = + - @ is run by Excel).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The review statistics of a date range as CSV (RFC 4180, CRLF), one row per filing decision, times in the court's
 * time zone (with their offset).
 */
export function reviewStatisticsCsv(reviews: readonly ReviewRecord[], timeZone: string): string {
  const header = ['decided_at', 'clerk', 'envelope_id', 'filing_id', 'filing_code', 'corrected_filing_code', 'court_location', 'outcome',
    'rejection_reason', 'claimed_at', 'review_seconds'];
  const rows = [...reviews].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)).map((review) => {
    const seconds = review.claimedAt ? Math.round((Date.parse(review.decidedAt) - Date.parse(review.claimedAt)) / 1000) : null;
    return [courtLocalIso(review.decidedAt, timeZone), review.clerk, review.envelopeId, review.filingId, review.filingCode, review.correctedFilingCode,
      review.courtLocation, review.outcome, review.reasonCode, courtLocalIso(review.claimedAt, timeZone), seconds];
  });
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The export's file name: the court-calendar days it covers, `from` inclusive and `to` exclusive (a one-day export
 * is `review-statistics_2026-12-02.csv`, not `…_2026-12-02_2026-12-03.csv`).
 */
export function reviewStatisticsFileName(from: string, to: string, timeZone: string): string {
  const day = (iso: string): string => (courtLocalIso(iso, timeZone) ?? iso).slice(0, 10);
  const first = day(from);
  const last = day(new Date(Date.parse(to) - 1).toISOString());
  return first === last || last < first ? `review-statistics_${first}.csv` : `review-statistics_${first}_${last}.csv`;
}

/** How long a claim taken for offline work lasts: the clerk's working day away from the EFM. */
export const offlineLeaseMinutes = 480;

/**
 * True when a claim is a working-day lease for offline work, not an envelope open on a screen: an open envelope's
 * lease is renewed a few minutes ahead at a time, an offline one runs hours ahead.
 */
export function isOfflineLease(claim: Pick<ActiveClaim, 'expiresAt'>, now: Date): boolean {
  return Date.parse(claim.expiresAt) - now.getTime() > 60 * 60_000;
}
