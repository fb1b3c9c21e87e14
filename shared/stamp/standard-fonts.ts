import { StandardFontEmbedder, StandardFonts } from '@cantoo/pdf-lib';
import type { StampFont } from './stamp-template';

const fontNames: Record<StampFont, StandardFonts> = {
  Helvetica: StandardFonts.Helvetica,
  'Helvetica-Bold': StandardFonts.HelveticaBold,
  'Times-Roman': StandardFonts.TimesRoman,
  'Times-Bold': StandardFonts.TimesRomanBold,
  Courier: StandardFonts.Courier,
  'Courier-Bold': StandardFonts.CourierBold,
};

const embedders = new Map<StampFont, StandardFontEmbedder>();

/** The metrics and WinAnsi encoder of a standard font (cached). */
export function standardFont(font: StampFont): StandardFontEmbedder {
  let embedder = embedders.get(font);
  if (!embedder) {
    // StandardFonts values are the font names the embedder's own enum uses.
    embedder = StandardFontEmbedder.for(fontNames[font] as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
    embedders.set(font, embedder);
  }
  return embedder;
}

/**
 * Makes text printable in a standard font (WinAnsi): accents the encoding lacks are dropped to their base letter
 * (Łódź → Lodz), anything else unencodable becomes "?". A name never makes stamping fail.
 */
export function toStandardFontText(text: string, font: StampFont): string {
  // Printable ASCII is in every standard font's encoding.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const encoding = standardFont(font).encoding;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    if (encoding.canEncodeUnicodeCodePoint(code)) {
      out += char;
      continue;
    }
    const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const fallback = stroked[char] ?? base;
    out += [...fallback].every((c) => encoding.canEncodeUnicodeCodePoint(c.codePointAt(0) ?? 0)) && fallback !== '' ? fallback : '?';
  }
  return out;
}

// Letters with a stroke have no NFKD decomposition.
const stroked: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ø: 'O', ø: 'o', Ħ: 'H', ħ: 'h' };

/** Width of text in a standard font, after {@link toStandardFontText}; the text measure of engine and preview. */
export function measureStandardText(text: string, font: StampFont, size: number): number {
  return standardFont(font).widthOfTextAtSize(toStandardFontText(text, font), size);
}
