import { createHash, createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import {
  auditHeadStatement, auditRecordSchema, type AuditAction, type AuditAnchor, type AuditHead, type AuditQuery, type AuditRecord, type AuditVerification,
} from '../../shared/domain/audit';
import type { SignedAuditHead } from '../../shared/ecf/audit-anchor-messages';
import { writeFileAtomic } from '../settings/atomic-file';
import { checkAuditChain, genesisHash, auditHash, type ChainCheckpoint } from './audit-chain';

export { auditHash, genesisHash } from './audit-chain';

/** What a caller tells the log; time, workstation, sequence and hashes are added by the log. */
export interface AuditEntry {
  readonly user: string;
  readonly action: AuditAction;
  readonly object: string;
  readonly outcome: AuditRecord['outcome'];
  readonly detail?: string | null;
}

/** Signs the chain head: the workstation key. */
export interface HeadSigner {
  readonly publicKeyPem: string;
  sign(data: Uint8Array): Buffer;
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** Where the log runs. */
export interface AuditLogOptions {
  readonly signer: HeadSigner | Promise<HeadSigner>;
  /** Printed in each record (the workstation's name). */
  readonly workstation?: string;
  /** The id its anchors are kept under at the EFM; stable for one data folder. */
  readonly workstationId?: string;
  readonly now?: () => Date;
}

/** The id a data folder's audit anchors are kept under at the EFM: host name and a digest of the folder. */
export function workstationIdFor(dataDir: string): string {
  return `${hostname()}-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`;
}

/**
 * Append-only, hash-chained audit log (one JSON record per line, fsynced before the action is reported done). Each
 * record's hash covers the previous one, so editing, removing or reordering a record breaks the chain. The sequence
 * and last hash are recovered from the log itself on open (a torn last line, never acknowledged, is cut off); the head
 * file beside it is a signed cache of the last head, written atomically. Heads are anchored at the EFM
 * ({@link signedHead}, {@link noteAnchor}), so a consistent rewrite, a truncation or a deletion before the last
 * anchor is found by {@link verify}; records after the last anchor are the window that remains.
 */
export class AuditLog {
  readonly #folder: string;
  readonly #file: string;
  readonly #headFile: string;
  readonly #anchorFile: string;
  readonly #workstation: string;
  readonly #now: () => Date;
  /** Stable id of this data folder at the EFM. */
  readonly workstationId: string;
  #tail: Promise<unknown> = Promise.resolve();
  #last: ChainCheckpoint | null = null;

  constructor(folder: string, private readonly options: AuditLogOptions) {
    this.#folder = folder;
    this.#file = path.join(folder, 'audit.jsonl');
    this.#headFile = path.join(folder, 'audit.head.json');
    this.#anchorFile = path.join(folder, 'audit.anchor.json');
    this.#workstation = options.workstation ?? hostname();
    this.workstationId = options.workstationId ?? workstationIdFor(path.dirname(folder));
    this.#now = options.now ?? (() => new Date());
  }

  /** Appends a record; resolves once it is on disk. Appends are serialised, so the chain never forks. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    const next = this.#tail.then(async () => {
      const last = await this.#recover();
      const partial = { seq: last.seq + 1, at: this.#now().toISOString(), user: entry.user, workstation: this.#workstation, action: entry.action, object: entry.object, outcome: entry.outcome, detail: entry.detail ?? null, prevHash: last.hash };
      const record: AuditRecord = { ...partial, hash: auditHash(partial) };
      const handle = await open(this.#file, 'a', 0o600);
      try {
        await handle.appendFile(`${JSON.stringify(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.#last = { seq: record.seq, hash: record.hash };
      // The head is a cache: a crash before it is written leaves it one behind, which open() and verify() accept.
      await writeFileAtomic(this.#headFile, JSON.stringify(await this.#sign({ workstationId: this.workstationId, seq: record.seq, hash: record.hash, at: record.at })));
      return record;
    });
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Appends, reporting a failing disk on stderr instead of throwing: the audited action (already done at the EFM)
   * is not undone because its trace could not be written.
   */
  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.append(entry);
    } catch (error) {
      console.error(`audit log: could not record ${entry.action} of ${entry.object}: ${(error as Error).message}`);
    }
  }

  /** The current head, signed, with the public key: what AnchorAuditLog sends. */
  async signedHead(): Promise<SignedAuditHead> {
    await this.#tail;
    const last = await this.#recover();
    return this.#sign({ workstationId: this.workstationId, seq: last.seq, hash: last.hash, at: this.#now().toISOString() });
  }

  /** Keeps the EFM's receipt of an anchor beside the log (the CLI checks against it without the EFM). */
  async noteAnchor(anchor: AuditAnchor): Promise<void> {
    await writeFileAtomic(this.#anchorFile, JSON.stringify(anchor));
  }

  /** Records matching the viewer's filters, newest first; the log is streamed, only the newest matches are kept. */
  async query(query: AuditQuery): Promise<AuditRecord[]> {
    await this.#tail;
    const matches: AuditRecord[] = [];
    for await (const line of readLines(this.#file)) {
      let record;
      try {
        record = auditRecordSchema.safeParse(JSON.parse(line));
      } catch {
        continue; // damaged lines are shown by verify(), not by the viewer
      }
      if (!record.success) continue;
      const r = record.data;
      if ((query.user && r.user !== query.user) || (query.action && r.action !== query.action) || (query.object && !r.object.includes(query.object))) continue;
      if ((query.from && r.at < query.from) || (query.to && r.at >= query.to)) continue;
      matches.push(r);
      if (matches.length > query.limit) matches.shift();
    }
    return matches.reverse();
  }

  /**
   * Walks the whole chain (streamed) and checks it against the signed head file, the last anchor receipt kept here and
   * the EFM's last anchor when given: every line parses, sequences run 1, 2, 3…, each hash is right and links to the
   * one before, and every anchored head is in the chain.
   */
  async verify(efmAnchor?: AuditAnchor | null): Promise<AuditVerification> {
    await this.#tail;
    const signer = await this.options.signer;
    const head = await readJson(this.#headFile);
    const receipt = await readJson(this.#anchorFile);
    return checkAuditChain(readLines(this.#file), {
      head,
      headVerifies: (h) => signer.verify(Buffer.from(auditHeadStatement(h)), Buffer.from(h.signature, 'base64')),
      anchors: [receipt as AuditAnchor | null, efmAnchor ?? null].filter((a): a is AuditAnchor => !!a && typeof a.seq === 'number'),
    });
  }

  async #sign(head: AuditHead): Promise<SignedAuditHead> {
    const signer = await this.options.signer;
    const der = createPublicKey(signer.publicKeyPem).export({ type: 'spki', format: 'der' });
    return { ...head, publicKey: der.toString('base64'), signature: signer.sign(Buffer.from(auditHeadStatement(head))).toString('base64') };
  }

  /**
   * A crash between a record and its head leaves the head one record behind; it is brought up to date before the
   * next append, so a second crash cannot leave it two behind. More than one behind is not a crash: left for verify().
   */
  async #catchUpHead(last: AuditRecord): Promise<void> {
    const head = await readJson(this.#headFile);
    const behindByOne = head === null ? last.seq === 1 : head.seq === last.seq - 1;
    if (!behindByOne) return;
    await writeFileAtomic(this.#headFile, JSON.stringify(await this.#sign({ workstationId: this.workstationId, seq: last.seq, hash: last.hash, at: last.at })));
  }

  /** The last record's sequence and hash, from the log itself; cuts off a torn last line. */
  async #recover(): Promise<ChainCheckpoint> {
    if (this.#last) return this.#last;
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    await removeStaleTemps(this.#folder);
    const handle = await open(this.#file, 'a+', 0o600);
    try {
      const size = (await handle.stat()).size;
      const text = size > 0 ? await readTail(handle, size) : '';
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < text.length) {
        // A record cut short by a crash before its fsync returned: it was never reported done.
        await handle.truncate(size - Buffer.byteLength(text.slice(complete)));
        await handle.sync();
      }
      const lines = text.slice(0, complete).split('\n').filter(Boolean);
      for (const line of lines.reverse()) {
        try {
          const record = auditRecordSchema.safeParse(JSON.parse(line));
          if (record.success) {
            await this.#catchUpHead(record.data);
            return (this.#last = { seq: record.data.seq, hash: record.data.hash });
          }
        } catch {
          // a damaged line: verify() names it; the chain continues from the last whole record
        }
      }
      return (this.#last = { seq: 0, hash: genesisHash });
    } finally {
      await handle.close();
    }
  }
}

/**
 * Complete lines of a file, streamed; none when it does not exist. A last line without its newline is a record a
 * crash cut short before its fsync returned (never reported done), so it is left out, as the next append cuts it off.
 */
export async function* readLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) yield line;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    stream.destroy();
  }
}

// The last 64 KiB: audit records are small, so the last whole record is in it.
async function readTail(handle: Awaited<ReturnType<typeof open>>, size: number): Promise<string> {
  const length = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(length);
  await handle.read(buffer, 0, length, size - length);
  const text = buffer.toString('utf8');
  return size > length ? text.slice(text.indexOf('\n') + 1) : text;
}

/** A small JSON file: null when absent, `{ damaged: true }` when unreadable. */
export async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : { damaged: true };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : { damaged: true };
  }
}

/** Temporary files of atomic writes a crash left behind. */
async function removeStaleTemps(folder: string): Promise<void> {
  for (const name of await readdir(folder)) if (name.endsWith('.tmp')) await rm(path.join(folder, name), { force: true });
}
