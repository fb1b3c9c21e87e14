import { Encodings, Font } from '@cantoo/pdf-lib/standard-fonts';
import type { StampFont } from './stamp-template';

/** A standard font's metrics and its WinAnsi encoding: all the stamp needs to measure and write text. */
export interface StandardFont {
  readonly encoding: typeof Encodings.WinAnsi;
  /** The text as a PDF hexadecimal string of WinAnsi codes (characters it lacks become "?"). */
  encodeText(text: string): string;
  /** Width of the text in points at `size`, kerning included. */
  widthOfTextAtSize(text: string, size: number): number;
}

const fonts = new Map<StampFont, StandardFont>();

/** The metrics and WinAnsi encoder of a standard font (cached; only the font metrics package, not pdf-lib). */
export function standardFont(font: StampFont): StandardFont {
  let found = fonts.get(font);
  if (!found) {
    found = loadFont(font);
    fonts.set(font, found);
  }
  return found;
}

function loadFont(name: StampFont): StandardFont {
  const metrics = Font.load(name);
  const encoding = Encodings.WinAnsi;
  const glyphs = (text: string): { code: number; name: string }[] =>
    Array.from(text, (char) => {
      const code = char.codePointAt(0) ?? 63;
      return encoding.encodeUnicodeCodePoint(encoding.canEncodeUnicodeCodePoint(code) ? code : 63);
    });
  return {
    encoding,
    encodeText: (text) => `<${glyphs(text).map((glyph) => glyph.code.toString(16).padStart(2, '0').toUpperCase()).join('')}>`,
    widthOfTextAtSize(text, size) {
      const list = glyphs(text);
      let width = 0;
      list.forEach((glyph, i) => {
        const next = list[i + 1];
        // Fonts without a width for a glyph count it as 250 units, as pdf-lib does.
        width += (metrics.getWidthOfGlyph(glyph.name) || 250) + (next ? metrics.getXAxisKerningForPair(glyph.name, next.name) || 0 : 0);
      });
      return (width * size) / 1000;
    },
  };
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
