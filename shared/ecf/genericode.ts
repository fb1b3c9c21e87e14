import type { Element } from '@xmldom/xmldom';
import type { CodeEntry } from '../domain/court-policy';
import { err, ok, type Result } from '../result';
import { attr, children, text } from '../xml/xml-query';
import { el, elAttrs, serializeXml, type XmlElement } from '../xml/xml-writer';
import type { EcfReadError } from './ecf-read-error';
import { ns } from './namespaces';

/** A Genericode code list: its short name and entries (code + name). */
export interface CodeList {
  readonly shortName: string;
  readonly canonicalUri: string | null;
  readonly entries: readonly CodeEntry[];
}

/**
 * Reads an OASIS Genericode 1.0 code list (the format ECF 5.0 court policies point to). The code is the column
 * named `code` (or the first column); the name is `name`, `description` or `definition` (or the code itself).
 */
export function readGenericode(root: Element): Result<CodeList, EcfReadError> {
  if (root.namespaceURI !== ns.genericode || root.localName !== 'CodeList') return err({ kind: 'wrong-message', message: `Expected gc:CodeList, found ${root.nodeName}` });
  // Genericode's own elements below the root are unqualified.
  const unqualified = (parent: Element | null, local: string): Element[] => children(parent, '', local);
  const first = (parent: Element | null, local: string): Element | null => unqualified(parent, local)[0] ?? null;
  const identification = first(root, 'Identification');
  const rows = unqualified(first(root, 'SimpleCodeList'), 'Row');
  const entries: CodeEntry[] = [];
  for (const row of rows) {
    const values = new Map(unqualified(row, 'Value').map((value) => [attr(value, '', 'ColumnRef') ?? '', text(first(value, 'SimpleValue')) ?? '']));
    const code = values.get('code') ?? [...values.values()][0] ?? '';
    const name = values.get('name') ?? values.get('description') ?? values.get('definition') ?? code;
    if (code) entries.push({ code, name: name || code });
  }
  return ok({ shortName: text(first(identification, 'ShortName')) ?? 'unnamed', canonicalUri: text(first(identification, 'CanonicalUri')), entries });
}

/** Writes an OASIS Genericode 1.0 code list with `code` and `name` columns (what a court publishes for GetPolicy). */
export function writeGenericode(shortName: string, canonicalUri: string, entries: readonly CodeEntry[]): string {
  const gc = ns.genericode;
  const column = (id: string): XmlElement =>
    elAttrs('', 'Column', [{ ns: null, name: 'Id', value: id }, { ns: null, name: 'Use', value: 'required' }], el('', 'ShortName', id), elAttrs('', 'Data', [{ ns: null, name: 'Type', value: 'normalizedString' }]));
  return serializeXml(
    el(gc, 'CodeList',
      el('', 'Identification', el('', 'ShortName', shortName), el('', 'Version', '1'), el('', 'CanonicalUri', canonicalUri), el('', 'CanonicalVersionUri', `${canonicalUri}/1`)),
      el('', 'ColumnSet', column('code'), column('name'), elAttrs('', 'Key', [{ ns: null, name: 'Id', value: 'codeKey' }], el('', 'ShortName', 'CodeKey'), elAttrs('', 'ColumnRef', [{ ns: null, name: 'Ref', value: 'code' }]))),
      el('', 'SimpleCodeList', entries.map((entry) =>
        el('', 'Row',
          elAttrs('', 'Value', [{ ns: null, name: 'ColumnRef', value: 'code' }], el('', 'SimpleValue', entry.code)),
          elAttrs('', 'Value', [{ ns: null, name: 'ColumnRef', value: 'name' }], el('', 'SimpleValue', entry.name)))))),
    { gc },
  );
}
