import type { PDFPageProxy, RenderTask } from 'pdfjs-dist';

/** A page being drawn into a canvas, with its size in CSS pixels. */
export interface PageDrawing {
  readonly task: RenderTask;
  readonly width: number;
  readonly height: number;
}

/**
 * Draws a page into `target` at `scale` (CSS px per point), sharp on high-DPI screens (`ratio` device pixels per
 * CSS pixel), turned by `rotation` degrees on top of the page's own rotation. The one way every canvas is sized.
 */
export function drawPage(
  page: PDFPageProxy, target: HTMLCanvasElement, scale: number, rotation: number, ratio: number,
): PageDrawing {
  const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
  target.width = Math.floor(viewport.width * ratio);
  target.height = Math.floor(viewport.height * ratio);
  target.style.width = `${viewport.width}px`;
  target.style.height = `${viewport.height}px`;
  const transform = ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0];
  const task = page.render({ canvas: target, viewport, transform });
  return { task, width: viewport.width, height: viewport.height };
}
