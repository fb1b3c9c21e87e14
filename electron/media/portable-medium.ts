import { createHash } from 'node:crypto';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import type { Envelope } from '../../shared/domain/envelope';
import { binaryReferences, findFilingMessages, missingFilingMessageReason, readFilingMessage } from '../../shared/ecf/filing-message';
import { findAnyFilingMessages } from '../../shared/ecf/any-filing-message';
import { readEcfOperation } from '../../shared/ecf/portable-media-operation';
import { binaryLocations4, ecf5FilingMessageOf } from '../../shared/ecf4/core-filing-message';
import { ns4 } from '../../shared/ecf4/namespaces';
import { assembleReviewFilingRequest4 } from '../../shared/ecf4/ecf4-operations';
import { loadPdf } from '../../shared/pdf/load-pdf';
import { parseXml } from '../../shared/xml/safe-xml';
import type { MimePart } from '../soap/mtom';
import { verifyMediumSignature, type MediumSignature } from './medium-signature';

/** A file of the medium: its path from the medium's root (forward slashes) and its bytes. */
export interface MediumFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A medium that checked out: the filing, ready to hand to the EFM, and what was on it. */
export interface PortableMedium {
  readonly envelope: Envelope;
  /** The FilingMessage with each document's BinaryURI pointing at its MTOM part. */
  readonly filingMessageXml: string;
  readonly attachments: readonly MimePart[];
  /**
   * A medium made by an ECF 4 filing system (a ReviewFilingRequestMessage): the request as it is on the medium, with
   * each document's `nc:BinaryLocationURI` pointing at its MTOM part. It goes to the court's ECF 4 port as it is, so
   * the court keeps the filer's own message and answers with an ECF 4.0 MessageReceiptMessage.
   */
  readonly ecf4RequestXml: string | null;
  /** The medium's XML-DSig: absent, or verified (a medium whose signature does not verify is refused). */
  readonly signature: Exclude<MediumSignature, { kind: 'invalid' }>;
  readonly files: readonly { name: string; sequenceId: string; sizeBytes: number; sha256: string }[];
  readonly warnings: readonly string[];
}

/** The ECF 4.0 PaymentMessage one of these files holds as its root, or null. */
function paymentMessageFile4(files: readonly (MediumFile | undefined)[]): Element | null {
  for (const file of files) {
    if (!file?.path.toLowerCase().endsWith('.xml')) continue;
    const parsed = parseXml(new TextDecoder().decode(file.bytes));
    if (parsed.ok && parsed.value.namespaceURI === ns4.payment && parsed.value.localName === 'PaymentMessage') return parsed.value;
  }
  return null;
}

/** Limits for a medium: how many files and how many bytes in all. */
export const mediumLimits = { maxFiles: 500, maxTotalBytes: 1024 * 1024 * 1024 } as const;

/**
 * Reads a portable medium the way the profile says: `ECFOperation.xml` at the root names the operation
 * (only ReviewFiling is supported) and each message or attachment file with its sequence id; the message is the
 * ReviewFiling request (or its FilingMessage), and each document's `nc:BinaryURI` names its file (by name, or as
 * `cid:` the file name or sequence id). Every problem is collected; any problem means nothing is imported.
 */
export async function readPortableMedium(files: readonly MediumFile[]): Promise<{ ok: true; value: PortableMedium } | { ok: false; problems: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (files.length > mediumLimits.maxFiles) return { ok: false, problems: [`The medium holds ${files.length} files; at most ${mediumLimits.maxFiles} are read.`] };
  if (files.reduce((sum, file) => sum + file.bytes.length, 0) > mediumLimits.maxTotalBytes) return { ok: false, problems: ['The medium holds more than 1 GB.'] };
  const byName = new Map<string, MediumFile>();
  for (const file of files) {
    const name = file.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (name.startsWith('/') || name.split('/').includes('..')) problems.push(`Refused path ${file.path}: it climbs out of the medium.`);
    else byName.set(name.toLowerCase(), { path: name, bytes: file.bytes });
  }
  const operationFile = byName.get('ecfoperation.xml');
  if (!operationFile) return { ok: false, problems: [...problems, 'ECFOperation.xml is not at the root of the medium: this is not an ECF portable medium.'] };
  const operation = parseXml(new TextDecoder().decode(operationFile.bytes));
  if (!operation.ok) return { ok: false, problems: [...problems, `ECFOperation.xml cannot be read: ${operation.error.message}`] };
  const read = readEcfOperation(operation.value);
  if (!read.ok) return { ok: false, problems: [...problems, read.error.message] };
  const name = read.value.operationName;
  if (name !== 'ReviewFiling') problems.push(`The medium asks for ${name ?? 'no operation'}; only ReviewFiling is accepted from portable media.`);
  const listed = read.value.messages;
  if (listed.length === 0) problems.push('ECFOperation.xml lists no message.');
  const seen = new Set<string>();
  for (const entry of listed) {
    if (seen.has(entry.sequenceId)) problems.push(`Sequence id ${entry.sequenceId} is listed twice.`);
    seen.add(entry.sequenceId);
    if (!entry.fileName || entry.fileName.split('/').includes('..')) problems.push(`Sequence ${entry.sequenceId}: file name "${entry.fileName}" is not a file on the medium.`);
    else if (!byName.has(entry.fileName.toLowerCase())) problems.push(`Sequence ${entry.sequenceId}: ${entry.fileName} is listed but not on the medium.`);
  }
  const listedNames = new Set(listed.map((entry) => entry.fileName.toLowerCase()));
  for (const file of byName.values()) if (file.path.toLowerCase() !== 'ecfoperation.xml' && !listedNames.has(file.path.toLowerCase())) warnings.push(`${file.path} is on the medium but not listed in ECFOperation.xml; it was ignored.`);
  if (problems.length > 0) return { ok: false, problems };
  const signature = verifyMediumSignature(new TextDecoder().decode(operationFile.bytes), listed.map((entry) => entry.fileName), (fileName) => byName.get(fileName.toLowerCase())?.bytes ?? null);
  if (signature.kind === 'invalid') return { ok: false, problems: [`The medium is signed, but its signature does not hold: ${signature.reason}.`] };
  if (signature.kind === 'verified' && signature.note) warnings.push(`The medium's signature verifies, but ${signature.note}.`);

  // The message: the first listed file (by sequence) that holds a FilingMessage.
  const ordered = [...listed].sort((a, b) => a.sequenceId.localeCompare(b.sequenceId, 'en', { numeric: true }));
  let message: Element | null = null;
  let messageEntry: (typeof listed)[number] | null = null;
  let ecf4Request: Element | null = null;
  for (const entry of ordered) {
    if (!entry.fileName.toLowerCase().endsWith('.xml')) continue;
    const parsed = parseXml(new TextDecoder().decode(byName.get(entry.fileName.toLowerCase())?.bytes ?? new Uint8Array()));
    if (!parsed.ok) {
      problems.push(`${entry.fileName} cannot be read: ${parsed.error.message}`);
      continue;
    }
    const [found] = findFilingMessages(parsed.value);
    if (found) {
      message = found;
      messageEntry = entry;
      break;
    }
    const [core] = findAnyFilingMessages(parsed.value).filter((filing) => filing.version === '4.0');
    if (core) {
      // Seed 003 is an ECF 4.0 profile: its media carry CoreFilingMessages. The EFM takes ECF 5.0.
      const translated = ecf5FilingMessageOf(core.message, 'urn:clerk-review:portable-media');
      if (!translated.ok) {
        problems.push(`${entry.fileName}: the ECF 4.0 filing cannot be read: ${translated.error.message}`);
        continue;
      }
      message = translated.value.message;
      messageEntry = entry;
      const request = parsed.value.namespaceURI === ns4.wsmp && parsed.value.localName === 'ReviewFilingRequestMessage' ? parsed.value : null;
      // A CoreFilingMessage on its own: its PaymentMessage may be in a file of its own (seed 003: one file a message).
      const payment = request || core.message !== parsed.value ? null : paymentMessageFile4(ordered.filter((other) => other !== entry).map((other) => byName.get(other.fileName.toLowerCase())));
      if (request && findAnyFilingMessages(request).length === 1) ecf4Request = request;
      else if (payment) ecf4Request = assembleReviewFilingRequest4(parsed.value, payment);
      else warnings.push(`${entry.fileName} holds an ECF 4.0 filing without its ReviewFilingRequestMessage or PaymentMessage: it was read and handed to the court's system as ECF 5.0.`);
      break;
    }
    const reason = missingFilingMessageReason(parsed.value, entry.fileName);
    if (reason.includes('ECF 4')) problems.push(`${entry.fileName}: ${reason}`);
  }
  if (!message || !messageEntry) return { ok: false, problems: [...problems, 'No listed file holds a ReviewFiling request or FilingMessage.'] };
  const envelope = readFilingMessage(message);
  if (!envelope.ok) return { ok: false, problems: [`${messageEntry.fileName}: the FilingMessage cannot be read: ${envelope.error.message}`] };

  // Every document's file, found by its BinaryURI; each gets an MTOM content id for the hand-over to the EFM.
  const attachments: MimePart[] = [];
  const rewrites = new Map<string, string>();
  const entryFor = (reference: string): (typeof listed)[number] | undefined => {
    const target = reference.replace(/^cid:(\/\/)?/, '');
    return listed.find((candidate) => candidate !== messageEntry && (candidate.fileName.toLowerCase() === target.toLowerCase() || candidate.sequenceId === target || candidate.fileName.split('/').pop()?.toLowerCase() === target.toLowerCase()));
  };
  for (const binary of binaryReferences(message)) {
    const entry = entryFor(binary.reference);
    if (!entry) {
      problems.push(`The FilingMessage refers to ${binary.reference}, which ECFOperation.xml does not list.`);
      continue;
    }
    const bytes = byName.get(entry.fileName.toLowerCase())?.bytes ?? new Uint8Array();
    const pdf = await loadPdf(bytes);
    if (pdf.inspection.kind === 'not-pdf' || pdf.inspection.kind === 'corrupt') problems.push(`${entry.fileName}: ${pdf.inspection.message}`);
    else if (pdf.inspection.kind === 'encrypted') warnings.push(`${entry.fileName}: ${pdf.inspection.message}`);
    const contentId = rewrites.get(entry.fileName) ?? `media-${entry.sequenceId}@clerk-review`;
    if (!rewrites.has(entry.fileName)) attachments.push({ contentId, contentType: 'application/pdf', body: Buffer.from(bytes) });
    rewrites.set(entry.fileName, contentId);
    binary.rebind(`cid:${contentId}`);
  }
  // The ECF 4 request names the same files: each reference goes to the same MTOM part.
  for (const location of ecf4Request ? binaryLocations4(ecf4Request) : []) {
    const entry = entryFor(location.reference);
    const contentId = entry ? rewrites.get(entry.fileName) : undefined;
    if (contentId) location.rebind(`cid:${contentId}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const reread = readFilingMessage(message);
  if (!reread.ok) return { ok: false, problems: [reread.error.message] };
  return {
    ok: true,
    value: {
      envelope: reread.value,
      filingMessageXml: new XMLSerializer().serializeToString(message),
      attachments,
      ecf4RequestXml: ecf4Request ? new XMLSerializer().serializeToString(ecf4Request) : null,
      signature,
      files: ordered.map((entry) => {
        const bytes = byName.get(entry.fileName.toLowerCase())?.bytes ?? new Uint8Array();
        return { name: entry.fileName, sequenceId: entry.sequenceId, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      }),
      warnings,
    },
  };
}
