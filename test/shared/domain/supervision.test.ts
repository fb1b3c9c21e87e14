import { describe, expect, it } from 'vitest';
import { courtClockText, courtDayStart, courtLocalIso } from '../../../shared/domain/court-clock';
import { clerkWorkload, isOfflineLease, median, queueAging, reviewStatisticsCsv, reviewStatisticsFileName, type WorkloadSnapshot } from '../../../shared/domain/supervision';

const where = { filingCode: 'MOT', correctedFilingCode: null, courtLocation: 'DT' };

const snapshot: WorkloadSnapshot = {
  clerks: [
    { userId: 'clerk1', displayName: 'Dana', role: 'clerk' },
    { userId: 'clerk2', displayName: 'Luis', role: 'clerk' },
    { userId: 'boss', displayName: 'Renee', role: 'supervisor' },
  ],
  claims: [{ envelopeId: 'E9', holder: 'clerk2', claimedAt: '2026-11-23T09:00:00Z', expiresAt: '2026-11-23T09:05:00Z' }],
  reviews: [
    // One episode of two filings (one review time), one more episode, and one from yesterday.
    { envelopeId: 'E1', filingId: 'F1', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-23T08:00:00Z', decidedAt: '2026-11-23T08:02:00Z', ...where },
    { envelopeId: 'E1', filingId: 'F2', clerk: 'clerk1', outcome: 'rejected', reasonCode: 'ILLEGIBLE', claimedAt: '2026-11-23T08:00:00Z', decidedAt: '2026-11-23T08:02:00Z', ...where },
    { envelopeId: 'E2', filingId: 'F3', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-23T08:10:00Z', decidedAt: '2026-11-23T08:20:00Z', ...where },
    { envelopeId: 'E3', filingId: 'F4', clerk: 'clerk1', outcome: 'accepted', reasonCode: null, claimedAt: '2026-11-22T16:00:00Z', decidedAt: '2026-11-22T16:04:00Z', ...where },
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
    const corrected = { ...snapshot.reviews[0]!, correctedFilingCode: 'MOTX' };
    const csv = reviewStatisticsCsv([corrected, { ...snapshot.reviews[1]!, reasonCode: '=HYPERLINK("http://x","y"),z' }], 'America/Chicago');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('decided_at,clerk,envelope_id,filing_id,filing_code,corrected_filing_code,court_location,outcome,rejection_reason,claimed_at,review_seconds');
    // Court time (Chicago, UTC-6 in November), with the offset.
    expect(lines[1]).toBe('2026-11-23T02:02:00-06:00,clerk1,E1,F1,MOT,MOTX,DT,accepted,,2026-11-23T02:00:00-06:00,120');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"",""y""),z"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes times on the court clock with their offset, summer and winter', () => {
    expect(courtLocalIso('2026-07-01T12:00:00.000Z', 'America/Chicago')).toBe('2026-07-01T07:00:00-05:00');
    expect(courtLocalIso('2026-12-02T07:12:24.093Z', 'America/Chicago')).toBe('2026-12-02T01:12:24-06:00');
    expect(courtLocalIso('2026-12-02T07:12:24Z', 'Asia/Kolkata')).toBe('2026-12-02T12:42:24+05:30');
    expect(courtLocalIso(null, 'UTC')).toBeNull();
    expect(courtClockText('2026-12-07T03:17:04.120Z', 'America/Chicago')).toBe('12/6/2026, 9:17:04 PM CST');
  });

  it('names the export after the court days it covers', () => {
    // A day on the court's clock: midnight to midnight in Chicago.
    expect(reviewStatisticsFileName('2026-12-02T06:00:00.000Z', '2026-12-03T06:00:00.000Z', 'America/Chicago')).toBe('review-statistics_2026-12-02.csv');
    expect(reviewStatisticsFileName('2026-12-01T06:00:00.000Z', '2026-12-08T06:00:00.000Z', 'America/Chicago')).toBe('review-statistics_2026-12-01_2026-12-07.csv');
  });
});

describe('court days', () => {
  it('begin at midnight on the court clock, across daylight-saving changes', () => {
    expect(courtDayStart('2026-12-02', 'America/Chicago')).toBe('2026-12-02T06:00:00.000Z');
    expect(courtDayStart('2026-07-01', 'America/Chicago')).toBe('2026-07-01T05:00:00.000Z');
    // 8 March 2026: clocks go forward at 2 am; the day still begins at midnight CST.
    expect(courtDayStart('2026-03-08', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z');
    expect(courtDayStart('2026-03-09', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
    expect(courtDayStart('2026-12-02', 'Asia/Kolkata')).toBe('2026-12-01T18:30:00.000Z');
  });
});

describe('offline working-day leases', () => {
  it('are told from envelopes open on a screen by how far ahead their lease runs', () => {
    const now = new Date('2026-12-07T15:00:00Z');
    // Open for two hours and renewed a few minutes at a time: on a screen, stale.
    expect(isOfflineLease({ expiresAt: '2026-12-07T15:04:00Z' }, now)).toBe(false);
    // Taken for offline work this morning, for the working day.
    expect(isOfflineLease({ expiresAt: '2026-12-07T17:00:00Z' }, now)).toBe(true);
  });
});
