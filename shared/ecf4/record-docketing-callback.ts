import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../result';
import type { EcfReadError } from '../ecf/ecf-read-error';
import { child, children, textAt } from '../xml/xml-query';
import { el, optional, rawXml, serializeXml } from '../xml/xml-writer';
import { caseElementOf } from './core-filing-message';
import { ns4, webServicesProfile4, writePrefixes4 } from './namespaces';

const { nc, ecf, docketcb } = ns4;

/** What an ECF 4.0 court record system said about one filing it was sent with RecordFiling. */
export interface RecordDocketingCallback4 {
  /** The court's filing id (FILINGID) the callback is about. */
  readonly filingId: string;
  readonly docketed: boolean;
  /** The docket entry of the lead document, when docketed. */
  readonly docketId: string | null;
  /** The case number the record system keeps the case under (a new case gets its number here). */
  readonly caseNumber: string | null;
  /** The record system's words (its status description); why, when not docketed. */
  readonly reason: string | null;
}

/**
 * The ECF 4 FilingStatusCode values that say a filing was docketed, and those that say it was not. Tyler's
 * `receipted` ("Filing is receipted") says it was received, not docketed: like `under-review`, it decides nothing.
 */
const docketedCodes = new Set(['accepted']);
const refusedCodes = new Set(['rejected', 'denied', 'failed', 'error']);

/**
 * Reads the `docketcb:RecordDocketingCallbackMessage` of an ECF 4.0 NotifyDocketingComplete: the filing (by the
 * court's FILINGID on the message or on its reviewed lead document), whether it was docketed (`ecf:FilingStatusCode`
 * accepted; rejected, with its `nc:StatusDescriptionText` as the reason), the lead document's docket entry and the
 * case number. A status that decides nothing (under review, deferred) is refused: ECF 4.01 §3.2.7 has the record
 * system call back once it accepted or rejected the filing.
 */
export function readRecordDocketingCallback4(message: Element): Result<RecordDocketingCallback4, EcfReadError> {
  if (message.namespaceURI !== docketcb || message.localName !== 'RecordDocketingCallbackMessage') {
    return err({ kind: 'wrong-message', message: `Expected an ECF 4.0 RecordDocketingCallbackMessage, found ${message.nodeName}` });
  }
  const lead = child(message, ecf, 'ReviewedLeadDocument');
  const filingIdOf = (holder: Element | null): string | null => {
    const ids = children(holder, nc, 'DocumentIdentification');
    const named = ids.find((id) => textAt(id, [nc, 'IdentificationCategoryText'])?.toUpperCase() === 'FILINGID');
    return textAt(named ?? null, [nc, 'IdentificationID']);
  };
  const filingId = filingIdOf(message) ?? filingIdOf(lead);
  if (!filingId) return err({ kind: 'missing-element', message: 'The callback names no filing: an nc:DocumentIdentification with category FILINGID' });
  const code = (textAt(message, [ecf, 'FilingStatus'], [ecf, 'FilingStatusCode']) ?? '').trim().toLowerCase();
  const said = textAt(message, [ecf, 'FilingStatus'], [nc, 'StatusDescriptionText']);
  if (!docketedCodes.has(code) && !refusedCodes.has(code)) {
    return err({ kind: 'invalid-value', message: `The filing status "${code}" does not say whether ${filingId} was docketed (accepted or rejected)` });
  }
  const docketed = docketedCodes.has(code);
  const kase = caseElementOf(message)?.element ?? null;
  return ok({
    filingId,
    docketed,
    docketId: docketed ? textAt(lead, [ecf, 'DocumentDocketID'], [nc, 'IdentificationID']) : null,
    caseNumber: textAt(kase, [nc, 'CaseDocketID']),
    reason: docketed ? said : (said ?? 'The court record system did not docket it'),
  });
}

/** What an ECF 4 record system says back about one filing it was sent (see {@link recordDocketingCallbackMessage4}). */
export interface RecordDocketingCallbackInput4 {
  readonly filingId: string;
  readonly sendingMde: string;
  readonly postedAt: string;
  readonly caseNumber: string | null;
  /** Docketed under this entry, or refused for this reason. */
  readonly outcome: { readonly docketId: string } | { readonly refusal: string };
  /** The ReviewedLeadDocument of the RecordDocketingMessage, answered back with its docket entry. */
  readonly reviewedLead: Element;
}

/**
 * The `docketcb:RecordDocketingCallbackMessage` an ECF 4.0 court record system sends with NotifyDocketingComplete:
 * the court's filing id (FILINGID), the case with its number, the filing's status (accepted, or rejected with the
 * reason) and the reviewed lead document it was sent, with the docket entry it got.
 */
export function recordDocketingCallbackMessage4(input: RecordDocketingCallbackInput4): string {
  const serializer = new XMLSerializer();
  const lead = input.reviewedLead.cloneNode(true) as Element;
  for (const old of children(lead, ecf, 'DocumentDocketID')) lead.removeChild(old);
  const document = lead.ownerDocument;
  if ('docketId' in input.outcome && document) {
    // ecf:ReviewedDocumentType: … DocumentRendition+, DocumentHashText?, DocumentDocketID?, SealDocumentIndicator?
    const docket = document.createElementNS(ecf, `${lead.lookupPrefix(ecf) ?? 'ecf'}:DocumentDocketID`);
    const id = document.createElementNS(nc, `${lead.lookupPrefix(nc) ?? 'nc'}:IdentificationID`);
    id.appendChild(document.createTextNode(input.outcome.docketId));
    docket.appendChild(id);
    lead.insertBefore(docket, child(lead, ecf, 'SealDocumentIndicator'));
  }
  const docketed = 'docketId' in input.outcome;
  return serializeXml(el(docketcb, 'RecordDocketingCallbackMessage',
    el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', input.filingId), el(nc, 'IdentificationCategoryText', 'FILINGID')),
    el(nc, 'DocumentPostDate', el(nc, 'DateTime', input.postedAt)),
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', input.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
    el(nc, 'Case', optional(nc, 'CaseDocketID', input.caseNumber)),
    el(ecf, 'FilingCompletionDate', el(nc, 'DateTime', input.postedAt)),
    el(ecf, 'FilingStatus',
      el(nc, 'StatusDescriptionText', docketed ? 'Docketed' : ('refusal' in input.outcome ? input.outcome.refusal : '')),
      el(ecf, 'FilingStatusCode', docketed ? 'accepted' : 'rejected')),
    rawXml(serializer.serializeToString(lead))), writePrefixes4);
}
