import { describe, expect, it } from 'vitest';
import { objectHeaderAt, PdfParser } from '../../../../shared/pdf/syntax/pdf-parser';
import { serializeValue } from '../../../../shared/pdf/syntax/pdf-serialize';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, PdfSyntaxError } from '../../../../shared/pdf/syntax/pdf-values';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const parse = (text: string): unknown => new PdfParser(bytes(text)).value();

describe('PdfParser: the objects of PDF 32000-1, 7.3', () => {
  it('reads numbers, names, references, booleans and null', () => {
    expect(parse('42')).toBe(42);
    expect(parse('-3.25')).toBe(-3.25);
    expect(parse('.5')).toBe(0.5);
    expect(parse('+7')).toBe(7);
    expect(parse('4.')).toBe(4);
    expect(parse('/Type')).toBe(PdfName.of('Type'));
    expect(parse('/A#20B')).toBe(PdfName.of('A B'));
    expect(parse('12 0 R')).toEqual(new PdfRef(12, 0));
    expect(parse('[1 2 R 3 4 5 R]')).toEqual([new PdfRef(1, 2), 3, new PdfRef(4, 5)]);
    expect(parse('true')).toBe(true);
    expect(parse('null')).toBe(null);
  });

  it('reads literal strings with escapes, nesting and line continuations, and hexadecimal strings', () => {
    const text = (value: unknown): string => (value as PdfString).text();
    expect(text(parse('(a \\(b\\) (nested) \\n\\101)'))).toBe('a (b) (nested) \nA');
    expect(text(parse('(split \\\nline)'))).toBe('split line');
    expect(text(parse('<48 65 6c6C6F>'))).toBe('Hello');
    expect(text(parse('<4>'))).toBe('@');
    expect(text(parse('<FEFF00E9>'))).toBe('é');
  });

  it('reads dictionaries, comments and a stream with its declared length', () => {
    const dict = parse('<< /A 1 % a comment\n /B [ /C << /D (x) >> ] >>') as PdfDict;
    expect(dict.get('A')).toBe(1);
    expect(((dict.get('B') as unknown[])[1] as PdfDict).get('D')).toBeInstanceOf(PdfString);
    const object = new PdfParser(bytes('7 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\nendobj')).indirectObject(new PdfRef(7, 0));
    expect(object.value).toBeInstanceOf(PdfStream);
    expect(new TextDecoder().decode((object.value as PdfStream).data)).toBe('hello');
  });

  it('recovers a stream whose /Length is wrong by its endstream, as readers do', () => {
    const object = new PdfParser(bytes('1 0 obj\n<< /Length 99 >>\nstream\nabc\nendstream\nendobj')).indirectObject();
    expect(new TextDecoder().decode((object.value as PdfStream).data)).toBe('abc');
  });

  it.each([
    ['unterminated string', '(never closed'],
    ['unterminated dictionary', '<< /A 1'],
    ['unterminated array', '[1 2'],
    ['a key that is not a name', '<< 1 2 >>'],
    ['a malformed number', '1.2.3'],
    ['a double sign', '--5'],
    ['a bad hexadecimal digit', '<4G>'],
    ['deep nesting', `${'['.repeat(200)}${']'.repeat(200)}`],
    ['a keyword it does not know', 'bogus'],
  ])('refuses %s with a PdfSyntaxError (never loops or throws anything else)', (_, text) => {
    expect(() => parse(text)).toThrow(PdfSyntaxError);
  });

  it('refuses an object that is not the one the cross-reference table names', () => {
    expect(() => new PdfParser(bytes('8 0 obj 1 endobj')).indirectObject(new PdfRef(9, 0))).toThrow(/not where the cross-reference table says/);
  });

  it('objectHeaderAt matches exactly "N G obj" for that object', () => {
    const file = bytes('xx\n12 0 obj\n<<>>');
    expect(objectHeaderAt(file, 3, 12, 0)).toBe(true);
    expect(objectHeaderAt(file, 2, 12, 0)).toBe(true);
    expect(objectHeaderAt(file, 3, 1, 0)).toBe(false);
    expect(objectHeaderAt(file, 3, 12, 1)).toBe(false);
    expect(objectHeaderAt(bytes('xx\n120 obj'), 3, 12, 0)).toBe(false);
    expect(objectHeaderAt(file, 0, 12, 0)).toBe(false);
  });
});

describe('serializeValue', () => {
  it('writes what the parser reads back, strings as hexadecimal and names escaped', () => {
    const dict = new PdfDict([
      ['Type', PdfName.of('Annot')],
      ['Odd Name', PdfName.of('a/b#c')],
      ['Rect', [0, 1.5, -2.25, 1e-7]],
      ['P', new PdfRef(4, 0)],
      ['Contents', PdfString.fromText('Filed — Łódź')],
      ['Flag', true],
      ['Nothing', null],
    ]);
    const text = serializeValue(dict);
    expect(text).not.toMatch(/e-/);
    const back = new PdfParser(bytes(text)).value() as PdfDict;
    expect(back.get('Odd Name')).toBe(PdfName.of('a/b#c'));
    expect(back.get('Rect')).toEqual([0, 1.5, -2.25, 0]);
    expect(back.get('P')).toEqual(new PdfRef(4, 0));
    expect((back.get('Contents') as PdfString).text()).toBe('Filed — Łódź');
    expect(back.get('Flag')).toBe(true);
    expect(back.get('Nothing')).toBe(null);
  });
});
