import { describe, expect, it } from 'vitest';
import { splitWireMessage, WireAssembler, WireChunkError, wireChunkBytes } from '../../../shared/ipc/wire-chunks';
import { idOfFrame } from '../../../shared/ipc/wire';

const limits = { maxMessageBytes: 64 * 1024 * 1024, maxPendingMessages: 2 };
const roundTrip = (id: number, message: unknown, assembler = new WireAssembler(limits)): unknown => {
  const { json, chunks } = splitWireMessage(id, message);
  for (const chunk of chunks) assembler.addChunk(chunk);
  return assembler.finish(json, idOfFrame);
};

describe('byte arrays over the loopback WebSocket in chunks (#11: large files travel in chunks)', () => {
  it('cuts each byte array into chunk frames of at most 4 MiB and puts them back in place', () => {
    const big = new Uint8Array(wireChunkBytes * 2 + 17).map((_, i) => i % 253);
    const message = { t: 'call', id: 7, channel: 'cms:inspect-zip', args: { fileName: 'a.zip', bytes: big, more: [Buffer.from([1, 2]), new Uint8Array(0)] } };
    const { json, chunks } = splitWireMessage(7, message);
    expect(chunks.map((c) => c.length)).toEqual([wireChunkBytes + 12, wireChunkBytes + 12, 17 + 12, 2 + 12, 12]);
    expect(json.length).toBeLessThan(200);
    const back = roundTrip(7, message) as typeof message;
    expect(Buffer.from(back.args.bytes).equals(Buffer.from(big))).toBe(true);
    expect(back.args.more.map((b) => [...b])).toEqual([[1, 2], []]);
    expect(back.channel).toBe('cms:inspect-zip');
  });

  it('refuses a message over its byte limit, chunks out of order, too many messages at once, and bytes that never came', () => {
    const small = new WireAssembler({ maxMessageBytes: 1000, maxPendingMessages: 1 });
    expect(() => roundTrip(1, { id: 1, b: new Uint8Array(1001) }, small)).toThrow(WireChunkError);
    const two = splitWireMessage(2, { id: 2, a: new Uint8Array(10), b: new Uint8Array(10) });
    const order = new WireAssembler(limits);
    expect(() => order.addChunk(two.chunks[1] as Uint8Array)).toThrow('out of order');
    const busy = new WireAssembler({ maxMessageBytes: 1000, maxPendingMessages: 1 });
    busy.addChunk(splitWireMessage(3, { b: new Uint8Array(1) }).chunks[0] as Uint8Array);
    expect(() => busy.addChunk(splitWireMessage(4, { b: new Uint8Array(1) }).chunks[0] as Uint8Array)).toThrow('Too many');
    expect(() => new WireAssembler(limits).finish('{"id":5,"b":{"$bin":0}}', idOfFrame)).toThrow('were not sent');
    expect(() => new WireAssembler(limits).addChunk(new Uint8Array(5))).toThrow('shorter');
  });
});
