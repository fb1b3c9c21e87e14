import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// pdf.js parses in its own worker, bundled by Vite and served from the app's origin (CSP worker-src 'self').
GlobalWorkerOptions.workerSrc = workerUrl;

let sessionWorker: PDFWorker | null = null;

/**
 * The one pdf.js worker of the session: starting a worker (loading and compiling its script) costs more than
 * opening a small document, so every document opened shares it; closing a document leaves it running.
 */
function pdfWorker(): PDFWorker {
  if (sessionWorker?.destroyed) sessionWorker = null;
  sessionWorker ??= new PDFWorker();
  return sessionWorker;
}

/** Starts the session's pdf.js worker ahead of the first document (called when the clerk's queue is idle). */
export function warmPdfWorker(): void {
  pdfWorker();
}

/** Opens PDF bytes for viewing. No eval (CSP), no network fetches: everything comes from the bytes given. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of (transfers) the buffer it is given; keep the caller's bytes intact.
  return getDocument({
    data: bytes.slice(), worker: pdfWorker(), isEvalSupported: false, disableAutoFetch: true, disableStream: true, verbosity: 0,
  }).promise;
}
