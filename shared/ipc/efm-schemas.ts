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

/** `envelope:get` result. */
export const envelopeDetailSchema = z.object({
  envelope: envelopeSchema,
  courtLocation: z.string(),
  documents: z.array(documentInfoSchema),
  lease: leaseSchema.nullable(),
  payment: paymentSummarySchema.nullable(),
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

/** Arguments naming an envelope and the fencing token of the caller's claim. */
export const fencedArgsSchema = envelopeArgsSchema.extend({ fencingToken: z.number().int().nonnegative() });

/** An envelope as the review screen needs it. */
export type EnvelopeDetail = z.infer<typeof envelopeDetailSchema>;
/** A document's bytes and hash. */
export type DocumentContent = z.infer<typeof documentContentSchema>;
