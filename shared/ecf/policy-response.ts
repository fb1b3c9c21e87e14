import type { Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../result';
import { children, descendants, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
import { ns } from './namespaces';

const { nc, j, ecf, policyresponse: pr } = ns;

/** What `GetPolicy` tells the app: the court, limits, and where each code list lives. */
export interface PolicySummary {
  readonly courtId: string | null;
  readonly courtName: string | null;
  readonly policyVersion: string | null;
  readonly maxMessageBytes: number | null;
  readonly maxAttachmentBytes: number | null;
  readonly acceptsMultipleLeadDocuments: boolean;
  readonly supportedCaseTypes: readonly string[];
  /** ECF element (e.g. `ecf:CaseCategoryCode`) → location of its Genericode list. */
  readonly codeLists: ReadonlyMap<string, string>;
  /** Every court-specific list the policy itemizes (ECF 5.0 §5.2.2), with its version. */
  readonly codeListReferences: readonly CodeListReference[];
}

/** One `policyresponse:CodeListExtension`: which list, which version, where. */
export interface CodeListReference {
  /** The ECF element it is for, or the list's name in `nc:DocumentIdentification` (the spec's example). */
  readonly element: string | null;
  readonly canonicalUri: string | null;
  /** The latest version: a list is fetched again only when this changes. */
  readonly canonicalVersionUri: string | null;
  readonly location: string;
}

/** Reads `policyresponse:GetPolicyResponseMessage`. The code lists themselves are Genericode documents at the given locations. */
export function readPolicyResponse(root: Element): Result<PolicySummary, EcfReadError> {
  const message = root.namespaceURI === pr && root.localName === 'GetPolicyResponseMessage' ? root : (descendants(root, pr, 'GetPolicyResponseMessage')[0] ?? null);
  if (!message) return err({ kind: 'wrong-message', message: `No policyresponse:GetPolicyResponseMessage in ${root.nodeName}` });
  const development = children(message, pr, 'DevelopmentPolicy')[0] ?? null;
  const measure = (name: string): number | null => {
    const value = Number(textAt(development, [pr, name], [nc, 'MeasureDecimalValue']));
    return Number.isFinite(value) && textAt(development, [pr, name], [nc, 'MeasureDecimalValue']) !== null ? value : null;
  };
  const codeLists = new Map<string, string>();
  const codeListReferences: CodeListReference[] = [];
  for (const extension of descendants(message, pr, 'CodeListExtension')) {
    const element = textAt(extension, [pr, 'ECFElementNameText']) ?? textAt(extension, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
    const location = textAt(extension, [pr, 'ExtensionLocationURI']);
    if (!location) continue;
    if (element) codeLists.set(element, location);
    codeListReferences.push({
      element, location,
      canonicalUri: textAt(extension, [pr, 'ExtensionCanonicalURI']),
      canonicalVersionUri: textAt(extension, [pr, 'ExtensionCanonicalVersionURI']),
    });
  }
  return ok({
    courtId: textAt(message, [j, 'CaseCourt'], [nc, 'OrganizationIdentification'], [nc, 'IdentificationID']),
    courtName: textAt(message, [j, 'CaseCourt'], [j, 'CourtName']),
    policyVersion: textAt(message, [pr, 'PolicyVersionID'], [nc, 'IdentificationID']) ?? textAt(message, [pr, 'PolicyVersionID']),
    maxMessageBytes: measure('MaximumAllowedMessageSize'),
    maxAttachmentBytes: measure('MaximumAllowedAttachmentSize'),
    acceptsMultipleLeadDocuments: textAt(development, [pr, 'AcceptMultipleLeadDocumentsIndicator']) === 'true',
    supportedCaseTypes: children(children(development, pr, 'SupportedCaseCategories')[0], ecf, 'CaseTypeCode').flatMap((e) => e.textContent?.trim() || []),
    codeLists,
    codeListReferences,
  });
}
