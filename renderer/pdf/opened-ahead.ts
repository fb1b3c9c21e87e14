import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { drawPage } from './draw-page';
import { openPdf } from './pdfjs';
import { fitScale } from './use-fit-scale';
import { viewerMemory } from './viewer-memory';

/** Documents opened in pdf.js ahead of the viewer (the envelope under the clerk's pointer), at most `kept`. */
const ahead = new Map<string, Promise<PDFDocumentProxy>>();
const kept = 2;
/** Documents a viewer opened itself lately: not opened ahead again (the prefetch of an envelope being opened). */
const viewed = new Set<string>();

/** A page pdf.js drew ahead of the viewer, off screen, and how: the viewer copies it when it asks for the same. */
interface DrawnPage {
  readonly pageNumber: number;
  readonly scale: number;
  readonly rotation: number;
  readonly ratio: number;
  readonly canvas: HTMLCanvasElement;
  readonly width: number;
  readonly height: number;
}
const drawnAhead = new WeakMap<PDFDocumentProxy, DrawnPage>();

/** The User Timing mark set when a document's first page has been drawn ahead (DevTools, benches, tests). */
export const drawnAheadMark = 'crd: first page drawn ahead';

const keyOf = (envelopeId: string, documentId: string): string => `${envelopeId}/${documentId}`;

/** Lets the browser take back an off-screen canvas's pixels now, not when it is collected. */
function release(drawn: DrawnPage | undefined): void {
  if (drawn) drawn.canvas.width = 0;
}

/** Waits until the page is idle (the clerk is pointing, not typing or scrolling), at most half a second. */
const idle = (): Promise<void> => new Promise((resolve) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
  else setTimeout(resolve, 0);
});

/**
 * Draws page 1 off screen at the scale the viewer will ask for (its last zoom in its last page area), while the
 * document still waits unseen: the viewer that opens it then copies pixels instead of drawing.
 */
async function drawFirstPageAhead(key: string, document: PDFDocumentProxy, page: PDFPageProxy): Promise<void> {
  const area = viewerMemory.area;
  if (!area) return;
  await idle();
  // Taken by a viewer meanwhile (it draws the page itself) or closed: nothing to draw ahead.
  if (!ahead.has(key) || drawnAhead.has(document)) return;
  const unturned = page.getViewport({ scale: 1, rotation: page.rotate });
  const scale = fitScale(area, unturned, viewerMemory.zoom);
  if (scale === null) return;
  const ratio = window.devicePixelRatio || 1;
  const canvas = window.document.createElement('canvas');
  const drawing = drawPage(page, canvas, scale, 0, ratio);
  await drawing.task.promise;
  const { width, height } = drawing;
  drawnAhead.set(document, { pageNumber: 1, scale, rotation: 0, ratio, canvas, width, height });
  performance.mark(drawnAheadMark, { detail: key });
}

/**
 * Opens a prefetched document in pdf.js, reads its first page and draws it off screen, so the viewer that opens it
 * next shows it at once. The oldest document opened ahead and never shown is closed when a third comes.
 */
export function openAhead(envelopeId: string, documentId: string, bytes: Uint8Array): void {
  const key = keyOf(envelopeId, documentId);
  if (ahead.has(key) || viewed.has(key)) return;
  const opening = openPdf(bytes).then(async (document) => {
    const page = await document.getPage(1);
    // Drawn ahead is a head start only: a page that fails here is drawn (and its problem said) by the viewer.
    void drawFirstPageAhead(key, document, page).catch(() => undefined);
    return document;
  });
  // A document that cannot be opened is said so by the viewer, which opens it again; nothing to report here.
  opening.catch(() => undefined);
  ahead.set(key, opening);
  while (ahead.size > kept) {
    const [oldest, evicted] = ahead.entries().next().value as [string, Promise<PDFDocumentProxy>];
    ahead.delete(oldest);
    void evicted.then((document) => {
      release(drawnAhead.get(document));
      drawnAhead.delete(document);
      return document.destroy();
    }, () => undefined);
  }
}

/** The document opened ahead, taken by the viewer (which then closes it), or the bytes opened now. */
export function openForViewer(envelopeId: string, documentId: string, bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const key = keyOf(envelopeId, documentId);
  const opened = ahead.get(key);
  ahead.delete(key);
  viewed.add(key);
  if (viewed.size > 20) viewed.delete(viewed.values().next().value as string);
  return opened ?? openPdf(bytes);
}

/**
 * Copies into `target` the page drawn ahead for `document`, when it was drawn exactly as asked (page, scale, turn,
 * screen density); returns its size in CSS pixels, or null when the viewer must draw it. Taken once.
 */
export function copyDrawnAhead(
  document: PDFDocumentProxy, target: HTMLCanvasElement, pageNumber: number, scale: number, rotation: number,
  ratio: number,
): { width: number; height: number } | null {
  const drawn = drawnAhead.get(document);
  const same = drawn && drawn.pageNumber === pageNumber && drawn.scale === scale && drawn.rotation === rotation;
  if (!drawn || !same || drawn.ratio !== ratio) return null;
  const context = target.getContext('2d');
  if (!context) return null;
  drawnAhead.delete(document);
  target.width = drawn.canvas.width;
  target.height = drawn.canvas.height;
  target.style.width = drawn.canvas.style.width;
  target.style.height = drawn.canvas.style.height;
  context.drawImage(drawn.canvas, 0, 0);
  release(drawn);
  return { width: drawn.width, height: drawn.height };
}
