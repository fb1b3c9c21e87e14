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

/** The identifiers the court gave one FilingMessage: its envelope's and each filing's. */
export interface CourtIds {
  readonly envelopeId: string;
  readonly filingIds: readonly string[];
}

/** What the synchronous answer to ReviewFiling says. */
export interface ReviewFilingReceipt {
  readonly receivedAt: string;
  /** ECF error code: 0 success. */
  readonly errorCode: string;
  readonly errorText: string;
  /** Each FilingMessage taken (one envelope each), with the court's filing ids; none when refused. */
  readonly envelopes: readonly CourtIds[];
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
    // Per FilingMessage, in the order sent: its envelope id, then its filings' ids.
    augmentation: receipt.envelopes.flatMap((ids) => [identification(ids.envelopeId, 'envelopeID'), ...ids.filingIds.map((id) => identification(id, 'filingID'))]),
  }));
}

/** The synchronous response as a standalone XML document. */
export function writeReviewFilingResponse(receipt: ReviewFilingReceipt): string {
  return serializeXml(reviewFilingResponseElement(receipt), { wrapper, cbrn, ecf, nc });
}

/**
 * The identifiers a Filing Review MDE gave in its ReviewFiling answer (`ecf:MessageStatusAugmentation`), ECF 5.0
 * §6.2: the first envelope's and its filings' (the usual one-message filing), and every envelope with its own filing
 * ids when the request carried several FilingMessages. Null envelope id when the answer names none.
 */
export function readReviewFilingReceiptIds(root: Element): { envelopeId: string | null; filingIds: string[]; envelopes: CourtIds[] } {
  const augmentation = descendants(root, ecf, 'MessageStatusAugmentation')[0] ?? null;
  const envelopes: { envelopeId: string; filingIds: string[] }[] = [];
  const loose: string[] = [];
  for (const identification of children(augmentation, nc, 'DocumentIdentification')) {
    const id = textAt(identification, [nc, 'IdentificationID']);
    const category = textAt(identification, [nc, 'IdentificationCategoryDescriptionText']);
    if (!id) continue;
    if (category === 'envelopeID') envelopes.push({ envelopeId: id, filingIds: [] });
    else if (category === 'filingID') (envelopes.at(-1)?.filingIds ?? loose).push(id);
  }
  const [first] = envelopes;
  return { envelopeId: first?.envelopeId ?? null, filingIds: [...loose, ...(first?.filingIds ?? [])], envelopes };
}
