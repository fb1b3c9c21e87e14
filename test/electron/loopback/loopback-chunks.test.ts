import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LoopbackHost } from '../../../electron/loopback/loopback-host';
import { idOfFrame, loopbackTokenProtocolPrefix } from '../../../shared/ipc/wire';
import { splitWireMessage, WireAssembler } from '../../../shared/ipc/wire-chunks';
import { startTestLoopbackHost } from '../../fixtures/loopback-fixture';

let host: LoopbackHost;
beforeAll(async () => {
  host = await startTestLoopbackHost('9.9.9');
});
afterAll(() => host.close());

function connect(): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [`${loopbackTokenProtocolPrefix}${host.token}`], { origin: host.origin, maxPayload: 64 * 1024 * 1024 });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Calls a channel as the page does: byte arrays as chunks, then the JSON; the result put back together. */
function call(socket: WebSocket, id: number, channel: string, args: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const assembler = new WireAssembler({ maxMessageBytes: 1024 * 1024 * 1024, maxPendingMessages: 8 });
  return new Promise((resolve) => {
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (isBinary) return assembler.addChunk(data);
      const frame = assembler.finish(data.toString(), idOfFrame) as { t: string; id: number; result: { ok: boolean; value?: unknown } };
      if (frame.t !== 'result' || frame.id !== id) return;
      socket.off('message', onMessage);
      resolve(frame.result);
    };
    socket.on('message', onMessage);
    const { json, chunks } = splitWireMessage(id, { t: 'call', id, channel, args });
    for (const chunk of chunks) socket.send(chunk);
    socket.send(json);
  });
}

describe('the loopback host takes large files in chunks (#11)', () => {
  it('a 150 MB CMS zip, larger than any one frame may be, is inspected; a second client is served meanwhile', async () => {
    const pdf = new Uint8Array(150 * 1024 * 1024).map((_, i) => (i * 7) % 251);
    const zip = zipSync({ 'request.legal.xml': [new TextEncoder().encode('<x/>'), { level: 6 }], 'F1/F1_0.pdf': [pdf, { level: 0 }] });
    const [uploader, other] = await Promise.all([connect(), connect()]);
    // Inspecting a zip shows case content: a clerk is signed in.
    expect(await call(uploader, 100, 'session:sign-in', { username: 'clerk1', password: 'demo-clerk1' })).toMatchObject({ ok: true });
    const started = performance.now();
    const inspected = call(uploader, 1, 'cms:inspect-zip', { fileName: 'big.zip', bytes: zip });
    const info = await call(other, 1, 'app:info', undefined);
    const report = await inspected;
    console.log(`loopback: ${(zip.length / 1024 / 1024).toFixed(0)} MB zip sent in chunks and inspected in ${Math.round(performance.now() - started)} ms`);
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    expect(report.ok).toBe(true);
    expect((report.value as { fileName: string; problems: string[] }).fileName).toBe('big.zip');
    // The zip arrived whole: what is wrong with it is its content (no docketing message), not its transport.
    expect((report.value as { problems: string[] }).problems.join(' ')).not.toMatch(/larger than|chunk/);
    uploader.close();
    other.close();
  });

  it('a client that sends more than a message may hold is cut off; the others keep working', async () => {
    const [greedy, other] = await Promise.all([connect(), connect()]);
    const closed = new Promise<number>((resolve) => greedy.once('close', (code) => resolve(code)));
    // 160 chunks of 4 MiB for one message: over the 600 MB a call may carry.
    const chunk = splitWireMessage(9, { b: new Uint8Array(4 * 1024 * 1024) }).chunks[0] as Uint8Array;
    const header = new DataView(chunk.buffer, chunk.byteOffset);
    header.setUint32(8, 0);
    for (let i = 0; i < 160 && greedy.readyState === WebSocket.OPEN; i++) greedy.send(chunk);
    expect(await closed).toBe(1009);
    expect(await call(other, 2, 'app:info', undefined)).toMatchObject({ ok: true });
    other.close();
  });
});
