/**
 * The PDF object model of the lazy reader and the incremental writer (PDF 32000-1, 7.3): numbers, booleans and
 * null are JavaScript values; names, strings, references, arrays, dictionaries and streams are the classes below.
 */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

/** A name (`/Type`); the text is the decoded name, without the slash. Interned: compare with `===` or `.is()`. */
export class PdfName {
  static readonly #interned = new Map<string, PdfName>();
  private constructor(readonly name: string) {}

  /** The one instance of this name. */
  static of(name: string): PdfName {
    let found = PdfName.#interned.get(name);
    if (!found) {
      found = new PdfName(name);
      if (PdfName.#interned.size < 10_000) PdfName.#interned.set(name, found);
    }
    return found;
  }

  /** True when this is the name `name`. */
  is(name: string): boolean {
    return this.name === name;
  }
}

/** A string object, kept as bytes (literal or hexadecimal in the file; always written as hexadecimal). */
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}

  /** A string of Latin-1 text (the ASCII we write: annotation names, contents). */
  static latin1(text: string): PdfString {
    return new PdfString(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
  }

  /** A text string (7.9.2.2): Latin-1 bytes when every character fits, UTF-16BE with a byte-order mark otherwise. */
  static fromText(text: string): PdfString {
    if ([...text].every((c) => c.charCodeAt(0) < 0x80)) return PdfString.latin1(text);
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xfe;
    bytes[1] = 0xff;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) >> 8;
      bytes[3 + i * 2] = text.charCodeAt(i) & 0xff;
    }
    return new PdfString(bytes);
  }

  /** Text as a PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (read here as Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode(((b[i] as number) << 8) | (b[i + 1] as number));
      return out;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
    return String.fromCharCode(...b);
  }
}

/** An indirect reference `N G R`. */
export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}
}

/** A dictionary; keys are decoded names without the slash. */
export class PdfDict {
  readonly map: Map<string, PdfValue>;

  constructor(entries?: Iterable<readonly [string, PdfValue]>) {
    this.map = new Map(entries);
  }

  /** The value under `key` as written (a reference stays a reference). */
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }

  /** Sets `key`. */
  set(key: string, value: PdfValue): void {
    this.map.set(key, value);
  }

  /** True when `key` is present. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** A copy whose direct dictionaries and arrays are copies too, so editing it never touches the original. */
  clone(): PdfDict {
    return new PdfDict([...this.map].map(([key, value]) => [key, cloneValue(value)] as const));
  }
}

/** A stream: its dictionary and its bytes as stored (still encoded by the dictionary's filters). */
export class PdfStream {
  constructor(readonly dict: PdfDict, readonly data: Uint8Array) {}
}

/** A deep copy of the direct parts of a value (references and streams are shared). */
export function cloneValue(value: PdfValue): PdfValue {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (value instanceof PdfDict) return value.clone();
  return value;
}

/** Why the lazy reader could not read a file; the message is for the clerk-facing "damaged" sentence. */
export class PdfSyntaxError extends Error {}

/** The value as a number, or null. */
export function asNumber(value: PdfValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The value as a name's text, or null. */
export function asName(value: PdfValue | undefined): string | null {
  return value instanceof PdfName ? value.name : null;
}
