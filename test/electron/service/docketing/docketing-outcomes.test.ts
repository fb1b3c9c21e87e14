import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docketingOutcomes } from '../../../../electron/service/docketing/docketing-outcomes';
import type { DocketingResult } from '../../../../shared/domain/ecf-status';
import { readNotifyDocketingComplete } from '../../../../shared/ecf/notify-docketing-complete';
import { parseXml } from '../../../../shared/xml/safe-xml';

const official = (file: string): DocketingResult => {
  const parsed = parseXml(readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const read = readNotifyDocketingComplete(parsed.value);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
};

const document = (identificationId: string, docketingStatus: string | null, docketingDetail: string | null = null): DocketingResult['documents'][number] => ({
  documentId: `docketed-${identificationId}`, identificationId, reviewStatus: 'accepted', docketingStatus, docketingDetail, docketId: docketingStatus === 'accepted' ? 'DKT-1' : null, fileControlId: null, sha256: null,
});

describe('reading NotifyDocketingComplete for the filings of a RecordDocketing', () => {
  it('finds the RecordDocketing it answers in the OASIS example (the identification whose source is FilingReview)', () => {
    expect(official('docketcallback-cancelled.xml').requestMessageId).toBe('10');
  });

  it('per lead document: accepted or issued is docketed, rejected is not (with the reason), received is not yet', () => {
    const result: DocketingResult = { messageId: 'NDC-1', requestMessageId: 'RD-1', filingStatus: 'accepted', filingDocketingStatus: 'unsuccessful', documents: [document('F1', 'accepted'), document('F2', 'rejected', 'The case is sealed'), document('F3', 'received')] };
    expect(docketingOutcomes(result, ['F1', 'F2', 'F3', 'F4'])).toEqual([
      { filingId: 'F1', docketed: true, docketId: 'DKT-1', reason: null },
      { filingId: 'F2', docketed: false, docketId: null, reason: 'The case is sealed' },
    ]);
  });

  it('a callback without document entries speaks for every filing through its filing status', () => {
    const base: DocketingResult = { messageId: 'NDC-2', requestMessageId: 'RD-2', filingStatus: 'accepted', filingDocketingStatus: 'successful', documents: [] };
    expect(docketingOutcomes(base, ['F1', 'F2']).map((o) => o.docketed)).toEqual([true, true]);
    expect(docketingOutcomes({ ...base, filingDocketingStatus: 'unsuccessful' }, ['F1']).map((o) => o.docketed)).toEqual([false]);
    expect(docketingOutcomes({ ...base, filingDocketingStatus: null }, ['F1'])).toEqual([]);
  });
});
