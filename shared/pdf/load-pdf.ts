import { sha256Hex } from '../crypto/sha256';
import type { BytesOnDemand } from './bytes-on-demand';
import { checkDetachedCms } from './cms-signature';
import { checkCrossReference, findStartXref } from './cross-reference';
import { LazyPdf, type PdfPageNode } from './lazy-pdf';
import { declaresEncryption } from './pdf-sniff';
import { describePdfKind, type PdfInspection, type PdfKind, type PdfSignature } from './pdf-inspection';
import { indexOfBytes } from './syntax/pdf-parser';
import { asName, asNumber, PdfDict, PdfString, PdfSyntaxError, type PdfValue } from './syntax/pdf-values';

/** A PDF that was read and classified; `document` is null when it cannot be stamped. */
export interface LoadedPdf {
  readonly inspection: PdfInspection;
  /** The file read on demand (over repaired bytes when its cross-reference table was damaged). */
  readonly document: LazyPdf | null;
  /** SHA-256 of the bytes as received (hex); null when the file was refused before it was hashed. */
  readonly sha256: string | null;
}

/** Which pages the page checks (size, form-field widgets) look at: all of them, or the ones about to be stamped. */
export type PageScope = 'all' | ((pageCount: number) => readonly number[]);

const latin1 = new TextDecoder('latin1');

/**
 * Reads and classifies a PDF: not a PDF / damaged (truncated, broken cross-reference) / encrypted / signed /
 * with form fields / ok. Only the trailer, the catalog, the form and the pages in `scope` are read, so the cost of
 * stamping one page does not grow with the page count. `knownSha256` (the bytes' digest, when the caller has it)
 * spares hashing them again. Never throws on bad input.
 */
export async function loadPdf(bytes: Uint8Array, scope: PageScope = 'all', knownSha256?: string, onDemand?: BytesOnDemand): Promise<LoadedPdf> {
  if (onDemand) askForEnds(bytes, onDemand, knownSha256);
  const versionMatch = /%PDF-(\d\.\d)/.exec(latin1.decode(bytes.subarray(0, 1024)));
  if (!versionMatch) return failed('not-pdf', bytes, null);
  const version = versionMatch[1] ?? null;
  const structural = checkTrailer(bytes);
  if (structural) return failed('corrupt', bytes, version, structural);
  // Seen in the trailer (classic or cross-reference stream) before parsing: encrypted objects do not parse.
  if (declaresEncryption(bytes)) return failed('encrypted', bytes, version, undefined, true);

  const sha256 = knownSha256 ?? (await sha256Hex(bytes));
  let triage = triageCache.get(sha256);
  let document: LazyPdf;
  let signatures: FoundSignature[];
  try {
    const { opened, problems } = triage ? { opened: null, problems: triage.crossReferenceProblems } : openAndCheck(bytes, onDemand);
    const crossReferenceProblems = problems;
    // A repair and a signature's digest read the whole file.
    if (crossReferenceProblems.length > 0) onDemand?.ensure(0, bytes.length);
    document = crossReferenceProblems.length > 0 ? LazyPdf.open(await rewriteWhole(bytes)) : (opened ?? LazyPdf.open(bytes, onDemand));
    if (document.trailer.has('Encrypt')) return failed('encrypted', bytes, version, undefined, true);
    signatures = readSignatures(document, bytes.length);
    if (signatures.length > 0) onDemand?.ensure(0, bytes.length);
    triage ??= await triageSignatures(bytes, sha256, crossReferenceProblems, signatures);
  } catch (error) {
    return failed('corrupt', bytes, version, reasonOf(error));
  }

  let pageCount: number;
  let widgets = false;
  try {
    const pages = scope === 'all' ? document.allPages() : null;
    pageCount = pages ? pages.length : document.pageCount();
    if (pageCount === 0) return failed('corrupt', bytes, version, 'it has no pages');
    const checked = pages ? pages.map((_, i) => i + 1) : (scope as Exclude<PageScope, 'all'>)(pageCount);
    for (const number of checked) {
      const page = pages ? (pages[number - 1] as PdfPageNode) : document.page(number - 1);
      if (!pageSize(document, page)) return failed('corrupt', bytes, version, `page ${number} has no size (its MediaBox is empty)`);
      widgets ||= pageHasWidgets(document, page);
    }
  } catch (error) {
    return failed('corrupt', bytes, version, `page tree damaged: ${reasonOf(error)}`);
  }

  const checkedSignatures: PdfSignature[] = signatures.map((signature, i) => ({ ...signature.facts, ...(triage.signatures[i] ?? unchecked) }));
  const repairedCrossReference = triage.crossReferenceProblems.length > 0;
  // A signed file cannot be rewritten without breaking its signatures: a damaged table there is refused.
  if (repairedCrossReference && checkedSignatures.length > 0) {
    return failed('corrupt', bytes, version, `its cross-reference table is damaged (${triage.crossReferenceProblems[0]})`);
  }
  const brokenSignatures = checkedSignatures.filter((s) => s.digest === 'mismatch' || s.signatureCheck === 'invalid').length;
  const certifiedNoChanges = readDocMdpNoChanges(document);
  const formFieldCount = Math.max(0, acroFormFields(document).length - checkedSignatures.length);
  const kind: PdfKind = checkedSignatures.length > 0 ? 'signed' : formFieldCount > 0 || widgets ? 'form-fields' : 'ok';
  const detail = { signatures: checkedSignatures.length, certifiedNoChanges, brokenSignatures, repairedCrossReference };
  return {
    document,
    sha256,
    inspection: {
      kind,
      ...describePdfKind(kind, detail),
      repairedCrossReference,
      pdfVersion: version,
      pageCount,
      encrypted: false,
      signatures: checkedSignatures,
      certifiedNoChanges,
      formFieldCount,
      sizeBytes: bytes.length,
    },
  };
}

/** The file opened on its cross-reference chain, and what the full check of that chain found (read once). */
function openAndCheck(bytes: Uint8Array, onDemand?: BytesOnDemand): { opened: LazyPdf | null; problems: string[] } {
  let opened: LazyPdf;
  try {
    opened = LazyPdf.open(bytes, onDemand);
  } catch (error) {
    return { opened: null, problems: [(error as Error).message] };
  }
  return { opened, problems: checkCrossReference(bytes, opened.sections, onDemand).problems };
}

/** Asks a file held in part for what is read before any object: its start, its tail and its last section. */
function askForEnds(bytes: Uint8Array, onDemand: BytesOnDemand, knownSha256: string | undefined): void {
  if (!knownSha256) return onDemand.ensure(0, bytes.length);
  onDemand.ensure(0, 1024);
  onDemand.ensure(Math.max(0, bytes.length - 4096), bytes.length);
  const offset = findStartXref(bytes);
  if (offset !== null && offset > 0 && offset < bytes.length) onDemand.ensure(offset, offset + 8192);
}

/** Forgets the cached verdicts (benchmarks measure a file met for the first time). */
export function forgetPdfVerdicts(): void {
  triageCache.clear();
}

/** True when a page has form-field widgets (their appearance is drawn above page content). */
export function pageHasWidgets(document: LazyPdf, page: PdfPageNode): boolean {
  for (const annot of document.array(page.dict, 'Annots') ?? []) {
    const dict = document.resolve(annot);
    if (dict instanceof PdfDict && asName(dict.get('Subtype')) === 'Widget') return true;
  }
  return false;
}

/** The page's MediaBox as [x1, y1, x2, y2] when it has a size; null when it is empty or unreadable. */
export function pageSize(document: LazyPdf, page: PdfPageNode): [number, number, number, number] | null {
  const box = numbersOf(document, page.inherited('MediaBox'));
  if (!box) return null;
  const [x1, y1, x2, y2] = box;
  return Math.abs(x2 - x1) > 0 && Math.abs(y2 - y1) > 0 ? box : null;
}

/** Four numbers from a (possibly indirect) array, or null. */
export function numbersOf(document: LazyPdf, value: PdfValue | undefined): [number, number, number, number] | null {
  const array = document.resolve(value);
  if (!Array.isArray(array) || array.length !== 4) return null;
  const numbers = array.map((item) => asNumber(document.resolve(item)));
  return numbers.every((n) => n !== null) ? (numbers as [number, number, number, number]) : null;
}

/** The file written whole by pdf-lib, which reads objects where they are rather than where the table says. */
async function rewriteWhole(bytes: Uint8Array): Promise<Uint8Array> {
  const { PDFDocument } = await import('@cantoo/pdf-lib');
  const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true, parseSpeed: Infinity });
  return new Uint8Array(await document.save({ objectsPerTick: Infinity, useObjectStreams: false }));
}

function reasonOf(error: unknown): string {
  const message = (error as Error).message?.split('\n')[0]?.slice(0, 120) ?? 'unreadable';
  return error instanceof PdfSyntaxError ? message : `unreadable: ${message}`;
}

/** A truncated file or one whose startxref points nowhere is refused before parsing (readers would guess). */
function checkTrailer(bytes: Uint8Array): string | undefined {
  if (indexOfBytes(bytes, '%%EOF', Math.max(0, bytes.length - 4096)) < 0) return 'the file is truncated: no end-of-file marker';
  const offset = findStartXref(bytes);
  if (offset === null || offset <= 0 || offset >= bytes.length) return 'its cross-reference offset is missing or outside the file';
  const at = latin1.decode(bytes.subarray(offset, offset + 32));
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) return 'its cross-reference table is not where the file says';
  return undefined;
}

function failed(kind: PdfKind, bytes: Uint8Array, version: string | null, reason?: string, encrypted = false): LoadedPdf {
  return {
    document: null,
    sha256: null,
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

/** The costly checks (every signature digest), run once per file by SHA-256: opening, then stamping. */
async function triageSignatures(bytes: Uint8Array, key: string, crossReferenceProblems: string[], signatures: readonly FoundSignature[]): Promise<Triage> {
  const checks = await Promise.all(signatures.map(async ({ contents, ranges }) => {
    const [a = 0, b = 0, c = 0, d = 0] = ranges;
    if (!contents || ranges.length !== 4 || a !== 0 || b < 0 || c < b || c + d > bytes.length) return unchecked;
    const signed = new Uint8Array(b + d);
    signed.set(bytes.subarray(a, a + b), 0);
    signed.set(bytes.subarray(c, c + d), b);
    const check = await checkDetachedCms(contents, signed);
    return { digest: check.digest, signatureCheck: check.signature };
  }));
  const triage = { crossReferenceProblems, signatures: checks };
  if (triageCache.size >= triageCacheSize) triageCache.delete(triageCache.keys().next().value as string);
  triageCache.set(key, triage);
  return triage;
}

function acroFormFields(document: LazyPdf): PdfDict[] {
  const acroForm = document.dict(document.catalog, 'AcroForm');
  const roots = acroForm ? document.array(acroForm, 'Fields') : null;
  const fields: PdfDict[] = [];
  const seen = new Set<PdfDict>();
  const walk = (array: PdfValue[] | null, depth: number): void => {
    if (!array || depth > 32) return;
    for (const item of array) {
      const field = document.resolve(item);
      if (!(field instanceof PdfDict) || seen.has(field)) continue;
      seen.add(field);
      const kids = document.array(field, 'Kids');
      // A field with kids that are widgets only is still one field; kids with their own /T are fields.
      const kidFields = (kids ?? []).map((kid) => document.resolve(kid)).filter((kid) => kid instanceof PdfDict && kid.has('T'));
      if (kidFields.length > 0) walk(kids, depth + 1);
      else fields.push(field);
    }
  };
  walk(roots, 0);
  return fields;
}

function readSignatures(document: LazyPdf, fileLength: number): FoundSignature[] {
  const signatures: FoundSignature[] = [];
  for (const field of acroFormFields(document)) {
    if (asName(field.get('FT')) !== 'Sig') continue;
    const value = document.dict(field, 'V');
    if (!value) continue;
    const byteRange = document.array(value, 'ByteRange');
    const ranges = byteRange ? byteRange.map((n) => asNumber(document.resolve(n)) ?? 0) : [];
    const end = (ranges[2] ?? 0) + (ranges[3] ?? 0);
    const contents = value.get('Contents');
    signatures.push({
      facts: {
        field: text(field.get('T')) ?? 'Signature',
        signer: text(value.get('Name')),
        signedAt: text(value.get('M')),
        subFilter: asName(value.get('SubFilter')),
        coversWholeFile: end === fileLength,
      },
      contents: contents instanceof PdfString ? contents.bytes : null,
      ranges,
    });
  }
  return signatures;
}

function readDocMdpNoChanges(document: LazyPdf): boolean {
  const perms = document.dict(document.catalog, 'Perms');
  const docMdp = perms ? document.dict(perms, 'DocMDP') : null;
  const references = docMdp ? document.array(docMdp, 'Reference') : null;
  const reference = document.resolve(references?.[0]);
  const params = reference instanceof PdfDict ? document.dict(reference, 'TransformParams') : null;
  return params ? asNumber(document.resolve(params.get('P'))) === 1 : false;
}

function text(value: PdfValue | undefined): string | null {
  return value instanceof PdfString ? value.text() : null;
}
