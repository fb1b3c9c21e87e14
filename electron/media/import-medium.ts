import { hostname } from 'node:os';
import type { MediaImportResult } from '../../shared/ipc/media-schemas';
import type { Result } from '../../shared/result';
import type { EfmClient } from '../efm/efm-client';
import type { MediaInbox } from './media-inbox';
import { makeMediaReceipt } from './media-receipt';
import { readPortableMedium, type MediumFile } from './portable-medium';

/**
 * "Import from drive/folder": checks the medium (nothing is kept if anything is wrong), keeps the filing on disk,
 * hands it to the EFM when one is reachable (else later, from the inbox), and prints the synchronous response as a
 * PDF receipt for the person who brought the medium.
 */
export async function importMedium(files: readonly MediumFile[], inbox: MediaInbox, context: {
  user: string;
  courtName: string;
  /** The court's time zone, for the receipt. */
  timeZone: string;
  withClient: <T>(call: (client: EfmClient) => Promise<Result<T>>) => Promise<Result<T>>;
}): Promise<MediaImportResult> {
  const medium = await readPortableMedium(files);
  if (!medium.ok) return { imported: false, problems: medium.problems, warnings: [] };
  const receivedAt = new Date().toISOString();
  await inbox.keep(medium.value, receivedAt);
  const answer = await context.withClient((client) => inbox.deliver(client, medium.value.envelope.id));
  const receipt = await makeMediaReceipt(medium.value, {
    receivedAt,
    timeZone: context.timeZone,
    receivedBy: context.user,
    workstation: hostname(),
    courtName: context.courtName,
    efm: answer.ok ? { delivered: true, ...answer.value } : { delivered: false, reason: answer.error.message },
  });
  // Once the EFM took it, the envelope is known by the court's identifier (ECF 5.0 §6.2).
  const envelopeId = (answer.ok ? answer.value.courtEnvelopeId : null) ?? medium.value.envelope.id;
  return {
    imported: true,
    envelopeId,
    filings: medium.value.envelope.filings.length,
    delivered: answer.ok,
    message: answer.ok ? `Envelope ${envelopeId} is in the review queue.` : `Envelope ${medium.value.envelope.id} is kept on this workstation and will go to the EFM when it can be reached (${answer.error.message}).`,
    warnings: [...medium.value.warnings],
    receipt: { fileName: `receipt-${envelopeId}.pdf`, bytes: receipt as Uint8Array<ArrayBuffer> },
  };
}
