import { concatBytes } from '../bytes';

/**
 * Large byte arrays over the loopback WebSocket: a message travels as binary chunk frames (each byte array of the
 * message cut into pieces of at most {@link wireChunkBytes}) followed by one small JSON text frame in which each byte
 * array is replaced by `{"$bin": n}`. No frame is ever large, bytes are never base64-encoded, and the receiver
 * bounds what it holds per message and per connection.
 */

/** The most bytes one binary chunk frame carries. */
export const wireChunkBytes = 4 * 1024 * 1024;

// Chunk frame header: u32 message id, u32 index of the byte array in the message, u32 1 when it is the array's last.
const headerBytes = 12;

/** A message split for the wire: its JSON text and the binary chunk frames to send before it. */
export interface SplitMessage {
  readonly json: string;
  readonly chunks: Uint8Array[];
}

/**
 * Splits a message (with a numeric `id`) into binary chunk frames and a JSON text without its byte arrays. Byte
 * arrays are numbered in the order JSON.stringify meets them.
 */
export function splitWireMessage(id: number, message: unknown): SplitMessage {
  const arrays: Uint8Array[] = [];
  // Look at the holder's own property: JSON.stringify has already applied toJSON (Node's Buffer has one) to `item`.
  const json = JSON.stringify(message, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    if (!(original instanceof Uint8Array)) return item;
    arrays.push(original);
    return { $bin: arrays.length - 1 };
  });
  const chunks: Uint8Array[] = [];
  arrays.forEach((bytes, index) => {
    for (let offset = 0; offset === 0 || offset < bytes.length; offset += wireChunkBytes) {
      const piece = bytes.subarray(offset, offset + wireChunkBytes);
      const frame = new Uint8Array(headerBytes + piece.length);
      const view = new DataView(frame.buffer);
      view.setUint32(0, id);
      view.setUint32(4, index);
      view.setUint32(8, offset + wireChunkBytes >= bytes.length ? 1 : 0);
      frame.set(piece, headerBytes);
      chunks.push(frame);
    }
  });
  return { json: json ?? 'null', chunks };
}

/** Limits on what a receiver holds while a message's chunks arrive. */
export interface AssemblerLimits {
  /** Most bytes in the byte arrays of one message. */
  readonly maxMessageBytes: number;
  /** Most messages whose chunks have started to arrive and whose JSON has not. */
  readonly maxPendingMessages: number;
}

/** Why a chunk was refused; the connection should be closed. */
export class WireChunkError extends Error {}

/**
 * Collects chunk frames per message until its JSON frame arrives, then puts the byte arrays back in place. Refuses
 * (throws {@link WireChunkError}) a malformed chunk, a message over the byte limit, too many messages at once, or a
 * JSON frame that names a byte array that did not arrive whole.
 */
export class WireAssembler {
  readonly #pending = new Map<number, { arrays: Uint8Array[][]; complete: boolean[]; bytes: number }>();

  constructor(private readonly limits: AssemblerLimits) {}

  /** Adds one binary chunk frame. */
  addChunk(frame: Uint8Array): void {
    if (frame.length < headerBytes) throw new WireChunkError('A chunk frame is shorter than its header.');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(0);
    const index = view.getUint32(4);
    const last = view.getUint32(8);
    let message = this.#pending.get(id);
    if (!message) {
      if (this.#pending.size >= this.limits.maxPendingMessages) throw new WireChunkError('Too many messages are arriving at once.');
      message = { arrays: [], complete: [], bytes: 0 };
      this.#pending.set(id, message);
    }
    // Arrays arrive one after the other, each in order: only the current one or the next may grow.
    if (index > message.arrays.length || (index < message.arrays.length && message.complete[index]) || (index === message.arrays.length && index > 0 && !message.complete[index - 1])) {
      throw new WireChunkError('A chunk frame arrived out of order.');
    }
    message.bytes += frame.length - headerBytes;
    if (message.bytes > this.limits.maxMessageBytes) throw new WireChunkError(`A message is larger than ${this.limits.maxMessageBytes} bytes.`);
    (message.arrays[index] ??= []).push(frame.slice(headerBytes));
    message.complete[index] = last === 1;
  }

  /** Parses a message's JSON frame and puts its byte arrays back; `idOf` reads the message id from the parsed JSON. */
  finish(json: string, idOf: (parsed: unknown) => number | null): unknown {
    const parsed: unknown = JSON.parse(json);
    const id = idOf(parsed);
    const message = id === null ? undefined : this.#pending.get(id);
    if (id !== null) this.#pending.delete(id);
    const arrays = (message?.arrays ?? []).map((pieces, index) => {
      if (!message?.complete[index]) throw new WireChunkError('A message names bytes that did not arrive whole.');
      return concatBytes(pieces);
    });
    return revive(parsed, arrays);
  }

  /** Messages whose chunks are held. */
  get pendingMessages(): number {
    return this.#pending.size;
  }
}

// Puts `{"$bin": n}` back as the n-th byte array; anything else is left as it is.
function revive(value: unknown, arrays: readonly Uint8Array[]): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], arrays);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$bin' && typeof record.$bin === 'number') {
    const bytes = arrays[record.$bin];
    if (!bytes) throw new WireChunkError('A message names bytes that were not sent.');
    return bytes;
  }
  for (const key of keys) record[key] = revive(record[key], arrays);
  return value;
}
