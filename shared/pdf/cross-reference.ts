import type { BytesOnDemand } from './bytes-on-demand';
import { indexOfBytes, lastIndexOfBytes, objectHeaderAt, PdfParser } from './syntax/pdf-parser';
import { asName, asNumber, PdfDict, PdfStream, PdfSyntaxError } from './syntax/pdf-values';
import { decodeStream } from './syntax/stream-filters';

/** Where one object lives, as a cross-reference section says (PDF 32000-1, 7.5.4 and 7.5.8). */
export type XrefEntry =
  | { readonly type: 'free' }
  | { readonly type: 'offset'; readonly at: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };

/** The entries of one section, looked up one object at a time (a cross-reference stream is not unpacked whole). */
export interface XrefEntries {
  get(num: number): XrefEntry | undefined;
  /** Every entry, in object order within each subsection. */
  forEach(visit: (num: number, entry: XrefEntry) => void): void;
  /** Every in-use entry with its offset, without building entry objects (the full check runs over all of them). */
  forEachOffset(visit: (num: number, at: number, gen: number) => void): void;
  /** One past the highest object number listed. */
  readonly end: number;
}

/** One cross-reference section: the original file's, or one incremental update's. */
export interface XrefSection {
  /** Byte offset of the section (`xref` keyword or cross-reference stream object). */
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly entries: XrefEntries;
  /** The trailer dictionary (the stream's dictionary for a cross-reference stream). */
  readonly trailer: PdfDict;
}

/** What the full cross-reference check found: every section from `startxref` back through `/Prev`. */
export interface CrossReferenceCheck {
  /** Sections read (the original and one per incremental update). */
  readonly sections: number;
  /** In-use entries whose offset was checked. */
  readonly entries: number;
  /** Entries that do not point at their object, and sections that could not be read, in words (at most 5). */
  readonly problems: string[];
}

const maxSections = 1000;

/** The offset after the last `startxref` in the file's tail, or null. */
export function findStartXref(bytes: Uint8Array): number | null {
  const at = lastIndexOfBytes(bytes, 'startxref', Math.max(0, bytes.length - 4096));
  if (at < 0) return null;
  const parser = new PdfParser(bytes, at + 'startxref'.length);
  try {
    const offset = parser.value();
    return typeof offset === 'number' && Number.isInteger(offset) ? offset : null;
  } catch {
    return null;
  }
}

/**
 * Reads the cross-reference chain, newest section first: classic tables (with a hybrid file's `/XRefStm`) and
 * cross-reference streams (FlateDecode, PNG predictors). Throws {@link PdfSyntaxError} on a section it cannot read.
 */
export function readXrefSections(bytes: Uint8Array, onDemand?: BytesOnDemand): XrefSection[] {
  let offset = findStartXref(bytes);
  if (offset === null) throw new PdfSyntaxError('its cross-reference offset is missing');
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  while (offset !== null) {
    if (seen.has(offset) || seen.size > maxSections) throw new PdfSyntaxError('its cross-reference sections point at each other in a loop');
    seen.add(offset);
    const section = readSection(bytes, offset, onDemand);
    sections.push(section);
    const previous = asNumber(section.trailer.get('Prev'));
    offset = previous === null ? null : previous;
  }
  return sections;
}

/** Where object `num` is now: the newest section that lists it wins. */
export function findEntry(sections: readonly XrefSection[], num: number): XrefEntry | undefined {
  for (const section of sections) {
    const entry = section.entries.get(num);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * Follows the file's cross-reference chain and checks that every in-use entry points at `N G obj`. A reader that
 * trusts the table (most do, pdf.js and Acrobat among them) finds objects only where these entries say; a stamp
 * appended to a file whose table is wrong can vanish in those readers. Never throws.
 */
export function checkCrossReference(bytes: Uint8Array, read?: readonly XrefSection[], onDemand?: BytesOnDemand): CrossReferenceCheck {
  let sections: readonly XrefSection[];
  try {
    // A reader that has the chain already (LazyPdf) passes it, so it is not read twice.
    sections = read ?? readXrefSections(bytes);
  } catch (error) {
    return { sections: 0, entries: 0, problems: [(error as Error).message] };
  }
  const problems: string[] = [];
  let entries = 0;
  for (const section of sections) {
    section.entries.forEachOffset((num, at, gen) => {
      if (problems.length >= 5) return;
      entries += 1;
      onDemand?.ensure(at, at + 32);
      if (!objectHeaderAt(bytes, at, num, gen)) problems.push(`object ${num} is not at offset ${at}, where its cross-reference entry says`);
    });
  }
  return { sections: sections.length, entries, problems };
}

function readSection(bytes: Uint8Array, offset: number, onDemand?: BytesOnDemand): XrefSection {
  if (offset <= 0 || offset >= bytes.length) throw new PdfSyntaxError('a cross-reference offset points outside the file');
  onDemand?.ensure(offset, offset + 1);
  const parser = new PdfParser(bytes, offset);
  parser.skipSpace();
  if (indexOfBytes(bytes, 'xref', parser.pos, parser.pos + 4) === parser.pos) return readTable(bytes, parser.pos, onDemand);
  const value = (() => {
    try {
      return parser.indirectObject().value;
    } catch {
      throw new PdfSyntaxError('a cross-reference section is not where the file says');
    }
  })();
  onDemand?.ensure(offset, parser.pos);
  if (!(value instanceof PdfStream) || asName(value.dict.get('Type')) !== 'XRef') {
    throw new PdfSyntaxError('a cross-reference section is not where the file says');
  }
  return { offset, kind: 'stream', entries: readStreamEntries(value), trailer: value.dict };
}

function readTable(bytes: Uint8Array, at: number, onDemand?: BytesOnDemand): XrefSection {
  const cursor = { pos: at + 4 };
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    skipWhite(bytes, cursor);
    if (indexOfBytes(bytes, 'trailer', cursor.pos, cursor.pos + 7) === cursor.pos) break;
    const first = readDigits(bytes, cursor);
    skipWhite(bytes, cursor);
    const count = readDigits(bytes, cursor);
    if (first === null || count === null) throw new PdfSyntaxError('a cross-reference table has a malformed entry');
    for (let i = 0; i < count; i++) {
      skipWhite(bytes, cursor);
      const position = readDigits(bytes, cursor);
      skipWhite(bytes, cursor);
      const gen = readDigits(bytes, cursor);
      skipWhite(bytes, cursor);
      const kind = bytes[cursor.pos++];
      if (position === null || gen === null || (kind !== 0x6e && kind !== 0x66)) throw new PdfSyntaxError('a cross-reference table has a malformed entry');
      // Object 0 is the head of the free list; a table starting at 1 where it means 0 is a common writer bug.
      if (!entries.has(first + i)) entries.set(first + i, kind === 0x6e ? { type: 'offset', at: position, gen } : { type: 'free' });
    }
  }
  const parser = new PdfParser(bytes, cursor.pos + 'trailer'.length);
  let trailer: unknown;
  try {
    trailer = parser.value();
  } catch {
    throw new PdfSyntaxError('a cross-reference table has no trailer');
  }
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('a cross-reference table has no trailer');
  const table = mapEntries(entries);
  // A hybrid file (7.5.8.4): its stream's entries fill in what the table marks free or leaves out.
  const hybrid = asNumber(trailer.get('XRefStm'));
  if (hybrid === null) return { offset: at, kind: 'table', entries: table, trailer };
  const stream = readSection(bytes, hybrid, onDemand).entries;
  const combined: XrefEntries = {
    get: (num) => {
      const own = table.get(num);
      return own?.type === 'offset' ? own : (stream.get(num) ?? own);
    },
    forEach: (visit) => {
      table.forEach((num, entry) => visit(num, combined.get(num) ?? entry));
      stream.forEach((num, entry) => {
        if (!table.get(num)) visit(num, entry);
      });
    },
    forEachOffset: (visit) => combined.forEach((num, entry) => entry.type === 'offset' && visit(num, entry.at, entry.gen)),
    end: Math.max(table.end, stream.end),
  };
  return { offset: at, kind: 'table', entries: combined, trailer };
}

function mapEntries(map: ReadonlyMap<number, XrefEntry>): XrefEntries {
  let end = 0;
  for (const num of map.keys()) end = Math.max(end, num + 1);
  return {
    get: (num) => map.get(num),
    forEach: (visit) => map.forEach((entry, num) => visit(num, entry)),
    forEachOffset: (visit) => map.forEach((entry, num) => entry.type === 'offset' && visit(num, entry.at, entry.gen)),
    end,
  };
}

/** A cross-reference stream's entries, decoded row by row when asked (7.5.8.3). */
function readStreamEntries(stream: PdfStream): XrefEntries {
  const dict = stream.dict;
  const w = dict.get('W');
  const widths = Array.isArray(w) && w.length === 3 ? w.map((v) => asNumber(v)) : null;
  const size = asNumber(dict.get('Size'));
  if (!widths || widths.some((v) => v === null || v < 0 || v > 8) || size === null) {
    throw new PdfSyntaxError('a cross-reference stream lacks its sizes');
  }
  const [w0, w1, w2] = widths as [number, number, number];
  let data: Uint8Array;
  try {
    data = decodeStream(stream);
  } catch (error) {
    throw new PdfSyntaxError(error instanceof PdfSyntaxError ? error.message.replace('a structural stream', 'a cross-reference stream') : 'a cross-reference stream cannot be decompressed');
  }
  const rawIndex = dict.get('Index');
  const index = Array.isArray(rawIndex) ? rawIndex.map((v) => asNumber(v) ?? -1) : [0, size];
  const rowBytes = w0 + w1 + w2;
  // Subsections: [first object, count, first row].
  const ranges: [number, number, number][] = [];
  let rows = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    const first = index[i] as number;
    const count = index[i + 1] as number;
    if (first < 0 || count < 0 || !Number.isInteger(first) || !Number.isInteger(count)) throw new PdfSyntaxError('a cross-reference stream has a malformed index');
    ranges.push([first, count, rows]);
    rows += count;
  }
  if (rows * rowBytes > data.length) throw new PdfSyntaxError('a cross-reference stream is shorter than its index says');
  const entryAt = (row: number): XrefEntry => {
    const at = row * rowBytes;
    const type = w0 === 0 ? 1 : readUint(data, at, w0);
    const field2 = readUint(data, at + w0, w1);
    const field3 = readUint(data, at + w0 + w1, w2);
    return type === 1 ? { type: 'offset', at: field2, gen: field3 } : type === 2 ? { type: 'compressed', stream: field2, index: field3 } : { type: 'free' };
  };
  return {
    get(num) {
      for (const [first, count, row] of ranges) if (num >= first && num < first + count) return entryAt(row + num - first);
      return undefined;
    },
    forEach(visit) {
      const seen = new Set<number>();
      for (const [first, count, row] of ranges) {
        for (let n = 0; n < count; n++) {
          // An object listed twice counts once, as its first listing (what `get` returns).
          if (ranges.length > 1 && seen.has(first + n)) continue;
          if (ranges.length > 1) seen.add(first + n);
          visit(first + n, entryAt(row + n));
        }
      }
    },
    forEachOffset(visit) {
      if (ranges.length > 1) {
        this.forEach((num, entry) => entry.type === 'offset' && visit(num, entry.at, entry.gen));
        return;
      }
      const [first, count] = ranges[0] ?? [0, 0];
      for (let n = 0, at = 0; n < count; n++, at += rowBytes) {
        if ((w0 === 0 ? 1 : readUint(data, at, w0)) === 1) visit(first + n, readUint(data, at + w0, w1), readUint(data, at + w0 + w1, w2));
      }
    },
    end: ranges.reduce((end, [first, count]) => Math.max(end, first + count), 0),
  };
}

function readUint(data: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (data[at + i] as number);
  return value;
}

function skipWhite(bytes: Uint8Array, cursor: { pos: number }): void {
  for (;;) {
    const c = bytes[cursor.pos];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) cursor.pos++;
    else return;
  }
}

function readDigits(bytes: Uint8Array, cursor: { pos: number }): number | null {
  const start = cursor.pos;
  let value = 0;
  for (;;) {
    const c = bytes[cursor.pos];
    if (c === undefined || c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
    cursor.pos++;
  }
  return cursor.pos === start || cursor.pos - start > 12 ? null : value;
}
