import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { writeTylerCourt } from '../../fixtures/tyler-code-lists';

const court = writeTylerCourt({ filingCodes: 50, perCode: 3 });
afterAll(() => rmSync(court.folder, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    appRoot: path.resolve('.'),
  });
  return { code, out, err };
}

describe('clerk-review policy inspect', () => {
  it("lists each of a court's lists with its columns and rows, zips included, as JSON", async () => {
    const { code, out } = await cli(
      'policy',
      'inspect',
      court.folder,
      path.resolve('..', 'shared', 'ecf5', 'schema', 'ErrorCodeText.gc'),
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      lists: { file: string; name: string; rows: number; distinctCodes: number; columns: string[] }[];
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.lists.map((l) => l.file)).toEqual([
      'casecategory.xml',
      'casetype.zip/casetype.xml',
      'documenttype.zip/documenttype.xml',
      'filing.xml',
      'filingstatus.xml',
      'location.xml',
      'rejectionreason.xml',
      'ErrorCodeText.gc',
    ]);
    expect(report.lists.find((l) => l.name === 'filing')).toMatchObject({
      rows: 150,
      distinctCodes: 50,
      columns: expect.arrayContaining(['fee', 'casecategory', 'casetypeid', 'iscourtuseonly']),
    });
    expect(report.lists.at(-1)).toMatchObject({ name: 'error', rows: 5, columns: ['code', 'definition'] });
  });

  it('names a list it cannot read with the reason and exits 1', async () => {
    const broken = path.join(court.folder, 'judge.xml');
    writeFileSync(
      broken,
      '<CodeList xmlns="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><SimpleCodeList><Row>',
    );
    const { code, out, err } = await cli('policy', 'inspect', court.folder);
    expect(code).toBe(1);
    expect(out).toContain('filing.xml: filing, 150 rows (50 codes, repeated per casecategory, casetypeid, filingtype)');
    expect(err).toMatch(/^judge\.xml: The list is not well-formed XML/m);
    rmSync(broken);
  });
});
