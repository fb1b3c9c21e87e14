import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LoopbackHost } from '../../../electron/loopback/loopback-host';
import { startTestLoopbackHost } from '../../fixtures/loopback-fixture';
import { loopbackTokenProtocolPrefix } from '../../../shared/ipc/wire';

let host: LoopbackHost;

beforeAll(async () => {
  host = await startTestLoopbackHost('1.0.0');
});
afterAll(() => host.close());

/** A raw TCP connection that has done the authorised WebSocket handshake, for sending hand-made frames. */
function rawSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(host.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write([
        'GET /api HTTP/1.1', `Host: 127.0.0.1:${host.port}`, 'Upgrade: websocket', 'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', `Origin: ${host.origin}`,
        `Sec-WebSocket-Protocol: ${loopbackTokenProtocolPrefix}${host.token}`, '', ''].join('\r\n'));
    });
    socket.once('data', (data) => (data.toString().startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(data.toString()))));
  });
}

/** A client frame: FIN + opcode, masked unless told otherwise, with the length encoded as the protocol says. */
function frame(opcode: number, payload: Buffer, options: { masked?: boolean; rsv?: number; fin?: boolean; declaredLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.declaredLength ?? payload.length;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const lengthBytes = length < 126 ? Buffer.from([(masked ? 0x80 : 0) | length])
    : length < 65536 ? Buffer.from([(masked ? 0x80 : 0) | 126, length >> 8, length & 0xff])
      : Buffer.concat([Buffer.from([(masked ? 0x80 : 0) | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  const mask = randomBytes(4);
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0))) : payload;
  return Buffer.concat([Buffer.from([first]), lengthBytes, masked ? mask : Buffer.alloc(0), body]);
}

// Ten kinds of malformed or hostile frames.
const kinds: Record<string, () => Buffer> = {
  'unmasked frame': () => frame(1, Buffer.from('{"t":"call"}'), { masked: false }),
  'reserved opcode': () => frame(3, Buffer.from('x')),
  'reserved bits set': () => frame(1, Buffer.from('{}'), { rsv: 3 }),
  'invalid UTF-8 text': () => frame(1, Buffer.from([0xc3, 0x28, 0xff, 0xfe])),
  'declared 65 MB (over the limit)': () => frame(2, Buffer.alloc(16), { declaredLength: 65 * 1024 * 1024 }),
  'fragmented control frame': () => frame(9, Buffer.from('ping'), { fin: false }),
  'continuation without a start': () => frame(0, Buffer.from('orphan')),
  'not JSON': () => frame(1, Buffer.from('{{{{not json')),
  'JSON that is not a call': () => frame(1, Buffer.from('{"t":"call","id":-1,"channel":{"x":1}}')),
  'random bytes': () => randomBytes(200),
};

function call(socket: WebSocket, id: number): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify({ t: 'call', id, channel: 'app:info' }));
  });
}

describe('loopback host under hostile frames', () => {
  it('survives 1,000 malformed frames of 10 kinds while a second client keeps working', async () => {
    const good = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [`${loopbackTokenProtocolPrefix}${host.token}`], { origin: host.origin });
    await new Promise((resolve) => good.once('open', resolve));
    const names = Object.keys(kinds);
    let sent = 0;
    for (let round = 0; round < 100; round++) {
      await Promise.all(names.map(async (name) => {
        const socket = await rawSocket();
        const closed = new Promise((resolve) => socket.once('close', resolve));
        // Sent and half-closed: the host either refuses the frame at once or sees the end of the stream after it.
        socket.end((kinds[name] as () => Buffer)());
        sent += 1;
        await closed;
      }));
      if (round % 25 === 0) expect(await call(good, round)).toMatchObject({ t: 'result', id: round, result: { ok: true } });
    }
    expect(sent).toBe(1000);
    expect(await call(good, 9999)).toMatchObject({ t: 'result', id: 9999, result: { ok: true, value: { version: '1.0.0' } } });
    const fresh = await rawSocket();
    fresh.destroy();
    good.close();
    console.log(`loopback: ${sent} malformed frames of ${names.length} kinds; host still serving, second client answered`);
  }, 120_000);
});
