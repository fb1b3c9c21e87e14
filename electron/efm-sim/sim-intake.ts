import { createHash } from 'node:crypto';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { assignCourtIdentifiers } from '../../shared/ecf/court-identifiers';
import { findFilingMessages, missingFilingMessageReason, readFilingMessage } from '../../shared/ecf/filing-message';
import { ns } from '../../shared/ecf/namespaces';
import { readPaymentMessage } from '../../shared/ecf/payment-message';
import type { PaymentSummary } from '../../shared/domain/ecf-status';
import { children, textAt } from '../../shared/xml/xml-query';
import type { MimePart } from '../soap/mtom';
import type { DemoEnvelope } from './demo-envelopes';
import { clientFault } from './sim-fault';
import type { SimDocument } from './sim-documents';

/** A filing the simulated EFM received through the standard ReviewFiling operation. */
export interface ReceivedFiling {
  readonly demo: DemoEnvelope;
  readonly documents: ReadonlyMap<string, SimDocument>;
  readonly filingMessageXml: string;
}

/** The `payment:PaymentMessage` of a `wrappers:ReviewFilingRequest`, or null when the filer sent none. */
export function paymentMessageOf(body: Element): Element | null {
  return children(body, ns.payment, 'PaymentMessage')[0] ?? null;
}

/**
 * The `filing:FilingMessage`s of a `wrappers:ReviewFilingRequest` (the schema allows one or more), each with the
 * identifier its sender gave it.
 */
export function filingMessagesOf(body: Element): { message: Element; senderId: string | null }[] {
  const messages = findFilingMessages(body);
  if (messages.length === 0) throw clientFault('invalid-ecf-message', missingFilingMessageReason(body, 'This ReviewFiling'));
  return messages.map((message) => ({ message, senderId: textAt(message, [ns.nc, 'DocumentIdentification'], [ns.nc, 'IdentificationID']) }));
}

/**
 * Takes in a `wrappers:ReviewFilingRequest` (what a filer's assembly MDE — or a court workstation loading portable
 * media — sends): the FilingMessage must read, and every document rendition must come as an MTOM part named by its
 * `cid:` URI. The envelope keeps the filer's identifiers and joins the review queue.
 */
export function receiveFiling(message: Element, parts: ReadonlyMap<string, MimePart>, receivedAt: string, defaultCourtLocation: string, envelopeId: string, paymentMessage: Element | null = null): ReceivedFiling {
  // The court's identifiers go in beside the filer's: ids like the filer's "Document1" repeat across envelopes.
  assignCourtIdentifiers(message, envelopeId);
  const read = readFilingMessage(message);
  if (!read.ok) throw clientFault('invalid-ecf-message', `The FilingMessage cannot be read: ${read.error.message}`);
  const envelope = read.value;
  if (envelope.filings.length === 0) throw clientFault('invalid-ecf-message', 'The FilingMessage has no filing');
  const documents = new Map<string, SimDocument>();
  const sources: DemoEnvelope['documents'][number][] = [];
  for (const filing of envelope.filings) {
    for (const document of [filing.leadDocument, ...filing.connectedDocuments]) {
      const rendition = document.renditions.find((candidate) => candidate.attachment.kind === 'cid');
      if (!rendition || rendition.attachment.kind !== 'cid') throw clientFault('invalid-ecf-message', `Document ${document.id} has no attachment sent with the message`);
      const contentId = rendition.attachment.contentId;
      const part = parts.get(contentId);
      if (!part) throw clientFault('invalid-request', `Document ${document.id} refers to a missing MTOM part ${contentId}`);
      const bytes = new Uint8Array(part.body);
      documents.set(document.id, { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'application/pdf' });
      sources.push({ contentId, documentId: document.id, title: document.title ?? document.id, pages: 0, kind: 'plain' });
    }
  }
  const demo: DemoEnvelope = {
    // Filed when the court received it (the filer's DocumentPostDate is when they sent it): queue age counts from here.
    envelope: { ...envelope, submittedAt: receivedAt },
    courtLocation: defaultCourtLocation,
    documents: sources,
    payment: paymentOf(paymentMessage),
  };
  return { demo, documents, filingMessageXml: new XMLSerializer().serializeToString(message) };
}

const noPayment: PaymentSummary = { totalAmount: null, currency: null, charges: [], method: null, cardType: null, cardLast4: null, payerName: null, feeExceptionReason: null };

/**
 * What the service keeps of the filer's payment: the summary (charges, means, card type and last four digits). The
 * card number, security code and chip data are never stored (PCI DSS): the docketing and the filer's receipt carry
 * this summary, masked.
 */
function paymentOf(message: Element | null): PaymentSummary {
  if (!message) return noPayment;
  const read = readPaymentMessage(message);
  if (!read.ok) throw clientFault('invalid-ecf-message', `The PaymentMessage cannot be read: ${read.error.message}`);
  return read.value;
}
