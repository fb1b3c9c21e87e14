import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { defaultSettings } from '../../../shared/settings';
import { makeSelfSignedIdentity } from '../../../electron/demo/self-signed-identity';

const freshDir = (): string => mkdtempSync(path.join(tmpdir(), 'crd-settings-'));
const court = { id: 'harris', name: 'Harris County', endpoint: 'https://efm.court.example/ecf', courtId: 'harris:dc', username: 'clerk.doe', tlsCaPem: null, clientCertPem: null, pinnedEfmCertPem: null };
const certificate = makeSelfSignedIdentity('EFM test').certPem;

describe('SettingsStore', () => {
  it('starts from the defaults (demo mode) when nothing is saved', async () => {
    expect(await new SettingsStore(freshDir()).get()).toEqual(defaultSettings);
  });

  it('saves a change so a new process reads it back', async () => {
    const dir = freshDir();
    const saved = await new SettingsStore(dir).update({ idleLockMinutes: 10, connections: [court], activeConnectionId: 'harris' });
    expect(saved.ok).toBe(true);
    const reread = await new SettingsStore(dir).get();
    expect(reread.idleLockMinutes).toBe(10);
    expect(reread.connections).toEqual([court]);
    expect(reread.activeConnectionId).toBe('harris');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('refuses an idle lock above 30 minutes, a plain-http endpoint and an unknown time zone', async () => {
    const store = new SettingsStore(freshDir());
    expect(await store.update({ idleLockMinutes: 31 })).toMatchObject({ ok: false, error: { code: 'invalid-arguments', field: 'idleLockMinutes' } });
    expect(await store.update({ connections: [{ ...court, endpoint: 'http://efm.example/' }] })).toMatchObject({ ok: false, error: { field: 'connections.0.endpoint' } });
    expect(await store.update({ activeConnectionId: 'nowhere' })).toMatchObject({ ok: false, error: { field: 'activeConnectionId' } });
    expect(await store.update({ courtTimeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { field: 'courtTimeZone' } });
    expect(await store.get()).toEqual(defaultSettings);
  });

  it('sets a damaged file aside, says so, and uses the defaults', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'settings.json'), '{"idleLockMinutes": 12,');
    const store = new SettingsStore(dir);
    expect(await store.get()).toEqual(defaultSettings);
    expect(store.loadWarning).toMatch(/damaged/);
    const aside = readdirSync(dir).find((name) => name.startsWith('settings.json.damaged-'));
    expect(aside && readFileSync(path.join(dir, aside), 'utf8')).toBe('{"idleLockMinutes": 12,');
  });

  it('fills fields a newer version added with their defaults', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ idleLockMinutes: 7 }));
    expect(await new SettingsStore(dir).get()).toEqual({ ...defaultSettings, idleLockMinutes: 7 });
  });

  it('reports a write failure instead of pretending the settings were saved', async () => {
    const dir = freshDir();
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const store = new SettingsStore(path.join(blocker, 'sub'));
    expect(await store.update({ idleLockMinutes: 5 })).toMatchObject({ ok: false, error: { code: 'storage-failed' } });
  });
});

describe('stamp templates in settings', () => {
  it('start with the presets and the Filed + footer defaults', async () => {
    const settings = await new SettingsStore(freshDir()).get();
    expect(settings.stampTemplates.map((t) => t.id)).toEqual(['filed', 'received', 'certified-copy', 'page-footer']);
    expect(settings.defaultStampTemplateIds).toEqual(['filed', 'page-footer']);
  });

  it('saves a court template and refuses duplicate ids', async () => {
    const store = new SettingsStore(freshDir());
    const [filed] = defaultSettings.stampTemplates;
    if (!filed) throw new Error('no preset');
    const court = { ...filed, id: 'court-filed', name: 'Filed (Demo County)', color: '#000080' };
    expect(await store.update({ stampTemplates: [...defaultSettings.stampTemplates, court] })).toMatchObject({ ok: true });
    expect((await store.get()).stampTemplates.at(-1)?.name).toBe('Filed (Demo County)');
    expect(await store.update({ stampTemplates: [court, court] })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('takes certificates but refuses a private key pasted into a certificate field (keys never go into settings.json)', async () => {
    const store = new SettingsStore(freshDir());
    const identity = makeSelfSignedIdentity('Workstation 17');
    expect(await store.update({ connections: [{ ...court, clientCertPem: identity.certPem, tlsCaPem: certificate }] })).toMatchObject({ ok: true });
    expect(await store.update({ connections: [{ ...court, clientCertPem: `${identity.certPem}\n${identity.keyPem}` }] })).toMatchObject({ ok: false, error: { field: 'connections.0.clientCertPem', message: expect.stringContaining('private key') } });
  });

  it('turns the single EFM endpoint of older settings into the active connection', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ efm: { endpoint: 'https://efm.old.example/ecf', courtId: 'old:court', username: 'u1' }, idleLockMinutes: 9 }));
    const settings = await new SettingsStore(dir).get();
    expect(settings.connections).toEqual([{ id: 'court', name: 'Court EFM', endpoint: 'https://efm.old.example/ecf', courtId: 'old:court', username: 'u1', tlsCaPem: null, clientCertPem: null, pinnedEfmCertPem: null }]);
    expect(settings.activeConnectionId).toBe('court');
    expect(settings.idleLockMinutes).toBe(9);
  });
});
