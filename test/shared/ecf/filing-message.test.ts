import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../shared/domain/envelope';
import { findFilingMessages } from '../../../shared/ecf/filing-message';
import { readEnvelopeXml } from '../../../shared/ecf/read-ecf';
import { parseXml } from '../../../shared/xml/safe-xml';

const examples = path.resolve('..', 'shared', 'ecf5', 'examples');
const read = (name: string): string => readFileSync(path.join(examples, name), 'utf8');
const notWellFormed = 'civil-complaint-001-ReviewFilingRequest-04.xml';

describe('every official example that carries a FilingMessage', () => {
  const files = readdirSync(examples).filter((name) => name.endsWith('.xml') && name !== notWellFormed);
  const withFiling = files.filter((name) => {
    const parsed = parseXml(read(name));
    return parsed.ok && findFilingMessages(parsed.value).length > 0;
  });

  it('is found: the 8 case-type FilingMessages and the wrapped Review/RecordDocketing/Fees/Serve requests', () => {
    expect(withFiling.length).toBe(22);
  });

  it.each(withFiling)('%s reads into a valid envelope with at least one filing and its documents', (name) => {
    const result = readEnvelopeXml(read(name));
    if (!result.ok) throw new Error(result.error.message);
    expect(envelopeSchema.safeParse(result.value).success).toBe(true);
    expect(result.value.filings.length).toBeGreaterThan(0);
    for (const filing of result.value.filings) expect(filing.leadDocument.role).toBe('lead');
  });

  it('parses every other example without error (they are simply not FilingMessages)', () => {
    for (const name of files) expect(parseXml(read(name)).ok, name).toBe(true);
  });
});

describe('readEnvelopeXml on specific examples', () => {
  it('new civil filing: new case, plaintiff, attorney representing Party1, filing code on the lead document', () => {
    const result = readEnvelopeXml(read('new-civil-filing.xml'));
    expect(result.ok && result.value).toMatchObject({
      id: '123456ABC',
      courtId: 'gregg:dc',
      submittedAt: '2008-07-07T13:47:42.0Z',
      case: { isNew: true, category: '7', type: 'civil', augmentations: ['civil'] },
      parties: [{ id: 'Party1', name: 'John Smith', kind: 'person', role: 'Plaintiff' }],
      attorneys: [{ represents: ['Party1'] }],
      filings: [{ id: 'Document1', filingCode: '661', description: 'Appearance', connectedDocuments: [] }],
    });
  });

  it('Tyler review request: two lead documents become two filings; the exhibit goes with the filing it points at', () => {
    const result = readEnvelopeXml(read('tyler-reviewfilingrequest.xml'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.filings.map((f) => f.id)).toEqual(['Filing1', 'Filing2']);
    expect(result.value.filings[0]?.connectedDocuments.map((d) => [d.id, d.relation])).toEqual([['Document2', 'parent']]);
    expect(result.value.filings[1]?.connectedDocuments).toEqual([]);
    const rendition = result.value.filings[0]?.leadDocument.renditions[0];
    expect(rendition?.attachment.kind).toBe('cid');
    expect(result.value.serviceContacts.length).toBeGreaterThan(0);
  });

  it('every case type example names its augmentation', () => {
    for (const [file, type] of [['criminal.xml', 'criminal'], ['domestic.xml', 'domestic'], ['juvenile.xml', 'juvenile'], ['appellate.xml', 'appellate'], ['citation.xml', 'citation']] as const) {
      const result = readEnvelopeXml(read(file));
      expect(result.ok && result.value.case.augmentations, file).toContain(type);
    }
  });
});

describe('hostile and broken input', () => {
  it('the one non-well-formed official example gives a clear parse error', () => {
    const result = readEnvelopeXml(read(notWellFormed));
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-well-formed', message: expect.stringMatching(/^The message is not well-formed XML: /) } });
  });

  it('refuses DOCTYPE (billion laughs, external entities) before parsing', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><a>&lol2;</a>';
    const xxe = '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    for (const xml of [laughs, xxe, `<!-- hi -->\n${xxe}`]) expect(readEnvelopeXml(xml)).toMatchObject({ ok: false, error: { kind: 'doctype' } });
    // The words inside CDATA are just text (two official examples carry HTML with a DOCTYPE that way).
    expect(parseXml('<a><![CDATA[<!DOCTYPE html>]]></a>').ok).toBe(true);
  });

  it('scans a prolog of many comments in linear time (a regex here once backtracked exponentially)', () => {
    expect(parseXml(`${'<!-- note --> <?pi x?>'.repeat(5000)}<a/>`).ok).toBe(true);
    expect(parseXml(`${'<!-- note -->'.repeat(5000)}<!DOCTYPE a><a/>`)).toMatchObject({ ok: false, error: { kind: 'doctype' } });
  });

  it('refuses oversized and deeply nested messages', () => {
    expect(readEnvelopeXml('<a>' + 'x'.repeat(2000) + '</a>', { maxChars: 1000, maxDepth: 50 })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(readEnvelopeXml(deep)).toMatchObject({ ok: false, error: { kind: 'too-deep' } });
  });

  it('names what is wrong with a message of the wrong kind or without documents', () => {
    expect(readEnvelopeXml(read('messagestatus.xml'))).toMatchObject({ ok: false, error: { kind: 'wrong-message' } });
    const empty = '<filing:FilingMessage xmlns:filing="https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filing"/>';
    expect(readEnvelopeXml(empty)).toMatchObject({ ok: false, error: { kind: 'missing-element' } });
    // Right local name, wrong namespace: not an ECF message.
    expect(readEnvelopeXml('<FilingMessage xmlns="urn:other"/>')).toMatchObject({ ok: false, error: { kind: 'wrong-message' } });
  });

  it('survives random garbage and truncation without throwing', () => {
    const xml = read('civil.xml');
    for (let cut = 0; cut < xml.length; cut += 997) expect(() => readEnvelopeXml(xml.slice(0, cut))).not.toThrow();
  });
});

describe('ECF 4 input reads through the same entry point (#17)', () => {
  it('every Tyler ECF 4.0 fixture reads into an envelope; a message with no filing of either version says so', () => {
    const folder = path.resolve('..', 'shared', 'tyler', 'ecf4', 'fixtures');
    for (const file of readdirSync(folder)) {
      const read = readEnvelopeXml(readFileSync(path.join(folder, file), 'utf8'));
      expect(read.ok && read.value.filings.length, file).toBe(1);
    }
    expect(readEnvelopeXml('<a xmlns="urn:example"/>')).toMatchObject({ ok: false, error: { message: 'This a message carries no filing: neither an ECF 5.0 FilingMessage nor an ECF 4.0 CoreFilingMessage.' } });
  });
});

describe('names a clerk can read', () => {
  it("an attorney Tyler sends by id and bar number shows by bar number, never as 'Attorney1'", () => {
    const read = readEnvelopeXml(readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'tyler-reviewfilingrequest.xml'), 'utf8'));
    expect(read.ok && read.value.attorneys.map((a) => [a.id, a.name])).toEqual([['Attorney1', 'Attorney, bar no. 10020034']]);
  });
});

describe('appellate filings', () => {
  it('parties an appeal adds are read with why they were added', () => {
    const read = readEnvelopeXml(readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'appellate.xml'), 'utf8'));
    expect(read.ok && read.value.parties.find((p) => p.name === 'GHI Widgets')).toMatchObject({ kind: 'organization', role: 'Added on appeal: Interested party' });
  });
});
