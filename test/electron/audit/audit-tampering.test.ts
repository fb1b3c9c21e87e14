import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, auditHash } from '../../../electron/audit/audit-log';
import { EfmClient } from '../../../electron/efm/efm-client';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { memoryCipher } from '../../../electron/secrets/secret-store';
import type { AuditRecord } from '../../../shared/domain/audit';

let simulator: EfmSimulator;
let client: EfmClient;
let key: WorkstationKey;
let otherKey: WorkstationKey;
let pristine: string;
let headAfterNine = '';
const workstationId = 'tamper-test-ws';

const logAt = (folder: string, signer = key): AuditLog => new AuditLog(folder, { signer, workstation: 'WS-9', workstationId });
const file = (folder: string): string => path.join(folder, 'audit.jsonl');
const head = (folder: string): string => path.join(folder, 'audit.head.json');
const records = (folder: string): AuditRecord[] => readFileSync(file(folder), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord);
const write = (folder: string, list: readonly AuditRecord[]): void => writeFileSync(file(folder), list.map((r) => `${JSON.stringify(r)}\n`).join(''));
/** Recomputes every hash from `from` on: a consistent rewrite, as someone who knows the format would do. */
const rechain = (list: AuditRecord[]): AuditRecord[] => {
  let prev = '0'.repeat(64);
  return list.map((r, i) => {
    const partial = { ...r, seq: i + 1, prevHash: prev };
    const hash = auditHash(partial);
    prev = hash;
    return { ...partial, hash };
  });
};

beforeAll(async () => {
  simulator = await new EfmSimulator({ envelopes: [] }).start();
  client = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
  key = await WorkstationKey.load(mkdtempSync(path.join(tmpdir(), 'crd-key-')), memoryCipher);
  otherKey = await WorkstationKey.load(mkdtempSync(path.join(tmpdir(), 'crd-key-')), memoryCipher);
  pristine = mkdtempSync(path.join(tmpdir(), 'crd-audit-'));
  const log = logAt(pristine);
  for (let i = 1; i <= 12; i++) {
    await log.append({ user: 'clerk1', action: i % 4 ? 'decision' : 'submit', object: `ENV-${i}/F1`, outcome: 'ok', detail: i % 4 ? 'accepted' : null });
    if (i === 9) headAfterNine = readFileSync(head(pristine), 'utf8');
  }
  const anchored = await client.anchorAuditHead(await log.signedHead());
  if (!anchored.ok) throw new Error(anchored.error.message);
  // Two records after the anchor: the window the README states.
  await log.append({ user: 'clerk1', action: 'sign-out', object: 'session', outcome: 'ok' });
  await log.append({ user: 'clerk1', action: 'sign-in', object: 'session', outcome: 'ok' });
});
afterAll(() => simulator.close());

/** Each kind of tampering, applied to a copy of the anchored log. */
const tamperings: Record<string, (folder: string) => void | Promise<void>> = {
  'edit a decision, hash left': (f) => write(f, records(f).map((r) => (r.seq === 3 ? { ...r, detail: 'rejected' } : r))),
  'edit a decision, its hash recomputed': (f) => write(f, records(f).map((r) => (r.seq === 3 ? { ...r, detail: 'rejected', hash: auditHash({ ...r, detail: 'rejected' }) } : r))),
  'edit a decision, every later record re-hashed (consistent rewrite)': (f) => write(f, rechain(records(f).map((r) => (r.seq === 3 ? { ...r, detail: 'rejected' } : r)))),
  'consistent rewrite and the head file deleted': (f) => {
    write(f, rechain(records(f).map((r) => (r.seq === 5 ? { ...r, user: 'clerk2' } : r))));
    rmSync(head(f));
  },
  'consistent rewrite with a head signed by another key': async (f) => {
    write(f, rechain(records(f).map((r) => (r.seq === 5 ? { ...r, user: 'clerk2' } : r))));
    rmSync(head(f));
    const forged = logAt(f, otherKey);
    await forged.append({ user: 'clerk2', action: 'sign-in', object: 'session', outcome: 'ok' });
  },
  'last records deleted (truncation), head left': (f) => write(f, records(f).slice(0, 9)),
  'last records deleted and the head file deleted': (f) => {
    write(f, records(f).slice(0, 9));
    rmSync(head(f));
  },
  'last records deleted and the head rewritten to match (unsigned)': (f) => {
    const kept = records(f).slice(0, 9);
    write(f, kept);
    const h = JSON.parse(readFileSync(head(f), 'utf8')) as Record<string, unknown>;
    writeFileSync(head(f), JSON.stringify({ ...h, seq: 9, hash: kept[8]?.hash }));
  },
  'both files deleted': (f) => {
    rmSync(file(f));
    rmSync(head(f));
  },
  'a record in the middle deleted': (f) => write(f, records(f).filter((r) => r.seq !== 6)),
  'a record in the middle deleted, the rest renumbered and re-hashed, head deleted': (f) => {
    write(f, rechain(records(f).filter((r) => r.seq !== 6)));
    rmSync(head(f));
  },
  'two records swapped': (f) => {
    const list = records(f);
    [list[3], list[4]] = [list[4] as AuditRecord, list[3] as AuditRecord];
    write(f, list);
  },
  'a record duplicated': (f) => {
    const list = records(f);
    write(f, [...list.slice(0, 5), list[4] as AuditRecord, ...list.slice(5)]);
  },
  'a forged record inserted and everything re-hashed, head deleted': (f) => {
    const list = records(f);
    write(f, rechain([...list.slice(0, 2), { ...(list[2] as AuditRecord), action: 'reassign', object: 'ENV-99' }, ...list.slice(2)]));
    rmSync(head(f));
  },
  'a damaged line in the middle': (f) => writeFileSync(file(f), readFileSync(file(f), 'utf8').replace('"seq":7,', '"seq":7,,')),
  'log cut back to record 9 and the genuine signed head of that moment put back': (f) => {
    write(f, records(f).slice(0, 9));
    writeFileSync(head(f), headAfterNine);
  },
  'an older backup of the log put back, head deleted': (f) => {
    write(f, records(f).slice(0, 4));
    rmSync(head(f));
  },
};

describe('audit log tampering, checked against the anchor at the EFM', () => {
  it('an untouched log verifies, anchored through record 12 (records 13–14 are after the anchor)', async () => {
    const anchor = await client.getAuditAnchor(workstationId);
    expect(anchor).toMatchObject({ ok: true, value: { seq: 12 } });
    const copy = mkdtempSync(path.join(tmpdir(), 'crd-audit-'));
    cpSync(pristine, copy, { recursive: true });
    expect(await logAt(copy).verify(anchor.ok ? anchor.value : null)).toEqual({ valid: true, records: 14, problem: null, anchoredSeq: 12 });
  });

  it(`detects each of ${Object.keys(tamperings).length} kinds of tampering`, async () => {
    expect(Object.keys(tamperings).length).toBeGreaterThanOrEqual(15);
    const anchor = await client.getAuditAnchor(workstationId);
    if (!anchor.ok) throw new Error(anchor.error.message);
    const missed: string[] = [];
    for (const [name, tamper] of Object.entries(tamperings)) {
      const copy = mkdtempSync(path.join(tmpdir(), 'crd-audit-'));
      cpSync(pristine, copy, { recursive: true });
      rmSync(path.join(copy, 'audit.anchor.json'), { force: true }); // the local receipt is deletable too: the EFM's counts
      await tamper(copy);
      const result = await logAt(copy).verify(anchor.value);
      if (result.valid) missed.push(name);
    }
    console.log(`audit tampering: ${Object.keys(tamperings).length - missed.length} of ${Object.keys(tamperings).length} kinds detected`);
    expect(missed).toEqual([]);
  });

  it('the EFM refuses an anchor that goes back, or one not signed by the key it names', async () => {
    const log = logAt(pristine);
    const current = await log.signedHead();
    expect(await client.anchorAuditHead({ ...current, seq: 3 })).toMatchObject({ ok: false });
    expect(await client.anchorAuditHead({ ...current, signature: Buffer.alloc(64).toString('base64') })).toMatchObject({ ok: false });
    expect(await client.anchorAuditHead(current)).toMatchObject({ ok: true, value: { seq: 14 } });
  });
});
