import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { submitReviewArgsSchema, type SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';

/** A journaled outbox entry as reconciliation returns it. */
export interface JournalEntry {
  readonly payload: SubmitReviewArgs;
  readonly reviewer: string;
  readonly journaledAt: string;
  /** The EFM took it (applied or recognised as a duplicate). */
  readonly delivered: boolean;
}

type JournalRecord =
  | { kind: 'entry'; key: string; at: string; reviewer: string; payload: SubmitReviewArgs }
  | { kind: 'delivered'; key: string; at: string }
  | { kind: 'withdrawn'; key: string; at: string };

/**
 * The main process's second copy of the outbox: an append-only journal (one JSON record per line, bytes as base64,
 * fsynced before the call returns). The renderer's IndexedDB outbox is the first copy; on start the two are
 * reconciled so an entry in either survives a crash, a wiped browser profile or a lost journal. A decision whose
 * local save failed is withdrawn (never resurrected: the clerk was told it was not saved).
 */
export class OutboxJournal {
  readonly #file: string;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'outbox', 'journal.jsonl');
  }

  /** Records a new entry; resolves once it is on disk, rejects (nothing promised) when the disk refuses. */
  record(payload: SubmitReviewArgs, reviewer: string): Promise<void> {
    return this.#append({ kind: 'entry', key: payload.idempotencyKey, at: new Date().toISOString(), reviewer, payload });
  }

  /** Marks an entry delivered. */
  delivered(key: string): Promise<void> {
    return this.#append({ kind: 'delivered', key, at: new Date().toISOString() });
  }

  /** Withdraws an entry whose first copy could not be written: the clerk was told it is not saved. */
  withdraw(key: string): Promise<void> {
    return this.#append({ kind: 'withdrawn', key, at: new Date().toISOString() });
  }

  /** Every live entry (not withdrawn), with whether it was delivered. A damaged line is skipped, not fatal. */
  async entries(): Promise<JournalEntry[]> {
    await this.#tail.catch(() => undefined);
    let text = '';
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const entries = new Map<string, { payload: SubmitReviewArgs; reviewer: string; journaledAt: string; delivered: boolean }>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      let record: JournalRecord;
      try {
        record = decodeWire(line) as JournalRecord;
      } catch {
        continue; // a line cut short by a crash
      }
      if (record.kind === 'entry') {
        const payload = submitReviewArgsSchema.safeParse(record.payload);
        if (payload.success && !entries.has(record.key)) entries.set(record.key, { payload: payload.data, reviewer: record.reviewer, journaledAt: record.at, delivered: false });
      } else if (record.kind === 'delivered') {
        const entry = entries.get(record.key);
        if (entry) entry.delivered = true;
      } else if (record.kind === 'withdrawn') {
        entries.delete(record.key);
      }
    }
    return [...entries.values()];
  }

  #append(record: JournalRecord): Promise<void> {
    const next = this.#tail.catch(() => undefined).then(async () => {
      await mkdir(path.dirname(this.#file), { recursive: true, mode: 0o700 });
      const handle = await open(this.#file, 'a', 0o600);
      try {
        await handle.appendFile(`${encodeWire(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.#tail = next;
    return next;
  }
}
