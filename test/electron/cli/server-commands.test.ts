import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { runUsers } from '../../../electron/cli/server-commands';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';

function io(): { io: { out: (t: string) => void; err: (t: string) => void; appRoot: string }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => void (out += t), err: (t) => void (err += t), appRoot: path.resolve('.') }, out: () => out, err: () => err };
}

describe('clerk-review users and server', () => {
  it('court IT adds, lists, resets and disables accounts; the service on that data folder signs them in', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-users-'));
    const add = io();
    expect(await runUsers(['add', 'dwhit', '--role', 'clerk', '--display-name', 'Dana Whitaker', '--data', dataDir], add.io, { CLERK_REVIEW_NEW_PASSWORD: 'first-password' })).toBe(0);
    expect(add.out()).toContain('Added dwhit (clerk)');
    const list = io();
    expect(await runUsers(['list', '--data', dataDir], list.io, {})).toBe(0);
    expect(list.out()).toBe('dwhit\tclerk\tDana Whitaker\tactive\n');

    // A court's service starts with no demo users and no demo envelopes.
    const service = await new EfmSimulator({ dataDir, envelopes: [], users: [], demoRecordSystem: false }).start();
    try {
      const as = (username: string, password: string): EfmClient => new EfmClient({ endpoint: service.url, credentials: { username, password }, retries: 0 });
      expect(await as('dwhit', 'first-password').whoAmI()).toMatchObject({ ok: true, value: { displayName: 'Dana Whitaker', role: 'clerk' } });
      expect(await as('clerk1', 'demo-clerk1').whoAmI()).toMatchObject({ ok: false });
      expect(await as('dwhit', 'first-password').getReviewQueue({ pageSize: 10 })).toMatchObject({ ok: true, value: { totalCount: 0 } });
      // The folder is locked while the service runs.
      const busy = io();
      expect(await runCli(['users', 'list', '--data', dataDir], busy.io)).toBe(1);
      expect(busy.err()).toContain('in use by another Clerk Review service');
    } finally {
      await service.close();
    }
    expect(await runUsers(['reset', 'dwhit', '--data', dataDir], io().io, { CLERK_REVIEW_NEW_PASSWORD: 'second-password' })).toBe(0);
    expect(await runUsers(['disable', 'dwhit', '--data', dataDir], io().io, {})).toBe(0);
    const after = io();
    await runUsers(['list', '--data', dataDir], after.io, {});
    expect(after.out()).toMatch(/^dwhit\tclerk\tDana Whitaker\tdisabled 20/);
  }, 120_000);

  it('says what is missing: no database, no password, an unknown role', async () => {
    const none = io();
    expect(await runCli(['users', 'list'], none.io)).toBe(2);
    expect(none.err()).toContain('--data DIR or --database');
    const noPassword = io();
    expect(await runCli(['users', 'add', 'x', '--role', 'clerk', '--data', mkdtempSync(path.join(tmpdir(), 'crd-users-'))], noPassword.io)).toBe(2);
    expect(noPassword.err()).toContain('CLERK_REVIEW_NEW_PASSWORD');
    const badRole = io();
    expect(await runUsers(['add', 'x', '--role', 'judge', '--data', mkdtempSync(path.join(tmpdir(), 'crd-users-'))], badRole.io, { CLERK_REVIEW_NEW_PASSWORD: 'long-enough' }).catch((error: Error) => error.message)).toContain('--role takes');
  });

  it("a court's server needs the court's code lists, and a policy folder needs the court named", async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'crd-server-'));
    const noPolicy = io();
    expect(await runCli(['server', '--data', data], noPolicy.io)).toBe(2);
    expect(noPolicy.err()).toContain("A court's service publishes the court's own code lists: give --policy FOLDER (or --demo)");
    const unnamed = io();
    expect(await runCli(['server', '--data', data, '--policy', data], unnamed.io)).toBe(2);
    expect(unnamed.err()).toContain('--policy needs --court-id and --court-name');
    const empty = await new EfmSimulator({ dataDir: data, policyFolder: data, envelopes: [], users: [], demoRecordSystem: false }).start()
      .then(() => 'started', (error: Error) => error.message);
    expect(empty).toBe(`The policy folder ${data} holds no code lists (.xml, .gc or .zip files)`);
  });
});
