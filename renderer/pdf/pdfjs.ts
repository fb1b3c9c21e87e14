import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// pdf.js parses in its own worker, bundled by Vite and served from the app's origin (CSP worker-src 'self').
GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens PDF bytes for viewing. No eval (CSP), no network fetches: everything comes from the bytes given. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of (transfers) the buffer it is given; keep the caller's bytes intact.
  return getDocument({ data: bytes.slice(), isEvalSupported: false, disableAutoFetch: true, disableStream: true, verbosity: 0 }).promise;
}
