import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, readLines } from '../../../electron/audit/audit-log';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { OutboxJournal } from '../../../electron/outbox/outbox-journal';
import { memoryCipher } from '../../../electron/secrets/secret-store';

// 1,000 SIGKILLs of a writer appending journal entries and audit records, in two lanes (two cores), each lane on its
// own data folder. Kills are random: anywhere after `ready`, or — while fewer than 40 % of kills so far landed in the
// middle of a record — a random 0–80 ms after a record began, so that at least 30 % land while a record is being
// written whatever the speed of the machine. A kill is "in the middle of a record" when a journal entry or its audit
// record had begun and was not yet acknowledged; "torn" when it also left part of a frame on disk (cut off at the
// next open). Nothing here waits for a time to pass a test; times only pick where the kill lands.
const kills = Number(process.env.CRD_CRASH_KILLS ?? 1000);
const lanes = 2;
let childScript = '';

beforeAll(async () => {
  childScript = path.join(mkdtempSync(path.join(tmpdir(), 'crd-crash-bin-')), 'crash-child.cjs');
  await build({ entryPoints: [path.resolve('test/electron/storage/crash-child.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: childScript, logLevel: 'silent' });
});

interface Acked {
  readonly sha: string;
  readonly keep: boolean;
}

interface LaneResult {
  kills: number;
  midRecord: number;
  torn: number;
  auditOk: number;
  acked: Map<string, Acked>;
  auditAcked: Map<number, string>;
  errors: string[];
  auditProblems: string[];
}

async function runOnce(dir: string, run: number, lane: LaneResult, tearFirst: boolean): Promise<{ auditOk: boolean; torn: boolean; midRecord: boolean }> {
  const child = spawn(process.execPath, [childScript, dir, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let auditOk = false;
  let torn = false;
  let timer: NodeJS.Timeout | null = null;
  let last = '';
  const kill = (): void => void child.kill('SIGKILL');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for await (const line of createInterface({ input: child.stdout })) {
    const [word = '', ...rest] = line.split(' ');
    last = word;
    if (word === 'open') torn = !line.includes('torn=0 ');
    else if (word === 'audit') {
      auditOk = rest[0] === 'ok';
      if (!auditOk) lane.auditProblems.push(line);
    }
    else if (word === 'ready' && !tearFirst) timer = setTimeout(kill, Math.random() * 250);
    else if (word === 'begin' && tearFirst && !timer) timer = setTimeout(kill, Math.random() * 80);
    else if (word === 'ack') lane.acked.set(rest[0] ?? '', { sha: rest[1] ?? '', keep: rest[2] === 'keep' });
    else if (word === 'audit-ack') lane.auditAcked.set(Number(rest[0]), rest[1] ?? '');
    else if (word === 'error') lane.errors.push(line);
  }
  await exited;
  if (timer) clearTimeout(timer);
  return { auditOk, torn, midRecord: last === 'begin' || last === 'ack' };
}

async function runLane(index: number, count: number): Promise<LaneResult> {
  const dir = mkdtempSync(path.join(tmpdir(), `crd-crash-${index}-`));
  const lane: LaneResult = { kills: 0, midRecord: 0, torn: 0, auditOk: 0, acked: new Map(), auditAcked: new Map(), errors: [], auditProblems: [] };
  // Run 0 starts on an empty folder; every later start reports on the kill before it.
  let tearFirst = false;
  for (let run = 0; run <= count; run++) {
    const started = await runOnce(dir, run + index * 100_000, lane, tearFirst);
    if (run > 0) {
      if (started.torn) lane.torn += 1;
      if (started.auditOk) lane.auditOk += 1;
    }
    if (run === count) break;
    lane.kills += 1;
    if (started.midRecord) lane.midRecord += 1;
    tearFirst = lane.midRecord / lane.kills < 0.4 ? Math.random() < 0.8 : Math.random() < 0.3;
  }
  // The last start above already repaired the folder and verified the audit chain; now count what survived.
  const key = await WorkstationKey.load(dir, memoryCipher);
  const journal = new OutboxJournal(dir, key);
  const live = new Map((await journal.entries()).map((e) => [e.payload.idempotencyKey, e]));
  let lost = 0;
  let unreadable = 0;
  for (const [id, acked] of lane.acked) {
    const entry = live.get(id);
    if (entry) {
      if (entry.payload.stamped[0]?.sha256 !== acked.sha) unreadable += 1;
    } else if (acked.keep || !(await journal.isForgotten(id))) {
      lost += 1;
      if (process.env.CRD_CRASH_DEBUG) console.log(`lost journal ${id} ${dir}`);
    }
  }
  const auditHashes = new Map<number, string>();
  for await (const line of readLines(path.join(dir, 'audit', 'audit.jsonl'))) {
    const record = JSON.parse(line) as { seq: number; hash: string };
    auditHashes.set(record.seq, record.hash);
  }
  for (const [seq, hash] of lane.auditAcked) {
    if (auditHashes.get(seq) === hash) continue;
    lost += 1;
    if (process.env.CRD_CRASH_DEBUG) console.log(`lost audit ${seq} ${dir}`);
  }
  const finalCheck = await new AuditLog(path.join(dir, 'audit'), { signer: key, workstationId: 'crash-test' }).verify();
  if (!finalCheck.valid) lane.errors.push(`final audit check: ${finalCheck.problem?.reason ?? ''}`);
  Object.assign(lane, { lost, unreadable });
  return lane;
}

describe('crash safety of the outbox journal and the audit log', () => {
  it(`loses nothing acknowledged over ${kills} random SIGKILLs`, async () => {
    const results = await Promise.all(Array.from({ length: lanes }, (_, i) => runLane(i, Math.ceil(kills / lanes))));
    const sum = (pick: (r: LaneResult & { lost?: number; unreadable?: number }) => number): number => results.reduce((total, r) => total + pick(r), 0);
    const K = sum((r) => r.kills);
    const torn = sum((r) => r.torn);
    const midRecord = sum((r) => r.midRecord);
    const acknowledged = sum((r) => r.acked.size + r.auditAcked.size);
    const L = sum((r) => (r as { lost?: number }).lost ?? 0);
    const U = sum((r) => (r as { unreadable?: number }).unreadable ?? 0);
    const C = sum((r) => r.auditOk);
    console.log(`crash: kills ${K}, in the middle of a record ${midRecord} (${Math.round((100 * midRecord) / K)} %), of which left a torn frame on disk ${torn}`);
    console.log(`crash: kills ${K}, acknowledged ${acknowledged}, lost ${L}, unreadable ${U}, audit chain ok ${C}/${K}`);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.flatMap((r) => r.auditProblems)).toEqual([]);
    expect(K).toBeGreaterThanOrEqual(kills);
    expect(midRecord / K).toBeGreaterThanOrEqual(0.3);
    expect({ lost: L, unreadable: U, auditOk: C }).toEqual({ lost: 0, unreadable: 0, auditOk: K });
  }, 15 * 60 * 1000);
});
