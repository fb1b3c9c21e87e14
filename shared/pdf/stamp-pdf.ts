import { sha256Hex, type Sha256Stream } from '../crypto/sha256';
import { boxFromArray, normaliseRotation, type PageGeometry, type StampLayout, type StampPlacement, type VisualRect } from '../stamp/stamp-layout';
import { planStamp } from '../stamp/stamp-plan';
import { stampFieldValuesSchema, type StampFieldValues } from '../stamp/stamp-text';
import { stampPageNumbers, type StampFont, type StampTemplate } from '../stamp/stamp-template';
import type { BytesOnDemand } from './bytes-on-demand';
import { IncrementalUpdate } from './incremental-update';
import type { LazyPdf, PdfPageNode } from './lazy-pdf';
import { loadPdf, numbersOf, pageHasWidgets } from './load-pdf';
import type { PdfInspection } from './pdf-inspection';
import { embedPng, type EmbeddedImage } from './png-image';
import { stampOperators, type StampResourceNames } from './stamp-operators';
import { asNumber, PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './syntax/pdf-values';

/** One template to apply, optionally at a position the clerk dragged it to. */
export interface StampJob {
  readonly template: StampTemplate;
  /** Top-left corner on the visual page, in points; applies to every page the template stamps. */
  readonly placement?: StampPlacement | null;
}

/** Everything one stamping needs. */
export interface StampRequest {
  readonly jobs: readonly StampJob[];
  readonly fields: StampFieldValues;
  /** PNG bytes of the court seal, for templates with `image.kind === 'court-seal'`. */
  readonly courtSealPng?: Uint8Array | null;
}

/** Where one stamp landed. */
export interface PlacedStamp {
  readonly page: number;
  readonly templateId: string;
  readonly visualRect: VisualRect;
  /** `content`: drawn into the page; `annotation`: a locked stamp annotation above form fields. */
  readonly mode: 'content' | 'annotation';
}

/** The stamped rendition, or why there is none. The original bytes are never modified. */
export type StampOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly originalSha256: string; readonly stampedSha256: string; readonly inspection: PdfInspection; readonly placed: readonly PlacedStamp[] }
  | { readonly ok: false; readonly inspection: PdfInspection; readonly message: string };

/**
 * The stamped rendition in two parts, `base` then `increment`, for callers that write or hash them without
 * joining them in memory (a 50 MB scan is not copied). `base` is the original, or the original rewritten whole
 * when its cross-reference table was damaged.
 */
export type StampIncrement =
  | { readonly ok: true; readonly base: Uint8Array; readonly increment: Uint8Array; readonly originalSha256: string; readonly inspection: PdfInspection; readonly placed: readonly PlacedStamp[] }
  | { readonly ok: false; readonly inspection: PdfInspection; readonly message: string };

/**
 * Applies stamp templates to a PDF and returns the stamped bytes as an **incremental update**: the original file is
 * an exact prefix of the output, so existing digital signatures stay valid. Encrypted, damaged and non-PDF files
 * are refused with the classification's message. Runs in Node and in a browser worker.
 */
export async function stampPdf(original: Uint8Array, request: StampRequest, sha256Stream?: () => Sha256Stream): Promise<StampOutcome> {
  // With a streaming hash the original is read once: its digest, then on through the update for the rendition's.
  const hash = sha256Stream?.();
  hash?.update(original);
  const stamped = await stampIncrement(original, request, hash?.hexSoFar());
  if (!stamped.ok) return stamped;
  const bytes = new Uint8Array(stamped.base.length + stamped.increment.length);
  bytes.set(stamped.base);
  bytes.set(stamped.increment, stamped.base.length);
  const { base, increment, ...rest } = stamped;
  return { ...rest, bytes, stampedSha256: await stampedDigest(base, increment, original, hash, sha256Stream) };
}

/** SHA-256 of base + increment: continuing the original's hash when base is the original. */
export async function stampedDigest(base: Uint8Array, increment: Uint8Array, original: Uint8Array, hash?: Sha256Stream, sha256Stream?: () => Sha256Stream): Promise<string> {
  if (hash && sha256Stream) {
    const stream = base === original ? hash : sha256Stream();
    if (base !== original) stream.update(base);
    stream.update(increment);
    return stream.hexSoFar();
  }
  const bytes = new Uint8Array(base.length + increment.length);
  bytes.set(base);
  bytes.set(increment, base.length);
  return sha256Hex(bytes);
}

/**
 * The stamping itself: reads the trailer, the catalog, the form and the stamped pages only (a page-1 stamp costs
 * the same at 300 and at 2,000 pages), and writes the new and changed objects as one incremental section.
 * `originalSha256`, when the caller has it, spares hashing the original again. With `onDemand`, `original` holds
 * the file in part ({@link BytesOnDemand}): the `base` returned is then that array, not the file, and the caller
 * writes the file itself before the increment.
 */
export async function stampIncrement(original: Uint8Array, request: StampRequest, originalSha256?: string, onDemand?: BytesOnDemand): Promise<StampIncrement> {
  const fields = stampFieldValuesSchema.parse(request.fields);
  const scope = (pageCount: number): number[] => [...new Set(request.jobs.flatMap((job) => stampPageNumbers(job.template.pages, pageCount)))];
  const { document, inspection, sha256 } = await loadPdf(original, scope, originalSha256, onDemand);
  if (!document || !sha256 || !inspection.canStamp) return { ok: false, inspection, message: inspection.message };

  const update = new IncrementalUpdate(document);
  const writer = new StampWriter(document, update, embedImages(update, request));
  const pageCount = inspection.pageCount;
  const placed: PlacedStamp[] = [];
  const perPage = new Map<number, { job: StampJob; layout: StampLayout }[]>();
  for (const job of request.jobs) {
    const image = writer.imageFor(job.template);
    for (const pageNumber of stampPageNumbers(job.template.pages, pageCount)) {
      const page = document.page(pageNumber - 1);
      const aspect = image ? image.width / image.height : null;
      const layout = planStamp(job.template, fields, pageGeometry(document, page), pageNumber, pageCount, aspect, job.placement ?? null);
      const list = perPage.get(pageNumber) ?? [];
      list.push({ job, layout });
      perPage.set(pageNumber, list);
    }
  }
  for (const [pageNumber, stamps] of perPage) {
    const page = document.page(pageNumber - 1);
    const aboveFields = pageHasWidgets(document, page);
    if (aboveFields) for (const stamp of stamps) writer.addAnnotation(page, stamp.job.template, stamp.layout);
    else writer.addContent(page, stamps.map((stamp) => ({ template: stamp.job.template, layout: stamp.layout })));
    for (const stamp of stamps) {
      placed.push({ page: pageNumber, templateId: stamp.job.template.id, visualRect: stamp.layout.visualRect, mode: aboveFields ? 'annotation' : 'content' });
    }
  }
  return { ok: true, base: document.bytes, increment: update.toBytes(), originalSha256: sha256, inspection, placed };
}

/** Reads a page's visible box (CropBox within MediaBox, inherited or not) and its /Rotate. */
export function pageGeometry(document: LazyPdf, page: PdfPageNode): PageGeometry {
  const media = boxFromArray(numbersOf(document, page.inherited('MediaBox')) ?? [0, 0, 612, 792]);
  const cropNumbers = numbersOf(document, page.inherited('CropBox'));
  const crop = cropNumbers ? boxFromArray(cropNumbers) : media;
  // The visible area is the crop box clipped to the media box.
  const x1 = Math.max(crop.x, media.x);
  const y1 = Math.max(crop.y, media.y);
  const x2 = Math.min(crop.x + crop.width, media.x + media.width);
  const y2 = Math.min(crop.y + crop.height, media.y + media.height);
  const cropBox = x2 > x1 && y2 > y1 ? { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } : media;
  return { cropBox, rotation: normaliseRotation(asNumber(document.resolve(page.inherited('Rotate'))) ?? 0) };
}

/** Embeds each template's image once: the court seal (shared) or the template's own PNG. */
function embedImages(update: IncrementalUpdate, request: StampRequest): Map<string, EmbeddedImage> {
  const images = new Map<string, EmbeddedImage>();
  let seal: EmbeddedImage | null = null;
  for (const { template } of request.jobs) {
    if (template.image?.kind === 'court-seal' && request.courtSealPng) {
      seal ??= embedPng(update, request.courtSealPng);
      images.set(template.id, seal);
    } else if (template.image?.kind === 'custom') {
      images.set(template.id, embedPng(update, base64ToBytes(template.image.pngBase64)));
    }
  }
  return images;
}

/** The writes of one stamping: shared fonts/states/images, page content and annotations, all in one update. */
class StampWriter {
  readonly #fonts = new Map<StampFont, PdfRef>();
  readonly #states = new Map<number, PdfRef>();
  #saveRef: PdfRef | null = null;

  constructor(
    readonly document: LazyPdf,
    readonly update: IncrementalUpdate,
    readonly images: ReadonlyMap<string, EmbeddedImage>,
  ) {}

  /** The embedded image a template draws, if any (a seal template without seal bytes draws none). */
  imageFor(template: StampTemplate): EmbeddedImage | null {
    return this.images.get(template.id) ?? null;
  }

  resourceNamesFor(template: StampTemplate): StampResourceNames {
    const image = this.imageFor(template);
    return {
      font: (font) => `CRD_${font}`,
      opacity: template.opacity < 1 ? `CRD_GS${Math.round(template.opacity * 100)}` : null,
      image: image ? `CRD_Img${image.ref.num}` : null,
    };
  }

  /** Wraps the existing content in q…Q (so its graphics state cannot leak into the stamp) and appends the stamp. */
  addContent(page: PdfPageNode, stamps: readonly { template: StampTemplate; layout: StampLayout }[]): void {
    const dict = this.#page(page);
    const operators = stamps.map(({ template, layout }) => stampOperators(template, layout, this.resourceNamesFor(template), true)).join('\n');
    const existing = dict.get('Contents');
    const refs: PdfRef[] = [];
    if (existing instanceof PdfRef) {
      const target = this.document.resolve(existing);
      if (Array.isArray(target)) refs.push(...target.filter((v): v is PdfRef => v instanceof PdfRef));
      else if (target instanceof PdfStream) refs.push(existing);
    } else if (Array.isArray(existing)) {
      refs.push(...existing.filter((v): v is PdfRef => v instanceof PdfRef));
    }
    // Stamp streams are a few hundred bytes: compressing them costs more time than the bytes it saves.
    const stampRef = this.update.add(stream(`${refs.length > 0 ? 'Q\n' : ''}${operators}\n`));
    dict.set('Contents', refs.length > 0 ? [this.#saveStateRef(), ...refs, stampRef] : [stampRef]);
    this.#fillResources(this.#pageResources(page, dict), stamps.map((stamp) => stamp.template));
  }

  /** Adds a locked, printable stamp annotation after the page's other annotations, so it is drawn above form fields. */
  addAnnotation(page: PdfPageNode, template: StampTemplate, layout: StampLayout): void {
    const dict = this.#page(page);
    const resources = new PdfDict();
    this.#fillResources(resources, [template]);
    const [a, b, c, d] = layout.matrix;
    const appearance = this.update.add(
      stream(stampOperators(template, layout, this.resourceNamesFor(template), false), [
        ['Type', PdfName.of('XObject')],
        ['Subtype', PdfName.of('Form')],
        ['BBox', [0, 0, layout.width, layout.height]],
        ['Matrix', [a, b, c, d, 0, 0]],
        ['Resources', resources],
      ]),
    );
    const { x, y, width, height } = layout.userRect;
    const annotation = this.update.add(new PdfDict([
      ['Type', PdfName.of('Annot')],
      ['Subtype', PdfName.of('Stamp')],
      ['Rect', [x, y, x + width, y + height]],
      // Print, ReadOnly, Locked: printed with the page, not editable or movable by the reader.
      ['F', 4 | 64 | 128],
      ['NM', PdfString.latin1(`crd-stamp-${template.id}`)],
      ['Contents', PdfString.fromText(layout.lines.map((line) => line.text).join(' / '))],
      ['P', page.ref],
      ['AP', new PdfDict([['N', appearance]])],
    ]));
    const annots = dict.get('Annots');
    const shared = annots instanceof PdfRef ? this.update.edit<PdfValue[]>(annots, 'array') : null;
    if (shared) shared.push(annotation);
    else if (Array.isArray(annots)) annots.push(annotation);
    else dict.set('Annots', [annotation]);
  }

  /** The page's dictionary as this update will write it. */
  #page(page: PdfPageNode): PdfDict {
    const dict = this.update.edit<PdfDict>(page.ref, 'dict');
    if (!dict) throw new Error('a page to stamp is not a dictionary');
    return dict;
  }

  #saveStateRef(): PdfRef {
    this.#saveRef ??= this.update.add(stream('q\n'));
    return this.#saveRef;
  }

  #fontRef(font: StampFont): PdfRef {
    let ref = this.#fonts.get(font);
    if (!ref) {
      ref = this.update.add(new PdfDict([
        ['Type', PdfName.of('Font')],
        ['Subtype', PdfName.of('Type1')],
        ['BaseFont', PdfName.of(font)],
        ['Encoding', PdfName.of('WinAnsiEncoding')],
      ]));
      this.#fonts.set(font, ref);
    }
    return ref;
  }

  #stateRef(opacity: number): PdfRef {
    const key = Math.round(opacity * 100);
    let ref = this.#states.get(key);
    if (!ref) {
      ref = this.update.add(new PdfDict([['Type', PdfName.of('ExtGState')], ['ca', key / 100], ['CA', key / 100]]));
      this.#states.set(key, ref);
    }
    return ref;
  }

  /**
   * The resources the stamp's names go into, writing as little as possible: a shared resources object is updated
   * in place (one write for all pages); inherited resources are copied onto the page so other pages are untouched.
   */
  #pageResources(page: PdfPageNode, dict: PdfDict): PdfDict {
    const own = dict.get('Resources');
    if (own instanceof PdfRef) {
      const shared = this.update.edit<PdfDict>(own, 'dict');
      if (shared) return shared;
    } else if (own instanceof PdfDict) {
      return own;
    }
    const inherited = this.document.resolve(page.inherited('Resources'));
    const resources = inherited instanceof PdfDict ? inherited.clone() : new PdfDict();
    dict.set('Resources', resources);
    return resources;
  }

  #fillResources(resources: PdfDict, templates: readonly StampTemplate[]): void {
    for (const template of templates) {
      const names = this.resourceNamesFor(template);
      const image = this.imageFor(template);
      const fonts = new Set<StampFont>([template.font, ...template.lines.map((line) => line.font ?? template.font)]);
      for (const font of fonts) this.#subDict(resources, 'Font').set(names.font(font), this.#fontRef(font));
      if (names.opacity) this.#subDict(resources, 'ExtGState').set(names.opacity, this.#stateRef(template.opacity));
      if (names.image && image) this.#subDict(resources, 'XObject').set(names.image, image.ref);
    }
  }

  #subDict(resources: PdfDict, key: string): PdfDict {
    const raw = resources.get(key);
    if (raw instanceof PdfRef) {
      const shared = this.update.edit<PdfDict>(raw, 'dict');
      if (shared) return shared;
    }
    if (raw instanceof PdfDict) return raw;
    const created = new PdfDict();
    resources.set(key, created);
    return created;
  }
}

function stream(content: string, entries: Iterable<readonly [string, PdfValue]> = []): PdfStream {
  return new PdfStream(new PdfDict(entries), new TextEncoder().encode(content));
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
