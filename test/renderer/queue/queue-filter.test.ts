import { describe, expect, it } from 'vitest';
import { noQueueFilter } from '../../../renderer/data/queue-keys';
import { savedFilterFrom } from '../../../renderer/queue/queue-filter';

describe('saved queue filters', () => {
  it('reads a filter saved by an older version: its number or filer text becomes the search words', () => {
    expect(savedFilterFrom(JSON.stringify({ caseKind: 'new', filerText: '', numberText: '2026-CV' })))
      .toEqual({ ...noQueueFilter, caseKind: 'new', search: '2026-CV' });
    expect(savedFilterFrom(JSON.stringify({ claim: 'mine', filerText: 'Acme' }))).toEqual({ ...noQueueFilter, claim: 'mine', search: 'Acme' });
  });

  it('keeps only values the screen offers, and says when the text is not a filter at all', () => {
    expect(savedFilterFrom(JSON.stringify({ caseKind: 'both', claim: 7, courtLocation: ['DT'] }))).toEqual(noQueueFilter);
    expect(savedFilterFrom('{not json')).toBeNull();
  });
});
