import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { openDatabase } from '../../../electron/service/db/open-database';
import { pgliteFsyncCalls } from '../../../electron/service/db/pglite-database';
import { AccountStore } from '../../../electron/service/store/account-store';
import { SeededRandom } from '../../../electron/efm-sim/seeded-random';

const clerks = Array.from({ length: 10 }, (_, i) => ({ username: `burst${i + 1}`, password: `burst-password-${i + 1}`, displayName: `Burst Clerk ${i + 1}` }));
const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-restart-'));
let server: ChildProcess | null = null;

/** Starts `clerk-review server --data DIR --demo` as its own process; resolves with its base URL. */
function startServer(): Promise<string> {
  // The built command line (`npm test` builds first), as court IT runs it.
  const child = spawn(process.execPath, ['dist/electron/cli.cjs', 'server', '--port', '0', '--data', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  server = child;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url?: string };
      if (event.event === 'started' && event.url) resolve(event.url);
    });
  });
}

function killServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

afterAll(() => killServer());

interface Answered {
  readonly clerk: number;
  readonly envelopeId: string;
  readonly key: string;
  readonly token: number;
  readonly args: Parameters<typeof submitReview>[2];
}

describe('kill -9 of the service during a burst of submissions', () => {
  it('loses nothing that was answered: every applied submission is there once, claims and fencing tokens intact', async () => {
    // Court IT adds ten clerks; the data folder's PostgreSQL is opened with fsync on and syncs to disk.
    const setup = await openDatabase({ dataDir });
    const accounts = new AccountStore(setup);
    for (const clerk of clerks) await accounts.add({ ...clerk, role: 'clerk' });
    expect(await setup.durability()).toEqual({ fsync: 'on', synchronousCommit: 'on', walSyncMethod: 'fsync' });
    const fsyncsBefore = pgliteFsyncCalls.count;
    await setup.query('SELECT 1');
    await accounts.disable('burst10').then(() => accounts.enable('burst10'));
    expect(pgliteFsyncCalls.count).toBeGreaterThan(fsyncsBefore);
    await setup.close();

    let url = await startServer();
    const client = (i: number): EfmClient => new EfmClient({ endpoint: url, credentials: clerks[i] ?? { username: '', password: '' }, retries: 0, timeoutMs: 60_000 });
    const queue = await client(0).getReviewQueue({ pageSize: 200 });
    if (!queue.ok) throw new Error(queue.error.message);
    // Existing cases only: each envelope is one submission deciding all its filings.
    const envelopes = queue.value.items.filter((item) => !item.newCase).map((item) => item.envelopeId);
    const random = new SeededRandom(Number(process.env.CRD_RESTART_SEED ?? Date.now() % 100_000));
    const killAfter = 20 + Math.floor(random.next() * (Math.min(envelopes.length, 200) - 40));
    const answered: Answered[] = [];
    const claimedOnly: { clerk: number; envelopeId: string; token: number }[] = [];
    let killed: Promise<void> | null = null;

    const work = async (i: number): Promise<void> => {
      for (let n = i; n < envelopes.length; n += clerks.length) {
        const envelopeId = envelopes[n] ?? '';
        const c = client(i);
        const lease = await c.claim(envelopeId);
        if (!lease.ok) return;
        const detail = await c.getEnvelope(envelopeId);
        if (!detail.ok) return;
        const key = `burst-${envelopeId}`;
        const args = {
          envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: key, decidedAt: new Date().toISOString(), caseAssignment: null, stamped: [],
          decisions: detail.value.envelope.filings.map((filing, f) => (f % 2 === 0
            ? { outcome: 'accepted' as const, filingId: filing.id, correctedFilingCode: null, note: null }
            : { outcome: 'rejected' as const, filingId: filing.id, reasonCode: 'ILLEGIBLE', note: 'Unreadable scan, please refile.' })),
        };
        if (random.next() < 0.1) {
          claimedOnly.push({ clerk: i, envelopeId, token: lease.value.fencingToken });
          continue;
        }
        const result = await submitReview(c, { id: clerks[i]?.username ?? '', name: clerks[i]?.displayName ?? '' }, args);
        if (!result.ok) return;
        answered.push({ clerk: i, envelopeId, key, token: lease.value.fencingToken, args });
        if (answered.length >= killAfter) killed ??= killServer();
      }
    };
    await Promise.all(clerks.map((_, i) => work(i)));
    await killed;
    expect(answered.length).toBeGreaterThanOrEqual(killAfter);

    // Restart on the same folder (the dead process's lock is taken over).
    url = await startServer();
    let duplicates = 0;
    for (const sent of answered) {
      // The workstation's outbox sends the same request again (same idempotency key) when it never saw the answer.
      const again = await client(sent.clerk).submitReview({
        idempotencyKey: sent.key, envelopeId: sent.envelopeId, fencingToken: sent.token, assignedCase: null, stamped: [],
        decisions: sent.args.decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome, reasonCode: d.outcome === 'rejected' ? d.reasonCode : null, note: d.note, correctedFilingCode: null, decidedAt: sent.args.decidedAt })),
      }, new Map());
      expect(again).toMatchObject({ ok: true, value: { result: 'duplicate' } });
      duplicates += 1;
    }
    // A claim answered before the kill still holds, with the same fencing token.
    for (const claim of claimedOnly) {
      const renewed = await client(claim.clerk).renew(claim.envelopeId, claim.token);
      expect(renewed).toMatchObject({ ok: true, value: { holder: clerks[claim.clerk]?.username, fencingToken: claim.token } });
    }
    await killServer();

    const database = await openDatabase({ dataDir });
    const perKey = await database.query<{ idempotency_key: string; n: number }>("SELECT idempotency_key, count(*)::int AS n FROM submissions WHERE idempotency_key LIKE 'burst-%' GROUP BY idempotency_key");
    const doubled = await database.query("SELECT filing_id FROM decisions GROUP BY envelope_id, filing_id HAVING count(*) > 1");
    await database.close();
    const stored = new Map(perKey.map((row) => [row.idempotency_key, row.n]));
    expect(answered.filter((sent) => stored.get(sent.key) !== 1)).toEqual([]);
    expect(doubled).toEqual([]);
    console.log(`service restart: killed after ${answered.length} answered submissions (target ${killAfter}) from ${clerks.length} clerks; after restart ${duplicates} answered as duplicates, ${claimedOnly.length} claims renewed with their tokens, ${perKey.length} stored in all, 0 lost, 0 doubled`);
  }, 300_000);
});
