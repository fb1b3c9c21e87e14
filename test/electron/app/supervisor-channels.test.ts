import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/app/main-services';

const ctx = { shell: 'loopback' as const };
let services: MainServices[] = [];
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  services = [];
});

function start(): MainServices {
  const created = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'crd-roles-')), version: 'test', shell: 'loopback' });
  services.push(created);
  return created;
}

const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };

describe('roles come from the EFM and the main process enforces them', () => {
  it('a clerk is refused every supervisor channel (and the refusal is audited); a supervisor is served', async () => {
    const clerk = start();
    expect(await clerk.dispatch('session:sign-in', { username: 'clerk1', password: 'demo-clerk1' }, ctx)).toMatchObject({ ok: true, value: { role: 'clerk', displayName: 'Dana Whitaker' } });
    for (const [channel, args] of [
      ['supervisor:workload', range],
      ['supervisor:reassign', { envelopeIds: ['ENV-2026-000001'], toClerk: 'clerk1' }],
      ['supervisor:exceptions', { includeHandled: false }],
      ['supervisor:resolve-exception', { exceptionId: 'EXC-00001', action: 'resolve', note: 'docketed by hand' }],
      ['supervisor:export-statistics', range],
      ['audit:query', {}],
      ['audit:verify', undefined],
    ] as const) {
      expect(await clerk.dispatch(channel, args, ctx), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const refusals = await clerk.audit.query({ user: 'clerk1', action: 'access-denied', object: null, from: null, to: null, limit: 100 });
    expect(refusals).toHaveLength(7);

    const supervisor = start();
    expect(await supervisor.dispatch('session:sign-in', { username: 'supervisor', password: 'demo-supervisor' }, ctx)).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    const workload = await supervisor.dispatch('supervisor:workload', range, ctx);
    expect(workload).toMatchObject({ ok: true, value: { clerks: expect.arrayContaining([expect.objectContaining({ userId: 'clerk2', role: 'clerk' })]) } });
    expect(await supervisor.dispatch('audit:verify', undefined, ctx)).toMatchObject({ ok: true, value: { valid: true } });
  });

  it('a wrong password is refused and audited as a refused sign-in', async () => {
    const app = start();
    // A name this workstation has seen sign in before is recorded with the refusal; any other as "unknown user".
    await app.dispatch('session:sign-in', { username: 'clerk1', password: 'demo-clerk1' }, ctx);
    await app.dispatch('session:sign-out', undefined, ctx);
    expect(await app.dispatch('session:sign-in', { username: 'clerk1', password: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await app.audit.query({ user: 'clerk1', action: 'sign-in', object: null, from: null, to: null, limit: 10 })).toEqual([expect.objectContaining({ outcome: 'refused' }), expect.objectContaining({ outcome: 'ok' })]);
  });
});

describe('EFM connections and keys are court IT’s', () => {
  it('nobody but court IT changes settings, connections or keys once its passphrase exists; a clerk or supervisor role is not enough', async () => {
    const app = start();
    const connection = { id: 'court', name: 'Court', endpoint: 'https://efm.court.example/ecf', courtId: 'c', username: '', tlsCaPem: null, clientCertPem: null, pinnedEfmCertPem: null };
    const repoint = { connections: [connection], activeConnectionId: 'court' };
    // Demo workstation: the first court connection needs the passphrase to exist first.
    expect(await app.dispatch('connections:set', repoint, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Set the court-IT passphrase first') } });
    expect(await app.dispatch('court-it:set-passphrase', { passphrase: 'short' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await app.dispatch('court-it:set-passphrase', { passphrase: 'a long court passphrase' }, ctx)).toMatchObject({ ok: true, value: { configured: true, unlocked: true } });
    await app.dispatch('court-it:lock', undefined, ctx);
    for (const user of ['clerk1', 'supervisor']) {
      expect(await app.dispatch('session:sign-in', { username: user, password: `demo-${user}` }, ctx)).toMatchObject({ ok: true });
      expect(await app.dispatch('connections:set', repoint, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await app.dispatch('settings:set', { idleLockMinutes: 5 }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await app.dispatch('secrets:set-client-key', { connectionId: 'court', keyPem: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await app.dispatch('session:sign-out', undefined, ctx);
    }
    expect(await app.dispatch('connections:set', repoint, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('court-it:unlock', { passphrase: 'not it at all' }, ctx)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await app.dispatch('court-it:unlock', { passphrase: 'a long court passphrase' }, ctx)).toMatchObject({ ok: true, value: { unlocked: true } });
    // A settings:set that smuggles connections in changes nothing about them: that channel does not carry them.
    expect(await app.dispatch('settings:set', { ...repoint, idleLockMinutes: 5 }, ctx)).toMatchObject({ ok: true, value: { idleLockMinutes: 5, activeConnectionId: '' } });
    expect(await app.dispatch('connections:set', repoint, ctx)).toMatchObject({ ok: true, value: { activeConnectionId: 'court' } });
  });
});
