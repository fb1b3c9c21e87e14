import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRequestSchema, type QueueItem } from '../../../shared/domain/review-queue';
import { ok } from '../../../shared/result';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { LeaseBook } from '../../../electron/efm-sim/lease-book';
import { SeededRandom } from '../../../electron/efm-sim/seeded-random';
import type { SqlDatabase } from '../../../electron/service/db/sql-database';
import { queryQueue } from '../../../electron/service/store/queue-query';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { queueCache, type CachedQueueItem } from '../../../renderer/data/queue-cache-db';
import { compareForSort, noQueueFilter, type QueueSort, type QueueViewFilter } from '../../../renderer/data/queue-keys';
import { queueRepository, type QueueView } from '../../../renderer/data/queue-repository';
import { forgetIndex } from '../../../renderer/data/queue-index-cache';
import { dropFromQueue, syncQueue, type QueuePageSource } from '../../../renderer/data/queue-sync';
import { openTestDatabase } from '../../fixtures/service-database';

// The cache against the real service's queue (PGlite), not against a list of our own.
let now = Date.parse('2026-12-02T12:00:00Z');
const demos = makeDemoEnvelopes(500, undefined, now);
let database: SqlDatabase;
const source: QueuePageSource = async (request) =>
  ok(await queryQueue(database, queueRequestSchema.parse({ ...request, sort: 'oldest-first' }), 'clerk1', now));

/** The whole queue as the service lists it now. */
async function serviceQueue(): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await queryQueue(database, queueRequestSchema.parse({ pageSize: 1000, cursor }), 'clerk1', now);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const itemOf = (row: CachedQueueItem): QueueItem => {
  const { terms: _terms, ...item } = row;
  return item;
};

/** What the screen would show for a view, read as the screen reads it: pages of 23 by keyset. */
async function readView(view: QueueView): Promise<QueueItem[]> {
  const rows: CachedQueueItem[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await queueRepository.page(view, last ? { after: last } : { offset: 0 }, 23);
    rows.push(...page);
    if (page.length < 23) return rows.map(itemOf);
  }
}

function expected(items: readonly QueueItem[], view: QueueView): QueueItem[] {
  const { filter, username } = view;
  return items.filter((item) => (!filter.courtLocation || item.courtLocation === filter.courtLocation)
    && (!filter.caseCategory || item.caseCategory === filter.caseCategory)
    && (filter.caseKind === 'all' || (filter.caseKind === 'new') === item.newCase)
    && (filter.claim === 'all' || (filter.claim === 'mine' ? item.claimedBy === username : item.claimedBy === null)))
    .sort(compareForSort(view.sort));
}

beforeAll(async () => {
  database = await openTestDatabase();
  await database.transaction((sql) => reviewRecords.seedEnvelopes(sql, demos.slice(0, 400)));
  const leases = new LeaseBook(() => now);
  for (const demo of demos.slice(0, 40)) await database.transaction((sql) => leases.claim(sql, demo.envelope.id, demo.envelope.id < 'E' ? 'clerk1' : 'clerk2', 600));
  for (const demo of demos.slice(40, 80)) await database.transaction((sql) => leases.claim(sql, demo.envelope.id, 'clerk1', 600));
});
afterAll(() => database.close());

/** Views of each sort and each kind of filter. */
const someViews: QueueView[] = (['oldest', 'newest', 'filer', 'filer-desc'] as const).flatMap((sort) => [
  { filter: noQueueFilter, sort, username: 'clerk1' },
  { filter: { ...noQueueFilter, claim: 'mine' }, sort, username: 'clerk1' },
  { filter: { ...noQueueFilter, claim: 'unclaimed', caseKind: 'new' }, sort, username: 'clerk1' },
]);

describe('the queue cache and its repository', () => {
  it('shows every filter and sort the screen offers exactly as the service lists them, with counts from the sync', async () => {
    const outcome = await syncQueue(97, source);
    expect(outcome).toMatchObject({ ok: true, kind: 'full', written: 400 });
    const all = await serviceQueue();
    const locations = ['', ...new Set(all.map((item) => item.courtLocation))];
    const categories = ['', ...new Set(all.map((item) => item.caseCategory))];
    let views = 0;
    for (const courtLocation of locations) for (const caseCategory of categories) {
      for (const caseKind of ['all', 'new', 'existing'] as const) for (const claim of ['all', 'mine', 'unclaimed'] as const) {
        const filter: QueueViewFilter = { ...noQueueFilter, courtLocation, caseCategory, caseKind, claim };
        const sorts: QueueSort[] = courtLocation === '' || caseKind === 'all' ? ['oldest', 'newest', 'filer', 'filer-desc'] : ['oldest'];
        for (const sort of sorts) {
          const view = { filter, sort, username: 'clerk1' };
          const want = expected(all, view);
          expect(await readView(view)).toEqual(want);
          expect(await queueRepository.counts(view)).toEqual({ matching: want.length, total: 400 });
          views += 1;
        }
      }
    }
    expect(views).toBeGreaterThan(100);
    // Filer order under several filters at once, from a position too (a jump down the scrollbar).
    const filerFilters: QueueViewFilter[] = [
      { ...noQueueFilter, caseKind: 'new' }, { ...noQueueFilter, claim: 'unclaimed', caseCategory: categories[1] ?? '' },
      { ...noQueueFilter, courtLocation: locations[1] ?? '', caseCategory: categories[1] ?? '' },
      { ...noQueueFilter, courtLocation: locations[1] ?? '', caseKind: 'existing' },
      { ...noQueueFilter, courtLocation: locations[1] ?? '', caseKind: 'new', claim: 'unclaimed' },
      { ...noQueueFilter, courtLocation: locations[2] ?? '', caseKind: 'existing', claim: 'mine' },
    ];
    for (const filter of filerFilters) {
      for (const sort of ['filer', 'filer-desc'] as const) {
        const view = { filter, sort, username: 'clerk1' };
        const want = expected(all, view);
        expect(want.length).toBeGreaterThan(0);
        expect(await readView(view)).toEqual(want);
        expect((await queueRepository.page(view, { offset: 3 }, 4)).map(itemOf)).toEqual(want.slice(3, 7));
      }
    }
    // A jump down the scrollbar reads from a position.
    const view = { filter: noQueueFilter, sort: 'newest' as const, username: 'clerk1' };
    expect((await queueRepository.page(view, { offset: 250 }, 10)).map(itemOf)).toEqual(expected(all, view).slice(250, 260));
  });

  it('finds envelopes by envelope id, case number and name words, any case, invisible characters ignored', async () => {
    const all = await serviceQueue();
    const view = (search: string, filter: Partial<QueueViewFilter> = {}): QueueView => ({ filter: { ...noQueueFilter, ...filter, search }, sort: 'oldest', username: 'clerk1' });
    const ids = async (search: string, filter: Partial<QueueViewFilter> = {}): Promise<string[]> =>
      (await queueRepository.search(view(search, filter))).rows.map((row) => row.envelopeId);
    const target = all.find((item) => item.caseNumber && item.filerName) as QueueItem;
    expect(await ids(target.envelopeId.toLowerCase())).toEqual([target.envelopeId]);
    expect(await ids(`\u200B${target.envelopeId.slice(0, -1)}\u200B`)).toContain(target.envelopeId);
    const sameCase = all.filter((item) => item.caseNumber === target.caseNumber).map((item) => item.envelopeId);
    expect(await ids(` ${target.caseNumber?.toLowerCase() ?? ''} `)).toEqual(sameCase);
    const word = (target.filerName ?? '').split(' ').at(-1) ?? '';
    const byWord = all.filter((item) => [item.filerName, item.caseTitle].some((text) => (text ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(word.toLowerCase().slice(0, 4)))));
    expect(await ids(word.slice(0, 4).toUpperCase())).toEqual(byWord.map((item) => item.envelopeId));
    const unclaimedNew = byWord.filter((item) => item.newCase && item.claimedBy === null).map((item) => item.envelopeId);
    expect(await ids(word.slice(0, 4), { caseKind: 'new', claim: 'unclaimed' })).toEqual(unclaimedNew);
    expect(await ids('no-such-envelope-anywhere')).toEqual([]);
  });

  it('after random changes, an incremental sync leaves the cache equal to a full sync, removals included', async () => {
    const seeded = new SeededRandom(15);
    let next = 400;
    for (let round = 0; round < 6; round++) {
      for (let step = 0; step < 30; step++) {
        const id = seeded.pick(demos.slice(0, next)).envelope.id;
        const leases = new LeaseBook(() => now);
        const roll = seeded.next();
        if (roll < 0.35) await database.transaction((sql) => leases.claim(sql, id, seeded.pick(['clerk1', 'clerk2']), 20 + seeded.int(0, 90)));
        else if (roll < 0.5) await reviewRecords.cancel(database, id);
        else if (roll < 0.6) await reviewRecords.updateReview(database, id, null, true);
        else if (roll < 0.75 && next < demos.length) {
          const demo = demos[next++];
          if (demo) await database.transaction((sql) => reviewRecords.insertEnvelope(sql, demo));
        }
        now += seeded.int(0, 15_000);
      }
      const outcome = await syncQueue(41, source);
      expect(outcome).toMatchObject({ ok: true, kind: 'changes' });
      if (outcome.ok) expect(outcome.written).toBeLessThan(200);
      const cached = (await queueCache().queue.orderBy('envelopeId').toArray()).map(itemOf);
      const all = (await serviceQueue()).sort((a, b) => (a.envelopeId < b.envelopeId ? -1 : 1));
      expect(cached).toEqual(all);
      const counts = await queueRepository.counts({ filter: { ...noQueueFilter, claim: 'mine' }, sort: 'oldest', username: 'clerk1' });
      expect(counts).toEqual({ matching: all.filter((item) => item.claimedBy === 'clerk1').length, total: all.length });
      // The index kept in memory and the one saved beside the rows (what the next start loads) agree with the rows.
      for (const view of someViews) {
        const shown = await readView(view);
        expect(shown).toEqual(expected(all, view));
        forgetIndex();
        expect(await readView(view)).toEqual(shown);
      }
    }
  });

  it('a sync the EFM breaks off keeps the last complete token: the next one repeats the changes, nothing half-applied', async () => {
    const before = await queueCache().syncState.get('changeToken');
    for (const demo of demos.slice(100, 103)) await reviewRecords.cancel(database, demo.envelope.id);
    let calls = 0;
    const failing: QueuePageSource = async (request) => {
      calls += 1;
      if (calls > 1) return { ok: false, error: { code: 'efm-unreachable', message: 'The EFM did not answer.' } } as never;
      return source({ ...request, pageSize: 1 });
    };
    const broken = await syncQueue(1, failing);
    expect(broken.ok).toBe(false);
    expect(calls).toBe(2);
    expect(await queueCache().syncState.get('changeToken')).toEqual(before);
    // Started again after the break (the saved index is behind the rows): the index is made again from the rows.
    forgetIndex();
    const rows = (await queueCache().queue.toArray()).map(itemOf);
    for (const view of someViews) expect(await readView(view)).toEqual(expected(rows, view));
    await syncQueue(50, source);
    const cached = (await queueCache().queue.orderBy('envelopeId').toArray()).map(itemOf);
    expect(cached).toEqual((await serviceQueue()).sort((a, b) => (a.envelopeId < b.envelopeId ? -1 : 1)));
  });

  it('an envelope dropped when its review completes leaves at once, counts included, and the next sync agrees', async () => {
    const view: QueueView = { filter: noQueueFilter, sort: 'oldest', username: 'clerk1' };
    const before = await queueRepository.counts(view);
    const [done] = await queueRepository.page(view, { offset: 0 }, 1);
    if (!done) throw new Error('a queued envelope expected');
    // A sync and the drop asked together: they run one after the other, the counts stay whole.
    await reviewRecords.cancel(database, done.envelopeId);
    await Promise.all([syncQueue(50, source), dropFromQueue([done.envelopeId])]);
    expect(await queueCache().queue.get(done.envelopeId)).toBeUndefined();
    expect(await queueRepository.counts(view)).toEqual({ matching: before.matching - 1, total: before.total - 1 });
    await syncQueue(50, source);
    expect((await queueRepository.counts(view)).total).toBe((await serviceQueue()).length);
  });
});
