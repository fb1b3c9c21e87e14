import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../electron/efm-sim/seeded-random';
import type { QueueItem } from '../../../shared/domain/review-queue';
import { entryOf, QueueIndex } from '../../../renderer/data/queue-index';
import {
  compareForSort, matchesFacets, noQueueFilter, type QueueSort, type QueueViewFilter,
} from '../../../renderer/data/queue-keys';

const random = new SeededRandom(2026);

/** A queue row with random facts (few distinct values, so ties in time and filer happen). */
function item(n: number): QueueItem {
  return {
    envelopeId: `ENV-${String(n).padStart(5, '0')}`, submittedAt: `2026-12-0${random.int(1, 3)}T10:00:00Z`,
    courtLocation: random.pick(['north', 'south']), caseNumber: null, newCase: random.next() < 0.4,
    caseCategory: random.pick(['civil', 'family', 'probate']), caseTitle: null, filingCodes: [],
    filerName: random.pick([null, 'Ada Byrne', 'ada byrne', 'Émile Zola', 'Bo']), filingCount: 1, decidedCount: 0,
    firstDocumentId: null, claimedBy: random.pick([null, null, 'clerk1', 'clerk2']), claimExpiresAt: null,
  };
}

const filters: QueueViewFilter[] = [
  noQueueFilter, { ...noQueueFilter, claim: 'mine' }, { ...noQueueFilter, claim: 'unclaimed', courtLocation: 'north' },
  { ...noQueueFilter, caseKind: 'new', caseCategory: 'family' },
];
const sorts: QueueSort[] = ['oldest', 'newest', 'filer', 'filer-desc'];

/** What every page of every view should hold: the rows filtered and sorted the plain way. */
function checkAgainst(index: QueueIndex, rows: ReadonlyMap<string, QueueItem>): void {
  for (const filter of filters) for (const sort of sorts) {
    const want = [...rows.values()].filter((row) => matchesFacets(row, filter, 'clerk1')).sort(compareForSort(sort));
    const got: string[] = [];
    for (;;) {
      const last = got.at(-1);
      const page = index.page(filter, 'clerk1', sort, last ? { after: rows.get(last) as QueueItem } : { offset: 0 }, 7);
      got.push(...page);
      if (page.length < 7) break;
    }
    expect(got).toEqual(want.map((row) => row.envelopeId));
    expect(index.page(filter, 'clerk1', sort, { offset: 5 }, 3)).toEqual(want.slice(5, 8).map((row) => row.envelopeId));
  }
}

describe('the queue index in memory', () => {
  it('pages every filter and sort as a plain filter-and-sort would, through random changes, moves and removals', () => {
    const rows = new Map<string, QueueItem>();
    const index = new QueueIndex();
    for (let n = 0; n < 300; n++) {
      const row = item(n);
      rows.set(row.envelopeId, row);
      index.put(entryOf(row));
    }
    checkAgainst(index, rows);
    // Small rounds (each change moved in the sorted orders) and one large one (more moves than are spliced).
    for (const changes of [5, 40, 2500, 60]) {
      for (let step = 0; step < changes; step++) {
        const id = random.pick([...rows.keys()]);
        const roll = random.next();
        if (roll < 0.2 && rows.size > 100) {
          rows.delete(id);
          index.delete(id);
        } else {
          const claimed = { ...(rows.get(id) as QueueItem), claimedBy: random.pick([null, 'clerk1']) };
          const row = roll < 0.6 ? claimed : item(Number(id.slice(4)));
          rows.set(row.envelopeId, row);
          index.put(entryOf(row));
        }
        if (roll > 0.8) {
          const added = item(1000 + rows.size + step);
          rows.set(added.envelopeId, added);
          index.put(entryOf(added));
        }
      }
      checkAgainst(index, rows);
    }
    // Saved in buckets and loaded again: the same index.
    const again = QueueIndex.fromBuckets(index.buckets());
    expect(again.size).toBe(rows.size);
    checkAgainst(again, rows);
  });
});
