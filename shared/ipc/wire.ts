import { z } from 'zod';

/** Largest WebSocket frame the loopback host accepts (byte arrays travel in chunk frames of 4 MiB, see wire-chunks). */
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

/** The chunk id of push events (calls count from 1). */
export const eventFrameId = 0;

/** The message id of a parsed call or server frame: a call's or result's `id`, events {@link eventFrameId}. */
export function idOfFrame(parsed: unknown): number | null {
  if (parsed === null || typeof parsed !== 'object') return null;
  const frame = parsed as { t?: unknown; id?: unknown };
  if (frame.t === 'event') return eventFrameId;
  return typeof frame.id === 'number' ? frame.id : null;
}

/** WebSocket sub-protocol prefix carrying the per-run token (keeps it out of URLs and logs). */
export const loopbackTokenProtocolPrefix = 'clerk-review.token.';

/**
 * JSON with byte arrays carried as `{"$bytes": base64}`, for files the main process keeps (journal payloads, the
 * media inbox). The loopback WebSocket sends bytes as binary chunks instead (see wire-chunks).
 */
export function encodeWire(value: unknown): string {
  // Look at the holder's own property: JSON.stringify has already applied toJSON (Node's Buffer has one) to `item`.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { $bytes: bytesToBase64(original) } : item;
  });
}

/** The inverse of {@link encodeWire}. Throws on malformed JSON (callers treat that as a broken frame). */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && Object.keys(item).length === 1 && typeof (item as { $bytes?: unknown }).$bytes === 'string'
      ? base64ToBytes((item as { $bytes: string }).$bytes)
      : item);
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode with a 50 MB spread would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
