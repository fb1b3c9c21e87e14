import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { PdfPageCanvas } from './pdf-page-canvas';

/** Width of a thumbnail in CSS pixels. */
const thumbnailWidth = 96;

/**
 * A strip of page thumbnails: each page is drawn only once it scrolls into view, so a 2,000-page document costs
 * what is on screen. The current page is marked and kept in view; choosing one goes to it.
 */
export function PageThumbnails({ document, page, rotation, onChoose }: { document: PDFDocumentProxy; page: number; rotation: number; onChoose: (page: number) => void }) {
  const strip = useRef<HTMLOListElement>(null);
  useEffect(() => {
    strip.current?.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [page]);
  return (
    <ol ref={strip} className="thumbnails" aria-label="Pages" data-testid="page-thumbnails">
      {Array.from({ length: document.numPages }, (_, index) => index + 1).map((number) => (
        <li key={number} data-page={number}>
          <button type="button" className="thumbnail" aria-current={number === page ? 'page' : undefined} aria-label={`Page ${number}`}
            onClick={() => onChoose(number)}>
            <LazyThumbnail document={document} pageNumber={number} rotation={rotation} root={strip} />
            <span aria-hidden="true">{number}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function LazyThumbnail({ document, pageNumber, rotation, root }: { document: PDFDocumentProxy; pageNumber: number; rotation: number; root: React.RefObject<HTMLOListElement | null> }) {
  const holder = useRef<HTMLSpanElement>(null);
  const [seen, setSeen] = useState(false);
  const [scale, setScale] = useState<number | null>(null);
  useEffect(() => {
    const target = holder.current;
    if (!target || seen) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setSeen(true), { root: root.current, rootMargin: '200px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [seen, root]);
  useEffect(() => {
    if (!seen) return;
    let live = true;
    void document.getPage(pageNumber).then((page) => {
      const { width } = page.getViewport({ scale: 1, rotation: (page.rotate + rotation) % 360 });
      if (live) setScale(thumbnailWidth / width);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [seen, document, pageNumber, rotation]);
  return (
    <span ref={holder} className="thumbnail-image">
      {seen && scale !== null && <PdfPageCanvas document={document} pageNumber={pageNumber} scale={scale} rotation={rotation} label="" className="thumbnail-canvas" testId="thumbnail-canvas" />}
    </span>
  );
}
