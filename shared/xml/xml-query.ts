import type { Element } from '@xmldom/xmldom';

/** Namespace-aware reading of a parsed message: by namespace URI and local name, never by prefix. */

/** Child elements of `parent` with this namespace ('' for none) and local name, in document order. */
export function children(parent: Element | null | undefined, ns: string, local: string): Element[] {
  const found: Element[] = [];
  if (!parent) return found;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === local && ((node as Element).namespaceURI ?? '') === ns) found.push(node as Element);
  }
  return found;
}

/** The first such child, or null. */
export function child(parent: Element | null | undefined, ns: string, local: string): Element | null {
  return children(parent, ns, local)[0] ?? null;
}

/** Follows a path of [ns, local] steps through first children. */
export function path(parent: Element | null | undefined, ...steps: readonly (readonly [string, string])[]): Element | null {
  let current: Element | null = parent ?? null;
  for (const [ns, local] of steps) current = child(current, ns, local);
  return current;
}

/** Trimmed text of an element, or null when it is missing or empty. */
export function text(element: Element | null | undefined): string | null {
  const value = element?.textContent?.trim();
  return value ? value : null;
}

/** Trimmed text at a path, or null. */
export function textAt(parent: Element | null | undefined, ...steps: readonly (readonly [string, string])[]): string | null {
  return text(path(parent, ...steps));
}

/** All descendants with this namespace and local name (document order). */
export function descendants(root: Element, ns: string, local: string): Element[] {
  const list = root.getElementsByTagNameNS(ns, local);
  const found: Element[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list.item(i);
    if (item) found.push(item);
  }
  return found;
}

/** An attribute by namespace ('' for an unqualified one) and local name, or null. */
export function attr(element: Element | null | undefined, ns: string, local: string): string | null {
  if (!element) return null;
  return (ns === '' ? element.getAttribute(local) : element.getAttributeNS(ns, local)) || null;
}

/** The first child element of `parent`, whatever its name, or null. */
export function firstChildElement(parent: Element | null | undefined): Element | null {
  for (let node = parent?.firstChild ?? null; node; node = node.nextSibling) if (node.nodeType === 1) return node as Element;
  return null;
}

/** Every child element of `parent`, whatever its name, in document order. */
export function elementChildren(parent: Element | null | undefined): Element[] {
  const found: Element[] = [];
  for (let node = parent?.firstChild ?? null; node; node = node.nextSibling) if (node.nodeType === 1) found.push(node as Element);
  return found;
}
