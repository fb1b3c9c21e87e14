import type { StampAnchor, StampFont, StampTemplate } from './stamp-template';

/** A rectangle in PDF user space (y up), normalised so width and height are positive. */
export interface PdfBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A rectangle as the reader sees the page: origin top-left, y down, in points. */
export interface VisualRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What decides where things land on a page: its visible box and its /Rotate. */
export interface PageGeometry {
  readonly cropBox: PdfBox;
  readonly rotation: 0 | 90 | 180 | 270;
}

/** A PDF transformation matrix [a b c d e f]. */
export type Matrix = readonly [number, number, number, number, number, number];

/** Width in points of `text` set in `font` at `size`. */
export type TextMeasure = (text: string, font: StampFont, size: number) => number;

/** One line of stamp text, placed in stamp space (origin at the box's bottom-left as the reader sees it, y up). */
export interface PlacedLine {
  readonly text: string;
  readonly font: StampFont;
  readonly size: number;
  readonly x: number;
  readonly baseline: number;
}

/** Where and how a stamp is drawn on one page; the engine and the preview both draw from this. */
export interface StampLayout {
  readonly width: number;
  readonly height: number;
  /** The stamp's box on the page as the reader sees it. */
  readonly visualRect: VisualRect;
  /** Size of the page as the reader sees it (width and height swap on 90°/270° pages). */
  readonly visualPage: { readonly width: number; readonly height: number };
  readonly lines: readonly PlacedLine[];
  readonly image: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
  /** Maps stamp space to PDF user space (includes the counter-rotation for rotated pages). */
  readonly matrix: Matrix;
  /** Axis-aligned box of the stamp in PDF user space (for annotation /Rect). */
  readonly userRect: PdfBox;
}

/** A line after field substitution, before placement. */
export interface StampLineText {
  readonly text: string;
  readonly font: StampFont;
  readonly size: number;
}

/** A position the clerk dragged the stamp to: its top-left corner on the visual page, in points. */
export interface StampPlacement {
  readonly x: number;
  readonly y: number;
}

// Ascent and descent of the standard fonts, as a fraction of the size (Helvetica/Times/Courier are all within this).
const ascent = 0.78;
const descent = 0.22;

/** Normalises a PDF rectangle array [x1 y1 x2 y2] whose corners may come in any order. */
export function boxFromArray(values: readonly number[]): PdfBox {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = values;
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** Normalises a /Rotate value (which may be negative or above 360) to 0/90/180/270; anything else counts as 0. */
export function normaliseRotation(rotate: number): PageGeometry['rotation'] {
  const r = ((Math.round(rotate) % 360) + 360) % 360;
  return r === 90 || r === 180 || r === 270 ? r : 0;
}

/** Size of the page as the reader sees it. */
export function visualPageSize(page: PageGeometry): { width: number; height: number } {
  const { width, height } = page.cropBox;
  return page.rotation === 90 || page.rotation === 270 ? { width: height, height: width } : { width, height };
}

/** Maps a point on the visual page (top-left origin, y down) to PDF user space. */
export function visualToUser(page: PageGeometry, xv: number, yv: number): [number, number] {
  const { x: cx, y: cy, width: cw, height: ch } = page.cropBox;
  switch (page.rotation) {
    case 0:
      return [cx + xv, cy + ch - yv];
    case 90:
      return [cx + yv, cy + xv];
    case 180:
      return [cx + cw - xv, cy + yv];
    case 270:
      return [cx + cw - yv, cy + ch - xv];
  }
}

/**
 * Lays a stamp out on one page: measures its lines, sizes its box, anchors it on the page as the reader sees
 * it (or at the clerk's dragged position, kept inside the page), and derives the matrix that draws it upright
 * whatever the page's rotation and crop box.
 */
export function layoutStamp(
  template: Pick<StampTemplate, 'anchor' | 'offsetX' | 'offsetY' | 'padding' | 'lineGap'>,
  lines: readonly StampLineText[],
  imageAspect: number | null,
  imageWidth: number,
  page: PageGeometry,
  measure: TextMeasure,
  placement: StampPlacement | null = null,
): StampLayout {
  const pad = template.padding;
  const widths = lines.map((line) => measure(line.text, line.font, line.size));
  const textWidth = Math.max(0, ...widths);
  const textHeight = lines.reduce((sum, line) => sum + line.size * (ascent + descent), 0) + template.lineGap * Math.max(0, lines.length - 1);
  const image = imageAspect === null ? null : { width: imageWidth, height: imageWidth / imageAspect };
  const contentLeft = pad + (image ? image.width + pad : 0);
  const width = contentLeft + textWidth + pad;
  const height = Math.max(textHeight, image?.height ?? 0) + 2 * pad;
  const centred = template.anchor.endsWith('center') || template.anchor === 'center';

  const placed: PlacedLine[] = [];
  let top = height - pad - (height - 2 * pad - textHeight) / 2;
  lines.forEach((line, index) => {
    const lineWidth = widths[index] ?? 0;
    placed.push({ ...line, x: centred ? contentLeft + (textWidth - lineWidth) / 2 : contentLeft, baseline: top - line.size * ascent });
    top -= line.size * (ascent + descent) + template.lineGap;
  });

  const visualPage = visualPageSize(page);
  const anchored = placement ?? anchorPosition(template.anchor, template.offsetX, template.offsetY, width, height, visualPage);
  const visualRect = {
    x: clamp(anchored.x, 0, Math.max(0, visualPage.width - width)),
    y: clamp(anchored.y, 0, Math.max(0, visualPage.height - height)),
    width,
    height,
  };
  const matrix = stampMatrix(page, visualRect);
  return {
    width,
    height,
    visualRect,
    visualPage,
    lines: placed,
    image: image ? { x: pad, y: (height - image.height) / 2, width: image.width, height: image.height } : null,
    matrix,
    userRect: transformedBounds(matrix, width, height),
  };
}

function anchorPosition(anchor: StampAnchor, offsetX: number, offsetY: number, width: number, height: number, pageSize: { width: number; height: number }): StampPlacement {
  const [vertical, horizontal = 'center'] = anchor === 'center' ? ['center', 'center'] : anchor.split('-');
  const x = horizontal === 'left' ? offsetX : horizontal === 'right' ? pageSize.width - offsetX - width : (pageSize.width - width) / 2 + offsetX;
  const y = vertical === 'top' ? offsetY : vertical === 'bottom' ? pageSize.height - offsetY - height : (pageSize.height - height) / 2 + offsetY;
  return { x, y };
}

/** Stamp space (origin at the box's visual bottom-left, y up) → user space, as an affine matrix. */
function stampMatrix(page: PageGeometry, rect: VisualRect): Matrix {
  const toUser = (sx: number, sy: number): [number, number] => visualToUser(page, rect.x + sx, rect.y + rect.height - sy);
  const [e, f] = toUser(0, 0);
  const [ax, ay] = toUser(1, 0);
  const [cx, cy] = toUser(0, 1);
  return [round(ax - e), round(ay - f), round(cx - e), round(cy - f), round(e), round(f)];
}

function transformedBounds(m: Matrix, width: number, height: number): PdfBox {
  const corners = [[0, 0], [width, 0], [0, height], [width, height]].map(([x = 0, y = 0]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const);
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return boxFromArray([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
