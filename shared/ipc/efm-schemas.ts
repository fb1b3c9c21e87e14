import { z } from 'zod';
import { paymentSummarySchema } from '../domain/ecf-status';
import { envelopeSchema } from '../domain/envelope';
import { leaseSchema } from '../domain/review-queue';

/** A document an envelope carries (contract form of the EFM's document list). */
export const documentInfoSchema = z.object({
  documentId: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
});

/** A filing the EFM already has a decision for (an earlier review episode). */
export const recordedDecisionSchema = z.object({
  filingId: z.string(),
  outcome: z.enum(['accepted', 'rejected']),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  correctedFilingCode: z.string().nullable(),
  decidedAt: z.string(),
  reviewerId: z.string(),
});

/** The case assigned to a new-case envelope when its first filing was accepted. */
export const assignedCaseSchema = z.object({
  caseNumber: z.string(),
  title: z.string(),
  courtLocation: z.string(),
  judge: z.string(),
  /** The court record system opened the case (CMS case assignment); absent: a clerk did. */
  assignedBy: z.literal('record-system').optional(),
});

/** `envelope:get` result. */
export const envelopeDetailSchema = z.object({
  envelope: envelopeSchema,
  courtLocation: z.string(),
  documents: z.array(documentInfoSchema),
  lease: leaseSchema.nullable(),
  payment: paymentSummarySchema.nullable(),
  /** Decisions already applied (multi-episode review): those filings are done. */
  recorded: z.array(recordedDecisionSchema),
  assignedCase: assignedCaseSchema.nullable(),
  /** The filer cancelled the envelope (ECF 5.0 §6.1.7): nothing to review; it has left the queue. */
  cancelled: z.boolean().default(false),
  /** A filing of this new case was accepted; the court record system has not numbered it yet. */
  caseNumberPending: z.boolean().default(false),
});

/** `document:get` result: the bytes, already checked against the EFM's SHA-256. */
export const documentContentSchema = z.object({
  documentId: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  bytes: z.instanceof(Uint8Array),
});

/** Arguments naming an envelope. */
export const envelopeArgsSchema = z.object({ envelopeId: z.string().min(1).max(200) });

/** `claim:acquire`: an envelope, and a longer lease when it is taken for offline work (the EFM may cap it). */
export const claimArgsSchema = envelopeArgsSchema.extend({ leaseMinutes: z.number().int().min(1).max(720).optional() });

/** Arguments naming an envelope and the fencing token of the caller's claim. */
export const fencedArgsSchema = envelopeArgsSchema.extend({ fencingToken: z.number().int().nonnegative() });

/** An envelope as the review screen needs it. */
export type EnvelopeDetail = z.infer<typeof envelopeDetailSchema>;
/** A decision the EFM already applied. */
export type RecordedDecision = z.infer<typeof recordedDecisionSchema>;
/** A document's bytes and hash. */
export type DocumentContent = z.infer<typeof documentContentSchema>;
