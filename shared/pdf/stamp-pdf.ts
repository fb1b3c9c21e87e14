import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFImage, type PDFPage } from '@cantoo/pdf-lib';
import { sha256Hex } from '../crypto/sha256';
import { boxFromArray, normaliseRotation, type PageGeometry, type StampLayout, type StampPlacement, type VisualRect } from '../stamp/stamp-layout';
import { planStamp } from '../stamp/stamp-plan';
import { stampFieldValuesSchema, type StampFieldValues } from '../stamp/stamp-text';
import { stampPageNumbers, type StampFont, type StampTemplate } from '../stamp/stamp-template';
import { loadPdf, pageHasWidgets } from './load-pdf';
import type { PdfInspection } from './pdf-inspection';
import { stampOperators, type StampResourceNames } from './stamp-operators';

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
 * Applies stamp templates to a PDF and returns the stamped bytes as an **incremental update**: the original file is
 * an exact prefix of the output, so existing digital signatures stay valid. Encrypted, damaged and non-PDF files
 * are refused with the classification's message. Runs in Node and in a browser worker.
 */
export async function stampPdf(original: Uint8Array, request: StampRequest): Promise<StampOutcome> {
  const fields = stampFieldValuesSchema.parse(request.fields);
  const { document, inspection } = await loadPdf(original);
  if (!document || !inspection.canStamp) return { ok: false, inspection, message: inspection.message };

  const snapshot = document.takeSnapshot();
  const writer = new StampWriter(document, snapshot, await embedImages(document, request));
  const pageCount = document.getPageCount();
  const pages = document.getPages();
  const placed: PlacedStamp[] = [];
  const perPage = new Map<number, { job: StampJob; layout: StampLayout }[]>();

  for (const job of request.jobs) {
    const image = writer.imageFor(job.template);
    const imageAspect = image ? { aspect: image.width / image.height } : null;
    for (const pageNumber of stampPageNumbers(job.template.pages, pageCount)) {
      const page = pages[pageNumber - 1] as PDFPage;
      const layout = planStamp(job.template, fields, pageGeometry(page), pageNumber, pageCount, imageAspect?.aspect ?? null, job.placement ?? null);
      const list = perPage.get(pageNumber) ?? [];
      list.push({ job, layout });
      perPage.set(pageNumber, list);
    }
  }

  for (const [pageNumber, stamps] of perPage) {
    const page = pages[pageNumber - 1] as PDFPage;
    const aboveFields = pageHasWidgets(document, pageNumber - 1);
    if (aboveFields) for (const stamp of stamps) writer.addAnnotation(page, stamp.job.template, stamp.layout);
    else writer.addContent(page, stamps.map((stamp) => ({ template: stamp.job.template, layout: stamp.layout })));
    for (const stamp of stamps) placed.push({ page: pageNumber, templateId: stamp.job.template.id, visualRect: stamp.layout.visualRect, mode: aboveFields ? 'annotation' : 'content' });
  }

  // A damaged cross-reference table is not carried forward: the file is written whole with a repaired one.
  let bytes: Uint8Array<ArrayBuffer>;
  if (inspection.repairedCrossReference) {
    bytes = new Uint8Array(await document.save({ objectsPerTick: Infinity, useObjectStreams: false }));
  } else {
    const increment = await document.saveIncremental(snapshot, { objectsPerTick: Infinity });
    bytes = new Uint8Array(original.length + increment.length);
    bytes.set(original);
    bytes.set(increment, original.length);
  }
  const [originalSha256, stampedSha256] = await Promise.all([sha256Hex(original), sha256Hex(bytes)]);
  return { ok: true, bytes, originalSha256, stampedSha256, inspection, placed };
}

/** Reads a page's visible box (CropBox within MediaBox, inherited or not) and its /Rotate. */
export function pageGeometry(page: PDFPage): PageGeometry {
  const media = boxFromArray(numbers(page.node.MediaBox()));
  const cropArray = page.node.CropBox();
  const crop = cropArray ? boxFromArray(numbers(cropArray)) : media;
  // The visible area is the crop box clipped to the media box.
  const x1 = Math.max(crop.x, media.x);
  const y1 = Math.max(crop.y, media.y);
  const x2 = Math.min(crop.x + crop.width, media.x + media.width);
  const y2 = Math.min(crop.y + crop.height, media.y + media.height);
  const cropBox = x2 > x1 && y2 > y1 ? { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } : media;
  const rotate = page.node.Rotate();
  return { cropBox, rotation: normaliseRotation(rotate ? rotate.asNumber() : 0) };
}

function numbers(array: PDFArray): number[] {
  return array.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : 0));
}

/** Embeds each template's image once: the court seal (shared) or the template's own PNG. */
async function embedImages(document: PDFDocument, request: StampRequest): Promise<Map<string, PDFImage>> {
  const images = new Map<string, PDFImage>();
  let seal: PDFImage | null = null;
  for (const { template } of request.jobs) {
    if (template.image?.kind === 'court-seal' && request.courtSealPng) {
      seal ??= await document.embedPng(request.courtSealPng);
      images.set(template.id, seal);
    } else if (template.image?.kind === 'custom') {
      images.set(template.id, await document.embedPng(base64ToBytes(template.image.pngBase64)));
    }
  }
  return images;
}

/** Low-level writes for one stamping: shared fonts/states/images, page content and annotations, marked for save. */
class StampWriter {
  readonly #fonts = new Map<StampFont, PDFRef>();
  readonly #states = new Map<number, PDFRef>();
  #saveRef: PDFRef | null = null;

  constructor(
    readonly document: PDFDocument,
    readonly snapshot: ReturnType<PDFDocument['takeSnapshot']>,
    readonly images: ReadonlyMap<string, PDFImage>,
  ) {}

  /** The embedded image a template draws, if any (a seal template without seal bytes draws none). */
  imageFor(template: StampTemplate): PDFImage | null {
    return this.images.get(template.id) ?? null;
  }

  resourceNamesFor(template: StampTemplate): StampResourceNames {
    const image = this.imageFor(template);
    return {
      font: (font) => `CRD_${font}`,
      opacity: template.opacity < 1 ? `CRD_GS${Math.round(template.opacity * 100)}` : null,
      image: image ? `CRD_Img${image.ref.objectNumber}` : null,
    };
  }

  /** Wraps the existing content in q…Q (so its graphics state cannot leak into the stamp) and appends the stamp. */
  addContent(page: PDFPage, stamps: readonly { template: StampTemplate; layout: StampLayout }[]): void {
    const context = this.document.context;
    const operators = stamps.map(({ template, layout }) => stampOperators(template, layout, this.resourceNamesFor(template), true)).join('\n');
    const existing = page.node.get(PDFName.of('Contents'));
    const refs: PDFRef[] = [];
    if (existing instanceof PDFRef) {
      const target = context.lookup(existing);
      if (target instanceof PDFArray) refs.push(...target.asArray().filter((v): v is PDFRef => v instanceof PDFRef));
      else refs.push(existing);
    } else if (existing instanceof PDFArray) {
      refs.push(...existing.asArray().filter((v): v is PDFRef => v instanceof PDFRef));
    }
    // Stamp streams are a few hundred bytes: compressing them costs more time than the bytes it saves.
    const stampRef = context.register(context.stream(`${refs.length > 0 ? 'Q\n' : ''}${operators}\n`));
    const contents = refs.length > 0 ? [this.#saveStateRef(), ...refs, stampRef] : [stampRef];
    page.node.set(PDFName.of('Contents'), context.obj(contents));
    this.#fillResources(this.#pageResources(page), stamps.map((stamp) => stamp.template));
    this.snapshot.markRefForSave(page.ref);
  }

  /** Adds a locked, printable stamp annotation after the page's other annotations, so it is drawn above form fields. */
  addAnnotation(page: PDFPage, template: StampTemplate, layout: StampLayout): void {
    const context = this.document.context;
    const names = this.resourceNamesFor(template);
    const resources = context.obj({});
    this.#fillResources(resources, [template]);
    const [a, b, c, d] = layout.matrix;
    const appearance = context.register(
      context.flateStream(stampOperators(template, layout, names, false), {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, layout.width, layout.height],
        Matrix: [a, b, c, d, 0, 0],
        Resources: resources,
      }),
    );
    const { x, y, width, height } = layout.userRect;
    const annotation = context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Stamp',
        Rect: [x, y, x + width, y + height],
        // Print, ReadOnly, Locked: printed with the page, not editable or movable by the reader.
        F: 4 | 64 | 128,
        NM: PDFString.of(`crd-stamp-${template.id}`),
        Contents: PDFString.of(layout.lines.map((line) => line.text).join(' / ')),
        P: page.ref,
        AP: { N: appearance },
      }),
    );
    const annots = page.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) {
      context.lookup(annots, PDFArray).push(annotation);
      this.snapshot.markRefForSave(annots);
    } else if (annots instanceof PDFArray) {
      annots.push(annotation);
    } else {
      page.node.set(PDFName.of('Annots'), context.obj([annotation]));
    }
    this.snapshot.markRefForSave(page.ref);
  }

  #saveStateRef(): PDFRef {
    this.#saveRef ??= this.document.context.register(this.document.context.stream('q\n'));
    return this.#saveRef;
  }

  #fontRef(font: StampFont): PDFRef {
    let ref = this.#fonts.get(font);
    if (!ref) {
      ref = this.document.context.register(this.document.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: font, Encoding: 'WinAnsiEncoding' }));
      this.#fonts.set(font, ref);
    }
    return ref;
  }

  #stateRef(opacity: number): PDFRef {
    const key = Math.round(opacity * 100);
    let ref = this.#states.get(key);
    if (!ref) {
      ref = this.document.context.register(this.document.context.obj({ Type: 'ExtGState', ca: key / 100, CA: key / 100 }));
      this.#states.set(key, ref);
    }
    return ref;
  }

  /**
   * Adds the stamp's fonts, graphics state and image to the page's resources, writing as little as possible: a
   * shared resources object is updated in place (one write for all pages); inherited resources are copied onto
   * the page first so other pages are untouched.
   */
  #pageResources(page: PDFPage): PDFDict {
    const context = this.document.context;
    const own = page.node.get(PDFName.of('Resources'));
    let resources: PDFDict;
    if (own instanceof PDFRef) {
      resources = context.lookup(own, PDFDict);
      this.snapshot.markRefForSave(own);
    } else if (own instanceof PDFDict) {
      resources = own;
    } else {
      const inherited = page.node.Resources();
      resources = inherited ? inherited.clone(context) : context.obj({});
      page.node.set(PDFName.of('Resources'), resources);
    }
    return resources;
  }

  #fillResources(resources: PDFDict, templates: readonly StampTemplate[]): void {
    for (const template of templates) {
      const names = this.resourceNamesFor(template);
      const image = this.imageFor(template);
      const fonts = new Set<StampFont>([template.font, ...template.lines.map((line) => line.font ?? template.font)]);
      for (const font of fonts) this.#subDict(resources, 'Font').set(PDFName.of(names.font(font)), this.#fontRef(font));
      if (names.opacity) this.#subDict(resources, 'ExtGState').set(PDFName.of(names.opacity), this.#stateRef(template.opacity));
      if (names.image && image) this.#subDict(resources, 'XObject').set(PDFName.of(names.image), image.ref);
    }
  }

  #subDict(resources: PDFDict, key: string): PDFDict {
    const context = this.document.context;
    const raw = resources.get(PDFName.of(key));
    if (raw instanceof PDFRef) {
      this.snapshot.markRefForSave(raw);
      return context.lookup(raw, PDFDict);
    }
    if (raw instanceof PDFDict) return raw;
    const created = context.obj({});
    resources.set(PDFName.of(key), created);
    return created;
  }
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
