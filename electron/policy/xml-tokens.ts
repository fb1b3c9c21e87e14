/** Why a document could not be tokenized, in words. */
export class XmlTokenError extends Error {}

/** What the tokenizer reports. */
export interface XmlTokenHandlers {
  /** An element opens: its qualified name and its attributes as [name, value, name, value…] (values decoded). */
  open(name: string, attributes: readonly string[]): void;
  /** The element last opened closes. */
  close(name: string): void;
  /** Character data inside the open element (entities decoded, CDATA as is); only asked for when `wantText()`. */
  text(value: string): void;
  /** True while the handler keeps text (others are skipped unread: most text in a code list is indentation). */
  wantText(): boolean;
}

const maxPendingChars = 4 * 1024 * 1024;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A streaming XML tokenizer for large, flat documents such as Genericode code lists: it scans with `indexOf`
 * rather than character by character, so a 100 MB list reads in about a second. It checks what makes a document
 * well-formed for this use (tags balanced and named alike, one root, attributes quoted, entities known) and refuses
 * any DOCTYPE, so no entity is ever declared or expanded. Feed text with {@link write}; call {@link end} last.
 */
export class XmlTokenizer {
  #buffer = '';
  #started = false;
  #rootClosed = false;
  readonly #stack: string[] = [];

  constructor(private readonly handlers: XmlTokenHandlers) {}

  /** Feeds the next piece of text; throws {@link XmlTokenError} when the document is not well-formed. */
  write(text: string): void {
    let buffer = this.#buffer.length > 0 ? this.#buffer + text : text;
    if (!this.#started && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      this.#started = true;
    }
    this.#buffer = buffer.slice(this.#scan(buffer));
    // A tag, comment or text run this long is not a code list: refuse it before it fills memory.
    if (this.#buffer.length > maxPendingChars)
      throw new XmlTokenError(`markup or text longer than ${maxPendingChars / 1024 / 1024} M characters`);
  }

  /** Ends the document: every element closed, a root seen, nothing left over. */
  end(): void {
    if (this.#buffer.trim() !== '')
      throw new XmlTokenError(`the document ends inside markup: "${this.#buffer.slice(0, 40)}"`);
    if (this.#stack.length > 0) throw new XmlTokenError(`the document ends before </${this.#stack.at(-1) ?? ''}>`);
    if (!this.#rootClosed) throw new XmlTokenError('the document has no root element');
  }

  /** Reads every complete token from `buffer`; returns where the incomplete rest starts. */
  #scan(buffer: string): number {
    let at = 0;
    for (;;) {
      const lt = buffer.indexOf('<', at);
      if (lt === -1) {
        // Text runs on until the next '<'; it is taken when that arrives (an entity may be cut in two).
        this.#outsideText(buffer, at, buffer.length, true);
        return at;
      }
      if (lt > at) this.#outsideText(buffer, at, lt, false);
      at = lt;
      const next = buffer.charCodeAt(at + 1);
      if (Number.isNaN(next)) return at;
      if (next === 0x21 /* ! */) {
        if (buffer.startsWith('<!--', at)) {
          const end = buffer.indexOf('-->', at + 4);
          if (end === -1) return at;
          at = end + 3;
        } else if (buffer.startsWith('<![CDATA[', at)) {
          const end = buffer.indexOf(']]>', at + 9);
          if (end === -1) return at;
          if (this.#stack.length === 0) throw new XmlTokenError('character data outside the root element');
          if (this.handlers.wantText()) this.handlers.text(buffer.slice(at + 9, end));
          at = end + 3;
        } else if (buffer.length - at < 9) {
          return at;
        } else {
          throw new XmlTokenError(
            buffer.startsWith('<!DOCTYPE', at) ? 'DOCTYPE' : `unexpected markup "${buffer.slice(at, at + 12)}"`,
          );
        }
      } else if (next === 0x3f /* ? */) {
        const end = buffer.indexOf('?>', at + 2);
        if (end === -1) return at;
        at = end + 2;
      } else if (next === 0x2f /* / */) {
        const end = buffer.indexOf('>', at + 2);
        if (end === -1) return at;
        this.#close(buffer.slice(at + 2, end).trim());
        at = end + 1;
      } else {
        const end = tagEnd(buffer, at + 1);
        if (end === -1) return at;
        this.#open(buffer, at + 1, end);
        at = end + 1;
      }
    }
  }

  #outsideText(buffer: string, from: number, to: number, partial: boolean): void {
    if (partial) return;
    if (this.#stack.length === 0) {
      if (buffer.slice(from, to).trim() !== '') throw new XmlTokenError('text outside the root element');
      return;
    }
    if (this.handlers.wantText()) this.handlers.text(decodeEntities(buffer.slice(from, to)));
  }

  #open(buffer: string, start: number, end: number): void {
    const selfClosing = buffer.charCodeAt(end - 1) === 0x2f;
    const stop = selfClosing ? end - 1 : end;
    let nameEnd = start;
    while (nameEnd < stop && !isSpace(buffer.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === start)
      throw new XmlTokenError(`an element without a name: "<${buffer.slice(start, Math.min(end, start + 40))}>"`);
    const name = buffer.slice(start, nameEnd);
    if (this.#rootClosed) throw new XmlTokenError(`a second root element <${name}>`);
    const attributes = nameEnd < stop ? readAttributes(buffer.slice(nameEnd, stop), name) : noAttributes;
    this.#stack.push(name);
    this.handlers.open(name, attributes);
    if (selfClosing) this.#close(name);
  }

  #close(name: string): void {
    const open = this.#stack.pop();
    if (open !== name) throw new XmlTokenError(open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`);
    this.handlers.close(name);
    if (this.#stack.length === 0) this.#rootClosed = true;
  }
}

const noAttributes: readonly string[] = [];

/** The value of attribute `key` in an attribute list from the tokenizer, or undefined. */
export function attributeValue(attributes: readonly string[], key: string): string | undefined {
  for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === key) return attributes[i + 1];
  return undefined;
}

function malformed(name: string): XmlTokenError {
  return new XmlTokenError(`a malformed attribute in <${name}>`);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The attributes of a start tag (the text after its name), each once, values decoded. */
function readAttributes(rest: string, name: string): readonly string[] {
  const attributes: string[] = [];
  let i = 0;
  for (;;) {
    while (i < rest.length && isSpace(rest.charCodeAt(i))) i++;
    if (i >= rest.length) return attributes;
    const equals = rest.indexOf('=', i);
    if (equals === -1) throw malformed(name);
    const key = rest.slice(i, equals).trim();
    if (key === '' || /[\s"'<>]/.test(key)) throw malformed(name);
    let open = equals + 1;
    while (open < rest.length && isSpace(rest.charCodeAt(open))) open++;
    const quote = rest[open];
    if (quote !== '"' && quote !== "'") throw malformed(name);
    const close = rest.indexOf(quote, open + 1);
    if (close === -1) throw malformed(name);
    if (attributeValue(attributes, key) !== undefined) throw new XmlTokenError(`attribute ${key} twice in <${name}>`);
    attributes.push(key, decodeEntities(rest.slice(open + 1, close)));
    i = close + 1;
    // Attributes are separated by white space.
    if (i < rest.length && !isSpace(rest.charCodeAt(i))) throw malformed(name);
  }
}

/** Where a start tag that begins at `from` ends ('>' outside quotes), or -1 when it has not arrived yet. */
function tagEnd(buffer: string, from: number): number {
  let quote = 0;
  for (let i = from; i < buffer.length; i++) {
    const c = buffer.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return i;
    } else if (c === 0x3c) {
      throw new XmlTokenError('"<" inside a tag');
    }
  }
  return -1;
}

/** Decodes the five XML entities and character references; any other entity is refused (none is declared). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{1,10});|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new XmlTokenError('a bare "&" in text');
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff)
        throw new XmlTokenError(`a bad character reference ${whole}`);
      return String.fromCodePoint(code);
    }
    const known = entities[name];
    if (known === undefined) throw new XmlTokenError(`an undeclared entity ${whole}`);
    return known;
  });
}
