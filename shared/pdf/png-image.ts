import UPNG from '@cantoo/pdf-lib/upng';
import { zlibSync } from 'fflate';
import type { IncrementalUpdate } from './incremental-update';
import { PdfDict, PdfName, PdfStream, type PdfRef } from './syntax/pdf-values';

/** An image added to an update: its XObject and its size in pixels. */
export interface EmbeddedImage {
  readonly ref: PdfRef;
  readonly width: number;
  readonly height: number;
}

/**
 * Adds a PNG to the update as an RGB image XObject, with its alpha channel as a soft mask (PDF 32000-1, 11.6.5.3)
 * when any pixel is not opaque. Any PNG the browser shows (palette, grey, 16-bit, interlaced) is read through its
 * 8-bit RGBA form. Throws on bytes that are not a PNG.
 */
export function embedPng(update: IncrementalUpdate, png: Uint8Array): EmbeddedImage {
  const image = UPNG.decode(png.slice().buffer as ArrayBuffer);
  const [frame] = UPNG.toRGBA8(image);
  if (!frame) throw new Error('the image has no pixels');
  const { width, height } = image;
  const rgba = new Uint8Array(frame);
  const rgb = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height);
  let opaque = true;
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    rgb[i * 3] = rgba[j] as number;
    rgb[i * 3 + 1] = rgba[j + 1] as number;
    rgb[i * 3 + 2] = rgba[j + 2] as number;
    alpha[i] = rgba[j + 3] as number;
    if (alpha[i] !== 255) opaque = false;
  }
  const common = (colorSpace: string): [string, PdfName | number][] => [
    ['Type', PdfName.of('XObject')],
    ['Subtype', PdfName.of('Image')],
    ['Width', width],
    ['Height', height],
    ['ColorSpace', PdfName.of(colorSpace)],
    ['BitsPerComponent', 8],
    ['Filter', PdfName.of('FlateDecode')],
  ];
  const dict = new PdfDict(common('DeviceRGB'));
  if (!opaque) dict.set('SMask', update.add(new PdfStream(new PdfDict(common('DeviceGray')), zlibSync(alpha))));
  return { ref: update.add(new PdfStream(dict, zlibSync(rgb))), width, height };
}
