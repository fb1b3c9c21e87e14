import { nextDeliveryStep, retryDelayMs } from '../../shared/outbox/delivery-policy';
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
  const entry: OutboxEntry = { idempotencyKey: payload.idempotencyKey, envelopeId: payload.envelopeId, status: 'pending', attempts: 0, lastError: null, lastErrorReason: null, nextAttemptAt: 0, createdAt: new Date().toISOString(), sentAt: null, note: null, payload };
  await store.transaction('rw', store.outbox, store.reviewEpisodes, async () => {
    await store.reviewEpisodes.put(review);
    await store.outbox.put(entry);
  });
}

let running: Promise<void> | null = null;

/**
 * Sends every pending entry that is due. The EFM dedupes by idempotency key (and the main process asks the filing
 * status after an unknown outcome), so a resend is safe. Transient failures wait with backoff and, after too many,
 * move to the exception list; refusals that cannot improve by waiting (stale claim, decided by someone else, invalid
 * review) are marked failed with the reason — a conflict the clerk sees. Nothing is dropped.
 */
export function deliverPending(force = false): Promise<void> {
  running ??= (async () => {
    const store = db();
    const due = (await store.outbox.where('status').equals('pending').toArray()).filter((entry) => force || entry.nextAttemptAt <= Date.now());
    for (const entry of due) {
      const result = await getApi().review.submit(entry.payload);
      const attempts = entry.attempts + 1;
      if (result.ok) {
        await store.outbox.update(entry.idempotencyKey, { status: 'sent', attempts, lastError: null, lastErrorReason: null, sentAt: new Date().toISOString() });
        continue;
      }
      const step = nextDeliveryStep(result.error, attempts);
      const failure = { attempts, lastError: result.error.message, lastErrorReason: result.error.reason ?? result.error.code };
      if (step === 'retry') await store.outbox.update(entry.idempotencyKey, { ...failure, nextAttemptAt: Date.now() + retryDelayMs(attempts) });
      else await store.outbox.update(entry.idempotencyKey, { ...failure, status: step === 'exception' ? 'exception' : 'failed' });
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

/** Sends an entry from the exception list (or a refused one, after the cause was fixed) again, from attempt one. */
export async function retryEntry(idempotencyKey: string): Promise<void> {
  await db().outbox.update(idempotencyKey, { status: 'pending', attempts: 0, nextAttemptAt: 0 });
  await deliverPending(true);
}

/** Gives up on an entry with a note saying why. It is kept, marked discarded, for the record — never deleted. */
export async function discardEntry(idempotencyKey: string, note: string, by: string): Promise<void> {
  if (note.trim().length < 5) throw new Error('Say why the decision is discarded (at least 5 characters)');
  await db().outbox.update(idempotencyKey, { status: 'discarded', note: `${note.trim()} — ${by}, ${new Date().toISOString()}` });
}
