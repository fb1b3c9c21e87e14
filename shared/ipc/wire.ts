import { z } from 'zod';

/** Largest WebSocket frame the loopback host accepts or the page expects (documents go through MTOM, not here). */
export const maxWireFrameBytes = 64 * 1024 * 1024;

/** A call from the page to the loopback host. */
export const wireCallSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown().optional(),
});

/** Frames the loopback host sends: a call's result, or a push event. */
export const wireServerFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

/** A call frame. */
export type WireCall = z.infer<typeof wireCallSchema>;
/** A frame from the host. */
export type WireServerFrame = z.infer<typeof wireServerFrameSchema>;

/** WebSocket sub-protocol prefix carrying the per-run token (keeps it out of URLs and logs). */
export const loopbackTokenProtocolPrefix = 'clerk-review.token.';
