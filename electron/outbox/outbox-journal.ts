import path from 'node:path';
import { submitReviewArgsSchema, type SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { initialOutboxState, outboxStateSchema, type OutboxState } from '../../shared/outbox/outbox-state';
import type { PayloadSealer } from '../keys/payload-sealer';
import type { RecordSigner } from '../keys/workstation-key';
import { FramedLog, type OpenReport, type RecordLocation } from '../storage/framed-log';

/** A journaled outbox entry as reconciliation returns it. */
export interface JournalEntry {
  readonly payload: SubmitReviewArgs;
  readonly reviewer: string;
  readonly journaledAt: string;
  /** Where its delivery stands. */
  readonly state: OutboxState;
}

/** One page of the journal, oldest first. */
export interface JournalPage {
  readonly entries: JournalEntry[];
  /** Pass back for the next page; null at the end. */
  readonly nextCursor: number | null;
  /** Entries that could not be read back or whose signature does not match (edited by hand), said plainly. */
  readonly problems: string[];
}

/** How the journal is kept. */
export interface JournalOptions {
  /** A new segment file starts past this size (default 64 MiB). */
  readonly segmentBytes?: number;
  /** Delivered entries are kept this long before compaction may drop them (default 30 days). */
  readonly retentionMs?: number;
  /** Seals payloads at rest (decision notes, stamped PDFs); without one they are kept signed but in clear. */
  readonly sealer?: PayloadSealer;
  readonly now?: () => Date;
}

/** A change of an entry's delivery state (its identity stays). */
export type StateChange = Partial<Omit<OutboxState, 'idempotencyKey' | 'envelopeId' | 'reviewer'>>;

/** What {@link OutboxJournal.record} did. */
export type RecordOutcome = 'recorded' | 'known';

type Meta =
  /** `sealed`: the payload is encrypted with the workstation's at-rest key (records of earlier versions are not). */
  | { kind: 'entry'; key: string; at: string; reviewer: string; envelopeId: string; sealed?: boolean }
  /** Written by earlier versions: the EFM took it. */
  | { kind: 'delivered'; key: string; at: string }
  /** The delivery state after an attempt, a retry or a discard (the latest one counts). */
  | { kind: 'state'; key: string; at: string; state: OutboxState }
  | { kind: 'withdrawn'; key: string; at: string }
  /** Keys of delivered entries dropped by compaction: never recorded again (reconciliation must not revive them). */
  | { kind: 'forgotten'; keys: string[]; at: string };

interface Indexed {
  location: RecordLocation;
  readonly journaledAt: string;
  state: OutboxState;
}

const day = 24 * 60 * 60 * 1000;
const maxPageBytes = 24 * 1024 * 1024;

/**
 * The main process's copy of the outbox: an append-only journal of signed, checksummed records in rotating segments
 * (see {@link FramedLog}), each fsynced before the call returns. A crash mid-write leaves a torn record that is cut
 * off on the next open and never swallows the next one; a record edited by hand fails its signature and is reported,
 * not restored. Delivered entries are compacted away after the retention; their keys are remembered so nothing brings
 * them back. The renderer's IndexedDB outbox is reconciled with it on start.
 */
export class OutboxJournal {
  readonly #log: FramedLog;
  readonly #index = new Map<string, Indexed>();
  readonly #forgotten = new Set<string>();
  readonly #retentionMs: number;
  readonly #now: () => Date;
  readonly #sealer: PayloadSealer | undefined;
  #loaded: Promise<OpenReport> | null = null;
  #compacting: Promise<number> | null = null;

  constructor(dataDir: string, signer: RecordSigner, options: JournalOptions = {}) {
    this.#log = new FramedLog(path.join(dataDir, 'outbox'), { prefix: 'journal', segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024, signer });
    this.#retentionMs = options.retentionMs ?? 30 * day;
    this.#now = options.now ?? (() => new Date());
    this.#sealer = options.sealer;
  }

  /** Opens the journal (repairing a torn end) and indexes it; what the repair found. */
  open(): Promise<OpenReport> {
    this.#loaded ??= this.#load();
    return this.#loaded;
  }

  /** Records a new entry; resolves once it is on disk, rejects (nothing promised) when the disk refuses. */
  async record(payload: SubmitReviewArgs, reviewer: string): Promise<RecordOutcome> {
    await this.open();
    // Never promise what could not be restored: an entry is checked against the contract before it is written.
    submitReviewArgsSchema.parse(payload);
    const key = payload.idempotencyKey;
    if (this.#index.has(key) || this.#forgotten.has(key)) return 'known';
    const at = this.#now().toISOString();
    const meta: Meta = { kind: 'entry', key, at, reviewer, envelopeId: payload.envelopeId, ...(this.#sealer ? { sealed: true } : {}) };
    const location = await this.#log.append(encodeBody(meta, payload, this.#sealer));
    this.#index.set(key, { location, journaledAt: at, state: initialOutboxState(key, payload.envelopeId, reviewer) });
    return 'recorded';
  }

  /** Marks an entry delivered (applied by the EFM or recognised as a duplicate); its state afterwards. */
  async delivered(key: string, envelopeComplete = false): Promise<OutboxState | null> {
    await this.open();
    const entry = this.#index.get(key);
    if (!entry || entry.state.status === 'sent') return entry?.state ?? null;
    const sentAt = this.#now().toISOString();
    return this.update(key, { status: 'sent', sentAt, lastError: null, lastErrorReason: null, envelopeComplete });
  }

  /** Records a change of an entry's delivery state (a failed attempt, a retry, a discard); the state afterwards. */
  async update(key: string, change: StateChange): Promise<OutboxState | null> {
    await this.open();
    const entry = this.#index.get(key);
    if (!entry) return null;
    // Once delivered, always delivered: nothing changes a decision the EFM took.
    if (entry.state.status === 'sent') return entry.state;
    const state = { ...entry.state, ...change };
    await this.#log.append(encodeBody({ kind: 'state', key, at: this.#now().toISOString(), state }));
    entry.state = state;
    return state;
  }

  /**
   * A supervisor moved a waiting decision to another clerk: from now on it is delivered only under that clerk's
   * session, with the claim the EFM gave them, from attempt one. The note says who moved it, from whom and why.
   */
  async reassigned(key: string, reviewer: string, fencingToken: number, note: string): Promise<OutboxState | null> {
    await this.open();
    const entry = this.#index.get(key);
    if (!entry || entry.state.status === 'sent' || entry.state.status === 'discarded') return entry?.state ?? null;
    const state: OutboxState = { ...entry.state, reviewer, fencingToken, note, status: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, lastErrorReason: null };
    await this.#log.append(encodeBody({ kind: 'state', key, at: this.#now().toISOString(), state }));
    entry.state = state;
    return state;
  }

  /** The delivery state of an entry; null when the journal does not hold it. */
  async stateOf(key: string): Promise<OutboxState | null> {
    await this.open();
    return this.#index.get(key)?.state ?? null;
  }

  /**
   * An entry's decisions as journaled, read from disk and checked against its signature; why not, in plain words,
   * when it cannot be used (unreadable, changed outside the app, incomplete).
   */
  async payloadOf(key: string): Promise<{ payload: SubmitReviewArgs } | { problem: string }> {
    await this.open();
    const indexed = this.#index.get(key);
    if (!indexed) return { problem: `The decision ${key} is not in this workstation's journal.` };
    const stored = await this.#log.read(indexed.location);
    const payload = stored?.verified ? decodePayload(stored.body, this.#sealer) : null;
    if (!stored) return { problem: `The decision ${key} could not be read back from this workstation's journal.` };
    if (!stored.verified) return { problem: `The decision ${key} in this workstation's journal was changed outside the app and is not used.` };
    if (!payload) return { problem: `The decision ${key} in this workstation's journal is incomplete or cannot be opened with this workstation's key; it is not used.` };
    return { payload };
  }

  /** The delivery state of every live entry, oldest first (small: no payloads). */
  async states(): Promise<OutboxState[]> {
    await this.open();
    return [...this.#index.values()].map((entry) => entry.state);
  }

  /**
   * Withdraws an entry whose first copy could not be written: the clerk is told it is not saved. Too late once it
   * was delivered: then it stays, and the answer is false.
   */
  async withdraw(key: string): Promise<boolean> {
    await this.open();
    if (this.#index.get(key)?.state.status === 'sent') return false;
    await this.#log.append(encodeBody({ kind: 'withdrawn', key, at: this.#now().toISOString() }));
    this.#index.delete(key);
    return true;
  }

  /** Idempotency keys of entries still waiting to be delivered, for one envelope (claims are held until these settle). */
  async waitingFor(envelopeId: string): Promise<string[]> {
    await this.open();
    return [...this.#index].filter(([, e]) => e.state.envelopeId === envelopeId && e.state.status === 'pending').map(([key]) => key);
  }

  /** One page of live entries, read from disk one at a time (bounded memory at any journal size). */
  async page(cursor: number | null, limit: number): Promise<JournalPage> {
    await this.open();
    const all = [...this.#index];
    const entries: JournalEntry[] = [];
    const problems: string[] = [];
    let bytes = 0;
    let position = cursor ?? 0;
    for (; position < all.length && entries.length < limit && bytes < maxPageBytes; position++) {
      const [key, indexed] = all[position] as [string, Indexed];
      const read = await this.payloadOf(key);
      if ('problem' in read) problems.push(read.problem);
      else {
        const { payload } = read;
        entries.push({ payload, reviewer: indexed.state.reviewer, journaledAt: indexed.journaledAt, state: indexed.state });
        bytes += payload.stamped.reduce((sum, s) => sum + s.bytes.length, 0);
      }
    }
    return { entries, problems, nextCursor: position < all.length ? position : null };
  }

  /** Every live entry (tests and small journals; the app pages). */
  async entries(): Promise<JournalEntry[]> {
    const all: JournalEntry[] = [];
    for (let cursor: number | null = 0; cursor !== null;) {
      const page: JournalPage = await this.page(cursor, 100);
      all.push(...page.entries);
      cursor = page.nextCursor;
    }
    return all;
  }

  /** True when compaction dropped this key after delivery. */
  async isForgotten(key: string): Promise<boolean> {
    await this.open();
    return this.#forgotten.has(key);
  }

  /**
   * Drops delivered entries older than the retention: live ones in older segments are copied forward (keeping their
   * signatures), the dropped keys are remembered, then the older segments are deleted. A crash part-way leaves
   * duplicates that reading folds together, never a loss. Returns how many entries were dropped.
   */
  compact(retentionMs = this.#retentionMs): Promise<number> {
    this.#compacting ??= this.#compact(retentionMs).finally(() => {
      this.#compacting = null;
    });
    return this.#compacting;
  }

  /** Bytes on disk. */
  async sizeBytes(): Promise<number> {
    await this.open();
    return this.#log.sizeBytes();
  }

  /** Closes the journal's file. */
  async close(): Promise<void> {
    await this.#compacting?.catch(() => undefined);
    await this.#log.close();
  }

  async #load(): Promise<OpenReport> {
    const report = await this.#log.open();
    for await (const { location, body } of this.#log.scan()) {
      const meta = decodeMeta(body);
      if (!meta) continue;
      if (meta.kind === 'entry') {
        if (!this.#index.has(meta.key) && !this.#forgotten.has(meta.key)) {
          const state = initialOutboxState(meta.key, meta.envelopeId, meta.reviewer);
          this.#index.set(meta.key, { location, journaledAt: meta.at, state });
        }
      } else if (meta.kind === 'delivered') {
        const entry = this.#index.get(meta.key);
        if (entry && entry.state.status !== 'sent') entry.state = { ...entry.state, status: 'sent', sentAt: meta.at };
      } else if (meta.kind === 'state') {
        const entry = this.#index.get(meta.key);
        // Once delivered, always delivered: a later record cannot take that back.
        if (entry && entry.state.status !== 'sent') entry.state = { ...meta.state, idempotencyKey: meta.key, envelopeId: entry.state.envelopeId, reviewer: entry.state.reviewer };
      } else if (meta.kind === 'withdrawn') {
        this.#index.delete(meta.key);
      } else {
        for (const key of meta.keys) {
          this.#forgotten.add(key);
          this.#index.delete(key);
        }
      }
    }
    return report;
  }

  async #compact(retentionMs: number): Promise<number> {
    await this.open();
    // Nothing to gain while everything fits in the segment being written.
    if (this.#log.segments().length === 1 && (await this.#log.sizeBytes()) < 1024 * 1024) return 0;
    await this.#log.rotate();
    const old = this.#log.segments().slice(0, -1);
    if (old.length === 0) return 0;
    const oldSet = new Set(old);
    const horizon = this.#now().getTime() - retentionMs;
    const dropped: string[] = [];
    for (const [key, entry] of [...this.#index]) {
      if (!oldSet.has(entry.location.segment)) continue;
      const { sentAt } = entry.state;
      if (entry.state.status === 'sent' && sentAt && Date.parse(sentAt) <= horizon) {
        dropped.push(key);
        continue;
      }
      const stored = await this.#log.read(entry.location);
      if (!stored) continue; // unreadable: kept where it is, reported by page()
      const location = await this.#log.appendSigned(stored.body, stored.signature);
      entry.location = location;
      if (entry.state.attempts > 0 || entry.state.status !== 'pending') {
        await this.#log.append(encodeBody({ kind: 'state', key, at: this.#now().toISOString(), state: entry.state }));
      }
    }
    for (const key of dropped) this.#forgotten.add(key);
    await this.#log.append(encodeBody({ kind: 'forgotten', keys: [...this.#forgotten], at: this.#now().toISOString() }));
    for (const key of dropped) this.#index.delete(key);
    const stillThere = new Set([...this.#index.values()].map((e) => e.location.segment));
    await this.#log.removeSegments(old.filter((s) => !stillThere.has(s)));
    return dropped.length;
  }
}

// A body is a 4-byte length, the small metadata (indexed on open without touching the payload), then the payload.
function encodeBody(meta: Meta, payload?: SubmitReviewArgs, sealer?: PayloadSealer): Buffer {
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const plain = payload ? Buffer.from(encodeWire(payload), 'utf8') : Buffer.alloc(0);
  const payloadBytes = payload && sealer ? sealer.seal(plain) : plain;
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(metaBytes.length);
  return Buffer.concat([length, metaBytes, payloadBytes]);
}

function decodeMeta(body: Buffer): Meta | null {
  if (body.length < 4) return null;
  const length = body.readUInt32LE(0);
  if (4 + length > body.length) return null;
  try {
    const meta = JSON.parse(body.toString('utf8', 4, 4 + length)) as Partial<Record<string, unknown>> | null;
    if (!meta || typeof meta !== 'object' || typeof meta.at !== 'string') return null;
    if (meta.kind === 'forgotten') return Array.isArray(meta.keys) && meta.keys.every((k) => typeof k === 'string') ? (meta as Meta) : null;
    if (typeof meta.key !== 'string') return null;
    if (meta.kind === 'entry') return typeof meta.reviewer === 'string' && typeof meta.envelopeId === 'string' ? (meta as unknown as Meta) : null;
    if (meta.kind === 'state') return outboxStateSchema.safeParse(meta.state).success ? (meta as unknown as Meta) : null;
    return meta.kind === 'delivered' || meta.kind === 'withdrawn' ? (meta as unknown as Meta) : null;
  } catch {
    return null;
  }
}

function decodePayload(body: Buffer, sealer: PayloadSealer | undefined): SubmitReviewArgs | null {
  const meta = decodeMeta(body);
  if (!meta || meta.kind !== 'entry') return null;
  const length = body.readUInt32LE(0);
  const stored = body.subarray(4 + length);
  // A sealed payload needs the key; an unsealed one (an earlier version's) reads as it is.
  const plain = meta.sealed ? (sealer?.open(stored) ?? null) : stored;
  if (!plain) return null;
  try {
    const parsed = submitReviewArgsSchema.safeParse(decodeWire(plain.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
