import type { LazyPdf } from './lazy-pdf';
import { serializeValue } from './syntax/pdf-serialize';
import { cloneValue, PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from './syntax/pdf-values';

const encoder = new TextEncoder();

/**
 * The objects one incremental update adds or replaces (PDF 32000-1, 7.5.6), written after the original bytes
 * with a cross-reference section of the same kind as the file's newest one and a trailer whose `/Prev` points
 * back. The original is never rewritten, so signatures over it stay valid.
 */
export class IncrementalUpdate {
  readonly #objects = new Map<number, { ref: PdfRef; value: PdfValue }>();
  #next: number;

  constructor(readonly pdf: LazyPdf) {
    this.#next = pdf.size;
  }

  /** A new object. */
  add(value: PdfValue): PdfRef {
    const ref = new PdfRef(this.#next++, 0);
    this.#objects.set(ref.num, { ref, value });
    return ref;
  }

  /**
   * The object behind `ref`, to change: a copy of the file's version (or the copy already being changed) that
   * this update will write in its place.
   */
  edit<T extends PdfDict | PdfValue[]>(ref: PdfRef, kind: 'dict' | 'array'): T | null {
    const pending = this.#objects.get(ref.num);
    if (pending) return matches(pending.value, kind) ? (pending.value as T) : null;
    const current = this.pdf.object(ref.num);
    if (!matches(current, kind)) return null;
    const copy = cloneValue(current) as T;
    this.#objects.set(ref.num, { ref, value: copy });
    return copy;
  }

  /** True when nothing would be written. */
  get empty(): boolean {
    return this.#objects.size === 0;
  }

  /** The bytes to append to the original file. */
  toBytes(): Uint8Array {
    const original = this.pdf.bytes;
    const chunks: Uint8Array[] = [];
    let position = original.length;
    const push = (chunk: Uint8Array | string): void => {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      chunks.push(bytes);
      position += bytes.length;
    };
    // The update starts on a new line, whatever the original ends with.
    const last = original[original.length - 1];
    if (last !== 0x0a && last !== 0x0d) push('\n');

    const offsets = new Map<number, { at: number; gen: number }>();
    for (const { ref, value } of [...this.#objects.values()].sort((a, b) => a.ref.num - b.ref.num)) {
      offsets.set(ref.num, { at: position, gen: ref.gen });
      if (value instanceof PdfStream) {
        const dict = value.dict.clone();
        dict.set('Length', value.data.length);
        push(`${ref.num} ${ref.gen} obj\n${serializeValue(dict)}\nstream\n`);
        push(value.data);
        push('\nendstream\nendobj\n');
      } else {
        push(`${ref.num} ${ref.gen} obj\n${serializeValue(value)}\nendobj\n`);
      }
    }

    const trailer = this.#trailer();
    if (this.pdf.sections[0]?.kind === 'stream') {
      // The cross-reference stream is an object of the update too, listed in itself.
      const streamNum = this.#next;
      const at = position;
      trailer.set('Size', streamNum + 1);
      offsets.set(streamNum, { at, gen: 0 });
      const xref = xrefStream(offsets, trailer);
      push(`${streamNum} 0 obj\n${serializeValue(xref.dict)}\nstream\n`);
      push(xref.data);
      push(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`);
    } else {
      const at = position;
      push(`${xrefTable(offsets)}trailer\n${serializeValue(trailer)}\nstartxref\n${at}\n%%EOF\n`);
    }
    const out = new Uint8Array(position - original.length);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /** The new trailer: the file's Root, Info and ID carried over, Size and Prev for this update. */
  #trailer(): PdfDict {
    const trailer = new PdfDict();
    trailer.set('Size', this.#next);
    for (const key of ['Root', 'Info', 'ID'] as const) {
      const value = this.pdf.trailer.get(key);
      if (value !== undefined) trailer.set(key, value);
    }
    trailer.set('Prev', this.pdf.startXref);
    return trailer;
  }
}

function matches(value: PdfValue | undefined, kind: 'dict' | 'array'): boolean {
  return kind === 'dict' ? value instanceof PdfDict : Array.isArray(value);
}

/** Classic table: one subsection per run of consecutive object numbers (7.5.4). */
function xrefTable(offsets: ReadonlyMap<number, { at: number; gen: number }>): string {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && (nums[j + 1] as number) === (nums[j] as number) + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const entry = offsets.get(nums[k] as number) as { at: number; gen: number };
      // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, "n", and a two-byte line end.
      out += `${String(entry.at).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

/** A cross-reference stream (7.5.8) with fields 1, 4 and 2 bytes wide, unfiltered. */
function xrefStream(offsets: ReadonlyMap<number, { at: number; gen: number }>, trailer: PdfDict): PdfStream {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const index: number[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && (nums[j + 1] as number) === (nums[j] as number) + 1) j++;
    index.push(nums[i] as number, j - i + 1);
    i = j + 1;
  }
  const data = new Uint8Array(nums.length * 7);
  nums.forEach((num, row) => {
    const entry = offsets.get(num) as { at: number; gen: number };
    const at = row * 7;
    data[at] = 1;
    data[at + 1] = (entry.at >>> 24) & 0xff;
    data[at + 2] = (entry.at >>> 16) & 0xff;
    data[at + 3] = (entry.at >>> 8) & 0xff;
    data[at + 4] = entry.at & 0xff;
    data[at + 5] = (entry.gen >>> 8) & 0xff;
    data[at + 6] = entry.gen & 0xff;
  });
  const dict = new PdfDict([['Type', PdfName.of('XRef')], ...trailer.map]);
  dict.set('W', [1, 4, 2]);
  dict.set('Index', index);
  dict.set('Length', data.length);
  return new PdfStream(dict, data);
}
