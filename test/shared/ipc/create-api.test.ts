import { describe, expect, it, vi } from 'vitest';
import { channels, type Channel, type EventName } from '../../../shared/ipc/contract';
import { apiPathOf, bootChannels, createApi } from '../../../shared/ipc/create-api';
import type { Transport } from '../../../shared/ipc/transport';
import { defaultSettings } from '../../../shared/settings';

function fakeTransport(answer: (channel: Channel, args: unknown) => unknown): Transport & { emit(event: EventName, payload: unknown): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    invoke: async (channel, args) => answer(channel, args),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
}

describe('createApi', () => {
  it('exposes one method per contract channel and nothing else', () => {
    const api = createApi(fakeTransport(() => null)) as unknown as Record<string, Record<string, unknown>>;
    const expected = Object.keys(channels).map(apiPathOf);
    for (const [domain, method] of expected) expect(typeof api[domain]?.[method]).toBe('function');
    const exposed = Object.entries(api).flatMap(([domain, value]) =>
      typeof value === 'function' ? [domain] : Object.keys(value).map((method) => `${domain}.${method}`));
    expect(exposed.sort()).toEqual([...expected.map(([d, m]) => `${d}.${m}`), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('maps kebab-case actions to camelCase methods', () => {
    expect(apiPathOf('queue:list-mine')).toEqual(['queue', 'listMine']);
  });

  it('passes arguments through and returns a validated result', async () => {
    const seen: unknown[] = [];
    const api = createApi(fakeTransport((channel, args) => {
      seen.push([channel, args]);
      return { ok: true, value: { ...defaultSettings, idleLockMinutes: 5 } };
    }));
    const result = await api.settings.set({ idleLockMinutes: 5 });
    expect(seen).toEqual([['settings:set', { idleLockMinutes: 5 }]]);
    expect(result.ok && result.value.idleLockMinutes).toBe(5);
  });

  it('turns an answer of the wrong shape into an internal error instead of handing it to the page', async () => {
    const api = createApi(fakeTransport(() => ({ ok: true, value: { version: 42 } })));
    const result = await api.app.info();
    // An internal error, told in words: the channel's name (app:info) never reaches the clerk.
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^Something went wrong in the app\./) as unknown as string } });
  });

  it('passes typed errors through', async () => {
    const api = createApi(fakeTransport(() => ({ ok: false, error: { code: 'invalid-arguments', message: 'bad', field: 'idleLockMinutes' } })));
    expect(await api.settings.set({ idleLockMinutes: 99 })).toEqual({ ok: false, error: { code: 'invalid-arguments', message: 'bad', field: 'idleLockMinutes' } });
  });

  it('reports a transport failure as a typed error', async () => {
    const api = createApi({ invoke: () => Promise.reject(new Error('gone')), subscribe: () => () => undefined });
    const result = await api.settings.get();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
  });

  it('asks the boot channels at once, and the first call of each (only) takes that answer', async () => {
    expect([...bootChannels].sort()).toEqual(['app:info', 'session:current', 'settings:get']);
    const calls: Channel[] = [];
    let version = 0;
    const api = createApi(fakeTransport((channel) => {
      calls.push(channel);
      return channel === 'settings:get' ? { ok: true, value: { ...defaultSettings, idleLockMinutes: 5 + version++ } } : { ok: true, value: null };
    }), bootChannels);
    expect(calls).toEqual([...bootChannels]);
    const first = await api.settings.get();
    expect(first.ok && first.value.idleLockMinutes).toBe(5);
    expect(calls).toHaveLength(3);
    // A second call asks anew.
    const second = await api.settings.get();
    expect(second.ok && second.value.idleLockMinutes).toBe(6);
    expect(calls).toEqual([...bootChannels, 'settings:get']);
    // The early answer is validated like any other.
    const session = await api.session.current();
    expect(session).toEqual({ ok: true, value: null });
  });

  it('does not keep an early answer past its time', async () => {
    const now = Date.now();
    const calls: Channel[] = [];
    const api = createApi(fakeTransport((channel) => (calls.push(channel), { ok: true, value: null })), ['session:current']);
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    try {
      await api.session.current();
    } finally {
      spy.mockRestore();
    }
    expect(calls).toEqual(['session:current', 'session:current']);
  });

  it('delivers valid event payloads and drops malformed ones', () => {
    const transport = fakeTransport(() => null);
    const api = createApi(transport);
    const received: unknown[] = [];
    const stop = api.on('settings:changed', (settings) => received.push(settings.idleLockMinutes));
    transport.emit('settings:changed', { nonsense: true });
    transport.emit('settings:changed', defaultSettings);
    stop();
    transport.emit('settings:changed', defaultSettings);
    expect(received).toEqual([defaultSettings.idleLockMinutes]);
  });
});

describe('loopback wire encoding', () => {
  it('carries byte arrays (Node Buffers included) intact through JSON', async () => {
    const { decodeWire, encodeWire } = await import('../../../shared/ipc/wire');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const decoded = decodeWire(encodeWire({ a: bytes, b: Buffer.from([9, 8]), c: 'x' })) as { a: Uint8Array; b: Uint8Array; c: string };
    expect(Array.from(decoded.a)).toEqual([0, 1, 2, 250, 255]);
    expect(decoded.b).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded.b)).toEqual([9, 8]);
    expect(decoded.c).toBe('x');
  });
});
