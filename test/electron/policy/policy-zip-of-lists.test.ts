import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCourtPolicy } from '../../../electron/efm-sim/demo-court';
import { startWorkstation, type Workstation } from '../../fixtures/main-services-fixture';
import { tylerCodeList } from '../../fixtures/tyler-code-lists';

const folder = mkdtempSync(path.join(tmpdir(), 'crd-zip-court-'));
let ws: Workstation;
beforeAll(async () => {
  // One zip holding several lists, named by their files, as some courts publish their whole policy.
  const lists = {
    'location.xml': tylerCodeList('CourtLocationCode', ['code', 'name'], [['north', 'North Courthouse']]),
    'judge.xml': tylerCodeList('JudgeCode', ['code', 'name'], [['J-7', 'Hon. Seven']]),
    'rejectionreason.xml': tylerCodeList('RejectionReasonCode', ['code', 'name'], [['R-1', 'Wrong court']]),
  };
  writeFileSync(
    path.join(folder, 'court-policy.zip'),
    zipSync(Object.fromEntries(Object.entries(lists).map(([name, xml]) => [name, Buffer.from(xml)]))),
  );
  ws = await startWorkstation('crd-zip-policy-', {
    court: { ...demoCourtPolicy, courtId: 'zipped', courtName: 'Zipped County' },
    policyFolder: folder,
  });
});
afterAll(async () => {
  await ws.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('a court policy published as one zip of several lists', () => {
  it('each list in the zip is read by its file name', async () => {
    await ws.signIn('clerk1');
    const policy = await ws.call('policy:get');
    expect(policy).toMatchObject({
      courtLocations: [{ code: 'north', name: 'North Courthouse' }],
      judges: [{ code: 'J-7', name: 'Hon. Seven' }],
      rejectionReasons: [{ code: 'R-1', name: 'Wrong court' }],
      filingCodes: [],
    });
  });
});
