/** A tiny, escaping XML builder for the messages we write: elements by namespace URI, serialised with fixed prefixes. */

/** An element to write. */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlChild[];
}

/** An attribute; `ns` null for an unqualified one. */
export interface XmlAttribute {
  readonly ns: string | null;
  readonly name: string;
  readonly value: string;
}

/** Well-formed XML copied verbatim (an embedded original message). Its namespaces must be declared within it. */
export interface RawXml {
  readonly raw: string;
}

/** Child content: an element, text, or raw XML; null/undefined/false are skipped, so optional parts read naturally. */
export type XmlChild = XmlElement | RawXml | string | null | undefined | false;

/** Builds an element. */
export function el(ns: string, name: string, ...children: readonly (XmlChild | readonly XmlChild[])[]): XmlElement {
  return { ns, name, attributes: [], children: children.flat() as XmlChild[] };
}

/** Builds an element with attributes. */
export function elAttrs(ns: string, name: string, attributes: readonly XmlAttribute[], ...children: readonly (XmlChild | readonly XmlChild[])[]): XmlElement {
  return { ns, name, attributes, children: children.flat() as XmlChild[] };
}

/** Builds an element only when `value` is present: `<x>value</x>`, else nothing. */
export function optional(ns: string, name: string, value: string | null | undefined): XmlElement | null {
  return value === null || value === undefined || value === '' ? null : el(ns, name, value);
}

/**
 * Serialises with the given prefixes (all declared on the root). Text and attribute values are escaped; characters
 * XML 1.0 forbids are dropped rather than producing a document nobody can parse.
 */
export function serializeXml(root: XmlElement, prefixes: Readonly<Record<string, string>>): string {
  const prefixOf = new Map(Object.entries(prefixes).map(([prefix, uri]) => [uri, prefix]));
  const qname = (ns: string, name: string): string => {
    // Unqualified (no namespace), as SOAP 1.1 fault children and Genericode rows are.
    if (ns === '') return name;
    const prefix = prefixOf.get(ns);
    if (prefix === undefined) throw new Error(`No prefix for namespace ${ns}`);
    return `${prefix}:${name}`;
  };
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (element: XmlElement, isRoot: boolean): void => {
    const name = qname(element.ns, element.name);
    out.push(`<${name}`);
    if (isRoot) for (const [prefix, uri] of Object.entries(prefixes)) out.push(` xmlns:${prefix}="${escapeXml(uri, true)}"`);
    for (const attribute of element.attributes) out.push(` ${attribute.ns ? qname(attribute.ns, attribute.name) : attribute.name}="${escapeXml(attribute.value, true)}"`);
    const children = element.children.filter((c): c is XmlElement | RawXml | string => c !== null && c !== undefined && c !== false);
    if (children.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const child of children) {
      if (typeof child === 'string') out.push(escapeXml(child, false));
      else if ('raw' in child) out.push(child.raw);
      else write(child, false);
    }
    out.push(`</${name}>`);
  };
  write(root, true);
  return out.join('');
}

/** Escapes text or an attribute value and drops characters XML 1.0 does not allow. */
export function escapeXml(value: string, attribute: boolean): string {
  // eslint-disable-next-line no-control-regex -- removing exactly the control characters XML 1.0 forbids
  const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  const escaped = clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : escaped.replace(/\r/g, '&#13;');
}

/** Embeds a complete XML document as raw content, without its XML declaration. */
export function rawXml(document: string): RawXml {
  return { raw: document.replace(/^\uFEFF?\s*<\?xml[^?]*\?>\s*/, '') };
}
