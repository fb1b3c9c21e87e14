import { describe, expect, it } from 'vitest';
import { createDispatcher, type AccessPolicy, type Handlers } from '../../../electron/ipc/dispatcher';
import { appError } from '../../../shared/errors';
import { channels } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { defaultSettings } from '../../../shared/settings';

const ctx = { shell: 'loopback' } as const;
const info = { name: 'Clerk Review Desk', version: '1', efmMode: 'demo', efmEndpoint: '', connectivity: 'online', clock: null, shell: 'loopback', dataDir: '/d', signingKey: { keyId: 'k', warning: null } } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  // Channels these tests do not call answer with an error.
  const unused = Object.fromEntries(Object.keys(channels).map((channel) => [channel, async () => err(appError('internal', 'not used here'))])) as unknown as Handlers;
  return {
    ...unused,
    'app:info': async () => ok(info),
    'settings:get': async () => ok(defaultSettings),
    'settings:set': async () => ok(defaultSettings),
    ...overrides,
  };
}

/** A clerk signed in and unlocked; audit records collected. */
const audited: unknown[] = [];
const policy: AccessPolicy = {
  session: () => ({ username: 'clerk1', displayName: 'Clerk One', role: 'clerk', locked: false, efmMode: 'demo', signedInAt: '2026-12-02T10:00:00Z' }),
  courtItAllows: async () => true,
  audit: async (entry) => void audited.push(entry),
  knownUser: async () => true,
};

describe('createDispatcher', () => {
  it('refuses a channel that is not in the contract', async () => {
    const dispatch = createDispatcher(handlers(), policy);
    expect(await dispatch('fs:read', '/etc/passwd', ctx)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch('__proto__', null, ctx)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses arguments outside the schema and names the field', async () => {
    let called = false;
    const dispatch = createDispatcher(handlers({ 'settings:set': async () => ((called = true), ok(defaultSettings)) }), policy);
    const result = await dispatch('settings:set', { idleLockMinutes: 'soon' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments', field: 'idleLockMinutes' } });
    expect(called).toBe(false);
  });

  it('turns a throwing handler into an internal error without leaking the exception', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(handlers({ 'app:info': () => Promise.reject(new Error('secret path /home/x')) }), policy, (message) => logged.push(message));
    const result = await dispatch('app:info', undefined, ctx);
    // The clerk is told in words; the channel goes to the log for court IT.
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^Something went wrong in the app\./) as unknown as string } });
    expect(logged).toEqual(['Handler for app:info threw']);
  });

  it('strips fields a handler returns beyond the contract', async () => {
    const dispatch = createDispatcher(handlers({ 'app:info': async () => ok({ ...info, secret: 'x' } as typeof info) }), policy);
    const result = await dispatch('app:info', undefined, ctx);
    expect(result.ok && result.value).toEqual(info);
  });

  it('refuses a handler result outside the contract', async () => {
    const dispatch = createDispatcher(handlers({ 'app:info': async () => ok({ ...info, efmMode: 'other' } as unknown as typeof info) }), policy, () => undefined);
    expect(await dispatch('app:info', undefined, ctx)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
