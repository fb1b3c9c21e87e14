import type { Element } from '@xmldom/xmldom';
import { child, path, textAt } from '../xml/xml-query';
import { el, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, type ReviewHeader } from './review-parts';

const { nc, j, filinglistrequest: req, filinglistresponse: res } = ns;

/** What a GetFilingList asks for (ECF 5.0 §6.1.3): any of case number, filing id and submission date range. */
export interface FilingListCriteria {
  readonly caseNumber: string | null;
  readonly filingId: string | null;
  /** Inclusive calendar dates (YYYY-MM-DD) or date-times, as sent. */
  readonly from: string | null;
  readonly to: string | null;
}

/** Reads `filinglistrequest:GetFilingListRequestMessage`'s criteria. */
export function readFilingListRequest(message: Element): FilingListCriteria {
  const criteria = child(message, req, 'FilingListQueryCriteria');
  const range = child(criteria, nc, 'DateRange');
  const date = (edge: string): string | null => textAt(path(range, [nc, edge]), [nc, 'Date']) ?? textAt(path(range, [nc, edge]), [nc, 'DateTime']);
  return {
    caseNumber: textAt(criteria, [j, 'CaseNumberText']),
    filingId: textAt(criteria, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']),
    from: date('StartDate'),
    to: date('EndDate'),
  };
}

/** `filinglistresponse:GetFilingListResponseMessage` with one `ecf:MatchingFiling` per filing found. */
export function filingListResponseMessage(header: ReviewHeader, matches: readonly XmlElement[]): XmlElement {
  return el(res, 'GetFilingListResponseMessage', caseFilingHeader(header, 'FilingReview'), successStatusElement(header), matches);
}
