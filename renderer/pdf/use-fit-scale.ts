import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { viewerMemory } from './viewer-memory';

/** How the page is sized: to the pane's width, whole in the pane, or a fixed zoom (CSS px per point). */
export type ZoomMode = 'fit-width' | 'fit-page' | number;

const margin = 16;

/** A width and a height (CSS pixels for an area, points for a page at scale 1). */
export interface Box {
  readonly width: number;
  readonly height: number;
}

/**
 * The scale that shows a page of `page` size as `zoom` asks inside `area` (rounded to 2 %, so a pixel's change does
 * not redraw the page); null while the area has no width.
 */
export function fitScale(area: Box, page: Box, zoom: ZoomMode): number | null {
  if (typeof zoom === 'number') return zoom;
  if (area.width <= margin) return null;
  const byWidth = (area.width - margin) / page.width;
  const fitted = zoom === 'fit-width' ? byWidth : Math.min(byWidth, (area.height - margin) / page.height);
  return Math.max(0.2, Math.min(4, Math.round(fitted * 50) / 50));
}

/**
 * The scale that shows `pageNumber` as `zoom` asks inside the element `area`, following the element's size as the
 * window or the panes change (rounded, so a pixel's change does not redraw the page).
 */
export function useFitScale(area: RefObject<HTMLElement | null>, document: PDFDocumentProxy | null, pageNumber: number, rotation: number, zoom: ZoomMode): number | null {
  const [box, setBox] = useState<Box | null>(null);
  const [page, setPage] = useState<Box | null>(null);
  // Measured before the first paint: the page's scale is known in the same frame as the document.
  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    const measure = (): void => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      viewerMemory.area = next;
      setBox((before) => (before && before.width === next.width && before.height === next.height ? before : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [area, document]);
  useEffect(() => {
    if (!document || typeof zoom === 'number') return;
    let live = true;
    void document.getPage(pageNumber).then((proxy) => {
      const { width, height } = proxy.getViewport({ scale: 1, rotation: (proxy.rotate + rotation) % 360 });
      if (live) setPage({ width, height });
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [document, pageNumber, rotation, zoom]);
  if (typeof zoom === 'number') return zoom;
  return box && page ? fitScale(box, page, zoom) : null;
}
