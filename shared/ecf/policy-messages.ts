import type { CodeEntry, CourtPolicy } from '../domain/court-policy';
import { el, serializeXml, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, webServicesProfile, type ReviewHeader } from './review-parts';

const { nc, ecf, policyrequest, policyresponse: pr } = ns;

/**
 * Which list of the catalogue (code-list-catalogue.ts: its ECF element, Tyler's name) each part of a policy is. The
 * last four are Clerk Review Desk extension lists: ECF has no element for them.
 */
export const policyCodeLists = {
  caseCategories: 'casecategory',
  filingCodes: 'filing',
  documentTypes: 'documenttype',
  courtLocations: 'location',
  judges: 'judge',
  rejectionReasons: 'rejectionreason',
  caseNumberPattern: 'casenumberpattern',
  timeZone: 'timezone',
  caseNumbering: 'casenumbering',
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
    caseNumbering: [{ code: policy.caseNumbering ?? 'clerk', name: 'Who numbers new cases (clerk or record-system)' }],
  };
}

/** One list a court publishes, as GetPolicy itemizes it (ECF 5.0 §5.2.2: canonical URI, latest version, where). */
export interface PublishedListReference {
  /** The ECF element it gives values for; null for a file of several lists (each named by its own file name). */
  readonly element: string | null;
  /** The list's name (`filing`, …), also the last part of its canonical URI. */
  readonly name: string;
  readonly canonicalUri: string;
  /** Changes whenever the list's content does, so desktops download it again only then. */
  readonly canonicalVersionUri: string;
  readonly location: string;
}

/** `wrappers:GetPolicyRequest` content: a `policyrequest:GetPolicyRequestMessage` (schema-valid ECF 5.0). */
export function policyRequestMessage(header: ReviewHeader): XmlElement {
  return el(policyrequest, 'GetPolicyRequestMessage', caseFilingHeader(header, 'FilingReview'), el(policyrequest, 'PolicyQueryCriteria'));
}

/** A schema-valid `policyresponse:GetPolicyResponseMessage` for a court, itemizing its published lists. */
export function policyResponseMessage(header: ReviewHeader, policyVersion: string, lists: readonly PublishedListReference[], efmUrl: string): XmlElement {
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
    el(pr, 'PolicyVersionID', el(nc, 'IdentificationID', policyVersion)),
    el(pr, 'RuntimePolicy', lists.map((list) =>
      el(pr, 'CodeListExtension',
        el(pr, 'ExtensionCanonicalURI', list.canonicalUri),
        el(pr, 'ExtensionCanonicalVersionURI', list.canonicalVersionUri),
        el(pr, 'ExtensionLocationURI', list.location),
        list.element ? el(pr, 'ECFElementNameText', list.element) : null))));
}

/** Serialises a policy response on its own (for validation and for portable media). */
export function writePolicyResponse(header: ReviewHeader, policyVersion: string, lists: readonly PublishedListReference[], efmUrl: string): string {
  return serializeXml(policyResponseMessage(header, policyVersion, lists, efmUrl), { nc: ns.nc, j: ns.j, ecf: ns.ecf, cbrn: ns.cbrn, policyresponse: ns.policyresponse, structures: ns.structures });
}
