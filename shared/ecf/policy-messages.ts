import type { CodeEntry, CourtPolicy } from '../domain/court-policy';
import { el, serializeXml, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, webServicesProfile, type ReviewHeader } from './review-parts';

const { nc, ecf, policyrequest, policyresponse: pr } = ns;

/**
 * Which ECF element each of the court's code lists is for. The last three are Clerk Review Desk extensions: ECF has
 * no element for rejection reasons, the case-number format or the court's time zone, so courts publish them as
 * extension code lists the same way.
 */
export const policyCodeLists = {
  caseCategories: 'ecf:CaseCategoryCode',
  filingCodes: 'ecf:RegisterActionDescriptionCode',
  documentTypes: 'ecf:DocumentTypeCode',
  courtLocations: 'ecf:CourtLocationCode',
  judges: 'j:CaseJudge',
  rejectionReasons: 'crd:RejectionReasonCode',
  caseNumberPattern: 'crd:CaseNumberPattern',
  timeZone: 'crd:CourtTimeZone',
} as const;

/** The code lists of a policy, keyed like {@link policyCodeLists}, as the EFM publishes them. */
export function policyCodeListEntries(policy: CourtPolicy): Record<keyof typeof policyCodeLists, readonly CodeEntry[]> {
  return {
    caseCategories: policy.caseCategories,
    filingCodes: policy.filingCodes,
    documentTypes: policy.documentTypes,
    courtLocations: policy.courtLocations,
    judges: policy.judges,
    rejectionReasons: policy.rejectionReasons,
    caseNumberPattern: [{ code: policy.caseNumberPattern, name: 'Case number format (regular expression)' }],
    timeZone: [{ code: policy.timeZone, name: 'Court time zone' }],
  };
}

/** `wrappers:GetPolicyRequest` content: a `policyrequest:GetPolicyRequestMessage` (schema-valid ECF 5.0). */
export function policyRequestMessage(header: ReviewHeader): XmlElement {
  return el(policyrequest, 'GetPolicyRequestMessage', caseFilingHeader(header, 'FilingReview'), el(policyrequest, 'PolicyQueryCriteria'));
}

/** A schema-valid `policyresponse:GetPolicyResponseMessage` for a court; code lists live at `codeListUrl(name)`. */
export function policyResponseMessage(header: ReviewHeader, policy: CourtPolicy, efmUrl: string, codeListUrl: (name: string) => string): XmlElement {
  const operations = ['GetPolicy'];
  return el(pr, 'GetPolicyResponseMessage',
    caseFilingHeader(header, 'CourtPolicy'),
    successStatusElement(header),
    el(nc, 'Metadata', el(nc, 'EffectiveDate', el(nc, 'DateTime', header.postedAt))),
    el(pr, 'DevelopmentPolicy',
      el(pr, 'AcceptConfidentialFilingsIndicator', 'true'),
      el(pr, 'AcceptDocumentsRequiringFeesIndicator', 'true'),
      el(pr, 'AcceptMultipleLeadDocumentsIndicator', 'true'),
      el(pr, 'FilingFeesMayBeApplicableIndicator', 'true'),
      el(pr, 'MajorDesignElement',
        el(pr, 'MajorDesignElementLocationID', el(nc, 'IdentificationID', efmUrl)),
        el(pr, 'MajorDesignElementTypeCode', 'CourtPolicy'),
        el(pr, 'SupportedOperations', operations.map((name) => el(pr, 'OperationNameCode', name))),
        el(pr, 'SupportedServiceInteractionProfiles', el(ecf, 'ServiceInteractionProfileCode', webServicesProfile))),
      el(pr, 'SupportedCaseCategories', [...new Set(['civil', 'criminal', 'domestic', 'probate'])].map((type) => el(ecf, 'CaseTypeCode', type))),
      el(pr, 'SupportedSignaturesProfiles', el(ecf, 'SignatureProfileCode', 'urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:XMLSignature-1.0')),
      el(pr, 'URLAttachmentSupportedIndicator', 'false')),
    el(pr, 'PolicyVersionID', el(nc, 'IdentificationID', '1')),
    el(pr, 'RuntimePolicy', Object.entries(policyCodeLists).map(([key, element]) =>
      el(pr, 'CodeListExtension',
        el(pr, 'ExtensionCanonicalURI', `urn:clerk-review-desk:codelist:${key}`),
        el(pr, 'ExtensionCanonicalVersionURI', `urn:clerk-review-desk:codelist:${key}:1`),
        el(pr, 'ExtensionLocationURI', codeListUrl(key)),
        el(pr, 'ECFElementNameText', element)))));
}

/** Serialises a policy response on its own (for validation and for portable media). */
export function writePolicyResponse(header: ReviewHeader, policy: CourtPolicy, efmUrl: string, codeListUrl: (name: string) => string): string {
  return serializeXml(policyResponseMessage(header, policy, efmUrl, codeListUrl), { nc: ns.nc, j: ns.j, ecf: ns.ecf, cbrn: ns.cbrn, policyresponse: ns.policyresponse, structures: ns.structures });
}
