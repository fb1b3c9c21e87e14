import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { runCli } from '../../../electron/cli/cli';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { memoryCipher } from '../../../electron/secrets/secret-store';

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (out += t), appRoot: path.resolve('.') });
  return { code, out };
}

describe('clerk-review audit verify', () => {
  it('verifies with the public key only, then names the first edited record and exits 1', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-data-'));
    const log = new AuditLog(path.join(dataDir, 'audit'), { signer: WorkstationKey.load(dataDir, memoryCipher), workstation: 'WS-3' });
    for (let i = 1; i <= 5; i++) await log.append({ user: 'clerk1', action: 'decision', object: `ENV-${i}/F1`, outcome: 'ok', detail: 'accepted' });
    expect(await cli('audit', 'verify', dataDir)).toEqual({ code: 0, out: `${path.join(dataDir, 'audit')}: intact, 5 records, no anchor receipt here\n` });
    const file = path.join(dataDir, 'audit', 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"object":"ENV-4/F1"', '"object":"ENV-7/F1"'));
    const { code, out } = await cli('audit', 'verify', dataDir, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ valid: false, problem: { seq: 4, line: 4, reason: expect.stringContaining('edited') } });
    expect((await cli('audit', 'verify', path.join(dataDir, 'nowhere'))).code).toBe(1);
  });
});
