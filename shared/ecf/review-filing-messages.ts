import type { Element } from '@xmldom/xmldom';
import { children, descendants, textAt } from '../xml/xml-query';
import { el, rawXml, serializeXml, type XmlElement } from '../xml/xml-writer';
import { messageStatusElement } from './message-status';
import { ns } from './namespaces';

const { cbrn, ecf, nc, wrapper } = ns;

/** `wrappers:ReviewFilingRequest` carrying a FilingMessage as it was received (standard ECF ReviewFiling). */
export function reviewFilingRequestElement(filingMessageXml: string, paymentMessageXml: string | null = null): XmlElement {
  return el(wrapper, 'ReviewFilingRequest', rawXml(filingMessageXml), paymentMessageXml ? rawXml(paymentMessageXml) : null);
}

/** What the synchronous answer to ReviewFiling says. */
export interface ReviewFilingReceipt {
  readonly receivedAt: string;
  /** ECF error code: 0 success. */
  readonly errorCode: string;
  readonly errorText: string;
  readonly envelopeId: string | null;
  readonly filingIds: readonly string[];
  /** Test for the demo EFM, Ops for a court's. */
  readonly mode: 'Ops' | 'Test';
}

/**
 * `wrappers:ReviewFilingResponse` with its `cbrn:MessageStatus`: received when, success or the error, and the
 * identifiers the Filing Review MDE gave (envelope and filings), in schema order.
 */
export function reviewFilingResponseElement(receipt: ReviewFilingReceipt): XmlElement {
  const identification = (id: string, category: string): XmlElement => el(nc, 'DocumentIdentification',
    el(nc, 'IdentificationID', id),
    el(nc, 'IdentificationCategoryDescriptionText', category),
    el(nc, 'IdentificationSourceText', 'FilingReview'));
  return el(wrapper, 'ReviewFilingResponse', messageStatusElement({
    at: receipt.receivedAt,
    errorCode: receipt.errorCode,
    errorText: receipt.errorText,
    mode: receipt.mode,
    augmentation: [
      ...(receipt.envelopeId ? [identification(receipt.envelopeId, 'envelopeID')] : []),
      ...receipt.filingIds.map((id) => identification(id, 'filingID')),
    ],
  }));
}

/** The synchronous response as a standalone XML document. */
export function writeReviewFilingResponse(receipt: ReviewFilingReceipt): string {
  return serializeXml(reviewFilingResponseElement(receipt), { wrapper, cbrn, ecf, nc });
}

/**
 * The identifiers a Filing Review MDE gave in its ReviewFiling answer (`ecf:MessageStatusAugmentation`): the
 * envelope's and each filing's, in order (ECF 5.0 §6.2). Null envelope id when the answer names none.
 */
export function readReviewFilingReceiptIds(root: Element): { envelopeId: string | null; filingIds: string[] } {
  const augmentation = descendants(root, ecf, 'MessageStatusAugmentation')[0] ?? null;
  const ids = children(augmentation, nc, 'DocumentIdentification').map((identification) => ({
    id: textAt(identification, [nc, 'IdentificationID']),
    category: textAt(identification, [nc, 'IdentificationCategoryDescriptionText']),
  }));
  return {
    envelopeId: ids.find((entry) => entry.category === 'envelopeID')?.id ?? null,
    filingIds: ids.filter((entry) => entry.category === 'filingID' && entry.id).map((entry) => entry.id as string),
  };
}
