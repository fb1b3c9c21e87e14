import type { Element } from '@xmldom/xmldom';
import { attr, child, descendants, textAt } from '../xml/xml-query';
import { ns } from './namespaces';

const { nc, structures } = ns;

/**
 * The element a `structures:ref` points to (the element with that `structures:id` in the same document), or the
 * element itself when it carries no reference. NIEM messages name a person once and refer to them elsewhere.
 */
export function resolveRef(element: Element | null): Element | null {
  const ref = attr(element, structures, 'ref');
  if (!element || !ref) return element;
  const root = element.ownerDocument?.documentElement;
  if (!root) return element;
  return descendants(root, '*', '*').find((candidate) => attr(candidate, structures, 'id') === ref) ?? element;
}

/** A person's name: `nc:PersonFullName`, or the given, middle and surnames joined; null when it has none. */
export function personName(person: Element | null): string | null {
  const name = child(resolveRef(person), nc, 'PersonName');
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
  const person = child(holder, nc, 'EntityPerson');
  if (person) return personName(person);
  return textAt(resolveRef(child(holder, nc, 'EntityOrganization')), [nc, 'OrganizationName']);
}
