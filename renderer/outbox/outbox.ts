import { nextDeliveryStep, retryDelayMs } from '../../shared/outbox/delivery-policy';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { getApi } from '../app/api';
import { db, type LocalReview, type OutboxEntry } from '../db/db';
import { forgetOffline } from '../offline/offline-store';

/**
 * Records a review and its submission twice — in the main process's fsynced journal, then in one IndexedDB
 * transaction (strict durability) — so once this resolves the decision is on disk in two places and will be
 * delivered, however the app is closed or the network behaves. Rejects when either write fails: then the clerk is
 * told the decision is NOT saved.
 */
export async function enqueueReview(payload: SubmitReviewArgs, reviewer: string): Promise<void> {
  // Second copy first: the main process's fsynced journal. If the disk refuses, nothing is promised.
  const journaled = await getApi().outbox.record({ payload, reviewer });
  if (!journaled.ok) throw new Error(journaled.error.message);
  try {
    await storeLocally(payload, reviewer, { delivered: false, at: new Date().toISOString() });
  } catch (cause) {
    // The clerk will be told it is not saved: the journal must not bring it back later.
    await getApi().outbox.withdraw({ idempotencyKey: payload.idempotencyKey });
    throw cause;
  }
}

/** The review episode and its outbox entry, in one IndexedDB transaction (a new decision, or one the journal restores). */
async function storeLocally(payload: SubmitReviewArgs, reviewer: string, origin: { delivered: boolean; at: string }): Promise<void> {
  const store = db();
  const review: LocalReview = { envelopeId: payload.envelopeId, idempotencyKey: payload.idempotencyKey, reviewer, decisions: payload.decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome })), decidedAt: payload.decidedAt };
  const entry: OutboxEntry = { idempotencyKey: payload.idempotencyKey, envelopeId: payload.envelopeId, status: origin.delivered ? 'sent' : 'pending', attempts: 0, lastError: null, lastErrorReason: null, nextAttemptAt: 0, createdAt: origin.at, sentAt: origin.delivered ? origin.at : null, note: null, payload };
  await store.transaction('rw', store.outbox, store.reviewEpisodes, async () => {
    await store.reviewEpisodes.put(review);
    await store.outbox.put(entry);
  });
}

/**
 * Makes the two copies agree after a start: journal entries missing from IndexedDB (a wiped or damaged profile) are
 * restored — delivered ones as sent, the rest pending — and undelivered IndexedDB entries missing from the journal
 * (a lost journal) are journaled again. Delivered ones are not: the journal may have compacted them away, and it
 * refuses a key it has forgotten. The journal is read in pages, so its size never makes one huge frame.
 */
export async function reconcileOutbox(): Promise<{ restored: number; rejournaled: number; problems: string[] }> {
  const api = getApi();
  const store = db();
  const local = new Map((await store.outbox.toArray()).map((entry) => [entry.idempotencyKey, entry]));
  const journaledKeys = new Set<string>();
  const problems: string[] = [];
  let restored = 0;
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await api.outbox.journal({ cursor, limit: 50 });
    if (!page.ok) return { restored, rejournaled: 0, problems: [...problems, page.error.message] };
    problems.push(...page.value.problems);
    for (const { payload, reviewer, journaledAt, delivered } of page.value.entries) {
      journaledKeys.add(payload.idempotencyKey);
      if (local.has(payload.idempotencyKey)) continue;
      await storeLocally(payload, reviewer, { delivered, at: journaledAt });
      restored += 1;
    }
    cursor = page.value.nextCursor;
  }
  let rejournaled = 0;
  for (const entry of local.values()) {
    if (journaledKeys.has(entry.idempotencyKey) || entry.status === 'sent' || entry.status === 'discarded') continue;
    const review = await store.reviewEpisodes.get(entry.idempotencyKey);
    if ((await api.outbox.record({ payload: entry.payload, reviewer: review?.reviewer ?? 'unknown' })).ok) rejournaled += 1;
  }
  return { restored, rejournaled, problems };
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
        // The review is complete on the EFM: the offline copy (documents included) is no longer needed.
        if (result.value.envelopeComplete) await forgetOffline(entry.envelopeId);
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
  void reconcileOutbox().then(() => deliverPending());
  const timer = setInterval(() => {
    void deliverPending();
    // Filings imported from portable media while the EFM was away go with the same rhythm.
    void getApi().media.deliverWaiting();
  }, intervalMs);
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
