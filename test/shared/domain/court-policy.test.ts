import { describe, expect, it } from 'vitest';
import { awaitsRecordSystemNumber } from '../../../shared/domain/court-policy';

const recordSystem = { caseNumbering: 'record-system' as const };
const clerk = { caseNumbering: 'clerk' as const };
const open = { caseOpened: false, numberPending: false };

describe('who numbers a new case (seed 000, CMS Case Assignment): one rule for screen, desktop and service', () => {
  it('a new case waits for the record system where it numbers new cases, and only until a case is opened', () => {
    expect(awaitsRecordSystemNumber(recordSystem, { isNew: true }, open)).toBe(true);
    expect(awaitsRecordSystemNumber(recordSystem, { isNew: true }, { ...open, caseOpened: true })).toBe(false);
    expect(awaitsRecordSystemNumber(recordSystem, { isNew: false }, open)).toBe(false);
  });

  it('where the clerk numbers cases, only a number already asked of the record system is waited for', () => {
    expect(awaitsRecordSystemNumber(clerk, { isNew: true }, open)).toBe(false);
    expect(awaitsRecordSystemNumber(clerk, { isNew: true }, { ...open, numberPending: true })).toBe(true);
    expect(awaitsRecordSystemNumber(null, { isNew: true }, { ...open, numberPending: true })).toBe(true);
    expect(awaitsRecordSystemNumber(null, { isNew: true }, open)).toBe(false);
  });
});
