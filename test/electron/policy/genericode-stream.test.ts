import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEntry } from '../../../shared/ecf/code-list-catalogue';
import { GenericodeError, GenericodeStream, type CodeList } from '../../../electron/policy/genericode-stream';
import { filingColumns, tylerCodeList } from '../../fixtures/tyler-code-lists';

const oasis = path.resolve('..', 'shared', 'ecf5', 'schema');
const tyler = path.resolve('..', 'shared', 'tyler', 'codelists');

/** Reads bytes in pieces cut at `cuts` (so multi-byte characters and tags are split). */
function readInPieces(
  bytes: Uint8Array,
  cuts: readonly number[],
  types: Parameters<typeof catalogueEntry>[0] | null = null,
): CodeList {
  const stream = new GenericodeStream(() => (types ? (catalogueEntry(types)?.typed ?? {}) : {}));
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    stream.write(bytes.subarray(at, cut));
    at = cut;
  }
  return stream.end();
}

describe('Genericode lists as courts publish them', () => {
  it('reads Tyler\'s real lists (default namespace, xmlns="" below) with every column', () => {
    const list = readInPieces(readFileSync(path.join(tyler, 'casecategory.xml')), []);
    expect(list.header.shortName).toBe('CaseCategoryCode');
    expect(list.header.version).toMatch(/^[0-9A-F]{128}$/);
    expect(list.columns).toEqual([
      'code',
      'name',
      'ecfcasetype',
      'procedureremedyinitial',
      'procedureremedysubsequent',
      'damageamountinitial',
      'damageamountsubsequent',
      'efspcode',
    ]);
    expect(list.rows.length).toBe(readFileSync(path.join(tyler, 'casecategory.xml'), 'utf8').split('<Row>').length - 1);
    expect(list.rows[0]).toMatchObject({
      code: '7',
      name: 'Civil',
      ecfcasetype: 'CivilCase',
      procedureremedyinitial: 'Not Available',
    });
    // The annotated list with no ShortName, odd columns and odd text still reads.
    const weird = readInPieces(readFileSync(path.join(tyler, 'casecategory-weird.xml')), []);
    expect(weird.header.shortName).toBeNull();
    expect(weird.rows.length).toBe(list.rows.length);
    expect(
      readInPieces(readFileSync(path.join(tyler, 'filingstatus-adams.xml')), []).rows.map((r) => r.code),
    ).toContain('granted');
  });

  it('reads every official OASIS list, its rows counted against the file', () => {
    const files = readdirSync(oasis).filter((name) => name.endsWith('.gc'));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(path.join(oasis, file), 'utf8');
      const list = readInPieces(Buffer.from(text), []);
      expect(list.rows.length + list.rowsWithoutCode, file).toBe(text.split('<Row>').length - 1);
      expect(list.header.shortName, file).not.toBeNull();
    }
    const errors = readInPieces(readFileSync(path.join(oasis, 'ErrorCodeText.gc')), []);
    expect(errors.rows.find((row) => row.code === '0')).toEqual({ code: '0', definition: 'No error' });
  });

  it('types columns per list and gives the same rows whatever the chunk boundaries', () => {
    const xml = tylerCodeList('FilingCode', filingColumns, [
      [
        '100',
        'Complaint — “Zivilklage” 契約',
        '435.5',
        '7',
        '25001',
        'Initial',
        'True',
        'Not Available',
        'Not Available',
        'Optional',
        'False',
        'false',
        null,
      ],
      [
        '100',
        'Complaint',
        '0',
        '8',
        '25002',
        'Initial',
        'False',
        'Not Available',
        'Not Available',
        'Optional',
        'False',
        'False',
        'X',
      ],
    ]);
    const bytes = Buffer.from(xml);
    const whole = readInPieces(bytes, [], 'filing');
    expect(whole.rows[0]).toMatchObject({
      code: '100',
      fee: 435.5,
      iscourtuseonly: true,
      useduedate: false,
      isproposedorder: false,
      casecategory: '7',
    });
    expect(whole.rows[1]).toMatchObject({ efspcode: 'X', fee: 0 });
    let seed = 7;
    for (let round = 0; round < 50; round++) {
      const cuts = Array.from(
        { length: 1 + (round % 9) },
        () => (seed = (seed * 48271) % 2147483647) % bytes.length,
      ).sort((a, b) => a - b);
      expect(readInPieces(bytes, cuts, 'filing')).toEqual(whole);
    }
  });

  it('refuses a DOCTYPE, another root, and text that is not XML, with a reason court IT can act on', () => {
    const refuse = (text: string): string => {
      try {
        readInPieces(Buffer.from(text), []);
      } catch (error) {
        expect(error).toBeInstanceOf(GenericodeError);
        return (error as Error).message;
      }
      throw new Error('read');
    };
    expect(
      refuse(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CodeList xmlns="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"/>',
      ),
    ).toMatch(/DOCTYPE/);
    expect(refuse('<html><body>Sign in</body></html>')).toMatch(/not a Genericode code list: its root element is html/);
    expect(refuse('<CodeList xmlns="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><SimpleCodeList>')).toMatch(
      /not well-formed/,
    );
    expect(refuse('')).toMatch(/empty/);
  });
});
