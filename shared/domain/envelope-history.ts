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
