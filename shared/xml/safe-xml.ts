import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../result';

/** Why an XML message was refused; shown to court IT and mapped to typed IPC/SOAP errors. */
export interface XmlError {
  readonly kind: 'too-large' | 'doctype' | 'not-well-formed' | 'too-deep' | 'empty';
  readonly message: string;
}

/** Limits applied before and after parsing. */
export interface XmlLimits {
  /** Largest message accepted, in UTF-16 code units of the text (binaries travel as MTOM, not inline). */
  readonly maxChars: number;
  /** Deepest element nesting accepted. ECF messages stay under 30 levels. */
  readonly maxDepth: number;
}

/** Defaults for ECF messages. */
export const defaultXmlLimits: XmlLimits = { maxChars: 32 * 1024 * 1024, maxDepth: 200 };

/**
 * Parses untrusted XML without ever resolving entities or DTDs: any DOCTYPE is refused outright (ECF messages never
 * carry one, and it is the door to entity-expansion and external-entity attacks), as are oversized, deeply nested
 * and malformed documents. Never throws.
 */
export function parseXml(text: string, limits: XmlLimits = defaultXmlLimits): Result<Element, XmlError> {
  if (text.length > limits.maxChars) return err({ kind: 'too-large', message: `The message is ${text.length} characters; the limit is ${limits.maxChars}.` });
  if (text.trim() === '') return err({ kind: 'empty', message: 'The message is empty.' });
  if (hasDoctype(text)) return err({ kind: 'doctype', message: 'The message contains a DOCTYPE declaration, which is refused (entity expansion risk).' });
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    return err({ kind: 'not-well-formed', message: `The message is not well-formed XML: ${firstLine(error)}` });
  }
  const root = document.documentElement;
  if (!root) return err({ kind: 'not-well-formed', message: 'The message has no root element.' });
  const depth = maxDepth(root, limits.maxDepth);
  if (depth > limits.maxDepth) return err({ kind: 'too-deep', message: `The message nests elements more than ${limits.maxDepth} levels deep.` });
  return ok(root);
}

/**
 * True when the prolog (before the root element) holds a DOCTYPE. Scanned by hand: a regular expression over
 * comments and processing instructions backtracks exponentially on hostile input.
 */
function hasDoctype(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = end + 3;
    } else {
      return text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE';
    }
  }
}

/** Depth of the element tree, walked iteratively (a hostile document cannot overflow the stack); stops past `limit`. */
function maxDepth(root: Element, limit: number): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop() as [Element, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child as Element, depth + 1]);
    }
  }
  return deepest;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  // xmldom wraps the parser's own words as: Reporting fatalError "…" caused Error: …
  return (/^Reporting \w+ "(.*)" caused /.exec(line)?.[1] ?? line).slice(0, 200);
}
