import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './pdf-values';

const regular = /^[!-~]$/;
const needsEscape = new Set('()<>[]{}/%#'.split(''));

/** The value in PDF syntax (strings always hexadecimal, names escaped, numbers without exponents). */
export function serializeValue(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return serializeName(value.name);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) {
    let hex = '<';
    for (const byte of value.bytes) hex += byte.toString(16).padStart(2, '0');
    return `${hex}>`;
  }
  if (Array.isArray(value)) return `[${value.map(serializeValue).join(' ')}]`;
  if (value instanceof PdfDict) {
    let out = '<<';
    for (const [key, item] of value.map) out += `${serializeName(key)} ${serializeValue(item)}`;
    return `${out}>>`;
  }
  if (value instanceof PdfStream) throw new Error('a stream can only be written as an indirect object');
  throw new Error('not a PDF value');
}

/** A number as PDF writes it: integers as such, reals with at most six decimals and never in exponent form. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error('PDF numbers are finite');
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function serializeName(name: string): string {
  let out = '/';
  for (const c of name) {
    const code = c.charCodeAt(0);
    out += regular.test(c) && !needsEscape.has(c) && code < 0x80 ? c : `#${(code & 0xff).toString(16).padStart(2, '0')}`;
  }
  return out;
}
