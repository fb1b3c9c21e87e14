import { describe, expect, it } from 'vitest';
import { checkCaseAssignment } from '../../../shared/domain/case-assignment';
import { envelopeReviewStatus, reviewDecisionSchema } from '../../../shared/domain/review-decision';

const base = { envelopeId: 'ENV-1', filingId: 'F-1', reviewer: 'clerk.doe', decidedAt: '2026-11-22T16:15:00Z' };

describe('review decisions', () => {
  it('rejects a filing without a reason or without an explanation', () => {
    expect(reviewDecisionSchema.safeParse({ ...base, outcome: 'rejected', reasonCode: '', note: 'The exhibit is missing page 3.' }).success).toBe(false);
    expect(reviewDecisionSchema.safeParse({ ...base, outcome: 'rejected', reasonCode: 'MISSING-PAGES', note: '  ' }).success).toBe(false);
    expect(reviewDecisionSchema.safeParse({ ...base, outcome: 'rejected', reasonCode: 'MISSING-PAGES', note: 'The exhibit is missing page 3.' }).success).toBe(true);
  });

  it('accepts with an optional note and filing-code correction', () => {
    expect(reviewDecisionSchema.safeParse({ ...base, outcome: 'accepted', correctedFilingCode: 'MOT-COMPEL', note: null }).success).toBe(true);
  });

  it('derives the envelope status ECF reports to the filer', () => {
    expect(envelopeReviewStatus([{ outcome: 'accepted' }, { outcome: 'accepted' }])).toBe('accepted');
    expect(envelopeReviewStatus([{ outcome: 'rejected' }])).toBe('rejected');
    expect(envelopeReviewStatus([{ outcome: 'accepted' }, { outcome: 'rejected' }])).toBe('partially-accepted');
    expect(() => envelopeReviewStatus([])).toThrow();
  });
});

describe('manual case assignment', () => {
  const policy = {
    caseNumberPattern: '^\\d{4}-(CV|CR|FA)-\\d{6}$',
    courtLocations: [{ code: 'DT', name: 'Downtown' }],
    judges: [{ code: 'J-17', name: 'Hon. A. Rivera' }],
  };
  const good = { caseNumber: '2026-CV-000123', trackingId: null, courtLocation: 'DT', judge: 'J-17', caseTitle: 'Doe v. Roe' };

  it('passes a number in the court format with a listed location and judge', () => {
    expect(checkCaseAssignment(good, policy)).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(checkCaseAssignment({ ...good, caseNumber: '26-123', judge: 'J-99' }, policy).map((issue) => issue.field)).toEqual(['caseNumber', 'judge']);
    expect(checkCaseAssignment({ ...good, caseTitle: '' }, policy)).toEqual([{ field: 'caseTitle', message: 'Enter the case title' }]);
  });
});
