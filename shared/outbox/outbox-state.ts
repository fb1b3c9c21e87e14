import { z } from 'zod';

/**
 * Where a decision stands on its way to the EFM: waiting (`pending`), delivered (`sent`), refused by the EFM
 * (`failed`: a conflict), given up on after too many failed attempts (`exception`), or set aside by a person with a
 * note (`discarded`). Never deleted: every decision stays on record.
 */
export const outboxStatusSchema = z.enum(['pending', 'sent', 'failed', 'exception', 'discarded']);

/** An outbox status. */
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/**
 * The delivery state of one journaled decision. The main process owns it (it delivers); the renderer keeps a mirror
 * in IndexedDB, updated from `outbox:changed` and from the journal on start.
 */
export const outboxStateSchema = z.object({
  idempotencyKey: z.string(),
  envelopeId: z.string(),
  /** The clerk who decided: it is delivered only while that clerk is signed in. */
  reviewer: z.string(),
  status: outboxStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** The EFM's fault code or the transport's reason (stale-fencing-token, already-decided, timeout…). */
  lastErrorReason: z.string().nullable(),
  /** Epoch milliseconds before which it is not tried again. */
  nextAttemptAt: z.number(),
  sentAt: z.string().nullable(),
  /** Why it was discarded, by whom and when. */
  note: z.string().nullable(),
  /** The delivery completed the envelope's review (its offline copy can go). */
  envelopeComplete: z.boolean(),
  /**
   * The claim it is delivered under when a supervisor reassigned it to another clerk (the EFM gave that clerk a new
   * fencing token); null: the token the deciding clerk had.
   */
  fencingToken: z.number().int().nonnegative().nullable().default(null),
});

/** The delivery state of one journaled decision. */
export type OutboxState = z.infer<typeof outboxStateSchema>;

/** The state a decision starts in when it is journaled. */
export function initialOutboxState(idempotencyKey: string, envelopeId: string, reviewer: string): OutboxState {
  return {
    idempotencyKey, envelopeId, reviewer, status: 'pending', attempts: 0, lastError: null, lastErrorReason: null,
    nextAttemptAt: 0, sentAt: null, note: null, envelopeComplete: false, fencingToken: null,
  };
}

/** The shortest explanation a person must give to discard a decision. */
export const minDiscardNote = 5;
