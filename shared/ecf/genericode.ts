import type { Element } from '@xmldom/xmldom';
import type { CodeEntry } from '../domain/court-policy';
import { err, ok, type Result } from '../result';
import { attr, children, text } from '../xml/xml-query';
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
