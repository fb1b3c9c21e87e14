import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, auditHash } from '../../../electron/audit/audit-log';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { memoryCipher } from '../../../electron/secrets/secret-store';

let key: WorkstationKey;
beforeAll(async () => {
  key = await WorkstationKey.load(mkdtempSync(path.join(tmpdir(), 'crd-key-')), memoryCipher);
});
const openLog = (folder: string): AuditLog => new AuditLog(folder, { signer: key, workstation: 'WS-17', workstationId: 'ws-17' });

async function logWith(count: number): Promise<{ log: AuditLog; folder: string; file: string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'crd-audit-'));
  const log = openLog(folder);
  for (let i = 1; i <= count; i++) await log.append({ user: i % 2 ? 'clerk1' : 'supervisor', action: i % 3 ? 'claim' : 'decision', object: `ENV-${i}`, outcome: 'ok', detail: `step ${i}` });
  return { log, folder, file: path.join(folder, 'audit.jsonl') };
}

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('hash-chained audit log', () => {
  it('records time, user, workstation, object and outcome, chained; concurrent appends do not fork the chain', async () => {
    const { log, file } = await logWith(3);
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append({ user: 'clerk2', action: 'submit', object: `ENV-C${i}`, outcome: 'ok' })));
    const records = lines(file).map((line) => JSON.parse(line) as { seq: number; workstation: string });
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(records[0]).toMatchObject({ workstation: 'WS-17', user: 'clerk1', action: 'claim', object: 'ENV-1', outcome: 'ok' });
    expect(await log.verify()).toEqual({ valid: true, records: 23, problem: null, anchoredSeq: null });
    // A new instance on the same folder continues the chain.
    const reopened = openLog(path.dirname(file));
    await reopened.append({ user: 'clerk1', action: 'sign-out', object: 'session', outcome: 'ok' });
    expect(await reopened.verify()).toMatchObject({ valid: true, records: 24 });
  });

  it('filters for the viewer, newest first', async () => {
    const { log } = await logWith(6);
    expect((await log.query({ user: 'supervisor', action: null, object: null, from: null, to: null, limit: 500 })).map((r) => r.object)).toEqual(['ENV-6', 'ENV-4', 'ENV-2']);
    expect((await log.query({ user: null, action: 'decision', object: null, from: null, to: null, limit: 1 })).map((r) => r.object)).toEqual(['ENV-6']);
  });

  it('detects an edited record, even with its hash left as it was', async () => {
    const { log, file } = await logWith(5);
    const edited = lines(file).map((line, index) => (index === 2 ? line.replace('"outcome":"ok"', '"outcome":"refused"') : line));
    writeFileSync(file, `${edited.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ valid: false, problem: { line: 3, seq: 3, reason: expect.stringContaining('edited') } });
  });

  it('detects an edited record whose hash was recomputed: the next record no longer links to it', async () => {
    const { log, file } = await logWith(5);
    const all = lines(file).map((line) => JSON.parse(line) as Record<string, unknown>);
    const third = { ...all[2], user: 'someone-else' } as Parameters<typeof auditHash>[0] & { hash: string };
    third.hash = auditHash(third);
    all[2] = third;
    writeFileSync(file, `${all.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ valid: false, problem: { seq: 4, reason: expect.stringContaining('does not link') } });
  });

  it('detects a deleted record, swapped records, a damaged line and records cut off the end', async () => {
    const { log, file } = await logWith(5);
    const original = lines(file);
    writeFileSync(file, `${original.filter((_, index) => index !== 1).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ valid: false, problem: { line: 2, reason: expect.stringContaining('missing or out of order') } });
    writeFileSync(file, `${[original[0], original[2], original[1], original[3], original[4]].join('\n')}\n`);
    expect((await log.verify()).valid).toBe(false);
    writeFileSync(file, `${[...original.slice(0, 4), '{"seq":5,'].join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ valid: false, problem: { line: 5, reason: expect.stringContaining('not a JSON record') } });
    writeFileSync(file, `${original.slice(0, 3).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ valid: false, problem: { reason: expect.stringContaining('cut off the end') } });
  });

  it('a crash between the record and its head is no damage: the sequence comes from the log, temp files are cleared', async () => {
    const { folder, file } = await logWith(4);
    const headAfterThree = readFileSync(path.join(folder, 'audit.head.json'), 'utf8');
    await openLog(folder).append({ user: 'clerk1', action: 'submit', object: 'ENV-5', outcome: 'ok' });
    // The kill: record 5 is on disk, its head (and a half-written temp file) is not.
    writeFileSync(path.join(folder, 'audit.head.json'), headAfterThree);
    writeFileSync(path.join(folder, 'audit.head.json.4242.1700000000000.tmp'), '{"seq":');
    appendFileSync(file, '{"seq":6,"at":"2026');
    const reopened = openLog(folder);
    expect(await reopened.verify()).toMatchObject({ valid: true, records: 5 });
    expect((await reopened.append({ user: 'clerk1', action: 'sign-out', object: 'session', outcome: 'ok' })).seq).toBe(6);
    expect(await reopened.verify()).toMatchObject({ valid: true, records: 6 });
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('two crashes in a row between record and head', () => {
  it('leave the head at most one record behind: the chain still verifies', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'crd-audit-'));
    await openLog(folder).append({ user: 'clerk1', action: 'claim', object: 'ENV-1', outcome: 'ok' });
    const headOne = readFileSync(path.join(folder, 'audit.head.json'), 'utf8');
    await openLog(folder).append({ user: 'clerk1', action: 'claim', object: 'ENV-2', outcome: 'ok' });
    writeFileSync(path.join(folder, 'audit.head.json'), headOne); // first crash: record 2 without its head
    const second = openLog(folder);
    expect(await second.verify()).toMatchObject({ valid: true, records: 2 });
    // Opening for the next append brings the head up to record 2 before record 3 is written, so a second crash
    // (record 3 without its head) leaves it one behind, not two.
    await second.signedHead();
    expect((JSON.parse(readFileSync(path.join(folder, 'audit.head.json'), 'utf8')) as { seq: number }).seq).toBe(2);
    await second.append({ user: 'clerk1', action: 'claim', object: 'ENV-3', outcome: 'ok' });
    writeFileSync(path.join(folder, 'audit.head.json'), readFileSync(path.join(folder, 'audit.head.json'), 'utf8'));
    expect(await openLog(folder).verify()).toMatchObject({ valid: true, records: 3 });
  });
});
