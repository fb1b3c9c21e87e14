import type { Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../result';
import type { EcfReadError } from '../ecf/ecf-read-error';
import { child, children, textAt } from '../xml/xml-query';
import { caseElementOf } from './core-filing-message';
import { ns4 } from './namespaces';

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

/** The ECF 4 FilingStatusCode values that say a filing was docketed, and those that say it was not. */
const docketedCodes = new Set(['accepted', 'docketed', 'receipted']);
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
