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
