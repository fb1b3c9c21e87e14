import { createHash } from 'node:crypto';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { findFilingMessages, readFilingMessage } from '../../shared/ecf/filing-message';
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

/**
 * Takes in a `wrappers:ReviewFilingRequest` (what a filer's assembly MDE — or a court workstation loading portable
 * media — sends): the FilingMessage must read, and every document rendition must come as an MTOM part named by its
 * `cid:` URI. The envelope keeps the filer's identifiers and joins the review queue.
 */
export function receiveFiling(body: Element, parts: ReadonlyMap<string, MimePart>, receivedAt: string, defaultCourtLocation: string): ReceivedFiling {
  const [message] = findFilingMessages(body);
  if (!message) throw clientFault('invalid-ecf-message', 'ReviewFiling carries no filing:FilingMessage');
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
    envelope: { ...envelope, submittedAt: envelope.submittedAt ?? receivedAt },
    courtLocation: defaultCourtLocation,
    documents: sources,
    payment: { totalAmount: null, currency: null, charges: [], method: null, cardType: null, cardLast4: null, payerName: null, feeExceptionReason: null },
  };
  return { demo, documents, filingMessageXml: new XMLSerializer().serializeToString(message) };
}
