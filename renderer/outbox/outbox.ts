import type { AppError } from '../../shared/errors';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { getApi } from '../app/api';
import { db, type LocalReview, type OutboxEntry } from '../db/db';

/**
 * Records a review and its submission in one IndexedDB transaction: once this resolves the decision is on disk and
 * will be delivered, however the app is closed or the network behaves. Rejects (nothing written) when storage fails.
 */
export async function enqueueReview(payload: SubmitReviewArgs, reviewer: string): Promise<void> {
  const store = db();
  const review: LocalReview = { envelopeId: payload.envelopeId, idempotencyKey: payload.idempotencyKey, reviewer, decisions: payload.decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome })), decidedAt: payload.decidedAt };
  const entry: OutboxEntry = { idempotencyKey: payload.idempotencyKey, envelopeId: payload.envelopeId, status: 'pending', attempts: 0, lastError: null, nextAttemptAt: 0, createdAt: new Date().toISOString(), sentAt: null, payload };
  await store.transaction('rw', store.outbox, store.reviewEpisodes, async () => {
    await store.reviewEpisodes.put(review);
    await store.outbox.put(entry);
  });
}

// Answers that may succeed later: the EFM was away, or nobody is signed in yet.
const transient = new Set<AppError['code']>(['efm-unreachable', 'efm-timeout', 'unauthorized', 'internal']);

/** Delay before attempt n+1: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

let running: Promise<void> | null = null;

/**
 * Sends every pending entry that is due. The EFM dedupes by idempotency key, so a resend after an unknown outcome
 * is safe. Refusals that cannot improve by waiting (stale claim, invalid review) are marked failed, with the reason,
 * for the clerk or a supervisor to act on.
 */
export function deliverPending(force = false): Promise<void> {
  running ??= (async () => {
    const store = db();
    const due = (await store.outbox.where('status').equals('pending').toArray()).filter((entry) => force || entry.nextAttemptAt <= Date.now());
    for (const entry of due) {
      const result = await getApi().review.submit(entry.payload);
      const attempts = entry.attempts + 1;
      if (result.ok) {
        await store.outbox.update(entry.idempotencyKey, { status: 'sent', attempts, lastError: null, sentAt: new Date().toISOString() });
      } else if (transient.has(result.error.code)) {
        await store.outbox.update(entry.idempotencyKey, { attempts, lastError: result.error.message, nextAttemptAt: Date.now() + retryDelayMs(attempts) });
      } else {
        await store.outbox.update(entry.idempotencyKey, { status: 'failed', attempts, lastError: result.error.message });
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Keeps delivering in the background while the app runs (and picks up what a previous run left pending). */
export function startOutboxPump(intervalMs = 5000): () => void {
  void deliverPending();
  const timer = setInterval(() => void deliverPending(), intervalMs);
  return () => clearInterval(timer);
}
