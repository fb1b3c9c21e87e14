import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFObject } from '@cantoo/pdf-lib';
import { checkDetachedCms } from './cms-signature';
import { checkCrossReference } from './cross-reference';
import { describePdfKind, type PdfInspection, type PdfKind, type PdfSignature } from './pdf-inspection';

/** A PDF that was read and classified; `document` is null when it cannot be stamped. */
export interface LoadedPdf {
  readonly inspection: PdfInspection;
  readonly document: PDFDocument | null;
}

const latin1 = new TextDecoder('latin1');

/**
 * Reads and classifies a PDF: not a PDF / damaged (truncated, broken cross-reference) / encrypted / signed /
 * with form fields / ok. Never throws on bad input.
 */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  const head = latin1.decode(bytes.subarray(0, 1024));
  const versionMatch = /%PDF-(\d\.\d)/.exec(head);
  if (!versionMatch) return failed('not-pdf', bytes, null);
  const version = versionMatch[1] ?? null;

  const structural = checkTrailer(bytes);
  if (structural) return failed('corrupt', bytes, version, structural);
  // Seen in the trailer (classic or cross-reference stream) before parsing: encrypted objects do not parse.
  if (declaresEncryption(bytes)) return failed('encrypted', bytes, version, undefined, true);

  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true, parseSpeed: Infinity });
  } catch (error) {
    return failed('corrupt', bytes, version, `unreadable: ${(error as Error).message.split('\n')[0]?.slice(0, 120)}`);
  }
  if (document.isEncrypted) return failed('encrypted', bytes, version, undefined, true);

  let pageCount: number;
  try {
    pageCount = document.getPageCount();
    const empty = document.getPages().findIndex((page) => {
      const box = page.getMediaBox();
      return !(box.width > 0 && box.height > 0);
    });
    if (empty >= 0) return failed('corrupt', bytes, version, `page ${empty + 1} has no size (its MediaBox is empty)`);
  } catch (error) {
    return failed('corrupt', bytes, version, `page tree damaged: ${(error as Error).message.slice(0, 120)}`);
  }
  if (pageCount === 0) return failed('corrupt', bytes, version, 'it has no pages');

  const found = readSignatures(document, bytes.length);
  // The costly checks (every cross-reference entry, every signature digest) run once per file, by SHA-256.
  const triage = await triageOnce(bytes, found);
  const signatures: PdfSignature[] = found.map((signature, i) => ({ ...signature.facts, ...(triage.signatures[i] ?? unchecked) }));
  const repairedCrossReference = triage.crossReferenceProblems.length > 0;
  // A signed file cannot be rewritten without breaking its signatures: a damaged table there is refused.
  if (repairedCrossReference && signatures.length > 0) return failed('corrupt', bytes, version, `its cross-reference table is damaged (${triage.crossReferenceProblems[0]})`);
  const brokenSignatures = signatures.filter((s) => s.digest === 'mismatch' || s.signatureCheck === 'invalid').length;
  const certifiedNoChanges = readDocMdpNoChanges(document);
  const formFieldCount = countFormFields(document) - signatures.length;
  const kind: PdfKind = signatures.length > 0 ? 'signed' : formFieldCount > 0 || hasWidgets(document) ? 'form-fields' : 'ok';
  return {
    document,
    inspection: {
      kind,
      ...describePdfKind(kind, { signatures: signatures.length, certifiedNoChanges, brokenSignatures, repairedCrossReference }),
      repairedCrossReference,
      pdfVersion: version,
      pageCount,
      encrypted: false,
      signatures,
      certifiedNoChanges,
      formFieldCount: Math.max(0, formFieldCount),
      sizeBytes: bytes.length,
    },
  };
}

/** True when a page has form-field widgets (their appearance is drawn above page content). */
export function pageHasWidgets(document: PDFDocument, pageIndex: number): boolean {
  const page = document.getPage(pageIndex);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return false;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookupMaybe(i, PDFDict);
    if (annot?.get(PDFName.of('Subtype')) === PDFName.of('Widget')) return true;
  }
  return false;
}

function hasWidgets(document: PDFDocument): boolean {
  for (let i = 0; i < document.getPageCount(); i++) if (pageHasWidgets(document, i)) return true;
  return false;
}

/** A truncated file or one whose startxref points nowhere is refused before parsing (pdf-lib would guess). */
function checkTrailer(bytes: Uint8Array): string | undefined {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (!tail.includes('%%EOF')) return 'the file is truncated: no end-of-file marker';
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const offset = Number(matches.at(-1)?.[1] ?? NaN);
  if (!Number.isInteger(offset) || offset <= 0 || offset >= bytes.length) return 'its cross-reference offset is missing or outside the file';
  const at = latin1.decode(bytes.subarray(offset, offset + 32));
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) return 'its cross-reference table is not where the file says';
  return undefined;
}

function declaresEncryption(bytes: Uint8Array): boolean {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  const offset = Number([...tail.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1] ?? NaN);
  const atXref = Number.isInteger(offset) ? latin1.decode(bytes.subarray(offset, offset + 8192)) : '';
  const pattern = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;
  return pattern.test(tail) || pattern.test(atXref);
}

function failed(kind: PdfKind, bytes: Uint8Array, version: string | null, reason?: string, encrypted = false): LoadedPdf {
  return {
    document: null,
    inspection: {
      kind,
      ...describePdfKind(kind, reason === undefined ? {} : { reason }),
      pdfVersion: version,
      pageCount: 0,
      encrypted,
      signatures: [],
      certifiedNoChanges: false,
      formFieldCount: 0,
      sizeBytes: bytes.length,
      repairedCrossReference: false,
    },
  };
}

interface FoundSignature {
  readonly facts: Omit<PdfSignature, 'digest' | 'signatureCheck'>;
  /** The signature's CMS bytes and the byte ranges it covers. */
  readonly contents: Uint8Array | null;
  readonly ranges: readonly number[];
}

interface Triage {
  readonly crossReferenceProblems: string[];
  readonly signatures: Pick<PdfSignature, 'digest' | 'signatureCheck'>[];
}

const unchecked = { digest: 'unknown', signatureCheck: 'unchecked' } as const;
const triageCache = new Map<string, Triage>();
const triageCacheSize = 32;

/** The full checks of a file, from the cache when the same bytes were triaged before (opening, then stamping). */
async function triageOnce(bytes: Uint8Array, signatures: readonly FoundSignature[]): Promise<Triage> {
  const key = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  const cached = triageCache.get(key);
  if (cached) return cached;
  const checks = await Promise.all(signatures.map(async ({ contents, ranges }) => {
    const [a = 0, b = 0, c = 0, d = 0] = ranges;
    if (!contents || ranges.length !== 4 || a !== 0 || b < 0 || c < b || c + d > bytes.length) return unchecked;
    const signed = new Uint8Array(b + d);
    signed.set(bytes.subarray(a, a + b), 0);
    signed.set(bytes.subarray(c, c + d), b);
    const check = await checkDetachedCms(contents, signed);
    return { digest: check.digest, signatureCheck: check.signature };
  }));
  const triage = { crossReferenceProblems: checkCrossReference(bytes).problems, signatures: checks };
  if (triageCache.size >= triageCacheSize) triageCache.delete(triageCache.keys().next().value as string);
  triageCache.set(key, triage);
  return triage;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function acroFormFields(document: PDFDocument): PDFDict[] {
  const acroForm = document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const roots = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const fields: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const walk = (array: PDFArray | undefined, depth: number): void => {
    if (!array || depth > 32) return;
    for (let i = 0; i < array.size(); i++) {
      const field = array.lookupMaybe(i, PDFDict);
      if (!field || seen.has(field)) continue;
      seen.add(field);
      const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray);
      // A field with kids that are widgets only is still one field; kids with their own /T are fields.
      const kidFields = kids ? Array.from({ length: kids.size() }, (_, k) => kids.lookupMaybe(k, PDFDict)).filter((kid) => kid?.has(PDFName.of('T'))) : [];
      if (kidFields.length > 0) walk(kids, depth + 1);
      else fields.push(field);
    }
  };
  walk(roots, 0);
  return fields;
}

function countFormFields(document: PDFDocument): number {
  return acroFormFields(document).length;
}

function readSignatures(document: PDFDocument, fileLength: number): FoundSignature[] {
  const signatures: FoundSignature[] = [];
  for (const field of acroFormFields(document)) {
    if (field.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
    const value = field.lookupMaybe(PDFName.of('V'), PDFDict);
    if (!value) continue;
    const byteRange = value.lookupMaybe(PDFName.of('ByteRange'), PDFArray);
    const ranges = byteRange ? byteRange.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) : [];
    const end = (ranges[2] ?? 0) + (ranges[3] ?? 0);
    const contents = value.get(PDFName.of('Contents'));
    signatures.push({
      facts: {
        field: text(field.get(PDFName.of('T'))) ?? 'Signature',
        signer: text(value.get(PDFName.of('Name'))),
        signedAt: text(value.get(PDFName.of('M'))),
        subFilter: value.get(PDFName.of('SubFilter'))?.toString().replace(/^\//, '') ?? null,
        coversWholeFile: end === fileLength,
      },
      contents: contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : null,
      ranges,
    });
  }
  return signatures;
}

function readDocMdpNoChanges(document: PDFDocument): boolean {
  const perms = document.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
  const docMdp = perms?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const reference = docMdp?.lookupMaybe(PDFName.of('Reference'), PDFArray)?.lookupMaybe(0, PDFDict);
  const p = reference?.lookupMaybe(PDFName.of('TransformParams'), PDFDict)?.get(PDFName.of('P'));
  return p instanceof PDFNumber && p.asNumber() === 1;
}

function text(value: PDFObject | undefined): string | null {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  if (value instanceof PDFRef) return null;
  return null;
}
