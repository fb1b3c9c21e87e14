import type { Element } from '@xmldom/xmldom';
import type { CaseSummary } from '../domain/case-summary';
import { personName } from '../ecf/entity-names';
import { child, textAt } from '../xml/xml-query';
import { el, optional, type XmlElement } from '../xml/xml-writer';
import { ns4, webServicesProfile4 } from './namespaces';

const { nc, j, ecf, caselistquery } = ns4;

/** Who asks and for which court, as every ECF 4.0 query says (ecf:QueryMessageType). */
export interface CaseQueryHeader4 {
  readonly sendingMde: string;
  readonly courtId: string;
  /** The querying system's name (ecf:QuerySubmitter). */
  readonly submitter: string;
}

/** What the court looks for: the case of this number, or the cases with a party of this name. */
export type CaseListCriteria4 =
  | { readonly caseNumber: string }
  | { readonly partyName: string; readonly category: string | null };

/**
 * An ECF 4.0 `caselistquery:CaseListQueryMessage`. ECF 4's GetCase asks by the record system's own tracking id,
 * which the court's clerks do not have: a case number is looked up as a CaseListQueryCase with that
 * `nc:CaseDocketID` (with the category, when given), a party as a CaseListQueryCaseParticipant with the person's
 * full name (the role the schema requires is left empty: any role).
 */
export function caseListQueryMessage4(header: CaseQueryHeader4, criteria: CaseListCriteria4): XmlElement {
  const byNumber = 'caseNumber' in criteria;
  return el(caselistquery, 'CaseListQueryMessage',
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', header.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
    el(ecf, 'QuerySubmitter', el(nc, 'EntityOrganization', el(nc, 'OrganizationName', header.submitter))),
    el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', header.courtId))),
    byNumber ? el(caselistquery, 'CaseListQueryCase', el(nc, 'CaseDocketID', criteria.caseNumber)) : null,
    !byNumber && criteria.category ? el(caselistquery, 'CaseListQueryCase', optional(nc, 'CaseCategoryText', criteria.category)) : null,
    byNumber ? null : el(caselistquery, 'CaseListQueryCaseParticipant',
      el(ecf, 'CaseParticipant',
        el(ecf, 'EntityPerson', el(nc, 'PersonName', el(nc, 'PersonFullName', criteria.partyName))),
        el(ecf, 'CaseParticipantRoleCode', ''))));
}

/** What a CaseListQueryMessage asks for (as {@link caseListQueryMessage4} writes it, or any ECF 4 filer's system). */
export function readCaseListQuery4(message: Element): CaseListCriteria4 {
  const kase = child(message, caselistquery, 'CaseListQueryCase');
  const caseNumber = textAt(kase, [nc, 'CaseDocketID']);
  if (caseNumber) return { caseNumber };
  const participant = child(child(message, caselistquery, 'CaseListQueryCaseParticipant'), ecf, 'CaseParticipant');
  const person = child(participant, ecf, 'EntityPerson') ?? child(participant, nc, 'EntityPerson');
  const organization = child(participant, ecf, 'EntityOrganization') ?? child(participant, nc, 'EntityOrganization');
  const name = personName(person, { nc, structures: ns4.structures }) ?? textAt(organization, [nc, 'OrganizationName']) ?? '';
  return { partyName: name, category: textAt(kase, [nc, 'CaseCategoryText']) };
}

/**
 * An ECF 4.0 `caselistresponse:CaseListResponseMessage` listing cases (`nc:Case`: title, category and number; a
 * plain nc:Case cannot name its parties), with `ecf:Error` 0.
 */
export function caseListResponseMessage4(header: { readonly courtId: string; readonly sendingMde: string }, cases: readonly CaseSummary[]): XmlElement {
  const { caselistresponse } = ns4;
  return el(caselistresponse, 'CaseListResponseMessage',
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', header.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
    el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', header.courtId))),
    el(ecf, 'Error', el(ecf, 'ErrorCode', '0'), el(ecf, 'ErrorText', 'No Error')),
    cases.map((kase) => el(nc, 'Case',
      optional(nc, 'CaseTitleText', kase.title), optional(nc, 'CaseCategoryText', kase.category), el(nc, 'CaseDocketID', kase.caseNumber))));
}
