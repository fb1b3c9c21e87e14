import { db } from '../db/db';
import { useLiveQuery } from './use-live-query';

/** What this workstation holds of envelopes, for the queue's markers: copies for offline work, unsubmitted drafts. */
export interface LocalMarkers {
  readonly offline: ReadonlySet<string>;
  readonly drafts: ReadonlySet<string>;
}

const none: LocalMarkers = { offline: new Set(), drafts: new Set() };

/**
 * The envelopes the clerk took for offline work and those with an unsubmitted draft here, kept current (a live query
 * over the two small tables; keys only, nothing is unsealed).
 */
export function useLocalMarkers(username: string): LocalMarkers {
  return useLiveQuery(async () => {
    const [offline, drafts] = await Promise.all([
      db().envelopes.where('heldBy').equals(username).primaryKeys(),
      db().drafts.where('username').equals(username).toArray((rows) => rows.map((row) => row.envelopeId)),
    ]);
    return { offline: new Set(offline.map(String)), drafts: new Set(drafts) };
  }, username, none);
}
