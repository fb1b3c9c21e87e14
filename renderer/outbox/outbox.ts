import { initialOutboxState, type OutboxState } from '../../shared/outbox/outbox-state';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { seal, unseal } from '../offline/at-rest-cipher';
import { submitReviewArgsSchema, type SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { getApi } from '../app/api';
import { db, type LocalReview, type OutboxEntry, type OutboxSummary } from '../db/db';
import { forgetOffline } from '../offline/offline-store';

/**
 * Records a review and its submission twice — in the main process's fsynced journal (the outbox the main process
 * delivers from), then in one IndexedDB transaction (strict durability) — so once this resolves the decision is on
 * disk in two places and will be delivered, however the page is closed or the network behaves. Rejects when either
 * write fails: then the clerk is told the decision is NOT saved.
 */
export async function enqueueReview(payload: SubmitReviewArgs, reviewer: string): Promise<void> {
  // The journal first: if the disk refuses, nothing is promised.
  const journaled = await getApi().outbox.record({ payload, reviewer });
  if (!journaled.ok) throw new Error(journaled.error.message);
  try {
    await storeLocally(payload, initialOutboxState(payload.idempotencyKey, payload.envelopeId, reviewer), new Date().toISOString());
  } catch (cause) {
    // The clerk will be told it is not saved: the journal must not bring it back later — unless it went already.
    const withdrawn = await getApi().outbox.withdraw({ idempotencyKey: payload.idempotencyKey });
    if (withdrawn.ok && !withdrawn.value) return;
    throw cause;
  }
}

/** The review episode and its outbox entry, in one IndexedDB transaction (a new decision, or one the journal restores). */
async function storeLocally(payload: SubmitReviewArgs, state: OutboxState, at: string): Promise<void> {
  const store = db();
  const review: LocalReview = { envelopeId: payload.envelopeId, idempotencyKey: payload.idempotencyKey, reviewer: state.reviewer, decisions: payload.decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome })), decidedAt: payload.decidedAt };
  const entry: OutboxEntry = { ...mirrored(state), createdAt: at, summary: summarise(payload), sealedPayload: await seal(new TextEncoder().encode(encodeWire(payload))) };
  await store.transaction('rw', store.outbox, store.reviewEpisodes, async () => {
    await store.reviewEpisodes.put(review);
    await store.outbox.put(entry);
  });
}

function summarise(payload: SubmitReviewArgs): OutboxSummary {
  return { decisions: payload.decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome })), decidedAt: payload.decidedAt };
}

/** What an entry shows in the lists: which filings were decided how, and when. */
export function summaryOf(entry: OutboxEntry): OutboxSummary {
  return entry.summary ?? (entry.payload ? summarise(entry.payload) : { decisions: [], decidedAt: entry.createdAt });
}

/** An entry's whole submission, opened from its sealed copy (null when it cannot be opened with this key). */
export async function payloadOf(entry: OutboxEntry): Promise<SubmitReviewArgs | null> {
  if (!entry.sealedPayload) return entry.payload ?? null;
  const bytes = await unseal(entry.sealedPayload);
  if (!bytes) return null;
  try {
    const parsed = submitReviewArgsSchema.safeParse(decodeWire(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function mirrored(state: OutboxState): Omit<OutboxEntry, 'createdAt' | 'payload' | 'summary' | 'sealedPayload'> {
  const { idempotencyKey, envelopeId, reviewer, status, attempts, lastError, lastErrorReason, nextAttemptAt, sentAt, note } = state;
  return { idempotencyKey, envelopeId, reviewer, status, attempts, lastError, lastErrorReason, nextAttemptAt, sentAt, note };
}

/**
 * Copies a delivery state the main process reported into the IndexedDB mirror; once the review is complete on the
 * EFM the envelope's offline copy (documents included) is no longer needed.
 */
export async function applyOutboxState(state: OutboxState): Promise<void> {
  await db().outbox.update(state.idempotencyKey, mirrored(state));
  if (state.status === 'sent' && state.envelopeComplete) await forgetOffline(state.envelopeId);
}

/**
 * Makes the two copies agree after a start: journal entries missing from IndexedDB (a wiped or damaged profile) are
 * restored, every mirrored state is brought up to the journal's (the main process delivered while the page was away),
 * and undelivered IndexedDB entries missing from the journal (a lost journal) are journaled again. Delivered ones are
 * not: the journal may have compacted them away, and it refuses a key it has forgotten. The journal is read in pages,
 * so its size never makes one huge frame.
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
    for (const { payload, journaledAt, state } of page.value.entries) {
      journaledKeys.add(payload.idempotencyKey);
      const mine = local.get(payload.idempotencyKey);
      if (!mine) {
        await storeLocally(payload, state, journaledAt);
        restored += 1;
      } else if (mine.status !== state.status || mine.attempts !== state.attempts) await applyOutboxState(state);
    }
    cursor = page.value.nextCursor;
  }
  let rejournaled = 0;
  for (const entry of local.values()) {
    // Entries of earlier versions held the submission in clear: sealed now.
    if (entry.payload && !entry.sealedPayload) {
      await store.outbox.put({ ...entry, summary: summarise(entry.payload), sealedPayload: await seal(new TextEncoder().encode(encodeWire(entry.payload))), payload: undefined });
    }
    if (journaledKeys.has(entry.idempotencyKey) || entry.status === 'sent' || entry.status === 'discarded') continue;
    const review = await store.reviewEpisodes.get(entry.idempotencyKey);
    const payload = await payloadOf(entry);
    if (payload && (await api.outbox.record({ payload, reviewer: review?.reviewer ?? 'unknown' })).ok) rejournaled += 1;
  }
  return { restored, rejournaled, problems };
}

/**
 * Asks the main process for a delivery pass now (it also delivers on its own every few seconds) and mirrors the
 * state of `idempotencyKey` afterwards. The page never sends decisions itself.
 */
export async function deliverPending(idempotencyKey: string | null = null): Promise<OutboxState | null> {
  const result = await getApi().outbox.deliver({ idempotencyKey });
  if (!result.ok || !result.value) return null;
  await applyOutboxState(result.value);
  return result.value;
}

/** Keeps the mirror in step with the main process's deliveries while the app runs (after reconciling once). */
export function startOutboxPump(): () => void {
  const stop = getApi().on('outbox:changed', (state) => void applyOutboxState(state));
  void reconcileOutbox();
  return stop;
}

/** Sends an entry from the exception list (or a refused one, after the cause was fixed) again, from attempt one. */
export async function retryEntry(idempotencyKey: string): Promise<void> {
  const result = await getApi().outbox.retry({ idempotencyKey });
  if (!result.ok) throw new Error(result.error.message);
  await applyOutboxState(result.value);
}

/** Gives up on an entry with a note saying why. It is kept, marked discarded, for the record — never deleted. */
export async function discardEntry(idempotencyKey: string, note: string): Promise<void> {
  const result = await getApi().outbox.discard({ idempotencyKey, note });
  if (!result.ok) throw new Error(result.error.message);
  await applyOutboxState(result.value);
}

/**
 * Supervisor: moves the decisions waiting here for one envelope to another clerk, with a note; they are then sent
 * only under that clerk's session, with the claim the EFM gave them.
 */
export async function reassignWaiting(idempotencyKey: string, toClerk: string, note: string): Promise<number> {
  const result = await getApi().outbox.reassign({ idempotencyKey, toClerk, note });
  if (!result.ok) throw new Error(result.error.message);
  for (const state of result.value) await applyOutboxState(state);
  return result.value.length;
}
