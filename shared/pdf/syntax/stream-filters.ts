import { unzlibSync } from 'fflate';
import { asName, asNumber, PdfDict, PdfSyntaxError, type PdfStream, type PdfValue } from './pdf-values';

const maxDecoded = 256 * 1024 * 1024;

/**
 * Decodes a stream's data through its filters. Only what structural streams use is read: FlateDecode with or
 * without PNG/TIFF predictors (cross-reference and object streams); anything else throws {@link PdfSyntaxError}.
 */
export function decodeStream(stream: PdfStream, resolve: (value: PdfValue | undefined) => PdfValue | undefined = (v) => v): Uint8Array {
  const filter = resolve(stream.dict.get('Filter'));
  const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter.map((f) => resolve(f)) : [filter];
  const params = resolve(stream.dict.get('DecodeParms'));
  let data = stream.data;
  filters.forEach((item, i) => {
    const name = asName(item ?? undefined);
    if (name !== 'FlateDecode' && name !== 'Fl') throw new PdfSyntaxError(`a structural stream uses the ${name ?? 'unknown'} filter`);
    try {
      data = unzlibSync(data);
    } catch {
      throw new PdfSyntaxError('a compressed stream cannot be decompressed');
    }
    if (data.length > maxDecoded) throw new PdfSyntaxError('a compressed stream is too large');
    const param = resolve(Array.isArray(params) ? params[i] : params);
    if (param instanceof PdfDict) data = unpredict(data, param);
  });
  return data;
}

function unpredict(data: Uint8Array, params: PdfDict): Uint8Array {
  const predictor = asNumber(params.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  const colors = asNumber(params.get('Colors')) ?? 1;
  const bits = asNumber(params.get('BitsPerComponent')) ?? 8;
  const columns = asNumber(params.get('Columns')) ?? 1;
  if (bits !== 8) throw new PdfSyntaxError('a structural stream uses a predictor with a bit depth this app does not read');
  const rowBytes = colors * columns;
  if (predictor === 2) {
    const out = data.slice();
    for (let r = 0; r + rowBytes <= out.length; r += rowBytes) {
      for (let c = colors; c < rowBytes; c++) out[r + c] = ((out[r + c] as number) + (out[r + c - colors] as number)) & 0xff;
    }
    return out;
  }
  return unpredictPng(data, rowBytes, colors);
}

// PNG predictors (PDF 32000-1, 7.4.4.4): each row starts with its filter type.
function unpredictPng(data: Uint8Array, columns: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)] as number;
    const row = r * columns;
    const input = r * (columns + 1) + 1;
    for (let c = 0; c < columns; c++) {
      const raw = data[input + c] as number;
      const left = c >= bpp ? (out[row + c - bpp] as number) : 0;
      const up = r > 0 ? (out[row - columns + c] as number) : 0;
      const upLeft = r > 0 && c >= bpp ? (out[row - columns + c - bpp] as number) : 0;
      const predicted = type === 1 ? left : type === 2 ? up : type === 3 ? (left + up) >> 1 : type === 4 ? paeth(left, up, upLeft) : 0;
      out[row + c] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
