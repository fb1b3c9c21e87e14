import { layoutStamp, type PageGeometry, type StampLayout, type StampPlacement } from './stamp-layout';
import { fillStampText, lineHasOnlyEmptyFields, type StampFieldValues } from './stamp-text';
import type { StampTemplate } from './stamp-template';
import { measureStandardText } from './standard-fonts';

/**
 * Lays out one template on one page exactly as the engine will draw it: fields filled for that page, lines
 * measured with the standard-font metrics, anchored or at the clerk's placement. The preview draws from this too,
 * which is what makes "what you see" and "what gets stamped" the same thing.
 */
export function planStamp(
  template: StampTemplate,
  fields: StampFieldValues,
  page: PageGeometry,
  pageNumber: number,
  pageCount: number,
  imageAspect: number | null,
  placement: StampPlacement | null,
): StampLayout {
  // A line whose fields are all empty prints nothing, not a bare label.
  const lines = template.lines.filter((line) => !lineHasOnlyEmptyFields(line.text, fields)).map((line) => ({
    text: fillStampText(line.text, fields, pageNumber, pageCount, template.dateFormat),
    font: line.font ?? template.font,
    size: line.size ?? template.fontSize,
  }));
  return layoutStamp(template, lines, template.image ? imageAspect : null, template.image?.width ?? 0, page, measureStandardText, placement);
}

/** Width/height of a PNG from its header, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((value, i) => bytes[i] !== value)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
