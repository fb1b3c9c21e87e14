import { z } from 'zod';

/** Which envelopes the queue shows. Everything optional: no filter means the whole queue. */
export const queueFilterSchema = z.object({
  courtLocations: z.array(z.string().min(1)).max(50).default([]),
  caseCategories: z.array(z.string().min(1)).max(50).default([]),
  caseKind: z.enum(['new', 'existing']).nullable().default(null),
  filingCodes: z.array(z.string().min(1)).max(100).default([]),
  submittedFrom: z.iso.datetime({ offset: true }).nullable().default(null),
  submittedTo: z.iso.datetime({ offset: true }).nullable().default(null),
  filerText: z.string().max(200).nullable().default(null),
  claim: z.enum(['all', 'mine', 'unclaimed']).default('all'),
});

/** A queue filter. */
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/**
 * A page request: filter, sort, page size and the cursor of the previous page (no cap on the queue's length). With
 * `changedSince` (the change token of an earlier answer) the pages list only what changed since: envelopes to put,
 * in envelope-id order, and the ids of those that left the queue or no longer match the filter.
 */
export const queueRequestSchema = z.object({
  filter: queueFilterSchema.default(queueFilterSchema.parse({})),
  sort: z.enum(['oldest-first', 'newest-first']).default('oldest-first'),
  pageSize: z.number().int().min(1).max(10_000).default(500),
  cursor: z.string().max(500).nullable().default(null),
  changedSince: z.string().max(500).nullable().default(null),
});

/** A queue page request. */
export type QueueRequest = z.infer<typeof queueRequestSchema>;

/** One envelope waiting for review, as the queue lists it. */
export const queueItemSchema = z.object({
  envelopeId: z.string(),
  submittedAt: z.string(),
  courtLocation: z.string(),
  caseNumber: z.string().nullable(),
  newCase: z.boolean(),
  caseCategory: z.string(),
  caseTitle: z.string().nullable(),
  filingCodes: z.array(z.string()),
  filerName: z.string().nullable(),
  filingCount: z.number().int().positive(),
  /** Filings decided in earlier review episodes: more than none and fewer than all is a partly decided envelope. */
  decidedCount: z.number().int().nonnegative().default(0),
  /** The first filing's lead document: the desk fetches it while the envelope opens (null from older services). */
  firstDocumentId: z.string().nullable().default(null),
  claimedBy: z.string().nullable(),
  claimExpiresAt: z.string().nullable(),
});

/** A queue item. */
export type QueueItem = z.infer<typeof queueItemSchema>;

/**
 * One page of the queue. `changeToken` marks the moment just before the answer was read: given back as
 * `changedSince` (the first page's token of a run), it asks for what changed after. `changesOnly` is true when the
 * pages list changes (items to put, `removed` ids to drop); false when they are the whole queue (a first sync, or a
 * token the EFM could not honour), in which case rows missing from the run have left the queue.
 */
export const queuePageSchema = z.object({
  totalCount: z.number().int().nonnegative(),
  items: z.array(queueItemSchema),
  nextCursor: z.string().nullable(),
  changeToken: z.string().nullable().default(null),
  changesOnly: z.boolean().default(false),
  removed: z.array(z.string()).default([]),
});

/** A queue page. */
export type QueuePage = z.infer<typeof queuePageSchema>;

/** A claim on an envelope: who holds it until when, and the fencing token every write must carry. */
export const leaseSchema = z.object({ envelopeId: z.string(), holder: z.string(), expiresAt: z.string(), fencingToken: z.number().int().nonnegative() });

/** A lease. */
export type Lease = z.infer<typeof leaseSchema>;
