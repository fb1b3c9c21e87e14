import { db, type StoredReviewDraft } from './db';

const keyOf = (username: string, envelopeId: string): string => `${username}/${envelopeId}`;

/** The clerk's saved draft of an envelope, if any. */
export async function loadReviewDraft(username: string, envelopeId: string): Promise<StoredReviewDraft | null> {
  return (await db().drafts.get(keyOf(username, envelopeId))) ?? null;
}

/** Saves (replaces) the clerk's draft of an envelope. */
export async function saveReviewDraft(draft: Omit<StoredReviewDraft, 'key' | 'updatedAt'>): Promise<void> {
  await db().drafts.put({ ...draft, key: keyOf(draft.username, draft.envelopeId), updatedAt: new Date().toISOString() });
}

/** Forgets the clerk's draft of an envelope (submitted, or discarded by the clerk). */
export async function deleteReviewDraft(username: string, envelopeId: string): Promise<void> {
  await db().drafts.delete(keyOf(username, envelopeId));
}
