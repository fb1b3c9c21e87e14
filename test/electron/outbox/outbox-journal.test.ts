import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { aesGcmSealer } from '../../../electron/keys/payload-sealer';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { OutboxJournal } from '../../../electron/outbox/outbox-journal';
import { memoryCipher } from '../../../electron/secrets/secret-store';
import { journalPayload as payload } from '../../fixtures/journal-payloads';

let key: WorkstationKey;
beforeAll(async () => {
  key = await WorkstationKey.load(mkdtempSync(path.join(tmpdir(), 'crd-key-')), memoryCipher);
});

const freshDir = (): string => mkdtempSync(path.join(tmpdir(), 'crd-journal-'));
const segment = (dir: string, n = 1): string => path.join(dir, 'outbox', `journal-${String(n).padStart(6, '0')}.log`);
const keys = async (journal: OutboxJournal): Promise<string[]> => (await journal.entries()).map((e) => e.payload.idempotencyKey);

describe('outbox journal (second copy, signed records, fsynced)', () => {
  it('keeps entries with their bytes across restarts, marks deliveries, forgets withdrawn ones', async () => {
    const dir = freshDir();
    const journal = new OutboxJournal(dir, key);
    await Promise.all([journal.record(payload('key-aaaaaaaa'), 'clerk1'), journal.record(payload('key-bbbbbbbb'), 'clerk1'), journal.record(payload('key-cccccccc'), 'clerk2')]);
    await journal.delivered('key-aaaaaaaa');
    await journal.withdraw('key-cccccccc');
    const reopened = await new OutboxJournal(dir, key).entries();
    expect(reopened.map((e) => [e.payload.idempotencyKey, e.state.status, e.reviewer])).toEqual([['key-aaaaaaaa', 'sent', 'clerk1'], ['key-bbbbbbbb', 'pending', 'clerk1']]);
    expect(reopened[1]?.payload.stamped[0]?.bytes).toEqual(new Uint8Array([37, 80, 68, 70, 0, 255]));
  });

  it('seals payloads at rest: no decision note or stamped PDF byte in clear on disk; records of earlier versions still read', async () => {
    const dir = freshDir();
    const sealer = aesGcmSealer(key.atRestKey());
    const secret = { ...payload('key-sealed-01', new Uint8Array(Buffer.from('%PDF-1.7 SECRET-PDF-BODY'))), decisions: [{ outcome: 'rejected' as const, filingId: 'F1', reasonCode: 'ILLEGIBLE', note: 'SECRET-NOTE: the second page is cut off' }] };
    // One record written before sealing existed, then one sealed.
    await new OutboxJournal(dir, key).record(payload('key-plain-old'), 'clerk1');
    const journal = new OutboxJournal(dir, key, { sealer });
    await journal.record(secret, 'clerk1');
    await journal.close();
    const onDisk = readFileSync(segment(dir)).toString('latin1');
    expect(onDisk).not.toContain('SECRET-NOTE');
    expect(onDisk).not.toContain(Buffer.from(Buffer.from('SECRET-PDF-BODY').toString('base64')).toString('latin1'));
    const reopened = new OutboxJournal(dir, key, { sealer });
    const entries = await reopened.entries();
    expect(entries.map((e) => e.payload.idempotencyKey)).toEqual(['key-plain-old', 'key-sealed-01']);
    expect(entries[1]?.payload.decisions[0]?.note).toBe('SECRET-NOTE: the second page is cut off');
    // Without the key the sealed one is reported, never guessed at.
    const keyless = await new OutboxJournal(dir, key).page(0, 10);
    expect(keyless.entries.map((e) => e.payload.idempotencyKey)).toEqual(['key-plain-old']);
    expect(keyless.problems.join(' ')).toContain('key-sealed-01');
  });

  it('keeps each delivery state across restarts and compaction; once delivered, a later record cannot undo it', async () => {
    const dir = freshDir();
    const journal = new OutboxJournal(dir, key);
    await journal.record(payload('key-failing-1'), 'clerk1');
    await journal.record(payload('key-refused-1'), 'clerk1');
    await journal.record(payload('key-done-0001'), 'clerk1');
    await journal.update('key-failing-1', { attempts: 3, lastError: 'The EFM did not answer', lastErrorReason: 'timeout', nextAttemptAt: 42 });
    await journal.update('key-refused-1', { status: 'failed', attempts: 1, lastErrorReason: 'stale-fencing-token' });
    await journal.delivered('key-done-0001', true);
    await journal.update('key-done-0001', { status: 'pending' });
    expect(await journal.withdraw('key-done-0001')).toBe(false);
    await journal.close();
    const reopened = new OutboxJournal(dir, key);
    const states = async (j: OutboxJournal) => (await j.states()).map((s) => [s.idempotencyKey, s.status, s.attempts, s.lastErrorReason, s.envelopeComplete]);
    const expected = [
      ['key-failing-1', 'pending', 3, 'timeout', false],
      ['key-refused-1', 'failed', 1, 'stale-fencing-token', false],
      ['key-done-0001', 'sent', 0, null, true],
    ];
    expect(await states(reopened)).toEqual(expected);
    expect(await reopened.waitingFor('ENV-1')).toEqual(['key-failing-1']);
    // Copied forward into a new segment by compaction (nothing old enough to drop): the states come along.
    await reopened.record(payload('key-filler-01', new Uint8Array(1_200_000)), 'clerk1');
    await reopened.compact(30 * 24 * 3600_000);
    await reopened.close();
    expect((await states(new OutboxJournal(dir, key))).slice(0, 3)).toEqual(expected);
  });

  it('a large record torn by a crash is cut off on open, and the next acknowledged record is never swallowed', async () => {
    const dir = freshDir();
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    await new OutboxJournal(dir, key).record(payload('key-first-ok', big), 'clerk1');
    const whole = readFileSync(segment(dir)).length;
    await new OutboxJournal(dir, key).record(payload('key-torn-one', big), 'clerk1');
    // The crash: only part of the second record reached the disk (a kill between two of its write pieces).
    truncateSync(segment(dir), whole + 1_500_000);
    const after = new OutboxJournal(dir, key);
    expect((await after.open()).truncatedBytes).toBe(1_500_000);
    await after.record(payload('key-next-ack', big), 'clerk1');
    expect(await keys(new OutboxJournal(dir, key))).toEqual(['key-first-ok', 'key-next-ack']);
  });

  it('an entry edited by hand (rejected to accepted, checksum recomputed) is reported, not restored', async () => {
    const dir = freshDir();
    const rejected = { ...payload('key-edited-1'), decisions: [{ outcome: 'rejected' as const, filingId: 'F1', reasonCode: 'R1', note: 'Missing signature page' }] };
    await new OutboxJournal(dir, key).record(rejected, 'clerk1');
    const bytes = readFileSync(segment(dir));
    const at = bytes.indexOf('"rejected"');
    const edited = Buffer.concat([bytes.subarray(0, at), Buffer.from('"accepted"'), bytes.subarray(at + 10)]);
    edited.writeUInt32LE(crc32(edited.subarray(16)), 12);
    writeFileSync(segment(dir), edited);
    const page = await new OutboxJournal(dir, key).page(null, 10);
    expect(page.entries).toEqual([]);
    expect(page.problems).toEqual(['The decision key-edited-1 in this workstation\'s journal was changed outside the app and is not used.']);
  });

  it('garbage, a JSON null and a damaged stretch in the middle never throw; records after the damage still read', async () => {
    const dir = freshDir();
    const journal = new OutboxJournal(dir, key);
    await journal.record(payload('key-before-x'), 'clerk1');
    appendFileSync(segment(dir), 'null\n{"kind":"entry"}\n\u0000\u0000CRDR\u0001garbage');
    await new OutboxJournal(dir, key).record(payload('key-after-xx'), 'clerk1');
    // The garbage was a torn end: cut off at the second open. Damage in the middle is skipped by resynchronising.
    const bytes = readFileSync(segment(dir));
    const middle = bytes.indexOf('key-after-xx') - 40;
    writeFileSync(segment(dir), Buffer.concat([bytes.subarray(0, middle), Buffer.from('XXXXXXXXXXXXXXXX'), bytes.subarray(middle)]));
    await new OutboxJournal(dir, key).record(payload('key-third-xx'), 'clerk1');
    expect(await keys(new OutboxJournal(dir, key))).toEqual(['key-before-x', 'key-third-xx']);
  });

  it('a disk that refuses the write rejects the record: nothing is promised', async () => {
    const dir = freshDir();
    mkdirSync(segment(dir), { recursive: true });
    await expect(new OutboxJournal(dir, key).record(payload('key-eeeeeeee'), 'clerk1')).rejects.toThrow();
  });

  it('rotates segments and compacts delivered entries past the retention; forgotten keys are never recorded again', async () => {
    const dir = freshDir();
    let now = Date.parse('2026-11-01T09:00:00Z');
    const journal = new OutboxJournal(dir, key, { segmentBytes: 64 * 1024, retentionMs: 24 * 3600_000, now: () => new Date(now) });
    const pdf = new Uint8Array(40 * 1024);
    for (let i = 0; i < 10; i++) await journal.record(payload(`key-old-${i}000`, pdf), 'clerk1');
    for (let i = 0; i < 8; i++) await journal.delivered(`key-old-${i}000`);
    expect(readdirSync(path.join(dir, 'outbox')).length).toBeGreaterThan(3);
    now += 2 * 24 * 3600_000;
    await journal.record(payload('key-recent-0', pdf), 'clerk1');
    await journal.delivered('key-recent-0');
    expect(await journal.compact()).toBe(8);
    const reopened = new OutboxJournal(dir, key, { segmentBytes: 64 * 1024 });
    expect(await keys(reopened)).toEqual(['key-old-8000', 'key-old-9000', 'key-recent-0']);
    expect(await reopened.record(payload('key-old-3000', pdf), 'clerk1')).toBe('known');
    expect(await keys(reopened)).not.toContain('key-old-3000');
    expect(await reopened.sizeBytes()).toBeLessThan(4 * 64 * 1024);
  });

  it('pages the journal: no page over its limit, every entry once, in order', async () => {
    const dir = freshDir();
    const journal = new OutboxJournal(dir, key);
    for (let i = 0; i < 23; i++) await journal.record(payload(`key-page-${String(i).padStart(2, '0')}`), 'clerk1');
    const seen: string[] = [];
    for (let cursor: number | null = null, first = true; first || cursor !== null; first = false) {
      const page = await journal.page(cursor, 5);
      expect(page.entries.length).toBeLessThanOrEqual(5);
      seen.push(...page.entries.map((e) => e.payload.idempotencyKey));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `key-page-${String(i).padStart(2, '0')}`));
    rmSync(dir, { recursive: true, force: true });
  });
});
