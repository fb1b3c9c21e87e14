import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LoopbackHost } from '../../../electron/loopback/loopback-host';
import { loopbackTokenProtocolPrefix } from '../../../shared/ipc/wire';
import { startTestLoopbackHost } from '../../fixtures/loopback-fixture';

let host: LoopbackHost;

beforeAll(async () => {
  host = await startTestLoopbackHost('9.9.9', 'window.marker = 1;');
});
afterAll(() => host.close());

function connect(options: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [`${loopbackTokenProtocolPrefix}${options.token ?? host.token}`], {
    origin: options.origin ?? host.origin,
    ...(options.host ? { headers: { host: options.host } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(socket: WebSocket, frame: object): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify(frame));
  });
}

describe('loopback host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the renderer with the CSP and the bootstrap script injected', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(await response.text()).toContain('<script src="/__loopback/api.js"></script>');
    expect(await (await fetch(`${host.origin}/__loopback/api.js`)).text()).toBe('window.marker = 1;');
  });

  it('refuses a request with a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  it('answers calls from its own page with the token', async () => {
    const socket = await connect();
    const reply = await call(socket, { t: 'call', id: 7, channel: 'app:info' });
    expect(reply).toMatchObject({ t: 'result', id: 7, result: { ok: true, value: { version: '9.9.9', shell: 'loopback', efmMode: 'demo' } } });
    socket.close();
  });

  it('refuses a wrong token, a foreign origin and a foreign host', async () => {
    await expect(connect({ token: 'f'.repeat(64) })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ host: `evil.example:${host.port}` })).rejects.toThrow(/403/);
  });

  it('closes a socket that sends a malformed frame, and keeps serving others', async () => {
    const bad = await connect();
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send('{not json');
    expect(await closed).toBe(1003);
    const good = await connect();
    expect(await call(good, { t: 'call', id: 1, channel: 'nope:x' })).toMatchObject({ result: { ok: false, error: { code: 'unknown-channel' } } });
    good.close();
  });

  it('pushes settings changes to connected pages', async () => {
    const socket = await connect();
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify({ t: 'call', id: 1, channel: 'settings:set', args: { idleLockMinutes: 9 } }));
    await expect.poll(() => frames.length).toBe(2);
    expect(frames.find((f) => f.t === 'event')).toMatchObject({ event: 'settings:changed', payload: { idleLockMinutes: 9 } });
    socket.close();
  });
});
