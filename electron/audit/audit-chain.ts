import { createHash } from 'node:crypto';
import { auditRecordSchema, type AuditAnchor, type AuditRecord, type AuditVerification } from '../../shared/domain/audit';
import type { SignedAuditHead } from '../../shared/ecf/audit-anchor-messages';

/** A point of the chain: sequence and hash of a record. */
export interface ChainCheckpoint {
  readonly seq: number;
  readonly hash: string;
}

/** What the chain is checked against besides itself. */
export interface ChainEvidence {
  /** The signed head file as read (null when absent; `{ damaged: true }` when unreadable). */
  readonly head: Record<string, unknown> | null;
  readonly headVerifies: (head: SignedAuditHead) => boolean;
  /** Heads recorded at the EFM (its last anchor, and the receipt kept locally). */
  readonly anchors: readonly AuditAnchor[];
}

/** The chain's genesis: the previous hash of record 1. */
export const genesisHash = '0'.repeat(64);

/**
 * Checks an audit chain, line by line (streamed): every line is a record, sequences run 1, 2, 3…, each hash is
 * right and links to the one before; then the signed head (at most one record behind: each append rewrites it) and
 * every anchor must be in the chain. Names the first problem. Used by the app and by `clerk-review audit verify`.
 */
export async function checkAuditChain(lines: AsyncIterable<string>, evidence: ChainEvidence): Promise<AuditVerification> {
  const head = evidence.head;
  const wanted = new Set<number>([...evidence.anchors.map((a) => a.seq), typeof head?.seq === 'number' ? head.seq : -1]);
  const seen = new Map<number, string>();
  let previous: ChainCheckpoint = { seq: 0, hash: genesisHash };
  let count = 0;
  const anchoredSeq = evidence.anchors.reduce<number | null>((max, a) => (max === null || a.seq > max ? a.seq : max), null);
  const fail = (line: number, seq: number | null, reason: string): AuditVerification => ({ valid: false, records: count, problem: { line: Math.max(1, line), seq, reason }, anchoredSeq });
  for await (const line of lines) {
    count += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return fail(count, null, 'the line is not a JSON record');
    }
    const record = auditRecordSchema.safeParse(parsed);
    if (!record.success) return fail(count, null, 'the record is incomplete or has unexpected fields');
    const { hash: stated, ...rest } = record.data;
    if (rest.seq !== previous.seq + 1) return fail(count, rest.seq, `sequence ${rest.seq} follows ${previous.seq}: records are missing or out of order`);
    if (rest.prevHash !== previous.hash) return fail(count, rest.seq, 'it does not link to the record before it');
    if (auditHash(rest) !== stated) return fail(count, rest.seq, 'its content does not match its hash: it was edited');
    if (wanted.has(rest.seq)) seen.set(rest.seq, stated);
    previous = { seq: rest.seq, hash: stated };
  }
  const end = count;
  if (head === null) {
    if (previous.seq > 1) return fail(end, previous.seq, 'the signed head of the log is missing: it was deleted');
  } else {
    if (!isSignedHead(head)) return fail(end, null, 'the signed head of the log is unreadable');
    if (!evidence.headVerifies(head)) return fail(end, head.seq, 'the head of the log is not signed by this workstation: it was changed outside the app');
    if (head.seq > previous.seq) return fail(end, previous.seq, `the log ends at record ${previous.seq} but ${head.seq} were written: records were cut off the end`);
    if (seen.get(head.seq) !== head.hash) return fail(end, head.seq, `record ${head.seq} is not the one the signed head names: the log was rewritten`);
    if (previous.seq > head.seq + 1) return fail(end, head.seq + 1, `records after ${head.seq} were not written by the app`);
  }
  for (const anchor of evidence.anchors) {
    if (anchor.seq > previous.seq) return fail(end, previous.seq, `record ${anchor.seq} was anchored at the EFM on ${anchor.anchoredAt}, but the log ends at ${previous.seq}: records were removed`);
    if (anchor.seq > 0 && seen.get(anchor.seq) !== anchor.hash) return fail(end, anchor.seq, `record ${anchor.seq} differs from the one anchored at the EFM on ${anchor.anchoredAt}: the log was rewritten`);
  }
  return { valid: true, records: count, problem: null, anchoredSeq };
}

function isSignedHead(value: Record<string, unknown>): value is Record<string, unknown> & SignedAuditHead {
  return typeof value.seq === 'number' && typeof value.hash === 'string' && typeof value.at === 'string' && typeof value.workstationId === 'string' && typeof value.signature === 'string';
}

/** The hash of a record: SHA-256 over its fields in a fixed order, starting with the previous record's hash. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const fields = [record.prevHash, record.seq, record.at, record.user, record.workstation, record.action, record.object, record.outcome, record.detail];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
