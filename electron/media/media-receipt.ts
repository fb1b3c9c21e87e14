import { PDFDocument, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { courtClockText } from '../../shared/domain/court-clock';
import type { MediumAnswer } from './media-inbox';
import type { PortableMedium } from './portable-medium';

/** What the receipt says about where the filing went. */
export interface ReceiptStatus {
  readonly receivedAt: string;
  /** The court's time zone: the receipt shows the court's clock. */
  readonly timeZone: string;
  readonly receivedBy: string;
  readonly workstation: string;
  readonly courtName: string;
  /** Submitted to the EFM (with its answer), or waiting for it. */
  readonly efm: ({ delivered: true } & MediumAnswer) | { delivered: false; reason: string };
}

/**
 * The synchronous response of a portable-media ReviewFiling, printed: who received what and when, the envelope and
 * filings, every file with its size and SHA-256, and the EFM's answer — the page the filer takes back (seed 003).
 */
export async function makeMediaReceipt(medium: PortableMedium, status: ReceiptStatus): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle(`Receipt for ${medium.envelope.id}`);
  document.setProducer('Clerk Review Desk');
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  let page = document.addPage([612, 792]);
  let y = 740;
  // Standard fonts are WinAnsi: anything outside it is shown as '?'.
  const safe = (value: string): string => value.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
  // A long line (a list of filing ids) wraps at a space; nothing printed is cut off.
  const line = (value: string, options: { size?: number; font?: typeof regular; indent?: number } = {}): void => {
    const size = options.size ?? 10;
    const font = options.font ?? regular;
    const width = 500 - (options.indent ?? 0);
    let rest = safe(value);
    while (rest.length > 0) {
      let cut = rest.length;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) {
        const space = rest.lastIndexOf(' ', cut - 1);
        cut = space > 0 ? space : cut - 1;
      }
      if (y < 60) {
        page = document.addPage([612, 792]);
        y = 740;
      }
      page.drawText(rest.slice(0, cut), { x: 56 + (options.indent ?? 0), y, size, font, color: rgb(0, 0, 0) });
      y -= size + 6;
      rest = rest.slice(cut).trimStart();
    }
  };
  line(status.courtName || 'Court', { size: 14, font: bold });
  line('Receipt for a filing delivered on portable media', { size: 12, font: bold });
  line('Synchronous response to ECF ReviewFiling (OASIS ECF Portable Media Service Interaction Profile)');
  y -= 6;
  line(`Received: ${courtClockText(status.receivedAt, status.timeZone)} by ${status.receivedBy} at workstation ${status.workstation}`);
  // The court's envelope number once the EFM gave one; the filer's own reference beside it.
  const courtId = status.efm.delivered ? status.efm.courtEnvelopeId : null;
  line(`Envelope: ${courtId ?? medium.envelope.id}${courtId && courtId !== medium.envelope.id ? ` (filer's reference ${medium.envelope.id})` : ''}    Filer: ${medium.envelope.filer ?? 'not stated'}`);
  line(`Case: ${medium.envelope.case.isNew ? 'New case' : (medium.envelope.case.number ?? 'not stated')} ${medium.envelope.case.title ?? ''}`);
  line(status.efm.delivered
    ? `Status: received by the EFM for clerk review (${status.efm.statusCode ?? 'Success'}, ECF error code ${status.efm.errorCode}${status.efm.errorText ? `: ${status.efm.errorText}` : ''})`
    : `Status: received at the court; it will be submitted to the EFM when it can be reached (${status.efm.reason})`, { font: bold });
  if (status.efm.delivered) {
    line(`The EFM's answer (${status.efm.answeredIn}): envelope ${status.efm.courtEnvelopeId ?? 'not named'}; filings ${status.efm.filingIds.join(', ') || 'not named'}`, { size: 9 });
  }
  y -= 6;
  line('Filings', { font: bold, size: 11 });
  for (const filing of medium.envelope.filings) {
    line(`${filing.id}  ${filing.filingCode ?? ''}  ${filing.description ?? ''}`);
    for (const doc of [filing.leadDocument, ...filing.connectedDocuments]) line(`${doc.role === 'lead' ? 'Lead' : 'Attachment'}: ${doc.title ?? doc.id}`, { indent: 16, size: 9 });
  }
  y -= 6;
  line('Files on the medium', { font: bold, size: 11 });
  line(medium.signature.kind === 'verified'
    ? `Signed by ${medium.signature.signer}: the XML signature in ECFOperation.xml covers all ${medium.signature.files.length} files and verifies.`
    : 'Not signed: ECFOperation.xml carries no XML signature (the profile makes it optional).', { size: 9 });
  for (const file of medium.files) {
    line(`#${file.sequenceId}  ${file.name}  (${file.sizeBytes} bytes)`, { size: 9 });
    line(`SHA-256 ${file.sha256}`, { indent: 16, size: 8 });
  }
  if (medium.warnings.length > 0) {
    y -= 6;
    line('Notes', { font: bold, size: 11 });
    for (const warning of medium.warnings) line(warning, { size: 9 });
  }
  return document.save();
}
