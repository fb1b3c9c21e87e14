import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxJournal } from '../../../electron/outbox/outbox-journal';
import type { SubmitReviewArgs } from '../../../shared/ipc/review-schemas';

const payload = (key: string): SubmitReviewArgs => ({
  envelopeId: 'ENV-1', fencingToken: 3, idempotencyKey: key, decidedAt: '2026-11-23T10:00:00Z',
  decisions: [{ outcome: 'accepted', filingId: 'F1', correctedFilingCode: null, note: null }], caseAssignment: null,
  stamped: [{ documentId: 'D1', sha256: 'a'.repeat(64), bytes: new Uint8Array([37, 80, 68, 70, 0, 255]) }],
});

describe('outbox journal (second copy, fsynced)', () => {
  it('keeps entries with their bytes across restarts, marks deliveries, forgets withdrawn ones, survives a torn last line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-journal-'));
    const journal = new OutboxJournal(dir);
    await Promise.all([journal.record(payload('key-aaaaaaaa'), 'clerk1'), journal.record(payload('key-bbbbbbbb'), 'clerk1'), journal.record(payload('key-cccccccc'), 'clerk2')]);
    await journal.delivered('key-aaaaaaaa');
    await journal.withdraw('key-cccccccc');
    appendFileSync(path.join(dir, 'outbox', 'journal.jsonl'), '{"kind":"entry","key":"key-dddd');
    const reopened = await new OutboxJournal(dir).entries();
    expect(reopened.map((e) => [e.payload.idempotencyKey, e.delivered, e.reviewer])).toEqual([['key-aaaaaaaa', true, 'clerk1'], ['key-bbbbbbbb', false, 'clerk1']]);
    expect(reopened[1]?.payload.stamped[0]?.bytes).toEqual(new Uint8Array([37, 80, 68, 70, 0, 255]));
  });

  it('a disk that refuses the write rejects the record: nothing is promised', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-journal-'));
    // A folder where the journal file should be: the append fails like a full or broken disk would.
    mkdirSync(path.join(dir, 'outbox', 'journal.jsonl'), { recursive: true });
    await expect(new OutboxJournal(dir).record(payload('key-eeeeeeee'), 'clerk1')).rejects.toThrow();
  });
});
