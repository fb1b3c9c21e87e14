import { db, type SavedExplanation } from '../db/db';
import { useLiveQuery } from './use-live-query';

/** Most explanations a clerk keeps; saving one more drops the oldest. */
const maxSaved = 50;

/** The clerk's saved explanations, newest first, kept current (a live query). */
export function useSavedExplanations(username: string): readonly SavedExplanation[] {
  return useLiveQuery(async () => (await db().explanations.where('username').equals(username).sortBy('savedAt')).reverse(), username, []);
}

/** Saves an explanation for the clerk (once: saving the same text again only moves it to the top). */
export async function saveExplanation(username: string, text: string): Promise<void> {
  const trimmed = text.trim();
  if (!trimmed) return;
  await db().transaction('rw', db().explanations, async () => {
    await db().explanations.where('[username+text]').equals([username, trimmed]).delete();
    await db().explanations.add({ username, text: trimmed, savedAt: new Date().toISOString() });
    const all = await db().explanations.where('username').equals(username).sortBy('savedAt');
    const surplus = all.slice(0, Math.max(0, all.length - maxSaved)).flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));
    if (surplus.length > 0) await db().explanations.bulkDelete(surplus);
  });
}

/** Deletes one of the clerk's saved explanations. */
export async function deleteExplanation(id: number): Promise<void> {
  await db().explanations.delete(id);
}
