import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRequestSchema, type QueueItem } from '../../../../shared/domain/review-queue';
import { makeDemoEnvelopes, type DemoEnvelope } from '../../../../electron/efm-sim/demo-envelopes';
import { LeaseBook } from '../../../../electron/efm-sim/lease-book';
import type { SqlDatabase } from '../../../../electron/service/db/sql-database';
import { queryQueue } from '../../../../electron/service/store/queue-query';
import { reviewRecords } from '../../../../electron/service/store/review-records';
import { openTestDatabase } from '../../../fixtures/service-database';

const now = Date.parse('2026-12-02T12:00:00Z');
const demos = makeDemoEnvelopes(120, undefined, now);
let database: SqlDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.transaction((sql) => reviewRecords.seedEnvelopes(sql, demos));
  const leases = new LeaseBook(() => now);
  for (const demo of demos.slice(0, 3)) await leases.claim(database, demo.envelope.id, 'clerk1', 300);
  await leases.claim(database, demos[3]?.envelope.id ?? '', 'clerk2', 300);
  // An expired claim counts as unclaimed.
  await new LeaseBook(() => now - 3_600_000).claim(database, demos[4]?.envelope.id ?? '', 'clerk2', 60);
  await reviewRecords.cancel(database, demos[5]?.envelope.id ?? '');
});
afterAll(() => database.close());

/** Every page of a query, following the cursors. */
async function allPages(request: Partial<Parameters<typeof queueRequestSchema.parse>[0]>, clerk = 'clerk1'): Promise<{ items: QueueItem[]; totals: number[] }> {
  const items: QueueItem[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await queryQueue(database, queueRequestSchema.parse({ ...request, pageSize: 7, cursor }), clerk, now);
    items.push(...page.items);
    totals.push(page.totalCount);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, totals };
}

const open = demos.filter((_, i) => i !== 5);
const byAge = (list: readonly DemoEnvelope[]): string[] =>
  [...list].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? '') || a.envelope.id.localeCompare(b.envelope.id)).map((d) => d.envelope.id);

describe('the review queue in SQL', () => {
  it('pages the open envelopes oldest first by keyset, each once, with the total on every page', async () => {
    const { items, totals } = await allPages({});
    expect(items.map((item) => item.envelopeId)).toEqual(byAge(open));
    expect(new Set(totals)).toEqual(new Set([open.length]));
    const newest = await allPages({ sort: 'newest-first' });
    expect(newest.items.map((item) => item.envelopeId)).toEqual(byAge(open).reverse());
  });

  it('filters as the clerk asks: new cases, a filing code, a filer name, claims (expired ones count as free)', async () => {
    expect((await allPages({ filter: { caseKind: 'new' } })).items.map((i) => i.envelopeId)).toEqual(byAge(open.filter((d) => d.envelope.case.isNew)));
    const code = open[10]?.envelope.filings[0]?.filingCode ?? '';
    expect((await allPages({ filter: { filingCodes: [code] } })).items.map((i) => i.envelopeId)).toEqual(byAge(open.filter((d) => d.envelope.filings.some((f) => f.filingCode === code))));
    const word = (open[7]?.envelope.filer ?? '').split(' ')[0]?.toUpperCase() ?? '';
    expect((await allPages({ filter: { filerText: word } })).items.map((i) => i.envelopeId)).toEqual(byAge(open.filter((d) => (d.envelope.filer ?? '').toUpperCase().includes(word))));
    const mine = await allPages({ filter: { claim: 'mine' } });
    expect(mine.items.map((i) => i.envelopeId).sort()).toEqual(demos.slice(0, 3).map((d) => d.envelope.id).sort());
    expect(mine.items.every((i) => i.claimedBy === 'clerk1' && i.claimExpiresAt === new Date(now + 300_000).toISOString())).toBe(true);
    const unclaimed = await allPages({ filter: { claim: 'unclaimed' } });
    expect(unclaimed.items).toHaveLength(open.length - 4);
    expect(unclaimed.items.find((i) => i.envelopeId === demos[4]?.envelope.id)).toMatchObject({ claimedBy: null, claimExpiresAt: null });
  });

  it('lists what the queue shows of each envelope', async () => {
    const demo = open[20];
    const { items } = await allPages({});
    const item = items.find((i) => i.envelopeId === demo?.envelope.id);
    expect(item).toEqual({
      envelopeId: demo?.envelope.id, submittedAt: demo?.envelope.submittedAt, courtLocation: demo?.courtLocation, caseNumber: demo?.envelope.case.number ?? null,
      newCase: demo?.envelope.case.isNew, caseCategory: demo?.envelope.case.category ?? '', caseTitle: demo?.envelope.case.title ?? null,
      filingCodes: demo?.envelope.filings.flatMap((f) => (f.filingCode ? [f.filingCode] : [])), filerName: demo?.envelope.filer ?? null,
      filingCount: demo?.envelope.filings.length, decidedCount: 0, firstDocumentId: demo?.envelope.filings[0]?.leadDocument.id, claimedBy: null,
      claimExpiresAt: null,
    });
  });
});
