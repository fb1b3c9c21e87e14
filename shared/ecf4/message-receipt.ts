import type { Element } from '@xmldom/xmldom';
import { children, descendants, textAt } from '../xml/xml-query';
import { el, type XmlElement } from '../xml/xml-writer';
import { courtIdentifierSource } from '../ecf/court-identifiers';
import type { MessageStatus } from '../domain/ecf-status';
import { ns4, webServicesProfile4 } from './namespaces';

const { nc, j, ecf, receipt } = ns4;

/** What an ECF 4.0 MessageReceiptMessage says: the court's ids, and the error code (`0` when all went well). */
export interface MessageReceipt4 {
  readonly envelopes: readonly { readonly envelopeId: string; readonly filingIds: readonly string[] }[];
  readonly courtId: string;
  readonly sendingMde: string;
  readonly errorCode: string;
  readonly errorText: string;
}

/**
 * The ECF 4.0 `MessageReceiptMessage` a Filing Review MDE answers ReviewFiling with: the envelope id and each
 * filing's id the court assigned (`nc:DocumentIdentification`, categories ENVELOPEID and FILINGID as Tyler's ECF 4
 * receipts name them, source FilingReview), the court, and `ecf:Error` (code 0 "No Error", or why it was refused).
 */
export function messageReceiptMessage4(answer: MessageReceipt4): XmlElement {
  const identification = (id: string, category: string): XmlElement => el(nc, 'DocumentIdentification',
    el(nc, 'IdentificationID', id), el(nc, 'IdentificationCategoryText', category), el(nc, 'IdentificationSourceText', courtIdentifierSource));
  return el(receipt, 'MessageReceiptMessage',
    answer.envelopes.flatMap((ids) => [identification(ids.envelopeId, 'ENVELOPEID'), ...ids.filingIds.map((id) => identification(id, 'FILINGID'))]),
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', answer.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
    el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', answer.courtId))),
    el(ecf, 'Error', el(ecf, 'ErrorCode', answer.errorCode), el(ecf, 'ErrorText', answer.errorText)));
}

/** Prefixes of the receipt as written (apart from ECF 5's `nc`, `j` and `ecf`, which name other namespaces). */
export const messageReceiptPrefixes4 = { receipt4: receipt, nc2: nc, j4: j, ecf4: ecf } as const;

/** True for an ECF 4.0 `MessageReceiptMessage` element. */
export function isMessageReceipt4(element: Element): boolean {
  return element.namespaceURI === receipt && element.localName === 'MessageReceiptMessage';
}

/** Reads an ECF 4.0 MessageReceiptMessage (found anywhere below `root`): its ids by category, and its errors. */
export function readMessageReceipt4(root: Element): { envelopeIds: string[]; filingIds: string[]; errors: { code: string; text: string | null }[] } | null {
  const message = isMessageReceipt4(root) ? root : (descendants(root, receipt, 'MessageReceiptMessage')[0] ?? null);
  if (!message) return null;
  const ids = (category: string): string[] => children(message, nc, 'DocumentIdentification')
    .filter((identification) => textAt(identification, [nc, 'IdentificationCategoryText']) === category)
    .flatMap((identification) => textAt(identification, [nc, 'IdentificationID']) ?? []);
  return {
    envelopeIds: ids('ENVELOPEID'),
    filingIds: ids('FILINGID'),
    errors: children(message, ecf, 'Error').flatMap((error) => {
      const code = textAt(error, [ecf, 'ErrorCode']);
      return code ? [{ code, text: textAt(error, [ecf, 'ErrorText']) }] : [];
    }),
  };
}

/**
 * The status of an ECF 4.0 answer, read as the message status ECF 5 answers with: `root` itself when it is an
 * ECF 4.0 message (a CaseListResponseMessage, …), else a MessageReceiptMessage found below it; success when its
 * `ecf:Error`s all say code 0 (or it has none). Null when it is no ECF 4.0 answer.
 */
export function messageStatusOfAnswer4(root: Element): MessageStatus | null {
  const ecf4Message = root.namespaceURI?.startsWith('urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:') && root.namespaceURI.endsWith('-4.0');
  const message = ecf4Message ? root : (descendants(root, receipt, 'MessageReceiptMessage')[0] ?? null);
  if (!message) return null;
  const errors = children(message, ecf, 'Error').map((error) => ({ code: textAt(error, [ecf, 'ErrorCode']) ?? '', text: textAt(error, [ecf, 'ErrorText']) }));
  const failed = errors.find((error) => error.code !== '0') ?? null;
  return {
    ok: failed === null, statusCode: null, errorCode: failed?.code ?? '0', errorText: failed?.text ?? errors[0]?.text ?? null,
    errorNode: null, resendRequested: false,
  };
}
