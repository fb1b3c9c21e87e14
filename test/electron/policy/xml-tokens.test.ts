import { describe, expect, it } from 'vitest';
import { XmlTokenError, XmlTokenizer } from '../../../electron/policy/xml-tokens';

/** Tokenizes `pieces` in order; returns the events, or the error message. */
function tokens(...pieces: string[]): string[] | string {
  const events: string[] = [];
  const tokenizer = new XmlTokenizer({
    open: (name, attributes) => events.push(`<${name}${attributes.length ? ` ${attributes.join('=')}` : ''}>`),
    close: (name) => events.push(`</${name}>`),
    text: (text) => events.push(JSON.stringify(text)),
    wantText: () => true,
  });
  try {
    for (const piece of pieces) tokenizer.write(piece);
    tokenizer.end();
  } catch (error) {
    if (!(error instanceof XmlTokenError)) throw error;
    return error.message;
  }
  return events;
}

const document =
  '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- a court\'s list -->\n<gc:L xmlns:gc="urn:x" a=\'1\' b = "t&amp;c &#x4E2D;&#22269;">' +
  '<R><V c="x&gt;y">Smith &amp; Sons &lt;LLC&gt; &quot;q&quot;</V><V><![CDATA[<raw> & ]]></V><E/><?pi data?></R></gc:L>\n';

describe('the streaming XML tokenizer', () => {
  it('reads what a code list may hold: declaration, comments, entities, character references, CDATA, empty elements', () => {
    expect(tokens(document)).toEqual([
      '<gc:L xmlns:gc=urn:x=a=1=b=t&c 中国>',
      '<R>',
      '<V c=x>y>',
      '"Smith & Sons <LLC> \\"q\\""',
      '</V>',
      '<V>',
      '"<raw> & "',
      '</V>',
      '<E>',
      '</E>',
      '</R>',
      '</gc:L>',
    ]);
  });

  it('gives the same events wherever the text is cut', () => {
    const whole = tokens(document);
    for (let cut = 1; cut < document.length; cut++)
      expect(tokens(document.slice(0, cut), document.slice(cut)), `cut at ${cut}`).toEqual(whole);
    for (let size = 1; size < 12; size++) {
      const pieces = Array.from({ length: Math.ceil(document.length / size) }, (_, i) =>
        document.slice(i * size, (i + 1) * size),
      );
      expect(tokens(...pieces)).toEqual(whole);
    }
  });

  it('refuses what is not well-formed, and any DOCTYPE, saying what', () => {
    expect(tokens('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toBe('DOCTYPE');
    expect(tokens('<a>&x;</a>')).toBe('an undeclared entity &x;');
    expect(tokens('<a>fish & chips</a>')).toBe('a bare "&" in text');
    expect(tokens('<a><b></a>')).toBe('</a> closes <b>');
    expect(tokens('<a></a><b/>')).toBe('a second root element <b>');
    expect(tokens('<a x=1/>')).toBe('a malformed attribute in <a>');
    expect(tokens('<a x="1" x="2"/>')).toBe('attribute x twice in <a>');
    expect(tokens('<a x="1"y="2"/>')).toBe('a malformed attribute in <a>');
    expect(tokens('<a <b>')).toBe('"<" inside a tag');
    expect(tokens('hello <a/>')).toBe('text outside the root element');
    expect(tokens('<a><b>')).toBe('the document ends before </b>');
    expect(tokens('<a></a><!-- open')).toMatch(/ends inside markup/);
    expect(tokens('')).toBe('the document has no root element');
    expect(tokens('<a>&#0;</a>')).toBe('a bad character reference &#0;');
  });
});

describe('bounded memory on hostile input', () => {
  it('a tag or text that never ends is refused once it passes 4 M characters', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    expect(tokens('<a title="', chunk, chunk, chunk, chunk, chunk)).toMatch(/longer than 4 M characters/);
    expect(tokens('<a>', chunk, chunk, chunk, chunk, chunk)).toMatch(/longer than 4 M characters/);
  });
});
