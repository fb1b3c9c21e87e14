import type { DocketingResult } from '../../../shared/domain/ecf-status';

/** What the court record system said about one accepted filing. */
export interface FilingDocketingOutcome {
  readonly filingId: string;
  readonly docketed: boolean;
  readonly docketId: string | null;
  /** Why it was not docketed; null when docketed. */
  readonly reason: string | null;
}

/**
 * Reads a NotifyDocketingComplete for the filings its RecordDocketing carried: per lead document, the OASIS
 * DocumentDocketingStatusCode (accepted or issued: docketed; rejected: not, with the record system's description;
 * received: not decided yet, so no outcome); a callback without document entries speaks for all of them through its
 * FilingDocketingStatusCode. Filings the callback does not mention get no outcome (per-filing callbacks).
 */
export function docketingOutcomes(result: DocketingResult, filingIds: readonly string[]): FilingDocketingOutcome[] {
  return filingIds.flatMap((filingId): FilingDocketingOutcome[] => {
    const document = result.documents.find((candidate) =>
      candidate.identificationId === filingId || candidate.documentId === filingId || candidate.documentId === `docketed-${filingId}`);
    const status = document ? (document.docketingStatus ?? '').trim().toLowerCase() : null;
    const filingStatus = (result.filingDocketingStatus ?? '').trim().toLowerCase();
    if (status === 'accepted' || status === 'issued' || status === 'docketed') {
      return [{ filingId, docketed: true, docketId: document?.docketId ?? null, reason: null }];
    }
    if (status === 'rejected' || status === 'not docketed') {
      return [{ filingId, docketed: false, docketId: null, reason: document?.docketingDetail ?? 'The court record system did not docket it' }];
    }
    if (status === 'received' || (document === undefined && result.documents.length > 0)) return [];
    if (filingStatus === 'successful') return [{ filingId, docketed: true, docketId: document?.docketId ?? null, reason: null }];
    if (filingStatus === 'unsuccessful') return [{ filingId, docketed: false, docketId: null, reason: document?.docketingDetail ?? 'The court record system did not docket it' }];
    return [];
  });
}
