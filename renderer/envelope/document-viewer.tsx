import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { fetchDocument } from '../data/document-cache';
import { openPdf } from '../pdf/pdfjs';
import { PdfPageCanvas } from '../pdf/pdf-page-canvas';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import type { StampFieldValues } from '../../shared/stamp/stamp-text';
import { StampPreview, type PreviewStamp } from '../stamp/stamp-preview';

/** Stamps to preview on the document (the accepted filing's lead), and where the clerk moved them. */
export interface ViewerStamps {
  readonly stamps: readonly PreviewStamp[];
  readonly fields: StampFieldValues;
  readonly onPlacementChange: (templateId: string, placement: StampPlacement) => void;
}

/** One document of the envelope in pdf.js, with page navigation and zoom. */
export function DocumentViewer({ envelopeId, documentId, title, preview }: { envelopeId: string; documentId: string; title: string; preview?: ViewerStamps | null }) {
  const [document, setDocument] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setDocument(null);
    setError(null);
    setPage(1);
    void fetchDocument(envelopeId, documentId).then(async (result) => {
      if (!result.ok) return live && setError(result.error.message);
      try {
        opened = await openPdf(result.value.bytes);
        if (live) setDocument(opened);
        else void opened.destroy();
      } catch (cause) {
        if (live) setError(`This document cannot be displayed: ${(cause as Error).message}`);
      }
    });
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [envelopeId, documentId]);

  if (error) return <p role="alert" data-testid="document-error">{error}</p>;
  if (!document) return <p>Loading {title}…</p>;
  return (
    <div className="document-viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label={`${title} pages`}>
        <button type="button" onClick={() => setPage(Math.max(1, page - 1))} disabled={page <= 1}>Previous page</button>
        <span data-testid="document-page">Page {page} of {document.numPages}</span>
        <button type="button" onClick={() => setPage(Math.min(document.numPages, page + 1))} disabled={page >= document.numPages}>Next page</button>
        <label>Zoom <select value={scale} onChange={(event) => setScale(Number(event.target.value))}>
          {[0.75, 1, 1.25, 1.5, 2].map((value) => <option key={value} value={value}>{value * 100}%</option>)}
        </select></label>
      </div>
      {preview ? (
        <StampPreview document={document} pageNumber={page} stamps={preview.stamps} fields={preview.fields} scale={scale} onPlacementChange={preview.onPlacementChange} />
      ) : (
        <PdfPageCanvas document={document} pageNumber={page} scale={scale} label={`${title}, page ${page} of ${document.numPages}`} />
      )}
    </div>
  );
}
