import { personName, resolveRef } from './entity-names';
import type { Element } from '@xmldom/xmldom';
import type { Attorney, Envelope, Filing, FilingDocument, Party, Rendition } from '../domain/envelope';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, path, text, textAt } from '../xml/xml-query';
import { courtIdentifier } from './court-identifiers';
import type { EcfReadError } from './ecf-read-error';
import { caseTypeNamespaces, ns } from './namespaces';

const { nc, j, ecf, filing, structures } = ns;

/** Finds the `filing:FilingMessage` elements in a message: the root itself, or inside a wrapper/RecordDocketing. */
export function findFilingMessages(root: Element): Element[] {
  if (root.namespaceURI === filing && root.localName === 'FilingMessage') return [root];
  return descendants(root, filing, 'FilingMessage');
}

/** The ECF 4.x namespaces start so (`…:schema:xsd:CoreFilingMessage-4.0`, `…:wsdl:WebServicesProfile-Definitions-4.0`). */
const ecf4Namespace = /^urn:oasis:names:tc:legalxml-courtfiling:(schema:xsd|wsdl):[A-Za-z-]+-4\.\d+$/;

/** What to tell a sender whose message holds no filing of either version (ECF 5.0 FilingMessage, ECF 4.0 CoreFilingMessage). */
export function missingFilingMessageReason(root: Element, what: string): string {
  const namespaces = [root.namespaceURI, ...descendants(root, '*', '*').slice(0, 50).map((element) => element.namespaceURI)];
  if (namespaces.some((uri) => uri !== null && ecf4Namespace.test(uri))) return `${what} is ECF 4.0 but carries no CoreFilingMessage.`;
  return `${what} carries no filing: neither an ECF 5.0 FilingMessage nor an ECF 4.0 CoreFilingMessage.`;
}

/** One document binary reference (`nc:BinaryURI`) of a FilingMessage: what it says, and a way to point it elsewhere. */
export interface BinaryReference {
  readonly reference: string;
  /** Rewrites the reference in place (e.g. a file name on portable media → the `cid:` of an MTOM part). */
  rebind(uri: string): void;
}

/** Every document binary reference of a FilingMessage, in document order. */
export function binaryReferences(message: Element): BinaryReference[] {
  return descendants(message, ns.nc, 'BinaryURI').map((uri) => ({
    reference: (text(uri) ?? '').trim(),
    rebind: (next: string) => {
      uri.textContent = next;
    },
  }));
}

/**
 * Reads a `filing:FilingMessage` into an {@link Envelope}: case (new or existing, with every case-type
 * augmentation), parties and their roles, attorneys and whom they represent, and the filings — one per lead
 * document, with the connected documents that point at it (`nc:DocumentAssociation`, `parent` and others).
 */
export function readFilingMessage(message: Element): Result<Envelope, EcfReadError> {
  if (message.namespaceURI !== filing || message.localName !== 'FilingMessage') {
    return err({ kind: 'wrong-message', message: `Expected filing:FilingMessage, found ${message.nodeName}` });
  }
  // The court's identifier when the Filing Review MDE gave one (ECF 5.0 §6.2), else the sender's.
  const id = courtIdentifier(message) ?? textAt(message, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
  const caseElement = child(message, nc, 'Case');
  const parties = readParties(caseElement);
  const attorneys = readAttorneys(caseElement);
  const names = new Map([...parties, ...attorneys].map((person) => [person.id, person.name]));
  const leadElements = children(message, filing, 'FilingLeadDocument');
  const leads = leadElements.map((element, index) => readDocument(element, 'lead', `lead-${index + 1}`));
  // Connected documents point at their lead by its structures:id, whatever identifier the court gave the lead.
  const leadRefs = leadElements.map((element) => attr(element, structures, 'id'));
  const connected = children(message, filing, 'FilingConnectedDocument').map((element, index) => ({
    document: readDocument(element, 'connected', `connected-${index + 1}`),
    parent: attr(path(element, [ecf, 'DocumentAugmentation'], [nc, 'DocumentAssociation'], [nc, 'PrimaryDocument']), structures, 'ref'),
  }));
  if (leads.length === 0) return err({ kind: 'missing-element', message: 'The filing message has no filing:FilingLeadDocument: nothing to review.' });

  const filings: Filing[] = leads.map((lead, index) => ({
    id: lead.id,
    filingCode: lead.filingCode,
    description: lead.description ?? lead.title,
    leadDocument: lead,
    // A connected document without a parent reference belongs to the envelope's first filing.
    connectedDocuments: connected.filter((c) => c.parent === leadRefs[index] || c.parent === lead.id || (index === 0 && (c.parent === null || !leads.some((l, i) => l.id === c.parent || leadRefs[i] === c.parent)))).map((c) => c.document),
  }));

  const filerPerson = path(message, [ecf, 'DocumentAugmentation'], [ecf, 'DocumentFiler'], [nc, 'EntityPerson'])
    ?? path(message, [nc, 'DocumentSubmitter'], [nc, 'EntityPerson']);
  const filerRef = attr(filerPerson, structures, 'ref');
  return ok({
    id: id ?? lead0Id(leads),
    courtId: textAt(message, [j, 'CaseCourt'], [nc, 'OrganizationIdentification'], [nc, 'IdentificationID']),
    courtName: textAt(message, [j, 'CaseCourt'], [j, 'CourtName']) ?? textAt(message, [j, 'CaseCourt'], [nc, 'OrganizationUnitName']) ?? textAt(message, [j, 'CaseCourt'], [nc, 'OrganizationName']),
    submittedAt: textAt(message, [nc, 'DocumentPostDate'], [nc, 'DateTime']),
    // The filer is named by reference: a party, an attorney, or a person the message names elsewhere.
    filer: filerRef ? (names.get(filerRef) ?? (resolveRef(filerPerson) !== filerPerson ? personName(filerPerson) : null) ?? filerRef) : personName(filerPerson),
    sendingMde: textAt(message, [ecf, 'SendingMDELocationID'], [nc, 'IdentificationID']),
    case: readCase(caseElement),
    parties,
    attorneys,
    filings,
    serviceContacts: children(message, ecf, 'ElectronicServiceInformation').flatMap((info) => {
      const recipient = textAt(info, [ecf, 'ServiceRecipientID'], [nc, 'IdentificationID']);
      return recipient ? [{ recipientId: recipient, location: textAt(info, [ecf, 'ReceivingMDELocationID'], [nc, 'IdentificationID']), profile: textAt(info, [ecf, 'ReceivingMDEProfileCode']) }] : [];
    }),
  });
}

function lead0Id(leads: readonly FilingDocument[]): string {
  return leads[0]?.id ?? 'unidentified';
}

function readCase(caseElement: Element | null): Envelope['case'] {
  const augmentation = child(caseElement, ecf, 'CaseAugmentation');
  const newIndicator = textAt(augmentation, [ecf, 'CaseNewIndicator']);
  const number = textAt(augmentation, [j, 'CaseNumberText']) ?? textAt(caseElement, [j, 'CaseAugmentation'], [j, 'CaseNumberText']) ?? textAt(caseElement, [nc, 'CaseDocketID']);
  return {
    isNew: newIndicator === 'true' || (newIndicator === null && number === null),
    number,
    trackingId: textAt(augmentation, [ecf, 'CaseTrackingID'], [nc, 'IdentificationID']),
    title: textAt(caseElement, [nc, 'CaseTitleText']),
    category: textAt(augmentation, [ecf, 'CaseCategoryCode']),
    type: textAt(augmentation, [ecf, 'CaseTypeCode']),
    augmentations: caseTypeNamespaces.filter(([, uri]) => child(caseElement, uri, 'CaseAugmentation')).map(([type]) => type),
  };
}

/** The appellate case augmentation's namespace: an appeal may add parties to the case below. */
const appellateNs = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/appellate';

/** The parties of an `nc:Case` (the case augmentation's, and any an appeal adds). */
export function readParties(caseElement: Element | null): Party[] {
  const augmentation = child(caseElement, ecf, 'CaseAugmentation');
  // Parties an appeal adds (appellate:AppellateCaseAddedParty) are parties too, with why they were added.
  const added = children(child(caseElement, appellateNs, 'CaseAugmentation'), appellateNs, 'AppellateCaseAddedParty')
    .flatMap((entry) => children(entry, ecf, 'CaseParty').map((party) => ({ party, reason: textAt(entry, [appellateNs, 'AppellateCasePartyAddedReasonText']) })));
  const all = [...children(augmentation, ecf, 'CaseParty').map((party) => ({ party, reason: null as string | null })), ...added];
  return all.flatMap(({ party, reason }, index) => {
    const person = child(party, nc, 'EntityPerson');
    const organization = child(party, nc, 'EntityOrganization');
    const entity = person ?? organization;
    if (!entity) return [];
    const details = person ? child(person, ecf, 'PersonAugmentation') : child(organization, ecf, 'OrganizationAugmentation');
    const id = attr(entity, structures, 'id') ?? attr(entity, structures, 'ref') ?? `party-${index + 1}`;
    return [{
      id,
      name: person ? personName(person) ?? id : textAt(organization, [nc, 'OrganizationName']) ?? id,
      kind: person ? 'person' : 'organization',
      role: textAt(details, [ecf, 'CaseParticipantRoleCode']) ?? (reason ? `Added on appeal: ${reason}` : null),
      selfRepresented: textAt(details, [ecf, 'CasePartySelfRepresentationIndicator']) === 'true',
    } satisfies Party];
  });
}

/** The attorneys of an `nc:Case` (its `j:CaseOfficial`s) and the parties each represents. */
export function readAttorneys(caseElement: Element | null): Attorney[] {
  return children(child(caseElement, j, 'CaseAugmentation'), j, 'CaseOfficial').map((official, index) => {
    const person = child(official, nc, 'RoleOfPerson');
    const id = attr(person, structures, 'id') ?? textAt(person, [nc, 'PersonOtherIdentification'], [nc, 'IdentificationID']) ?? `attorney-${index + 1}`;
    const barNumber = textAt(official, [j, 'JudicialOfficialBarMembership'], [j, 'JudicialOfficialBarIdentification'], [nc, 'IdentificationID']);
    return {
      id,
      // Tyler sends attorneys by EFM id and bar number only: the clerk reads the bar number, never "Attorney1".
      name: personName(person) ?? (barNumber ? `Attorney, bar no. ${barNumber}` : 'Attorney (no name given)'),
      barNumber,
      represents: children(child(official, ecf, 'CaseOfficialAugmentation'), ecf, 'CaseRepresentedParty').flatMap((ref) => attr(ref, structures, 'ref') ?? []),
    };
  });
}

function readDocument(element: Element, role: FilingDocument['role'], fallbackId: string): FilingDocument {
  const augmentations = children(element, ecf, 'DocumentAugmentation');
  const first = augmentations[0] ?? null;
  const association = child(first, nc, 'DocumentAssociation');
  return {
    id: courtIdentifier(element) ?? attr(element, structures, 'id') ?? textAt(element, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']) ?? fallbackId,
    role,
    title: textAt(element, [nc, 'DocumentTitleText']),
    description: textAt(element, [nc, 'DocumentDescriptionText']),
    documentType: textAt(first, [ecf, 'DocumentTypeCode']) ?? textAt(element, [nc, 'DocumentCategoryText']),
    filingCode: textAt(first, [ecf, 'RegisterActionDescriptionCode']),
    sequence: textAt(element, [nc, 'DocumentSequenceID']),
    relation: textAt(association, [ecf, 'DocumentAssociationAugmentation'], [ecf, 'DocumentRelatedCode']),
    ...sensitivityOf(augmentations),
    renditions: augmentations.flatMap((augmentation) => children(augmentation, ecf, 'DocumentRendition')).map(readRendition),
  };
}

// Present only when the filer marked the document (so an unmarked document reads back as it was written).
function sensitivityOf(augmentations: readonly Element[]): { sensitivity?: string } {
  const text = augmentations.map((augmentation) => textAt(augmentation, [nc, 'Metadata'], [nc, 'SensitivityText'])).find((t) => t !== null);
  return text ? { sensitivity: text } : {};
}

function readRendition(rendition: Element): Rendition {
  const attachment = child(rendition, nc, 'Attachment');
  const uri = textAt(attachment, [nc, 'BinaryURI']);
  const inline = child(attachment, nc, 'Base64BinaryObject');
  const size = Number(textAt(attachment, [nc, 'BinarySizeValue']));
  return {
    id: attr(attachment, structures, 'id'),
    description: textAt(attachment, [nc, 'BinaryDescriptionText']),
    format: textAt(attachment, [nc, 'BinaryFormatText']),
    sizeBytes: Number.isFinite(size) && size >= 0 && textAt(attachment, [nc, 'BinarySizeValue']) !== null ? Math.round(size) : null,
    // ECF 5 §6.1.9: the SHA-256 of a rendition in the court record.
    sha256: textAt(rendition, [ecf, 'DocumentRenditionHash']),
    attachment: attachmentRef(uri, text(inline)),
  };
}

/** Where a rendition's bytes are, from its binary URI (`cid:` an MTOM part, else a URL) or its inline base64. */
export function attachmentRef(uri: string | null, inlineBase64: string | null): Rendition['attachment'] {
  if (uri?.startsWith('cid:')) return { kind: 'cid', contentId: uri.replace(/^cid:(\/\/)?/, '') };
  if (uri) return { kind: 'uri', uri };
  return inlineBase64 ? { kind: 'inline', base64Length: inlineBase64.length } : { kind: 'none' };
}
