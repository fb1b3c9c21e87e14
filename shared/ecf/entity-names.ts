import type { Element } from '@xmldom/xmldom';
import { attr, child, descendants, textAt } from '../xml/xml-query';
import { ns } from './namespaces';

/** The NIEM core and structures namespaces a message uses: NIEM 4 in ECF 5.0 (the default), NIEM 2.0 in ECF 4. */
export interface NiemNamespaces {
  readonly nc: string;
  readonly structures: string;
}

const niem4: NiemNamespaces = { nc: ns.nc, structures: ns.structures };

/**
 * The element a `structures:ref` points to (the element with that `structures:id` in the same document), or the
 * element itself when it carries no reference. NIEM messages name a person once and refer to them elsewhere.
 */
export function resolveRef(element: Element | null, niem: NiemNamespaces = niem4): Element | null {
  const ref = attr(element, niem.structures, 'ref');
  if (!element || !ref) return element;
  const root = element.ownerDocument?.documentElement;
  if (!root) return element;
  return descendants(root, '*', '*').find((candidate) => attr(candidate, niem.structures, 'id') === ref) ?? element;
}

/** A person's name: `nc:PersonFullName`, or the given, middle and surnames joined; null when it has none. */
export function personName(person: Element | null, niem: NiemNamespaces = niem4): string | null {
  const { nc } = niem;
  const name = child(resolveRef(person, niem), nc, 'PersonName');
  const full = textAt(name, [nc, 'PersonFullName']);
  if (full) return full;
  const parts = [
    textAt(name, [nc, 'PersonGivenName']),
    textAt(name, [nc, 'PersonMiddleName']),
    textAt(name, [nc, 'PersonSurName']),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The name of a case participant's entity: its person or organization (references followed); null when none. */
export function entityName(holder: Element | null): string | null {
  const { nc } = niem4;
  const person = child(holder, nc, 'EntityPerson');
  if (person) return personName(person);
  return textAt(resolveRef(child(holder, nc, 'EntityOrganization')), [nc, 'OrganizationName']);
}
