import type { CodeEntry } from '../domain/court-policy';
import { el, elAttrs, serializeXml, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

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
