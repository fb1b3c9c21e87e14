import { standardFontMetrics, winAnsiCodes, type FontMetrics } from './standard-font-metrics';
import type { StampFont } from './stamp-template';

/** The characters a standard font can print: WinAnsi (PDF 32000-1, annex D). */
export interface WinAnsiEncoding {
  canEncodeUnicodeCodePoint(codePoint: number): boolean;
}

/** A standard font's metrics and its WinAnsi encoding: all the stamp needs to measure and write text. */
export interface StandardFont {
  readonly encoding: WinAnsiEncoding;
  /** The text as a PDF hexadecimal string of WinAnsi codes (characters it lacks become "?"). */
  encodeText(text: string): string;
  /** Width of the text in points at `size`, kerning included. */
  widthOfTextAtSize(text: string, size: number): number;
}

const encoding: WinAnsiEncoding = { canEncodeUnicodeCodePoint: (codePoint) => codePoint in winAnsiCodes };
const fonts = new Map<StampFont, StandardFont>();

/** The metrics and WinAnsi encoder of a standard font (cached; generated tables, a few kilobytes per font). */
export function standardFont(font: StampFont): StandardFont {
  let found = fonts.get(font);
  if (!found) {
    found = fontFrom(standardFontMetrics[font] as FontMetrics);
    fonts.set(font, found);
  }
  return found;
}

function fontFrom(metrics: FontMetrics): StandardFont {
  const codes = (text: string): number[] => Array.from(text, (char) => winAnsiCodes[char.codePointAt(0) ?? 63] ?? 63);
  return {
    encoding,
    encodeText: (text) => `<${codes(text).map((code) => code.toString(16).padStart(2, '0').toUpperCase()).join('')}>`,
    widthOfTextAtSize(text, size) {
      const list = codes(text);
      let width = 0;
      for (let i = 0; i < list.length; i++) {
        const code = list[i] as number;
        const next = list[i + 1];
        width += (metrics.widths[code] ?? 250) + (next === undefined ? 0 : (metrics.kerning[code * 256 + next] ?? 0));
      }
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
