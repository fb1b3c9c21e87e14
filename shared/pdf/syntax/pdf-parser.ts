import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, PdfSyntaxError, type PdfValue } from './pdf-values';

const maxDepth = 64;
const maxCollection = 1_000_000;

// Character classes of PDF 32000-1, 7.2.2.
const whitespace = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) whitespace[c] = 1;
// `\n \r \t \b \f` in literal strings (7.3.4.2).
const escapes: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
const delimiter = new Uint8Array(256);
for (const c of '()<>[]{}/%') delimiter[c.charCodeAt(0)] = 1;

/** Resolves a stream's `/Length` when it is an indirect reference; null when it cannot. */
export type LengthResolver = (ref: PdfRef) => number | null;

/**
 * Reads PDF objects from bytes, starting anywhere: one value, or one indirect object `N G obj … endobj` with its
 * stream. Byte-level, no regular expressions; nesting and sizes are bounded, and anything malformed throws
 * {@link PdfSyntaxError} (hostile files cannot loop or exhaust memory).
 */
export class PdfParser {
  pos: number;

  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  /** Reads the indirect object at the current position; `expected` is checked when given. */
  indirectObject(expected?: PdfRef, length?: LengthResolver): { ref: PdfRef; value: PdfValue } {
    this.skipSpace();
    const num = this.#integer();
    this.skipSpace();
    const gen = this.#integer();
    this.skipSpace();
    if (!this.#keyword('obj')) throw new PdfSyntaxError(`object ${num} has no "obj" keyword`);
    if (expected && (expected.num !== num || expected.gen !== gen)) {
      throw new PdfSyntaxError(`object ${expected.num} is not where the cross-reference table says`);
    }
    const ref = new PdfRef(num, gen);
    let value = this.value();
    this.skipSpace();
    if (value instanceof PdfDict && this.#keyword('stream')) value = this.#streamBody(value, length);
    return { ref, value };
  }

  /** Reads one value (a reference `N G R` included). */
  value(depth = 0): PdfValue {
    if (depth > maxDepth) throw new PdfSyntaxError('objects are nested too deeply');
    this.skipSpace();
    if (this.pos >= this.end) throw new PdfSyntaxError('the file ends inside an object');
    const c = this.bytes[this.pos] as number;
    if (c === 0x2f) return this.#name();
    if (c === 0x28) return this.#literalString();
    if (c === 0x3c) return this.bytes[this.pos + 1] === 0x3c ? this.#dict(depth) : this.#hexString();
    if (c === 0x5b) return this.#array(depth);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return this.#numberOrRef();
    if (this.#keyword('true')) return true;
    if (this.#keyword('false')) return false;
    if (this.#keyword('null')) return null;
    throw new PdfSyntaxError(`unexpected "${String.fromCharCode(c)}" at byte ${this.pos}`);
  }

  /** Skips whitespace and comments. */
  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < this.end) {
      const c = b[this.pos] as number;
      if (whitespace[c]) this.pos++;
      else if (c === 0x25) while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** Consumes `word` when it is next (and not the start of a longer word). */
  #keyword(word: string): boolean {
    const b = this.bytes;
    for (let i = 0; i < word.length; i++) if (b[this.pos + i] !== word.charCodeAt(i)) return false;
    const after = b[this.pos + word.length];
    if (after !== undefined && this.pos + word.length < this.end && !whitespace[after] && !delimiter[after]) return false;
    this.pos += word.length;
    return true;
  }

  #integer(): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.end) {
      const c = this.bytes[this.pos] as number;
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      this.pos++;
    }
    if (this.pos === start || this.pos - start > 12) throw new PdfSyntaxError(`a number was expected at byte ${start}`);
    return value;
  }

  #numberOrRef(): number | PdfRef {
    const start = this.pos;
    const first = this.#number();
    if (!Number.isInteger(first) || first < 0 || this.bytes[start] === 0x2b) return first;
    // `N G R`: look ahead without committing.
    const mark = this.pos;
    this.skipSpace();
    const c = this.bytes[this.pos];
    if (c !== undefined && c >= 0x30 && c <= 0x39) {
      const gen = this.#number();
      const afterGen = this.pos;
      this.skipSpace();
      if (Number.isInteger(gen) && this.#keyword('R')) return new PdfRef(first, gen);
      this.pos = afterGen;
    }
    this.pos = mark;
    return first;
  }

  #number(): number {
    const b = this.bytes;
    const start = this.pos;
    let negative = false;
    if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) negative = b[this.pos++] === 0x2d;
    // Integers (nearly every number in a file's structure) are read without building a string.
    let value = 0;
    let digits = 0;
    while (this.pos < this.end) {
      const c = b[this.pos] as number;
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      this.pos++;
      digits++;
    }
    if (b[this.pos] !== 0x2e) {
      if (digits === 0 || digits > 40) throw new PdfSyntaxError(`a malformed number at byte ${start}`);
      return negative ? -value : value;
    }
    this.pos++;
    let scale = 1;
    while (this.pos < this.end) {
      const c = b[this.pos] as number;
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      scale *= 10;
      this.pos++;
      digits++;
    }
    // Readers take "--5" or "1.2.3" in various ways; we take none of them.
    if (digits === 0 || digits > 40 || b[this.pos] === 0x2e) throw new PdfSyntaxError(`a malformed number at byte ${start}`);
    return (negative ? -value : value) / scale;
  }

  #name(): PdfName {
    const b = this.bytes;
    this.pos++;
    let text = '';
    while (this.pos < this.end) {
      const c = b[this.pos] as number;
      if (whitespace[c] || delimiter[c]) break;
      if (c === 0x23 && this.pos + 2 < this.end) {
        const code = Number.parseInt(String.fromCharCode(b[this.pos + 1] as number, b[this.pos + 2] as number), 16);
        if (Number.isNaN(code)) throw new PdfSyntaxError(`a malformed name at byte ${this.pos}`);
        text += String.fromCharCode(code);
        this.pos += 3;
      } else {
        text += String.fromCharCode(c);
        this.pos++;
      }
      if (text.length > 4096) throw new PdfSyntaxError('a name is too long');
    }
    return PdfName.of(text);
  }

  #literalString(): PdfString {
    const b = this.bytes;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.end) {
      let c = b[this.pos++] as number;
      if (c === 0x5c) {
        c = b[this.pos++] as number;
        if (escapes[c] !== undefined) out.push(escapes[c] as number);
        else if (c >= 0x30 && c <= 0x37) {
          let code = c - 0x30;
          for (let i = 0; i < 2 && (b[this.pos] as number) >= 0x30 && (b[this.pos] as number) <= 0x37; i++) code = code * 8 + ((b[this.pos++] as number) - 0x30);
          out.push(code & 0xff);
        } else if (c === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (c !== 0x0a) out.push(c);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) return new PdfString(Uint8Array.from(out));
      out.push(c);
      if (out.length > 16 * 1024 * 1024) throw new PdfSyntaxError('a string is too long');
    }
    throw new PdfSyntaxError('the file ends inside a string');
  }

  #hexString(): PdfString {
    const b = this.bytes;
    this.pos++;
    const out: number[] = [];
    let high = -1;
    while (this.pos < this.end) {
      const c = b[this.pos++] as number;
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4);
        return new PdfString(Uint8Array.from(out));
      }
      if (whitespace[c]) continue;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (digit < 0) throw new PdfSyntaxError(`a malformed hexadecimal string at byte ${this.pos - 1}`);
      if (high < 0) high = digit;
      else {
        out.push((high << 4) | digit);
        high = -1;
      }
    }
    throw new PdfSyntaxError('the file ends inside a string');
  }

  #array(depth: number): PdfValue[] {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end) throw new PdfSyntaxError('the file ends inside an array');
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++;
        return items;
      }
      items.push(this.value(depth + 1));
      if (items.length > maxCollection) throw new PdfSyntaxError('an array is too long');
    }
  }

  #dict(depth: number): PdfDict {
    this.pos += 2;
    const dict = new PdfDict();
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end) throw new PdfSyntaxError('the file ends inside a dictionary');
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return dict;
      }
      if (this.bytes[this.pos] !== 0x2f) throw new PdfSyntaxError(`a dictionary key is not a name at byte ${this.pos}`);
      const key = this.#name().name;
      dict.set(key, this.value(depth + 1));
      if (dict.map.size > maxCollection) throw new PdfSyntaxError('a dictionary is too long');
    }
  }

  #streamBody(dict: PdfDict, length?: LengthResolver): PdfStream {
    const b = this.bytes;
    // "stream" is followed by CRLF or LF (7.3.8.1); a lone CR is tolerated.
    if (b[this.pos] === 0x0d) this.pos++;
    if (b[this.pos] === 0x0a) this.pos++;
    const start = this.pos;
    const declared = dict.get('Length');
    const size = typeof declared === 'number' ? declared : declared instanceof PdfRef && length ? length(declared) : null;
    if (size !== null && Number.isInteger(size) && size >= 0 && start + size <= this.end && endsStream(b, start + size)) {
      this.pos = start + size;
      return new PdfStream(dict, b.subarray(start, start + size));
    }
    // A wrong /Length: the data runs to "endstream", as every reader recovers it.
    const at = indexOfBytes(b, 'endstream', start, this.end);
    if (at < 0) throw new PdfSyntaxError('a stream has no end');
    let stop = at;
    if (b[stop - 1] === 0x0a) stop--;
    if (b[stop - 1] === 0x0d) stop--;
    this.pos = at;
    return new PdfStream(dict, b.subarray(start, stop));
  }
}

function endsStream(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (i < bytes.length && whitespace[bytes[i] as number]) i++;
  return indexOfBytes(bytes, 'endstream', i, Math.min(bytes.length, i + 9)) === i;
}

/** Position of the ASCII `needle` in `bytes[from, to)`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: string, from: number, to = bytes.length): number {
  const first = needle.charCodeAt(0);
  const last = to - needle.length;
  outer: for (let i = Math.max(0, from); i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Position of the last ASCII `needle` in `bytes[from, to)`, or -1. */
export function lastIndexOfBytes(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = to - needle.length; i >= from; i--) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** True when `N G obj` starts at `at` (after optional whitespace) for exactly this object. Byte by byte: it runs once
 * per cross-reference entry. */
export function objectHeaderAt(bytes: Uint8Array, at: number, num: number, gen: number): boolean {
  if (at <= 0 || at >= bytes.length) return false;
  const end = Math.min(bytes.length, at + 64);
  let i = at;
  while (i < end && whitespace[bytes[i] as number]) i++;
  i = integerEndingAt(bytes, i, end, num);
  if (i < 0 || !whitespace[bytes[i] as number]) return false;
  while (i < end && whitespace[bytes[i] as number]) i++;
  i = integerEndingAt(bytes, i, end, gen);
  if (i < 0 || !whitespace[bytes[i] as number]) return false;
  while (i < end && whitespace[bytes[i] as number]) i++;
  return bytes[i] === 0x6f && bytes[i + 1] === 0x62 && bytes[i + 2] === 0x6a;
}

/** The position after the decimal integer at `i` when it equals `expected`; -1 otherwise. */
function integerEndingAt(bytes: Uint8Array, start: number, end: number, expected: number): number {
  let i = start;
  let value = 0;
  while (i < end) {
    const c = bytes[i] as number;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + c - 0x30;
    i++;
  }
  return i > start && value === expected ? i : -1;
}
