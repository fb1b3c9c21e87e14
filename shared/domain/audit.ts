import { z } from 'zod';

/** What the audit log records. */
export const auditActions = ['sign-in', 'sign-out', 'lock', 'unlock', 'claim', 'release', 'decision', 'stamp', 'submit', 'reassign', 'exception', 'settings-change', 'export', 'media-import', 'audit-verify', 'access-denied', 'discard', 'court-it'] as const;

/** One audit record as stored: who did what to which object, where, when, with what outcome, chained by hash. */
export const auditRecordSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  user: z.string(),
  workstation: z.string(),
  action: z.enum(auditActions),
  object: z.string(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  detail: z.string().nullable(),
  /** Hash of the previous record ('0' × 64 for the first). */
  prevHash: z.string(),
  /** SHA-256 over prevHash and this record's other fields. */
  hash: z.string(),
});

/** Filters of the audit viewer. */
export const auditQuerySchema = z.object({
  user: z.string().max(200).nullable().default(null),
  action: z.enum(auditActions).nullable().default(null),
  object: z.string().max(200).nullable().default(null),
  from: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
  limit: z.number().int().min(1).max(5000).default(500),
});

/** The result of checking the chain. */
export const auditVerificationSchema = z.object({
  valid: z.boolean(),
  records: z.number().int().nonnegative(),
  /** The first record that does not fit, and why; null when the chain is intact. */
  problem: z.object({ line: z.number().int().positive(), seq: z.number().nullable(), reason: z.string() }).nullable(),
  /** The last record anchored at the EFM that the check compared against; null when none was known. */
  anchoredSeq: z.number().int().nonnegative().nullable().default(null),
});

/** An audit record. */
export type AuditRecord = z.infer<typeof auditRecordSchema>;
/** An audit action. */
export type AuditAction = (typeof auditActions)[number];
/** Audit viewer filters. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;
/** Chain check result. */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** The end of a workstation's audit chain at one moment: what is signed locally and anchored at the EFM. */
export interface AuditHead {
  readonly workstationId: string;
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

/** An audit head the EFM recorded for a workstation. */
export interface AuditAnchor extends AuditHead {
  readonly anchoredAt: string;
}

/** The exact bytes a workstation signs for a head; the EFM verifies the same text. */
export function auditHeadStatement(head: AuditHead): string {
  return ['clerk-review audit head v1', head.workstationId, String(head.seq), head.hash, head.at].join('\n');
}
