import { unzlibSync } from 'fflate';

const latin1 = new TextDecoder('latin1');

/** What the full cross-reference check found: every section from `startxref` back through `/Prev`. */
export interface CrossReferenceCheck {
  /** Sections read (the original and one per incremental update). */
  readonly sections: number;
  /** In-use entries whose offset was checked. */
  readonly entries: number;
  /** Entries that do not point at their object, and sections that could not be read, in words (at most 5). */
  readonly problems: string[];
}

/**
 * Follows the file's cross-reference chain (classic tables and cross-reference streams, FlateDecode with PNG
 * predictors) and checks that every in-use entry points at `N G obj`. A reader that trusts the table (most do,
 * pdf.js and Acrobat among them) finds objects only where these entries say; a stamp appended to a file whose
 * table is wrong can vanish in those readers. Never throws.
 */
export function checkCrossReference(bytes: Uint8Array): CrossReferenceCheck {
  const problems: string[] = [];
  let sections = 0;
  let entries = 0;
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  let offset: number | null = Number([...tail.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1] ?? NaN);
  const seen = new Set<number>();
  while (offset !== null && Number.isInteger(offset) && problems.length < 5) {
    if (seen.has(offset) || seen.size > 1000) {
      problems.push('its cross-reference sections point at each other in a loop');
      break;
    }
    seen.add(offset);
    sections += 1;
    const section = readSection(bytes, offset);
    if ('problem' in section) {
      problems.push(section.problem);
      break;
    }
    for (const [object, { at, generation }] of section.entries) {
      entries += 1;
      if (!objectStartsAt(bytes, at, object, generation)) {
        problems.push(`object ${object} is not at offset ${at}, where its cross-reference entry says`);
        if (problems.length >= 5) break;
      }
    }
    offset = section.previous;
  }
  return { sections, entries, problems };
}

interface Section {
  readonly entries: Map<number, { at: number; generation: number }>;
  readonly previous: number | null;
}

function readSection(bytes: Uint8Array, offset: number): Section | { problem: string } {
  if (offset <= 0 || offset >= bytes.length) return { problem: 'a cross-reference offset points outside the file' };
  const head = latin1.decode(bytes.subarray(offset, Math.min(bytes.length, offset + 64)));
  if (/^\s*xref/.test(head)) return readTable(bytes, offset);
  if (/^\s*\d+\s+\d+\s+obj/.test(head)) return readStream(bytes, offset);
  return { problem: 'a cross-reference section is not where the file says' };
}

function readTable(bytes: Uint8Array, offset: number): Section | { problem: string } {
  const end = indexOf(bytes, 'trailer', offset);
  if (end < 0) return { problem: 'a cross-reference table has no trailer' };
  const lines = latin1.decode(bytes.subarray(offset, end)).split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
  const entries = new Map<number, { at: number; generation: number }>();
  let next = 0;
  for (const line of lines.slice(1)) {
    const subsection = /^(\d+)\s+(\d+)$/.exec(line);
    if (subsection) {
      next = Number(subsection[1]);
      continue;
    }
    const entry = /^(\d{10})\s+(\d{5})\s+([nf])$/.exec(line);
    if (!entry) return { problem: 'a cross-reference table has a malformed entry' };
    if (entry[3] === 'n') entries.set(next, { at: Number(entry[1]), generation: Number(entry[2]) });
    next += 1;
  }
  // The trailer dictionary only: what follows startxref belongs to the next update.
  const trailerText = latin1.decode(bytes.subarray(end, Math.min(bytes.length, end + 4096)));
  const trailer = trailerText.slice(0, trailerText.indexOf('startxref') < 0 ? undefined : trailerText.indexOf('startxref'));
  const previous = /\/Prev\s+(\d+)/.exec(trailer);
  // A hybrid file also names a cross-reference stream; its entries count too.
  const hybrid = /\/XRefStm\s+(\d+)/.exec(trailer);
  if (hybrid) {
    const stream = readStream(bytes, Number(hybrid[1]));
    if ('problem' in stream) return stream;
    for (const [object, entry] of stream.entries) if (!entries.has(object)) entries.set(object, entry);
  }
  return { entries, previous: previous ? Number(previous[1]) : null };
}

function readStream(bytes: Uint8Array, offset: number): Section | { problem: string } {
  const dictEnd = indexOf(bytes, 'stream', offset);
  if (dictEnd < 0) return { problem: 'a cross-reference stream is incomplete' };
  const dict = latin1.decode(bytes.subarray(offset, dictEnd)).split('endobj')[0] ?? '';
  if (!/\/Type\s*\/XRef/.test(dict)) return { problem: 'a cross-reference section is not where the file says' };
  const widths = /\/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dict)?.slice(1).map(Number);
  const size = Number(/\/Size\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? NaN);
  if (!widths || !Number.isInteger(size) || !Number.isInteger(length)) return { problem: 'a cross-reference stream lacks its sizes' };
  let start = dictEnd + 'stream'.length;
  if (bytes[start] === 0x0d) start += 1;
  if (bytes[start] === 0x0a) start += 1;
  let data: Uint8Array = bytes.subarray(start, start + length);
  try {
    if (/\/Filter\s*\/FlateDecode/.test(dict)) data = unzlibSync(data);
    else if (/\/Filter/.test(dict)) return { problem: 'a cross-reference stream uses a filter this app does not read' };
  } catch {
    return { problem: 'a cross-reference stream cannot be decompressed' };
  }
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const predictor = Number(/\/Predictor\s+(\d+)/.exec(dict)?.[1] ?? 1);
  if (predictor >= 10) data = unpredictPng(data, Number(/\/Columns\s+(\d+)/.exec(dict)?.[1] ?? rowBytes));
  const index = /\/Index\s*\[([\d\s]+)\]/.exec(dict)?.[1]?.trim().split(/\s+/).map(Number) ?? [0, size];
  const entries = new Map<number, { at: number; generation: number }>();
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    for (let object = index[i] as number, n = 0; n < (index[i + 1] as number); n++, object++, row++) {
      const at = row * rowBytes;
      if (at + rowBytes > data.length) return { problem: 'a cross-reference stream is shorter than its index says' };
      const type = widths[0] === 0 ? 1 : readUint(data, at, widths[0] as number);
      const field2 = readUint(data, at + (widths[0] as number), widths[1] as number);
      const field3 = readUint(data, at + (widths[0] as number) + (widths[1] as number), widths[2] as number);
      if (type === 1) entries.set(object, { at: field2, generation: field3 });
    }
  }
  const previous = /\/Prev\s+(\d+)/.exec(dict);
  return { entries, previous: previous ? Number(previous[1]) : null };
}

// PNG predictors (PDF 32000-1, 7.4.4.4): each row starts with its filter type.
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)] as number;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * (columns + 1) + 1 + c] as number;
      const left = c > 0 ? (out[r * columns + c - 1] as number) : 0;
      const up = r > 0 ? (out[(r - 1) * columns + c] as number) : 0;
      const upLeft = r > 0 && c > 0 ? (out[(r - 1) * columns + c - 1] as number) : 0;
      const predicted = type === 1 ? left : type === 2 ? up : type === 3 ? Math.floor((left + up) / 2) : type === 4 ? paeth(left, up, upLeft) : 0;
      out[r * columns + c] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function readUint(data: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (data[at + i] as number);
  return value;
}

function objectStartsAt(bytes: Uint8Array, at: number, object: number, generation: number): boolean {
  if (at <= 0 || at >= bytes.length) return false;
  const text = latin1.decode(bytes.subarray(at, Math.min(bytes.length, at + 40)));
  const match = /^\s*(\d+)\s+(\d+)\s+obj/.exec(text);
  return !!match && Number(match[1]) === object && Number(match[2]) === generation;
}

function indexOf(bytes: Uint8Array, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}
