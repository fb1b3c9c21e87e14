import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeListFileReader, readCodeListPaths } from '../../../electron/policy/code-list-source';
import { loadCourtPolicy } from '../../../electron/policy/loaded-court-policy';
import { tylerCodeList, writeTylerCourt } from '../../fixtures/tyler-code-lists';

const court = writeTylerCourt();
afterAll(() => rmSync(court.folder, { recursive: true, force: true }));

describe('code lists from files, zips and folders', () => {
  it("reads a Tyler court's folder: zipped lists, a list over 16 MiB, each named by its file", async () => {
    expect(court.filingXmlBytes).toBeGreaterThan(16 * 1024 * 1024);
    const batch = await readCodeListPaths([court.folder]);
    expect(batch.problems).toEqual([]);
    const byName = new Map(batch.lists.map((list) => [list.entry?.name, list]));
    expect([...byName.keys()].sort()).toEqual([
      'casecategory',
      'casetype',
      'documenttype',
      'filing',
      'filingstatus',
      'location',
      'rejectionreason',
    ]);
    expect(byName.get('casetype')?.file).toBe('casetype.zip/casetype.xml');
    expect(byName.get('filing')?.rows.length).toBe(court.filingRows);
    expect(byName.get('casetype')?.rows[0]).toMatchObject({
      code: '25000',
      casecategory: '7',
      initial: true,
      fee: 0,
      willfileddate: true,
    });
  });

  it('a zip of several lists gives each; a damaged zip or list is named with the reason', () => {
    const location = tylerCodeList('CourtLocationCode', ['code', 'name'], [['a', 'A']]);
    const judges = tylerCodeList('JudgeCode', ['code', 'name'], [['J1', 'Hon. One']]);
    const zip = zipSync({
      'location.xml': Buffer.from(location),
      'judges/judge.xml': Buffer.from(judges),
      '__MACOSX/._location.xml': Buffer.from('x'),
    });
    const reader = new CodeListFileReader('policy.zip');
    for (let at = 0; at < zip.length; at += 97) reader.write(zip.subarray(at, at + 97));
    const batch = reader.end();
    expect(batch.problems).toEqual([]);
    expect(batch.lists.map((list) => [list.file, list.entry?.name, list.rows.length])).toEqual([
      ['policy.zip/location.xml', 'location', 1],
      ['policy.zip/judges/judge.xml', 'judge', 1],
    ]);

    const cut = new CodeListFileReader('filing.zip');
    cut.write(zip.subarray(0, Math.floor(zip.length / 3)));
    expect(cut.end().problems[0]?.reason).toMatch(/The zip is damaged or cut off|ends in the middle/);

    const html = new CodeListFileReader('filing.xml');
    html.write(Buffer.from('<!DOCTYPE html><html>Service unavailable</html>'));
    expect(html.end()).toEqual({
      lists: [],
      problems: [{ file: 'filing.xml', reason: 'The list contains a DOCTYPE declaration, which is refused.' }],
    });
  });

  it('duplicate filing codes are resolved by case category and type; absent lists mean free entry', async () => {
    const batch = await readCodeListPaths([court.folder]);
    const lists = new Map(batch.lists.flatMap((list) => (list.entry ? [[list.entry.name, list] as const] : [])));
    const loaded = loadCourtPolicy({ courtId: 'adams', courtName: 'Adams County', policyVersion: '1' }, lists);
    expect(loaded.policy.filingCodes.length).toBe(court.filingCodes);
    expect(loaded.policy.judges).toEqual([]);
    expect(loaded.policy.rejectionReasons.map((r) => r.code)).toEqual(['R-SIG', 'R-FEE', 'R-CASE']);
    expect(loaded.policy.courtLocations[2]).toEqual({ code: 'adams:fam', name: 'Adams County - Family & Probate' });
    expect(loaded.policy.caseCategories.length).toBe(22);
    const civil = loaded.filingCodesFor('7', '25003');
    const rows = lists.get('filing')?.rows ?? [];
    const expected = new Set(
      rows.filter((row) => row.casecategory === '7' && row.casetypeid === '25003').map((row) => row.code),
    );
    expect(civil.length).toBe(expected.size);
    expect(new Set(civil.map((entry) => entry.code))).toEqual(expected);
    expect(new Set(civil.map((entry) => entry.code)).size).toBe(civil.length);
    expect(loaded.filingCodesFor('99', null)).toEqual([]);
  });

  it('a file that is no list, or missing, is reported by name', async () => {
    const bad = path.join(court.folder, '..', `${path.basename(court.folder)}-bad.xml`);
    writeFileSync(bad, readFileSync(path.join(court.folder, 'location.xml'), 'utf8').slice(0, 500));
    const batch = await readCodeListPaths([bad, path.join(court.folder, 'nothing-here.xml')]);
    expect(batch.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/not well-formed/),
      'There is no such file or folder.',
    ]);
    rmSync(bad);
  });
});
