// Concurrency benchmark of the Filing Review service on PostgreSQL (PGlite has one connection, so it serializes):
// 20 simulated clerks claim and decide concurrently against 50,000 envelopes. Prints p50 and p95 per operation, the
// floor (a WhoAmI round trip through the same stack: SOAP, WS-Security, one indexed SELECT), double decisions (the
// target is 0), and the queue's first and a deep keyset page (no full re-sort per page).
//   CRD_SCRATCH_POSTGRES=postgres://user:pw@127.0.0.1/postgres npm run bench:service
//   (BENCH_ENVELOPES, BENCH_CLERKS, BENCH_SUBMISSIONS to change the size)
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { EfmClient } from '../../electron/efm/efm-client';
import { submitReview } from '../../electron/efm/submit-review';
import { queueFilterSchema } from '../../shared/domain/review-queue';

const envelopeCount = Number(process.env.BENCH_ENVELOPES ?? 50_000);
const clerkCount = Number(process.env.BENCH_CLERKS ?? 20);
const submissionsPerClerk = Number(process.env.BENCH_SUBMISSIONS ?? 15);
if (!process.env.CRD_SCRATCH_POSTGRES) {
  console.error('bench:service needs CRD_SCRATCH_POSTGRES=postgres://user:password@host/postgres (a role that may create databases)');
  process.exit(2);
}

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;
const clerks = Array.from({ length: clerkCount }, (_, i) => ({ username: `bench${i + 1}`, password: `bench-password-${i + 1}`, displayName: `Bench Clerk ${i + 1}`, role: 'clerk' as const }));

const seeded = performance.now();
const service = await new EfmSimulator({ envelopes: makeDemoEnvelopes(envelopeCount), users: clerks, cms: { delayMs: 50, failureRate: 0 } }).start();
console.log(`seeded ${envelopeCount} envelopes and ${clerkCount} clerks on ${service.database.kind} in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
const timings = new Map<string, number[]>();
const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.set(name, [...(timings.get(name) ?? []), performance.now() - started]);
  }
};
const client = (i: number): EfmClient => new EfmClient({ endpoint: service.url, credentials: clerks[i] ?? clerks[0] ?? { username: '', password: '' }, retries: 0, timeoutMs: 120_000 });

// Floor: the cheapest authenticated round trip, once each clerk's password was verified (scrypt runs once per clerk).
for (let i = 0; i < clerkCount; i++) await client(i).whoAmI();
for (let i = 0; i < 40; i++) await timed('floor WhoAmI', () => client(i % clerkCount).whoAmI());

let applied = 0;
let conflicts = 0;
const ran = performance.now();
await Promise.all(clerks.map(async (_, i) => {
  const c = client(i);
  for (let n = 0; n < submissionsPerClerk; n++) {
    const page = await timed('GetReviewQueue (50, unclaimed)', () => c.getReviewQueue({ pageSize: 50, filter: queueFilterSchema.parse({ claim: 'unclaimed', caseKind: 'existing' }) }));
    if (!page.ok) throw new Error(page.error.message);
    // Clerks pick from the same first screen, so they collide on purpose.
    const item = page.value.items[Math.floor(Math.random() * Math.min(5, page.value.items.length))];
    if (!item) break;
    const lease = await timed('ClaimEnvelope', () => c.claim(item.envelopeId));
    if (!lease.ok) {
      conflicts += 1;
      continue;
    }
    const detail = await timed('GetEnvelope', () => c.getEnvelope(item.envelopeId));
    if (!detail.ok) throw new Error(detail.error.message);
    const result = await timed('SubmitFilingReview (with its reads)', () => submitReview(c, { id: clerks[i]?.username ?? '', name: clerks[i]?.displayName ?? '' }, {
      envelopeId: item.envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `bench-${item.envelopeId}`, decidedAt: new Date().toISOString(), caseAssignment: null, stamped: [],
      decisions: detail.value.envelope.filings.map((filing) => ({ outcome: 'rejected' as const, filingId: filing.id, reasonCode: 'ILLEGIBLE', note: 'Unreadable scan, please refile.' })),
    }));
    if (result.ok && result.value.result === 'applied') applied += 1;
    else conflicts += 1;
  }
}));
const seconds = (performance.now() - ran) / 1000;

// Two clerks deciding the same filing: the database refuses the second, whatever the interleaving.
const [doubled] = await service.database.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM decisions GROUP BY envelope_id, filing_id HAVING count(*) > 1) d');
const [submissions] = await service.database.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE idempotency_key LIKE 'bench-%'");

// Keyset paging: page 1 and a page 200 pages deep (the cursor carries the position; nothing re-sorts the queue).
let cursor: string | null = null;
const reader = client(0);
for (let n = 0; n < 200; n++) {
  const page = await timed(n === 0 ? 'queue page 1 (100)' : n === 199 ? 'queue page 200 (100)' : 'queue pages 2-199', () => reader.getReviewQueue({ pageSize: 100, cursor }));
  if (!page.ok) throw new Error(page.error.message);
  cursor = page.value.nextCursor;
  if (n === 0) console.log(`queue total on page 1: ${page.value.totalCount}`);
  if (!cursor) break;
}
await service.whenDocketingIdle();
await service.close();

const floor = percentile(timings.get('floor WhoAmI') ?? [], 0.5);
console.log(`${clerkCount} clerks, ${envelopeCount} envelopes: ${applied} submissions applied, ${conflicts} claims lost to another clerk, in ${seconds.toFixed(1)} s (${(applied / seconds).toFixed(1)}/s)`);
for (const [name, values] of timings) {
  const p50 = percentile(values, 0.5);
  console.log(`bench service ${name}: p50 ${p50.toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms of ${values.length} (floor ${floor.toFixed(1)} ms, ratio ${(p50 / floor).toFixed(1)})`);
}
const deep = percentile(timings.get('queue page 200 (100)') ?? [], 0.5);
const first = percentile(timings.get('queue page 1 (100)') ?? [], 0.5);
console.log(`bench service keyset-depth: ${deep.toFixed(1)} ms at page 200 (floor ${first.toFixed(1)} ms at page 1, ratio ${(deep / first).toFixed(2)}, target ≤ 2: ${deep / first <= 2 ? 'met' : 'not met'})`);
console.log(`bench service double-decisions: ${doubled?.n ?? NaN} (floor 0, ratio -, target 0: ${doubled?.n === 0 && submissions?.n === applied ? 'met' : 'not met'}); ${submissions?.n} stored for ${applied} applied`);
