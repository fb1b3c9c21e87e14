import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf } from './pdfjs';

/** Documents opened in pdf.js ahead of the viewer (the envelope under the clerk's pointer), at most `kept`. */
const ahead = new Map<string, Promise<PDFDocumentProxy>>();
const kept = 2;
/** Documents a viewer opened itself lately: not opened ahead again (the prefetch of an envelope being opened). */
const viewed = new Set<string>();

const keyOf = (envelopeId: string, documentId: string): string => `${envelopeId}/${documentId}`;

/**
 * Opens a prefetched document in pdf.js and reads its first page's dictionary, so the viewer that opens it next
 * starts at drawing. The oldest document opened ahead and never shown is closed when a third comes.
 */
export function openAhead(envelopeId: string, documentId: string, bytes: Uint8Array): void {
  const key = keyOf(envelopeId, documentId);
  if (ahead.has(key) || viewed.has(key)) return;
  const opening = openPdf(bytes).then(async (document) => {
    await document.getPage(1);
    return document;
  });
  // A document that cannot be opened is said so by the viewer, which opens it again; nothing to report here.
  opening.catch(() => undefined);
  ahead.set(key, opening);
  while (ahead.size > kept) {
    const [oldest, evicted] = ahead.entries().next().value as [string, Promise<PDFDocumentProxy>];
    ahead.delete(oldest);
    void evicted.then((document) => document.destroy(), () => undefined);
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
