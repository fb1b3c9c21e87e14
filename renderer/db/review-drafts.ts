import { sealJson, unsealJson } from '../offline/at-rest-cipher';
import { db, type ReviewDraftContent } from './db';

const keyOf = (username: string, envelopeId: string): string => `${username}/${envelopeId}`;

/** The clerk's saved draft of an envelope, if any (null too when it cannot be opened with this workstation's key). */
export async function loadReviewDraft(username: string, envelopeId: string): Promise<ReviewDraftContent | null> {
  const stored = await db().drafts.get(keyOf(username, envelopeId));
  if (!stored?.sealed) return null;
  const content = (await unsealJson(stored.sealed)) as ReviewDraftContent | null;
  return content && typeof content.idempotencyKey === 'string' && Array.isArray(content.decisions) ? content : null;
}

/** Saves (replaces) the clerk's draft of an envelope, sealed. */
export async function saveReviewDraft(username: string, envelopeId: string, content: ReviewDraftContent): Promise<void> {
  const sealed = await sealJson(content);
  await db().drafts.put({ key: keyOf(username, envelopeId), username, envelopeId, sealed, updatedAt: new Date().toISOString() });
}

/** Forgets the clerk's draft of an envelope (submitted, or discarded by the clerk). */
export async function deleteReviewDraft(username: string, envelopeId: string): Promise<void> {
  await db().drafts.delete(keyOf(username, envelopeId));
}
