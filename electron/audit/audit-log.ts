import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { auditRecordSchema, type AuditAction, type AuditQuery, type AuditRecord, type AuditVerification } from '../../shared/domain/audit';
import { writeFileAtomic } from '../settings/atomic-file';

/** What a caller tells the log; time, workstation, sequence and hashes are added by the log. */
export interface AuditEntry {
  readonly user: string;
  readonly action: AuditAction;
  readonly object: string;
  readonly outcome: AuditRecord['outcome'];
  readonly detail?: string | null;
}

const genesis = '0'.repeat(64);

/** The hash of a record: SHA-256 over its fields in a fixed order, starting with the previous record's hash. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const fields = [record.prevHash, record.seq, record.at, record.user, record.workstation, record.action, record.object, record.outcome, record.detail];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Append-only, hash-chained audit log (one JSON record per line, fsynced before the action is reported done). Each
 * record's hash covers the previous one, so editing, removing or reordering any record breaks the chain from there
 * on; a separate head file (sequence and hash of the last record) also catches records cut off the end.
 */
export class AuditLog {
  readonly #file: string;
  readonly #headFile: string;
  #tail: Promise<unknown> = Promise.resolve();
  #last: { seq: number; hash: string } | null = null;

  constructor(folder: string, private readonly workstation = hostname(), private readonly now: () => Date = () => new Date()) {
    this.#file = path.join(folder, 'audit.jsonl');
    this.#headFile = path.join(folder, 'audit.head.json');
  }

  /** Appends a record; resolves once it is on disk. Appends are serialised, so the chain never forks. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    const next = this.#tail.then(async () => {
      await mkdir(path.dirname(this.#file), { recursive: true, mode: 0o700 });
      const last = this.#last ?? (await this.#readHead());
      const partial = { seq: last.seq + 1, at: this.now().toISOString(), user: entry.user, workstation: this.workstation, action: entry.action, object: entry.object, outcome: entry.outcome, detail: entry.detail ?? null, prevHash: last.hash };
      const record: AuditRecord = { ...partial, hash: auditHash(partial) };
      const handle = await open(this.#file, 'a', 0o600);
      try {
        await handle.appendFile(`${JSON.stringify(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.#last = { seq: record.seq, hash: record.hash };
      await writeFileAtomic(this.#headFile, JSON.stringify(this.#last));
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

  /** Records matching the viewer's filters, newest first. */
  async query(query: AuditQuery): Promise<AuditRecord[]> {
    const { records } = await this.#readAll();
    const matches = records.filter((record) =>
      (!query.user || record.user === query.user)
      && (!query.action || record.action === query.action)
      && (!query.object || record.object.includes(query.object))
      && (!query.from || record.at >= query.from)
      && (!query.to || record.at < query.to));
    return matches.reverse().slice(0, query.limit);
  }

  /** Walks the whole chain: every line parses, sequences run 1, 2, 3…, each hash is right and links to the one before. */
  async verify(): Promise<AuditVerification> {
    await this.#tail;
    const text = await readText(this.#file);
    const lines = text.split('\n').filter((line) => line.length > 0);
    let previous = { seq: 0, hash: genesis };
    for (const [index, line] of lines.entries()) {
      const fail = (reason: string, seq: number | null = null): AuditVerification => ({ valid: false, records: lines.length, problem: { line: index + 1, seq, reason } });
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return fail('the line is not a JSON record');
      }
      const record = auditRecordSchema.safeParse(parsed);
      if (!record.success) return fail('the record is incomplete or has unexpected fields');
      const { hash, ...rest } = record.data;
      if (rest.seq !== previous.seq + 1) return fail(`sequence ${rest.seq} follows ${previous.seq}: records are missing or out of order`, rest.seq);
      if (rest.prevHash !== previous.hash) return fail('it does not link to the record before it', rest.seq);
      if (auditHash(rest) !== hash) return fail('its content does not match its hash: it was edited', rest.seq);
      previous = { seq: rest.seq, hash };
    }
    const head = await this.#readHead();
    if (head.seq !== previous.seq || head.hash !== previous.hash) {
      return { valid: false, records: lines.length, problem: { line: Math.max(1, lines.length), seq: previous.seq, reason: `the log ends at record ${previous.seq} but ${head.seq} were written: records were cut off the end` } };
    }
    return { valid: true, records: lines.length, problem: null };
  }

  async #readHead(): Promise<{ seq: number; hash: string }> {
    const text = await readText(this.#headFile);
    if (!text) return { seq: 0, hash: genesis };
    try {
      const head = JSON.parse(text) as { seq?: unknown; hash?: unknown };
      if (typeof head.seq === 'number' && typeof head.hash === 'string') return { seq: head.seq, hash: head.hash };
    } catch {
      // An unreadable head is reported by verify(); appends continue from the log itself.
    }
    const { records } = await this.#readAll();
    const last = records.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: genesis };
  }

  async #readAll(): Promise<{ records: AuditRecord[] }> {
    const text = await readText(this.#file);
    const records: AuditRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const record = auditRecordSchema.safeParse(JSON.parse(line));
        if (record.success) records.push(record.data);
      } catch {
        // Damaged lines are shown by verify(), not by the viewer.
      }
    }
    return { records };
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
