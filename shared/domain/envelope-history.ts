import { z } from 'zod';

/** What happened to an envelope. */
export const historyActions = ['received', 'claimed', 'released', 'reassigned', 'accepted', 'rejected', 'stamped', 'submitted', 'case-numbered', 'docketed', 'docketing-failed', 'docketing-retried', 'cancelled', 'filer-notified', 'filer-not-notified', 'filer-notice-resent'] as const;

/** One event of an envelope's history, as the EFM records it. */
export const historyEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(historyActions),
  detail: z.string().nullable(),
});

/** An event of an envelope's history. */
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** A history line as the desk shows it: one event, or a run of open-and-close visits by one person condensed. */
export type HistoryLine =
  | { readonly kind: 'event'; readonly event: HistoryEvent }
  | { readonly kind: 'visits'; readonly actor: string; readonly count: number; readonly firstAt: string; readonly lastAt: string };

/**
 * Condenses what opening and closing an envelope records: consecutive claimed/released pairs by the same person,
 * with nothing else between them, become one line ("clerk1 opened and closed it 11 times"). A single visit, a claim
 * still held (no release after it) and every other event stay as they are, in order.
 */
export function condenseHistory(events: readonly HistoryEvent[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  let i = 0;
  while (i < events.length) {
    const event = events[i] as HistoryEvent;
    let pairs = 0;
    while (
      events[i + pairs * 2]?.action === 'claimed' && events[i + pairs * 2 + 1]?.action === 'released'
      && events[i + pairs * 2]?.actor === event.actor && events[i + pairs * 2 + 1]?.actor === event.actor
    ) pairs++;
    if (pairs >= 2) {
      lines.push({ kind: 'visits', actor: event.actor, count: pairs, firstAt: event.at, lastAt: (events[i + pairs * 2 - 1] as HistoryEvent).at });
      i += pairs * 2;
    } else {
      lines.push({ kind: 'event', event });
      i += 1;
    }
  }
  return lines;
}
