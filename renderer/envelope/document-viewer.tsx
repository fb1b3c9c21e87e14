import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { fetchDocument } from '../data/document-cache';
import { openForViewer } from '../pdf/opened-ahead';
import { PdfPageCanvas } from '../pdf/pdf-page-canvas';
import { PageThumbnails } from '../pdf/page-thumbnails';
import { useFitScale, type ZoomMode } from '../pdf/use-fit-scale';
import { viewerMemory } from '../pdf/viewer-memory';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import type { StampFieldValues } from '../../shared/stamp/stamp-text';
import { declaresEncryption, looksLikePdf } from '../../shared/pdf/pdf-sniff';
import type { DocumentProblem } from '../../shared/domain/unreadable-document';
import { StampPreview, type PreviewStamp } from '../stamp/stamp-preview';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Toolbar } from '../ui/toolbar';
import { isTyping } from './shortcuts-help';

/** Stamps to preview on the document (the accepted filing's lead), and where the clerk moved them. */
export interface ViewerStamps {
  readonly stamps: readonly PreviewStamp[];
  readonly fields: StampFieldValues;
  readonly onPlacementChange: (templateId: string, placement: StampPlacement) => void;
}

/**
 * One document of the envelope in pdf.js: page by page (buttons, a page number to jump to, PageUp / PageDown,
 * Home / End), fit to width or page or a fixed zoom, turned for reading (the file is not changed), with page
 * thumbnails. A document that cannot be opened or stamped is reported through `onProblem` the moment it arrives.
 */
export function DocumentViewer({ envelopeId, documentId, title, preview, onProblem, toolbarStart }: {
  envelopeId: string; documentId: string; title: string; preview?: ViewerStamps | null;
  onProblem?: (documentId: string, problem: DocumentProblem | null) => void;
  /** Controls of the caller's shown at the start of the viewer's toolbar (the stamp preview switch). */
  toolbarStart?: React.ReactNode;
}) {
  const [document, setDocument] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoomState] = useState<ZoomMode>(viewerMemory.zoom);
  const [rotation, setRotation] = useState(0);
  const [thumbnails, setThumbnailsState] = useState(viewerMemory.thumbnails);
  const [jump, setJump] = useState('1');
  const area = useRef<HTMLDivElement>(null);
  const report = useRef(onProblem);
  report.current = onProblem;
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setDocument(null);
    setError(null);
    setPage(1);
    setRotation(0);
    void fetchDocument(envelopeId, documentId).then(async (result) => {
      if (!result.ok) return live && setError(result.error.message);
      const bytes = result.value.bytes;
      // Told from the bytes before pdf.js tries: a viewer may show an encrypted file that cannot be stamped.
      const sniffed: DocumentProblem | null = !looksLikePdf(bytes) ? 'not-a-pdf' : declaresEncryption(bytes) ? 'encrypted-document' : null;
      if (live) report.current?.(documentId, sniffed);
      try {
        opened = await openForViewer(envelopeId, documentId, bytes);
        if (live) setDocument(opened);
        else void opened.destroy();
      } catch (cause) {
        if (!live) return;
        const name = (cause as Error).name;
        report.current?.(documentId, sniffed ?? (name === 'PasswordException' ? 'encrypted-document' : 'corrupt-document'));
        setError(name === 'PasswordException' ? 'It is protected by a password, so it cannot be shown here.' : 'It cannot be displayed.');
      }
    });
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [envelopeId, documentId]);
  const pages = document?.numPages ?? 0;
  const go = (to: number): void => setPage(Math.max(1, Math.min(pages, to)));
  useEffect(() => setJump(String(page)), [page]);
  // PageUp / PageDown / Home / End page through the document, except while typing or in a dialog.
  useEffect(() => {
    if (!document) return;
    const onKey = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey || window.document.querySelector('[aria-modal="true"]')) return;
      const to = { PageDown: page + 1, PageUp: page - 1, Home: 1, End: document.numPages }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      setPage(Math.max(1, Math.min(document.numPages, to)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [document, page]);
  // Stamps are placed on the page as it is: no turning while they are shown.
  const turned = preview ? 0 : rotation;
  const scale = useFitScale(area, document, page, turned, zoom);
  const setZoom = (next: ZoomMode): void => {
    viewerMemory.zoom = next;
    setZoomState(next);
  };
  const setThumbnails = (shown: boolean): void => {
    viewerMemory.thumbnails = shown;
    setThumbnailsState(shown);
  };

  return (
    <div className="document-viewer">
      <Toolbar label={`${title}: pages and view`} className="viewer-toolbar">
        {toolbarStart}
        <Button onClick={() => go(page - 1)} disabled={!document || page <= 1} aria-keyshortcuts="PageUp" aria-label="Previous page">Previous</Button>
        <span data-testid="document-page" role="status" className="page-status">{document ? `Page ${page} of ${pages}` : ' '}</span>
        <Button onClick={() => go(page + 1)} disabled={!document || page >= pages} aria-keyshortcuts="PageDown" aria-label="Next page">Next</Button>
        <label className="page-jump">Go to
          <input type="number" min={1} max={Math.max(1, pages)} value={jump} disabled={!document} inputMode="numeric"
            onChange={(event) => setJump(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && go(Number(jump) || page)} onBlur={() => go(Number(jump) || page)} />
        </label>
        <label className="visually-hidden" htmlFor={`zoom-${documentId}`}>View</label>
          <select id={`zoom-${documentId}`} value={String(zoom)} onChange={(event) => setZoom(event.target.value.startsWith('fit') ? (event.target.value as ZoomMode) : Number(event.target.value))}>
            <option value="fit-width">Fit width</option>
            <option value="fit-page">Fit page</option>
            {[0.75, 1, 1.25, 1.5, 2].map((value) => <option key={value} value={value}>{value * 100}%</option>)}
          </select>
        <Button onClick={() => setRotation((rotation + 90) % 360)} disabled={!document || !!preview}
          title={preview ? 'Turning is off while stamps are shown: they are placed on the page as filed' : 'Turn the view a quarter turn (the document is not changed)'}>
          Rotate{rotation ? ` (${rotation}°)` : ''}
        </Button>
        <Button aria-pressed={thumbnails} onClick={() => setThumbnails(!thumbnails)} disabled={!document}>Thumbnails</Button>
      </Toolbar>
      <div className={thumbnails && document ? 'viewer-body with-thumbnails' : 'viewer-body'}>
        {thumbnails && document && <PageThumbnails document={document} page={page} rotation={turned} onChoose={go} />}
        <div ref={area} className="page-area" data-testid="page-area" tabIndex={0} role="region" aria-label={`${title}, the page`}>
          {error && <Alert tone="error" testId="document-error" title={`${title} cannot be opened.`}>{error}</Alert>}
          {!error && !document && <p className="hint">Loading {title}…</p>}
          {document && scale !== null && (preview ? (
            <StampPreview document={document} pageNumber={page} stamps={preview.stamps} fields={preview.fields} scale={scale} onPlacementChange={preview.onPlacementChange} />
          ) : (
            <PdfPageCanvas document={document} pageNumber={page} scale={scale} rotation={turned} label={`${title}, page ${page} of ${pages}`} />
          ))}
        </div>
      </div>
    </div>
  );
}
