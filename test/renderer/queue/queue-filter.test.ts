import { describe, expect, it } from 'vitest';
import type { CachedQueueItem } from '../../../renderer/db/db';
import { matchesQueueFilter, noQueueFilter } from '../../../renderer/queue/queue-filter';

const row = (envelopeId: string, caseNumber: string | null): CachedQueueItem => ({
  envelopeId, caseNumber, submittedAt: '2026-12-01T09:00:00Z', courtLocation: 'DT', newCase: caseNumber === null, caseCategory: 'CV',
  caseTitle: null, filingCodes: [], filerName: 'Acme Law', filingCount: 1, claimedBy: null, claimExpiresAt: null, syncId: 1,
});

describe('finding an envelope in the queue by number', () => {
  it('matches the start of the envelope id or of the case number, any case, spaces ignored', () => {
    const rows = [row('ENV-2026-000123', '2026-CV-000777'), row('ENV-2026-000456', null), row('ENV-2026-001230', '2026-FA-000001')];
    const find = (numberText: string): string[] => rows.filter((r) => matchesQueueFilter(r, { ...noQueueFilter, numberText }, 'clerk1')).map((r) => r.envelopeId);
    expect(find('env-2026-0001')).toEqual(['ENV-2026-000123']);
    expect(find(' 2026-CV ')).toEqual(['ENV-2026-000123']);
    expect(find('2026-fa-000001')).toEqual(['ENV-2026-001230']);
    expect(find('ENV-2026-00')).toHaveLength(3);
    expect(find('000777')).toEqual([]);
    expect(find('')).toHaveLength(3);
  });
});
