import { DOMImplementation, type Document, type Element } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { err, ok, type Result } from '../result';

/** Why an XML message was refused; shown to court IT and mapped to typed IPC/SOAP errors. */
export interface XmlError {
  readonly kind: 'too-large' | 'doctype' | 'not-well-formed' | 'too-deep' | 'empty' | 'too-many-attributes';
  readonly message: string;
}

/** Limits applied before and after parsing. */
export interface XmlLimits {
  /** Largest message accepted, in UTF-16 code units of the text (binaries travel as MTOM, not inline). */
  readonly maxChars: number;
  /** Deepest element nesting accepted. ECF messages stay under 30 levels. */
  readonly maxDepth: number;
  /** Most attributes on one element (ECF elements carry a handful; xmldom's attribute insert is linear in them). */
  readonly maxAttributesPerElement?: number;
  /** Most attributes in the whole message. */
  readonly maxAttributes?: number;
}

/** Defaults for ECF messages. */
export const defaultXmlLimits: XmlLimits = { maxChars: 32 * 1024 * 1024, maxDepth: 200, maxAttributesPerElement: 256, maxAttributes: 1_000_000 };

/**
 * Parses untrusted XML without ever resolving entities or DTDs: any DOCTYPE is refused outright (ECF messages never
 * carry one, and it is the door to entity-expansion and external-entity attacks), as are oversized, deeply nested
 * and malformed documents. Never throws.
 */
export function parseXml(text: string, limits: XmlLimits = defaultXmlLimits): Result<Element, XmlError> {
  if (text.length > limits.maxChars) return err({ kind: 'too-large', message: `The message is ${text.length} characters; the limit is ${limits.maxChars}.` });
  if (text.trim() === '') return err({ kind: 'empty', message: 'The message is empty.' });
  if (hasDoctype(text)) return err({ kind: 'doctype', message: 'The message contains a DOCTYPE declaration, which is refused (entity expansion risk).' });
  let root: Element;
  try {
    root = buildDom(text, limits);
  } catch (error) {
    if (error instanceof TooManyAttributesError) return err({ kind: 'too-many-attributes', message: error.message });
    if (error instanceof TooDeepError) return err({ kind: 'too-deep', message: `The message nests elements more than ${limits.maxDepth} levels deep.` });
    return err({ kind: 'not-well-formed', message: `The message is not well-formed XML: ${firstLine(error)}` });
  }
  return ok(root);
}

/** Where a prefix parse stops: the first element with this local name in one of these namespaces. */
export interface StopAt {
  readonly uris: readonly string[];
  readonly local: string;
}

/**
 * Parses only the start of an untrusted message, up to (not into) the first element named `stopAt`: what a server
 * needs to authenticate a request from its SOAP header before it reads or parses the rest. Refused when `stopAt`
 * does not start within `text` (the header is missing or larger than the prefix). Never throws.
 */
export function parseXmlPrefix(text: string, stopAt: StopAt, limits: XmlLimits = defaultXmlLimits): Result<Element, XmlError> {
  if (text.trim() === '') return err({ kind: 'empty', message: 'The message is empty.' });
  if (hasDoctype(text)) return err({ kind: 'doctype', message: 'The message contains a DOCTYPE declaration, which is refused (entity expansion risk).' });
  try {
    buildDom(text, limits, stopAt);
  } catch (error) {
    if (error instanceof StopParsing) return ok(error.root);
    if (error instanceof TooManyAttributesError) return err({ kind: 'too-many-attributes', message: error.message });
    if (error instanceof TooDeepError) return err({ kind: 'too-deep', message: `The message nests elements more than ${limits.maxDepth} levels deep.` });
    return err({ kind: 'not-well-formed', message: `The start of the message is not well-formed XML: ${firstLine(error)}` });
  }
  return err({ kind: 'too-large', message: `The message's header does not end within its first ${text.length} characters.` });
}

/** What a streaming pass is told: each element opened (namespace and local name), its text, and each close. */
export interface XmlStreamHandlers {
  open(uri: string, local: string, depth: number): void;
  text(value: string): void;
  close(uri: string, local: string, depth: number): void;
}

/**
 * Reads untrusted XML in one streaming pass, without building a DOM, under the same refusals as {@link parseXml}
 * (no DOCTYPE, size, depth and attribute limits, well-formedness): for bulk answers whose fields the caller collects
 * itself. A handler may throw to stop; its error is returned as not-well-formed. Never throws.
 */
export function streamXml(text: string, handlers: XmlStreamHandlers, limits: XmlLimits = defaultXmlLimits): Result<void, XmlError> {
  if (text.length > limits.maxChars) return err({ kind: 'too-large', message: `The message is ${text.length} characters; the limit is ${limits.maxChars}.` });
  if (text.trim() === '') return err({ kind: 'empty', message: 'The message is empty.' });
  if (hasDoctype(text)) return err({ kind: 'doctype', message: 'The message contains a DOCTYPE declaration, which is refused (entity expansion risk).' });
  // No line and column tracking: a bulk pass is read for its values, and refusals name what is wrong, not where.
  const { parser, failure } = guardedParser(limits, false);
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > limits.maxDepth) throw new TooDeepError();
    handlers.open(tag.uri ?? '', tag.local ?? tag.name, depth);
  });
  parser.on('closetag', (tag) => {
    handlers.close(tag.uri ?? '', tag.local ?? tag.name, depth);
    depth -= 1;
  });
  parser.on('text', (value) => handlers.text(value));
  parser.on('cdata', (value) => handlers.text(value));
  try {
    parser.write(text);
    const broken = failure();
    if (broken) throw broken;
    parser.close();
    const atEnd = failure();
    if (atEnd) throw atEnd;
  } catch (error) {
    if (error instanceof TooManyAttributesError) return err({ kind: 'too-many-attributes', message: error.message });
    if (error instanceof TooDeepError) return err({ kind: 'too-deep', message: `The message nests elements more than ${limits.maxDepth} levels deep.` });
    return err({ kind: 'not-well-formed', message: `The message is not well-formed XML: ${firstLine(error)}` });
  }
  return ok(undefined);
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

/**
 * A namespace-aware saxes parser with the attribute limits installed, and the first error it reported. Attributes
 * are counted as each is read, so a hostile tag is refused at the first attribute over a limit, before saxes has
 * read (and checked for duplicates) the rest of it.
 */
function guardedParser(limits: XmlLimits, position: boolean): { parser: SaxesParser<{ xmlns: true; position: boolean }>; failure: () => Error | null } {
  const perElement = limits.maxAttributesPerElement ?? Infinity;
  let attributesLeft = limits.maxAttributes ?? Infinity;
  const parser = new SaxesParser({ xmlns: true, position });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  let onThisElement = 0;
  parser.on('opentagstart', () => {
    onThisElement = 0;
  });
  parser.on('attribute', () => {
    if (++onThisElement > perElement) throw new TooManyAttributesError(`An element carries more than ${perElement} attributes, the limit.`);
    if (--attributesLeft < 0) throw new TooManyAttributesError(`The message carries more than ${limits.maxAttributes ?? 0} attributes, the limit.`);
  });
  return { parser, failure: () => failure };
}

class TooDeepError extends Error {}
class TooManyAttributesError extends Error {}
class StopParsing extends Error {
  constructor(readonly root: Element) {
    super('stop');
  }
}

/**
 * Parses with saxes (strict, namespace-aware, about twice as fast as xmldom's own parser on large answers) into
 * xmldom nodes, so the rest of the app and xml-crypto see one DOM. Depth is checked while parsing: a hostile
 * document is refused before it is built.
 */
function buildDom(text: string, limits: XmlLimits, stopAt?: StopAt): Element {
  const maxDepth = limits.maxDepth;
  const document = new DOMImplementation().createDocument(null, '');
  const stack: (Document | Element)[] = [document];
  const { parser, failure } = guardedParser(limits, true);
  parser.on('opentag', (tag) => {
    if (stack.length > maxDepth) throw new TooDeepError();
    if (stopAt && document.documentElement && tag.local === stopAt.local && stopAt.uris.includes(tag.uri)) throw new StopParsing(document.documentElement);
    const attributes = Object.values(tag.attributes);
    const element = document.createElementNS(tag.uri || null, tag.name);
    for (const attribute of attributes) {
      // Namespace declarations are recreated by the serializer where needed.
      if (attribute.uri === 'http://www.w3.org/2000/xmlns/' || attribute.name === 'xmlns') continue;
      element.setAttributeNS(attribute.uri || null, attribute.name, attribute.value);
    }
    (stack.at(-1) as Element).appendChild(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (value: string): void => {
    if (stack.length > 1) (stack.at(-1) as Element).appendChild(document.createTextNode(value));
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text);
  const broken = failure();
  if (broken) throw broken;
  // A prefix has no end to check: only what it holds must be well-formed.
  if (!stopAt) parser.close();
  const atEnd = failure();
  if (atEnd) throw atEnd;
  const root = document.documentElement;
  if (!root) throw new Error('missing root element');
  return root;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  // xmldom wraps the parser's own words as: Reporting fatalError "…" caused Error: …
  return (/^Reporting \w+ "(.*)" caused /.exec(line)?.[1] ?? line).slice(0, 200);
}
