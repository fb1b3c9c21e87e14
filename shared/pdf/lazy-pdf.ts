import type { BytesOnDemand } from './bytes-on-demand';
import { findEntry, readXrefSections, type XrefSection } from './cross-reference';
import { PdfParser } from './syntax/pdf-parser';
import { asName, asNumber, PdfDict, PdfRef, PdfStream, PdfSyntaxError, type PdfValue } from './syntax/pdf-values';
import { decodeStream } from './syntax/stream-filters';

/** A page as the stamper needs it: its object, its dictionary and what it inherits from the page tree. */
export interface PdfPageNode {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** `key` from the page or the nearest ancestor that has it (Resources, MediaBox, CropBox, Rotate). */
  inherited(key: 'Resources' | 'MediaBox' | 'CropBox' | 'Rotate'): PdfValue | undefined;
}

const maxTreeDepth = 64;

/**
 * A PDF read on demand: the cross-reference chain and the trailer at open, then only the objects asked for (an
 * object stream is decoded once, when one of its objects is first needed). Stamping page 1 of a 2,000-page file
 * reads the catalog, the page tree down to page 1 and that page's resources, nothing else.
 */
export class LazyPdf {
  readonly sections: readonly XrefSection[];
  readonly trailer: PdfDict;
  readonly #objects = new Map<number, PdfValue>();
  readonly #objectStreams = new Map<number, { offsets: number[]; data: Uint8Array; first: number }>();
  readonly #resolving = new Set<number>();
  #pageCache: PdfPageNode[] | null = null;
  #pageLookups = 0;

  private constructor(readonly bytes: Uint8Array, private readonly onDemand?: BytesOnDemand) {
    this.sections = readXrefSections(bytes, onDemand);
    this.trailer = (this.sections[0] as XrefSection).trailer;
  }

  /**
   * Opens a file; throws {@link PdfSyntaxError} when its cross-reference chain cannot be read. With `onDemand`,
   * `bytes` holds the file in part, and each object's range is asked for before it is parsed.
   */
  static open(bytes: Uint8Array, onDemand?: BytesOnDemand): LazyPdf {
    return new LazyPdf(bytes, onDemand);
  }

  /** How many objects have been read so far (what a page-1 stamp costs does not depend on the page count). */
  get objectsRead(): number {
    return this.#objects.size;
  }

  /** The newest section's byte offset (the `/Prev` of an update written after it). */
  get startXref(): number {
    return (this.sections[0] as XrefSection).offset;
  }

  /** The next free object number (the trailer's `/Size`, or past the highest entry if it says less). */
  get size(): number {
    const listed = Math.max(...this.sections.map((section) => section.entries.end));
    return Math.max(asNumber(this.trailer.get('Size')) ?? 0, listed);
  }

  /** The value, with a reference followed to its object (null for a free or missing object, as 7.3.10 says). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.object(value.num) : value;
  }

  /** `dict[key]` resolved, as a dictionary when it is one. */
  dict(dict: PdfDict, key: string): PdfDict | null {
    const value = this.resolve(dict.get(key));
    return value instanceof PdfDict ? value : value instanceof PdfStream ? value.dict : null;
  }

  /** `dict[key]` resolved, as an array when it is one. */
  array(dict: PdfDict, key: string): PdfValue[] | null {
    const value = this.resolve(dict.get(key));
    return Array.isArray(value) ? value : null;
  }

  /** Object `num` as it is now (the newest section's version); null when free or absent. */
  object(num: number): PdfValue {
    if (this.#objects.has(num)) return this.#objects.get(num) as PdfValue;
    const entry = findEntry(this.sections, num);
    if (!entry || entry.type === 'free') return null;
    if (this.#resolving.has(num)) throw new PdfSyntaxError(`object ${num} refers to itself`);
    this.#resolving.add(num);
    try {
      const value = entry.type === 'offset' ? this.#readAt(num, entry.at, entry.gen) : this.#readCompressed(num, entry.stream, entry.index);
      this.#objects.set(num, value);
      return value;
    } finally {
      this.#resolving.delete(num);
    }
  }

  /** The document catalog. */
  get catalog(): PdfDict {
    const root = this.resolve(this.trailer.get('Root'));
    if (!(root instanceof PdfDict)) throw new PdfSyntaxError('it has no document catalog');
    return root;
  }

  /** The page count the page tree declares. */
  pageCount(): number {
    const root = this.dict(this.catalog, 'Pages');
    const count = root ? asNumber(root.get('Count')) : null;
    if (root === null || count === null || !Number.isInteger(count) || count < 0) throw new PdfSyntaxError('its page tree is damaged');
    return count;
  }

  /**
   * Page `index` (0-based), found by descending the tree with each node's `/Count`: only the nodes on the way are
   * read. Throws when the tree does not hold what its counts say.
   */
  page(index: number): PdfPageNode {
    // Many pages (a footer on every page): one walk of the whole tree beats a descent per page.
    if (this.#pageCache || ++this.#pageLookups > 8) return this.#pageAt(this.allPages(), index);
    const rootRef = this.catalog.get('Pages');
    let node = this.resolve(rootRef);
    let nodeRef = rootRef instanceof PdfRef ? rootRef : null;
    const path: PdfDict[] = [];
    let remaining = index;
    for (let depth = 0; depth < maxTreeDepth; depth++) {
      if (!(node instanceof PdfDict)) break;
      if (asName(node.get('Type')) !== 'Pages' && !node.has('Kids')) {
        if (remaining !== 0 || !nodeRef) break;
        return pageNode(nodeRef, node, path);
      }
      path.push(node);
      const kids = this.array(node, 'Kids') ?? [];
      let next: PdfValue | undefined;
      for (const kid of kids) {
        const kidDict = this.resolve(kid);
        if (!(kidDict instanceof PdfDict) || !(kid instanceof PdfRef)) continue;
        const isTree = asName(kidDict.get('Type')) === 'Pages' || kidDict.has('Kids');
        const count = isTree ? (asNumber(kidDict.get('Count')) ?? 0) : 1;
        if (remaining < count) {
          next = kidDict;
          nodeRef = kid;
          break;
        }
        remaining -= count;
      }
      node = next;
    }
    throw new PdfSyntaxError(`page ${index + 1} cannot be found in its page tree`);
  }

  /** Every page in order, read once (for checks that must look at all pages, and stamps on many pages). */
  allPages(): PdfPageNode[] {
    if (this.#pageCache) return this.#pageCache;
    const pages: PdfPageNode[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, path: PdfDict[]): void => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || path.length > maxTreeDepth) throw new PdfSyntaxError('its page tree is damaged');
      seen.add(ref.num);
      const node = this.resolve(ref);
      if (!(node instanceof PdfDict)) throw new PdfSyntaxError('its page tree is damaged');
      if (asName(node.get('Type')) === 'Pages' || node.has('Kids')) {
        for (const kid of this.array(node, 'Kids') ?? []) walk(kid, [...path, node]);
      } else {
        pages.push(pageNode(ref, node, path));
      }
    };
    walk(this.catalog.get('Pages'), []);
    this.#pageCache = pages;
    return pages;
  }

  #pageAt(pages: readonly PdfPageNode[], index: number): PdfPageNode {
    const page = pages[index];
    if (!page) throw new PdfSyntaxError(`page ${index + 1} cannot be found in its page tree`);
    return page;
  }

  #readAt(num: number, at: number, gen: number): PdfValue {
    if (at <= 0 || at >= this.bytes.length) throw new PdfSyntaxError(`object ${num} is outside the file`);
    this.onDemand?.ensure(at, at + 1);
    const parser = new PdfParser(this.bytes, at);
    const value = parser.indirectObject(new PdfRef(num, gen), (ref) => asNumber(this.object(ref.num))).value;
    // A stream's data is read in place (its view sees the bytes once they are there).
    this.onDemand?.ensure(at, parser.pos);
    return value;
  }

  #readCompressed(num: number, streamNum: number, index: number): PdfValue {
    let decoded = this.#objectStreams.get(streamNum);
    if (!decoded) {
      const stream = this.object(streamNum);
      if (!(stream instanceof PdfStream) || asName(stream.dict.get('Type')) !== 'ObjStm') throw new PdfSyntaxError(`object ${num} is in a missing object stream`);
      const data = decodeStream(stream, (value) => this.resolve(value));
      const count = asNumber(stream.dict.get('N')) ?? 0;
      const first = asNumber(stream.dict.get('First')) ?? 0;
      const header = new PdfParser(data, 0, Math.min(first, data.length));
      const offsets: number[] = [];
      for (let i = 0; i < count; i++) {
        header.value();
        const offset = header.value();
        offsets.push(typeof offset === 'number' ? offset : -1);
      }
      decoded = { offsets, data, first };
      this.#objectStreams.set(streamNum, decoded);
    }
    const offset = decoded.offsets[index];
    if (offset === undefined || offset < 0) throw new PdfSyntaxError(`object ${num} is missing from its object stream`);
    return new PdfParser(decoded.data, decoded.first + offset).value();
  }
}

function pageNode(ref: PdfRef, dict: PdfDict, path: readonly PdfDict[]): PdfPageNode {
  return {
    ref,
    dict,
    inherited(key) {
      if (dict.has(key)) return dict.get(key);
      for (let i = path.length - 1; i >= 0; i--) if (path[i]?.has(key)) return path[i]?.get(key);
      return undefined;
    },
  };
}
