import { entityName } from './entity-names';
import { readCaseListResponse4, readCaseResponse4 } from '../ecf4/case-response';
import type { Element } from '@xmldom/xmldom';
import type { CaseSummary } from '../domain/case-summary';
import { children, child, descendants, textAt } from '../xml/xml-query';
import { el, optional, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, type ReviewHeader } from './review-parts';

const { nc, j, ecf, caselistrequest: req, caselistresponse: res } = ns;

/** `caselistrequest:GetCaseListRequestMessage` looking for cases with a party of this name (standard ECF GetCaseList). */
export function caseListRequestMessage(header: ReviewHeader, partyName: string, category: string | null): XmlElement {
  return el(req, 'GetCaseListRequestMessage',
    caseFilingHeader(header, 'FilingReview'),
    el(req, 'CaseListQueryCriteria',
      el(req, 'CaseParticipant', el(nc, 'EntityPerson', el(nc, 'PersonName', el(nc, 'PersonFullName', partyName)))),
      optional(ecf, 'CaseCategoryCode', category)));
}

/** Reads the party name and category a GetCaseList request asks about. */
export function readCaseListRequest(message: Element): { partyName: string | null; category: string | null } {
  const criteria = child(message, req, 'CaseListQueryCriteria');
  const participant = child(criteria, req, 'CaseParticipant');
  return {
    partyName: entityName(participant),
    category: textAt(criteria, [ecf, 'CaseCategoryCode']),
  };
}

/** `caselistresponse:GetCaseListResponseMessage` listing cases. */
export function caseListResponseMessage(header: ReviewHeader, cases: readonly CaseSummary[]): XmlElement {
  return el(res, 'GetCaseListResponseMessage', caseFilingHeader(header, 'FilingReview'), successStatusElement(header), cases.map(caseElement));
}

/** An `nc:Case` summarising a case (GetCaseList and GetCase answers). */
export function caseElement(kase: CaseSummary): XmlElement {
  return el(nc, 'Case',
    optional(nc, 'CaseTitleText', kase.title),
    el(ecf, 'CaseAugmentation',
      optional(ecf, 'CaseCategoryCode', kase.category),
      kase.parties.map((name) => el(ecf, 'CaseParty', el(nc, 'EntityPerson', el(nc, 'PersonName', el(nc, 'PersonFullName', name))))),
      el(j, 'CaseNumberText', kase.caseNumber)));
}

/** Reads an `nc:Case` into a summary, or null when it has no case number. */
export function readCaseElement(kase: Element): CaseSummary | null {
  const augmentation = child(kase, ecf, 'CaseAugmentation');
  const number = textAt(augmentation, [j, 'CaseNumberText']);
  if (!number) return null;
  return {
    caseNumber: number,
    title: textAt(kase, [nc, 'CaseTitleText']),
    category: textAt(augmentation, [ecf, 'CaseCategoryCode']),
    parties: children(augmentation, ecf, 'CaseParty').flatMap((party) => entityName(party) ?? []),
  };
}

/** Reads the cases of a GetCaseList response (found anywhere below `root`): ECF 5.0, or ECF 4 CaseListResponseMessage. */
export function readCaseListResponse(root: Element): CaseSummary[] {
  const message = root.namespaceURI === res && root.localName === 'GetCaseListResponseMessage' ? root : (descendants(root, res, 'GetCaseListResponseMessage')[0] ?? null);
  // An ECF 4 court record system answers with a CaseListResponseMessage-4.0.
  if (!message) return readCaseListResponse4(root);
  return children(message, nc, 'Case').flatMap((kase) => readCaseElement(kase) ?? []);
}

const { caserequest: caseReq, caseresponse: caseRes } = ns;

/** `caserequest:GetCaseRequestMessage` for one case by number (standard ECF GetCase), participants included. */
export function caseRequestMessage(header: ReviewHeader, caseNumber: string): XmlElement {
  return el(caseReq, 'GetCaseRequestMessage',
    caseFilingHeader(header, 'FilingReview'),
    el(caseReq, 'CaseQueryCriteria',
      el(caseReq, 'IncludeCalendarEventIndicator', 'false'),
      el(caseReq, 'IncludeDocketEntryIndicator', 'false'),
      el(caseReq, 'IncludeParticipantsIndicator', 'true'),
      el(j, 'CaseNumberText', caseNumber)));
}

/** The case number a GetCase request asks for. */
export function readCaseRequest(message: Element): string | null {
  return textAt(child(message, caseReq, 'CaseQueryCriteria'), [j, 'CaseNumberText']);
}

/** `caseresponse:GetCaseResponseMessage`: the case, or none when the number is unknown. */
export function caseResponseMessage(header: ReviewHeader, kase: CaseSummary | null): XmlElement {
  return el(caseRes, 'GetCaseResponseMessage', caseFilingHeader(header, 'FilingReview'), successStatusElement(header), kase ? caseElement(kase) : null);
}

/** Reads a GetCase answer (found anywhere below `root`): ECF 5.0's, or an ECF 4 CaseResponseMessage. */
export function readCaseResponse(root: Element): CaseSummary | null {
  const message = root.namespaceURI === caseRes && root.localName === 'GetCaseResponseMessage' ? root : (descendants(root, caseRes, 'GetCaseResponseMessage')[0] ?? null);
  if (!message) return readCaseResponse4(root);
  const kase = child(message, nc, 'Case');
  return kase ? readCaseElement(kase) : null;
}
