import type { Element } from '@xmldom/xmldom';
import type { Attorney, Envelope, Filing, FilingDocument, Party, Rendition } from '../domain/envelope';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, path, text, textAt } from '../xml/xml-query';
import { courtIdentifier } from '../ecf/court-identifiers';
import { attachmentRef, type BinaryReference } from '../ecf/filing-message';
import { writeFilingMessage } from '../ecf/write-filing-message';
import { parseXml } from '../xml/safe-xml';
import type { EcfReadError } from '../ecf/ecf-read-error';
import { personName, resolveRef, type NiemNamespaces } from '../ecf/entity-names';
import { caseTypeElements4, ns4 } from './namespaces';

const { nc, j, ecf, core, structures, tyler } = ns4;
const niem2: NiemNamespaces = { nc, structures };

/** True for an ECF 4.0 `CoreFilingMessage` element. */
export function isCoreFilingMessage(element: Element | null): boolean {
  return element?.namespaceURI === core && element.localName === 'CoreFilingMessage';
}

/**
 * The case element of an ECF 4 message: `nc:Case` or one of the case-type elements that stand for it
 * (`civil:CivilCase`, `criminal:CriminalCase`, …), with the case type it names (null for a plain `nc:Case`).
 */
export function caseElementOf(message: Element): { element: Element; type: string | null } | null {
  const plain = child(message, nc, 'Case');
  if (plain) return { element: plain, type: null };
  for (const { type, local, uri } of caseTypeElements4) {
    const element = child(message, uri, local);
    if (element) return { element, type };
  }
  return null;
}

/** Children that are a core element or one of Tyler's substitutes for it (`tyler:FilingLeadDocument`, …). */
function coreOrTyler(parent: Element, local: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.localName === local && (element.namespaceURI === core || element.namespaceURI === tyler)) found.push(element);
  }
  return found;
}

/** The case's ECF augmentation: `ecf:CaseAugmentation`, or Tyler's `tyler:CaseAugmentation` that extends it. */
function ecfAugmentation(caseElement: Element): Element | null {
  return child(caseElement, ecf, 'CaseAugmentation') ?? child(caseElement, tyler, 'CaseAugmentation');
}

/**
 * Reads an ECF 4.0/4.01 `CoreFilingMessage` into the {@link Envelope} the ECF 5 reader produces: the case (new or
 * existing, by its docket and tracking ids; the case-type element it comes as; Tyler's case type), the parties
 * (`ecf:CaseParticipant`) and attorneys (`ecf:CaseOfficial`, with the parties they represent), and the filings —
 * one per lead document, with the connected documents whose `ecf:ParentDocumentReference` names it. Tyler's
 * extension elements are read where they carry what a clerk reviews (case type, the lead documents it substitutes,
 * the document type in `nc:BinaryCategoryText`). A message marked `FilingConfidentialityIndicator` has every
 * document confidential.
 */
export function readCoreFilingMessage(message: Element): Result<Envelope, EcfReadError> {
  if (!isCoreFilingMessage(message)) {
    return err({ kind: 'wrong-message', message: `Expected an ECF 4.0 CoreFilingMessage, found ${message.nodeName}` });
  }
  const kase = caseElementOf(message);
  if (!kase) return err({ kind: 'missing-element', message: 'The CoreFilingMessage names no case (nc:Case or a case-type element).' });
  const leadElements = coreOrTyler(message, 'FilingLeadDocument');
  if (leadElements.length === 0) {
    return err({ kind: 'missing-element', message: 'The CoreFilingMessage has no FilingLeadDocument: nothing to review.' });
  }
  const confidential = textAt(message, [core, 'FilingConfidentialityIndicator']) === 'true';
  const parties = readParties4(kase.element);
  const attorneys = readAttorneys4(kase.element);
  const filings: Filing[] = filingDocumentElements4(message).map(({ lead: element, connected }, index) => {
    const lead = readDocument4(element, 'lead', `lead-${index + 1}`, confidential);
    return {
      id: lead.id,
      filingCode: lead.filingCode,
      description: lead.description ?? lead.title,
      leadDocument: lead,
      connectedDocuments: connected.map((c) => readDocument4(c.element, 'connected', `connected-${c.index + 1}`, confidential)),
    };
  });
  const court = path(kase.element, [j, 'CaseAugmentation'], [j, 'CaseCourt']);
  return ok({
    id: courtIdentifier(message, nc) ?? textAt(message, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']) ?? filings[0]?.id ?? 'unidentified',
    courtId: textAt(court, [nc, 'OrganizationIdentification'], [nc, 'IdentificationID']),
    courtName: textAt(court, [j, 'CourtName']) ?? textAt(court, [nc, 'OrganizationName']),
    submittedAt: textAt(message, [nc, 'DocumentPostDate'], [nc, 'DateTime']) ?? textAt(message, [nc, 'DocumentPostDate'], [nc, 'Date']),
    filer: filerOf(message, leadElements[0] ?? null, [...parties, ...attorneys]),
    sendingMde: textAt(message, [ecf, 'SendingMDELocationID'], [nc, 'IdentificationID']),
    case: readCase4(kase.element, kase.type),
    parties,
    attorneys,
    filings,
    serviceContacts: children(message, ecf, 'ElectronicServiceInformation').flatMap((info) => {
      const recipient = textAt(info, [ecf, 'ServiceRecipientID'], [nc, 'IdentificationID']);
      return recipient
        ? [{ recipientId: recipient, location: textAt(info, [ecf, 'ReceivingMDELocationID'], [nc, 'IdentificationID']), profile: textAt(info, [ecf, 'ReceivingMDEProfileCode']) }]
        : [];
    }),
  });
}

/** The id a document of an ECF 4 message is known by: the court's, its `s:id`, or the filer's identification. */
function documentId4(element: Element): string | null {
  return courtIdentifier(element, nc) ?? attr(element, structures, 'id') ?? textAt(element, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
}

/**
 * The documents of an ECF 4 CoreFilingMessage by filing, in the message's order: each lead document with the
 * connected documents whose `ecf:ParentDocumentReference` names it (by `s:id` or its id). A connected document
 * naming no lead, or one not in the message, belongs to the first filing. `index` is its place among all the
 * message's connected documents.
 */
export function filingDocumentElements4(message: Element): { lead: Element; connected: { element: Element; index: number }[] }[] {
  const leads = coreOrTyler(message, 'FilingLeadDocument');
  const names = leads.map((lead) => [attr(lead, structures, 'id'), documentId4(lead)].filter((name) => name !== null));
  const connected = coreOrTyler(message, 'FilingConnectedDocument').map((element, index) => ({
    element, index, parent: attr(path(element, [ecf, 'DocumentMetadata'], [ecf, 'ParentDocumentReference']), structures, 'ref'),
  }));
  const owner = (parent: string | null): number => Math.max(0, names.findIndex((known) => parent !== null && known.includes(parent)));
  return leads.map((lead, index) => ({
    lead,
    connected: connected.filter((c) => owner(c.parent) === index).map(({ element, index: at }) => ({ element, index: at })),
  }));
}

function readCase4(caseElement: Element, type: string | null): Envelope['case'] {
  const number = textAt(caseElement, [nc, 'CaseDocketID']);
  const trackingId = textAt(caseElement, [nc, 'CaseTrackingID']);
  return {
    // ECF 4 has no new-case indicator: a case the court has not numbered or tracked yet is a new one.
    isNew: number === null && trackingId === null,
    number,
    trackingId,
    title: textAt(caseElement, [nc, 'CaseTitleText']),
    category: textAt(caseElement, [nc, 'CaseCategoryText']),
    type: textAt(caseElement, [tyler, 'CaseAugmentation'], [tyler, 'CaseTypeText']),
    augmentations: type ? [type] : [],
  };
}

/** The entity of an ECF 4 participant: a person or organization, inline (ecf: or nc:) or by reference. */
function entityOf(holder: Element | null): { element: Element; kind: Party['kind'] } | null {
  for (const [namespace, local, kind] of [
    [ecf, 'EntityPerson', 'person'], [nc, 'EntityPerson', 'person'], [nc, 'EntityPersonReference', 'person'],
    [ecf, 'EntityOrganization', 'organization'], [nc, 'EntityOrganization', 'organization'],
    [nc, 'EntityOrganizationReference', 'organization'],
  ] as const) {
    const found = child(holder, namespace, local);
    if (found) return { element: resolveRef(found, niem2) ?? found, kind };
  }
  return null;
}

function entityName4(entity: { element: Element; kind: Party['kind'] }): string | null {
  return entity.kind === 'person' ? personName(entity.element, niem2) : textAt(entity.element, [nc, 'OrganizationName']);
}

/** The parties of an ECF 4 case: its `ecf:CaseParticipant`s, each with its role code. */
export function readParties4(caseElement: Element): Party[] {
  return children(ecfAugmentation(caseElement), ecf, 'CaseParticipant').flatMap((participant, index) => {
    const entity = entityOf(participant);
    if (!entity) return [];
    const id = attr(entity.element, structures, 'id') ?? `party-${index + 1}`;
    return [{
      id,
      name: entityName4(entity) ?? id,
      kind: entity.kind,
      role: textAt(participant, [ecf, 'CaseParticipantRoleCode']),
      // ECF 4 says so only through the court's role codes: the clerk reads the role.
      selfRepresented: false,
    } satisfies Party];
  });
}

/** The attorneys of an ECF 4 case: its `ecf:CaseOfficial`s, with bar number and the parties each represents. */
export function readAttorneys4(caseElement: Element): Attorney[] {
  return children(ecfAugmentation(caseElement), ecf, 'CaseOfficial').map((official, index) => {
    const reference = child(official, nc, 'RoleOfPersonReference');
    const person = reference ? resolveRef(reference, niem2) : null;
    const resolved = person !== reference ? person : null;
    const barNumber = textAt(official, [j, 'JudicialOfficialBarMembership'], [j, 'JudicialOfficialBarIdentification'], [nc, 'IdentificationID']);
    const id = attr(resolved, structures, 'id') ?? attr(reference, structures, 'ref') ?? `attorney-${index + 1}`;
    return {
      id,
      name: personName(resolved, niem2) ?? (barNumber ? `Attorney, bar no. ${barNumber}` : 'Attorney (no name given)'),
      barNumber,
      represents: children(official, ecf, 'CaseRepresentedPartyReference').flatMap((ref) => attr(ref, structures, 'ref') ?? []),
    };
  });
}

/**
 * Who filed: the message's `nc:DocumentSubmitter`, else the first lead document's filing attorney, else its filing
 * party (each an id: a reference to a participant, or the EFM's id for a person it knows).
 */
function filerOf(message: Element, firstLead: Element | null, people: readonly (Party | Attorney)[]): string | null {
  const submitter = entityOf(child(message, nc, 'DocumentSubmitter'));
  if (submitter) return entityName4(submitter);
  const names = new Map(people.map((person) => [person.id, person.name]));
  const metadata = child(firstLead, ecf, 'DocumentMetadata');
  for (const local of ['FilingAttorneyID', 'FilingPartyID']) {
    for (const id of children(metadata, ecf, local).flatMap((element) => textAt(element, [nc, 'IdentificationID']) ?? [])) {
      return names.get(id) ?? id;
    }
  }
  return null;
}

function readDocument4(element: Element, role: FilingDocument['role'], fallbackId: string, confidential: boolean): FilingDocument {
  const metadata = child(element, ecf, 'DocumentMetadata');
  const renditions = children(element, ecf, 'DocumentRendition').flatMap((rendition) =>
    children(child(rendition, ecf, 'DocumentRenditionMetadata'), ecf, 'DocumentAttachment').map(readAttachment4));
  const firstAttachment = path(element, [ecf, 'DocumentRendition'], [ecf, 'DocumentRenditionMetadata'], [ecf, 'DocumentAttachment']);
  return {
    id: documentId4(element) ?? fallbackId,
    role,
    title: textAt(element, [nc, 'DocumentTitleText']),
    description: textAt(element, [nc, 'DocumentDescriptionText']),
    // Tyler's ECF 4 carries the document type code in the attachment's nc:BinaryCategoryText.
    documentType: textAt(element, [nc, 'DocumentCategoryText']) ?? textAt(firstAttachment, [nc, 'BinaryCategoryText']),
    filingCode: textAt(metadata, [j, 'RegisterActionDescriptionText']),
    sequence: textAt(element, [nc, 'DocumentSequenceID']),
    relation: role === 'connected' && textAt(metadata, [ecf, 'PriorRelatedDocumentID'], [nc, 'IdentificationID']) ? 'prior-related' : null,
    ...(confidential ? { sensitivity: 'confidential' } : {}),
    renditions,
  };
}

function readAttachment4(attachment: Element): Rendition {
  const uri = textAt(attachment, [nc, 'BinaryLocationURI']);
  const sizeText = textAt(attachment, [nc, 'BinarySizeValue']);
  const size = Number(sizeText);
  return {
    id: attr(attachment, structures, 'id'),
    description: textAt(attachment, [nc, 'BinaryDescriptionText']),
    format: textAt(attachment, [nc, 'BinaryFormatStandardName']),
    sizeBytes: sizeText !== null && Number.isFinite(size) && size >= 0 ? Math.round(size) : null,
    sha256: null,
    attachment: attachmentRef(uri, text(child(attachment, nc, 'BinaryBase64Object'))),
  };
}

/**
 * An ECF 4.0 CoreFilingMessage as the ECF 5.0 FilingMessage the Filing Review service keeps: read into the envelope
 * model, written as ECF 5.0. Each document keeps its binary reference (a `cid:` or a file name on a medium). The
 * sender's own message id, when it gave one, is returned with it (resends are recognised by it).
 */
export function ecf5FilingMessageOf(core: Element, fallbackSendingMde: string): Result<{ message: Element; senderId: string | null }, EcfReadError> {
  const envelope = readCoreFilingMessage(core);
  if (!envelope.ok) return envelope;
  const written = parseXml(writeFilingMessage(envelope.value, envelope.value.sendingMde ?? fallbackSendingMde));
  if (!written.ok) return written;
  return ok({ message: written.value, senderId: textAt(core, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']) });
}

/** Every document rendition's `nc:BinaryLocationURI` in an ECF 4 message, to read and rebind (portable media). */
export function binaryLocations4(root: Element): BinaryReference[] {
  return descendants(root, nc, 'BinaryLocationURI')
    .filter((uri) => uri.parentNode?.namespaceURI === ecf)
    .map((uri) => ({
      reference: (text(uri) ?? '').trim(),
      rebind: (next: string) => {
        uri.textContent = next;
      },
    }));
}
