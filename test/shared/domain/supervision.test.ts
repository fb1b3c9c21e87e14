import { describe, expect, it } from 'vitest';
import { clerkWorkload, median, queueAging, reviewStatisticsCsv, type WorkloadSnapshot } from '../../../shared/domain/supervision';

const snapshot: WorkloadSnapshot = {
  clerks: [
    { userId: 'clerk1', displayName: 'Dana', role: 'clerk' },
    { userId: 'clerk2', displayName: 'Luis', role: 'clerk' },
    { userId: 'boss', displayName: 'Renee', role: 'supervisor' },
  ],
  claims: [{ envelopeId: 'E9', holder: 'clerk2', claimedAt: '2026-11-23T09:00:00Z', expiresAt: '2026-11-23T09:05:00Z' }],
  reviews: [
    // One episode of two filings (one review time), one more episode, and one from yesterday.
    { envelopeId: 'E1', filingId: 'F1', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-23T08:00:00Z', decidedAt: '2026-11-23T08:02:00Z' },
    { envelopeId: 'E1', filingId: 'F2', clerk: 'clerk1', outcome: 'rejected', reasonCode: 'ILLEGIBLE', claimedAt: '2026-11-23T08:00:00Z', decidedAt: '2026-11-23T08:02:00Z' },
    { envelopeId: 'E2', filingId: 'F3', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-23T08:10:00Z', decidedAt: '2026-11-23T08:20:00Z' },
    { envelopeId: 'E3', filingId: 'F4', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-22T16:00:00Z', decidedAt: '2026-11-22T16:04:00Z' },
  ],
};

describe('supervisor figures', () => {
  it('per clerk: claimed now, decided today, median review time per episode; supervisors are not listed', () => {
    expect(clerkWorkload(snapshot, new Date('2026-11-23T00:00:00Z'))).toEqual([
      { clerk: 'clerk1', displayName: 'Dana', claimedNow: 0, decidedToday: 3, medianReviewSeconds: 240 },
      { clerk: 'clerk2', displayName: 'Luis', claimedNow: 1, decidedToday: 0, medianReviewSeconds: null },
    ]);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('buckets time in queue, narrowed by court location and category', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const items = [
      { submittedAt: '2026-11-23T11:00:00Z', courtLocation: 'DT', caseCategory: 'CV' },
      { submittedAt: '2026-11-23T00:00:00Z', courtLocation: 'DT', caseCategory: 'CV' },
      { submittedAt: '2026-11-21T13:00:00Z', courtLocation: 'EV', caseCategory: 'FA' },
      { submittedAt: '2026-11-10T00:00:00Z', courtLocation: 'DT', caseCategory: 'FA' },
    ];
    expect(queueAging(items, now).map((bar) => bar.count)).toEqual([1, 1, 1, 0, 1]);
    expect(queueAging(items, now, { courtLocation: 'DT' }).map((bar) => bar.count)).toEqual([1, 1, 0, 0, 1]);
    expect(queueAging(items, now, { caseCategory: 'FA' }).map((bar) => bar.count)).toEqual([0, 0, 1, 0, 1]);
  });

  it('writes RFC 4180 CSV, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = reviewStatisticsCsv([...snapshot.reviews.slice(0, 1), { ...snapshot.reviews[1]!, reasonCode: '=HYPERLINK("http://x","y"),z' }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('decided_at,clerk,envelope_id,filing_id,outcome,rejection_reason,claimed_at,review_seconds');
    expect(lines[1]).toBe('2026-11-23T08:02:00Z,clerk1,E1,F1,accepted,,2026-11-23T08:00:00Z,120');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"",""y""),z"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
