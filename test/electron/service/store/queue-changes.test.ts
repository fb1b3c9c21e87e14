import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRequestSchema, type QueueItem, type QueueRequest } from '../../../../shared/domain/review-queue';
import { makeDemoEnvelopes } from '../../../../electron/efm-sim/demo-envelopes';
import { LeaseBook } from '../../../../electron/efm-sim/lease-book';
import { SeededRandom } from '../../../../electron/efm-sim/seeded-random';
import type { SqlDatabase } from '../../../../electron/service/db/sql-database';
import { queryQueue } from '../../../../electron/service/store/queue-query';
import { reviewRecords } from '../../../../electron/service/store/review-records';
import { openTestDatabase } from '../../../fixtures/service-database';

const start = Date.parse('2026-12-02T12:00:00Z');
const demos = makeDemoEnvelopes(400, undefined, start);
let database: SqlDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.transaction((sql) => reviewRecords.seedEnvelopes(sql, demos.slice(0, 300)));
});
afterAll(() => database.close());

/** Every page of one run (full or changes), following the cursors; the first page's token is the run's. */
async function run(now: number, clerk: string, extra: Partial<QueueRequest> = {}) {
  const items: QueueItem[] = [];
  const removed: string[] = [];
  let cursor: string | null = null;
  let token: string | null = null;
  let changesOnly: boolean | null = null;
  do {
    const page = await queryQueue(database, queueRequestSchema.parse({ ...extra, pageSize: 37, cursor }), clerk, now);
    items.push(...page.items);
    removed.push(...page.removed);
    token ??= page.changeToken;
    changesOnly ??= page.changesOnly;
    cursor = page.nextCursor;
  } while (cursor);
  return { items, removed, token, changesOnly };
}

const byId = (items: readonly QueueItem[]): Map<string, QueueItem> => new Map(items.map((item) => [item.envelopeId, item]));

describe('incremental queue sync (changedSince)', () => {
  it('after random claims, releases, expiries, cancellations, completions, decisions and new filings, the cache equals a full sync', async () => {
    const seeded = new SeededRandom(20261206);
    const random = (): number => seeded.next();
    const pick = <T>(list: readonly T[]): T => seeded.pick(list);
    let now = start;
    const clerks = ['clerk1', 'clerk2', 'clerk3'];
    const first = await run(now, 'clerk1');
    expect(first.changesOnly).toBe(false);
    const cache = byId(first.items);
    let token = first.token;
    let nextDemo = 300;
    let changesSeen = 0;
    for (let round = 0; round < 12; round++) {
      for (let step = 0; step < 25; step++) {
        const id = pick(demos.slice(0, nextDemo)).envelope.id;
        const leases = new LeaseBook(() => now);
        const action = random();
        if (action < 0.3) await database.transaction((sql) => leases.claim(sql, id, pick(clerks), 30 + Math.floor(random() * 120)));
        else if (action < 0.45) {
          const lease = await leases.current(database, id);
          if (lease) await database.transaction((sql) => leases.release(sql, id, lease.holder, lease.fencingToken));
        } else if (action < 0.55) await database.transaction((sql) => leases.reassign(sql, id, pick([...clerks, null]), 300, 'supervisor1'));
        else if (action < 0.62) await reviewRecords.cancel(database, id);
        else if (action < 0.7) await reviewRecords.updateReview(database, id, null, true);
        else if (action < 0.76) {
          // One more filing decided (a review episode): the envelope shows as partly decided.
          const filings = demos.find((d) => d.envelope.id === id)?.envelope.filings ?? [];
          const decided = new Set((await reviewRecords.decisions(database, id)).map((d) => d.filingId));
          const filing = filings.find((f) => !decided.has(f.id));
          const at = new Date(now).toISOString();
          const decision = { filingId: filing?.id ?? '', outcome: 'accepted' as const, reasonCode: null, note: null, correctedFilingCode: null, decidedAt: at, reviewerId: 'clerk1' };
          if (filing) await database.transaction((sql) => reviewRecords.insertDecisions(sql, id, [decision], { id: 'clerk1', name: 'Ana' }, null, at));
        } else if (action < 0.82 && nextDemo < demos.length) {
          const demo = demos[nextDemo++];
          if (demo) await database.transaction((sql) => reviewRecords.insertEnvelope(sql, demo));
        }
        // Time passes: short claims run out between syncs without any write.
        now += Math.floor(random() * 20_000);
      }
      const changes = await run(now, 'clerk1', { changedSince: token });
      expect(changes.changesOnly).toBe(true);
      changesSeen += changes.items.length + changes.removed.length;
      for (const item of changes.items) cache.set(item.envelopeId, item);
      for (const id of changes.removed) cache.delete(id);
      token = changes.token;
      const full = await run(now, 'clerk1');
      expect([...cache.values()].sort((a, b) => a.envelopeId.localeCompare(b.envelopeId)))
        .toEqual([...full.items].sort((a, b) => a.envelopeId.localeCompare(b.envelopeId)));
    }
    // The changes listed are a fraction of the queue, not the queue again each time.
    expect(changesSeen).toBeGreaterThan(0);
    // Decisions happened, and the cache knows of them from changes alone.
    expect([...cache.values()].some((item) => item.decidedCount > 0)).toBe(true);
    expect(changesSeen).toBeLessThan(12 * cache.size);
  });

  it('lists nothing when nothing changed, and answers a token it cannot honour with the whole queue', async () => {
    const now = start + 86_400_000;
    const full = await run(now, 'clerk2');
    const again = await run(now, 'clerk2', { changedSince: full.token });
    expect(again).toMatchObject({ changesOnly: true, items: [], removed: [] });
    const foreign = Buffer.from(JSON.stringify(['1', '1', now])).toString('base64url');
    for (const token of [foreign, 'not a token', Buffer.from('[1,2,3]').toString('base64url')]) {
      const answer = await run(now, 'clerk2', { changedSince: token });
      expect(answer.changesOnly).toBe(false);
      expect(answer.items.length).toBe(full.items.length);
    }
  });

  it('with a filter, an envelope that stops matching is listed as removed', async () => {
    const now = start + 2 * 86_400_000;
    const leases = new LeaseBook(() => now);
    const unclaimed = await run(now, 'clerk1', { filter: queueRequestSchema.shape.filter.parse({ claim: 'unclaimed' }) });
    const target = unclaimed.items[0]?.envelopeId ?? '';
    await database.transaction((sql) => leases.claim(sql, target, 'clerk3', 600));
    const changes = await run(now, 'clerk1', { filter: queueRequestSchema.shape.filter.parse({ claim: 'unclaimed' }), changedSince: unclaimed.token });
    expect(changes.removed).toEqual([target]);
  });
});
