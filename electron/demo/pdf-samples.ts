import { randomBytes } from 'node:crypto';
import {
  concatTransformationMatrix, degrees, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState, rgb,
  StandardFonts, type PDFFont, type PDFPage,
} from '@cantoo/pdf-lib';

/** How one generated page looks. */
export interface SamplePage {
  /** [width, height] of the MediaBox in points. */
  readonly size?: readonly [number, number];
  readonly rotate?: 0 | 90 | 180 | 270;
  /** CropBox [x1, y1, x2, y2]; lets tests check stamps on pages whose visible area does not start at 0,0. */
  readonly cropBox?: readonly [number, number, number, number];
  /** MediaBox origin, for pages whose coordinates do not start at 0,0. */
  readonly origin?: readonly [number, number];
}

/** What a generated court document says. */
export interface SampleDocument {
  readonly title: string;
  readonly caption?: string;
  readonly pages: number | readonly SamplePage[];
  /** Lines of body text per page. */
  readonly linesPerPage?: number;
}

const body = [
  'COMES NOW the Plaintiff, by and through undersigned counsel, and respectfully states as follows:',
  'The parties to this action reside within the jurisdiction of this Court, and venue is proper herein.',
  'On or about the date alleged, Defendant failed to perform the obligations owed under the agreement.',
  'As a direct and proximate result, Plaintiff has suffered damages in an amount to be proven at trial.',
  'WHEREFORE, Plaintiff prays for judgment against Defendant, costs of suit, and such further relief.',
];

/**
 * Generates a realistic multi-page court document as PDF bytes: caption, title, numbered paragraphs and a page
 * footer, on pages of any size, rotation, crop box and origin. Used for demo data, tests and benchmarks.
 */
export async function makeSamplePdf(spec: SampleDocument): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle(spec.title);
  document.setProducer('Clerk Review Desk sample generator');
  const regular = await document.embedFont(StandardFonts.TimesRoman);
  const bold = await document.embedFont(StandardFonts.TimesRomanBold);
  const pages: readonly SamplePage[] = typeof spec.pages === 'number' ? Array.from({ length: spec.pages }, () => ({})) : spec.pages;
  pages.forEach((pageSpec, index) => {
    const [width, height] = pageSpec.size ?? [612, 792];
    const [ox, oy] = pageSpec.origin ?? [0, 0];
    const page = document.addPage([width, height]);
    page.setMediaBox(ox, oy, width, height);
    if (pageSpec.cropBox) {
      const [x1, y1, x2, y2] = pageSpec.cropBox;
      page.setCropBox(x1, y1, x2 - x1, y2 - y1);
    }
    if (pageSpec.rotate) page.setRotation(degrees(pageSpec.rotate));
    drawPage(page, { ox, oy, width, height }, index, pages.length, spec, regular, bold);
  });
  return document.save({ useObjectStreams: true });
}

function drawPage(page: PDFPage, box: { ox: number; oy: number; width: number; height: number }, index: number, count: number, spec: SampleDocument, regular: PDFFont, bold: PDFFont): void {
  const left = box.ox + 72;
  let y = box.oy + box.height - 90;
  page.setFont(regular);
  page.setFontSize(11);
  if (index === 0) {
    page.drawText(spec.caption ?? 'IN THE SUPERIOR COURT OF DEMO COUNTY', { x: left, y, font: bold, size: 12 });
    y -= 28;
    page.drawText(spec.title.toUpperCase(), { x: left, y, font: bold, size: 14 });
    y -= 30;
  }
  const lines = spec.linesPerPage ?? 30;
  for (let line = 0; line < lines && y > box.oy + 72; line++) {
    page.drawText(`${index * lines + line + 1}. ${body[line % body.length]}`, { x: left, y, size: 10 });
    y -= 15;
  }
  page.drawText(`${spec.title} — page ${index + 1} of ${count}`, { x: left, y: box.oy + 40, size: 8 });
}

/** A one-page form whose text fields sit where the "Filed" stamp goes, to prove stamps stay visible above fields. */
export async function makeFormPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const page = document.addPage([612, 792]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  page.drawText('PETITION FOR NAME CHANGE (form CR-101)', { x: 72, y: 720, size: 14, font });
  const form = document.getForm();
  const clerkBox = form.createTextField('court.clerkUseOnly');
  clerkBox.setText('FOR COURT USE ONLY');
  // An opaque field fill, as real court forms have: content drawn beneath it would be hidden.
  clerkBox.addToPage(page, { x: 340, y: 640, width: 260, height: 140, backgroundColor: rgb(0.93, 0.95, 1), borderWidth: 1 });
  const name = form.createTextField('petitioner.name');
  name.setText('Jordan Q. Example');
  name.addToPage(page, { x: 72, y: 560, width: 250, height: 24 });
  form.updateFieldAppearances(font);
  return document.save({ useObjectStreams: false });
}

/** A sample document protected with a user password (AES-256), as filers sometimes submit by mistake. */
export async function makeEncryptedSamplePdf(spec: SampleDocument, userPassword = 'filer-secret'): Promise<Uint8Array> {
  const document = await PDFDocument.load(await makeSamplePdf(spec), { updateMetadata: false });
  document.encrypt({ userPassword, ownerPassword: `${userPassword}-owner` });
  return document.save({ useObjectStreams: false });
}

/**
 * A scanned filing: `pages` letter pages, each one greyscale image of random (incompressible) pixels, about
 * `megabytes` in all; `imageBytes` may seed each image's data instead (tests put PDF keywords inside it).
 */
export async function makeScanPdf(
  megabytes: number, pages: number, imageBytes?: (page: number, size: number) => Uint8Array,
): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const side = Math.round(Math.sqrt((megabytes * 1024 * 1024) / pages));
  for (let i = 0; i < pages; i++) {
    const data = imageBytes?.(i, side * side) ?? randomBytes(side * side);
    const dict = { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8 };
    const image = document.context.register(document.context.stream(data, dict));
    const page = document.addPage([612, 792]);
    const name = page.node.newXObject('Scan', image);
    const drawn = drawObject(PDFName.of(name.asString().slice(1)));
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(612, 0, 0, 792, 0, 0), drawn, popGraphicsState());
  }
  return document.save({ useObjectStreams: false });
}
