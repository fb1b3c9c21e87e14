import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../ui/alert';
import { drawPage } from './draw-page';
import { copyDrawnAhead } from './opened-ahead';

/** Size of a rendered page in CSS pixels. */
export interface RenderedSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Renders one page of a PDF into a canvas at `scale` (CSS px per point), sharp on high-DPI screens, turned by
 * `rotation` degrees on top of the page's own rotation (the clerk's view only: the file is not changed).
 */
export function PdfPageCanvas({ document, pageNumber, scale, onRendered, label, rotation = 0, className = 'pdf-page-canvas', testId = 'pdf-page-canvas' }: {
  document: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  onRendered?: (size: RenderedSize) => void;
  label: string;
  rotation?: number;
  className?: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let task: RenderTask | null = null;
    let cancelled = false;
    const ratio = window.devicePixelRatio || 1;
    const target = canvas.current;
    // Drawn ahead while the clerk pointed at the envelope: its pixels are copied, nothing is drawn again.
    const copied = target ? copyDrawnAhead(document, target, pageNumber, scale, rotation, ratio) : null;
    if (target && copied) {
      target.dataset.rendered = 'true';
      target.dataset.drawn = 'ahead';
      onRendered?.(copied);
      return;
    }
    const render = async (): Promise<void> => {
      const page = await document.getPage(pageNumber);
      if (cancelled || !canvas.current) return;
      const drawing = drawPage(page, canvas.current, scale, rotation, ratio);
      task = drawing.task;
      const drawnInto = canvas.current;
      drawnInto.dataset.rendered = 'false';
      drawnInto.dataset.drawn = 'now';
      await task.promise;
      // Set once pdf.js has drawn the page (not when the canvas got its size): what tests and benches wait for.
      drawnInto.dataset.rendered = 'true';
      if (!cancelled) onRendered?.({ width: drawing.width, height: drawing.height });
    };
    render().catch((cause: unknown) => {
      if (!cancelled && (cause as Error).name !== 'RenderingCancelledException') setError((cause as Error).message);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [document, pageNumber, scale, onRendered, rotation]);
  if (error) return <Alert tone="error">This page cannot be shown: {error}</Alert>;
    // An empty label: decoration inside a control that has its own name (a thumbnail button).
  return label
    ? <canvas ref={canvas} className={className} role="img" aria-label={label} data-testid={testId} />
    : <canvas ref={canvas} className={className} aria-hidden="true" data-testid={testId} />;
}
