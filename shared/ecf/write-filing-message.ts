import type { Envelope, FilingDocument, Party } from '../domain/envelope';
import { el, elAttrs, optional, serializeXml, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';
import { webServicesProfile } from './review-parts';

const { nc, j, ecf, filing, structures, xsi } = ns;

/** Prefixes of a FilingMessage we write. */
const prefixes = { nc, j, ecf, filing, structures, xsi } as const;

/**
 * Writes an envelope as `filing:FilingMessage` (schema-valid ECF 5.0): how the embedded EFM simulator and the
 * portable-media export present envelopes. Each filing's lead document carries its filing code; connected documents
 * point at their lead with `nc:DocumentAssociation` and their relation code.
 */
export function writeFilingMessage(envelope: Envelope, sendingMde: string): string {
  const connected = envelope.filings.flatMap((f) => f.connectedDocuments.map((document) => document_(document, 'FilingConnectedDocument', f.leadDocument.id)));
  const leads = envelope.filings.map((f) => document_({ ...f.leadDocument, filingCode: f.filingCode ?? f.leadDocument.filingCode }, 'FilingLeadDocument', null));
  // The filer is referenced by id: the attorney or party of that name.
  const filerId = [...envelope.attorneys, ...envelope.parties].find((person) => person.name === envelope.filer)?.id ?? null;
  return serializeXml(
    el(filing, 'FilingMessage',
      el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', envelope.id), el(nc, 'IdentificationCategoryDescriptionText', 'messageID'), el(nc, 'IdentificationSourceText', 'FilingAssembly')),
      filerId ? el(ecf, 'DocumentAugmentation', el(ecf, 'DocumentFiler', elAttrs(nc, 'EntityPerson', [{ ns: structures, name: 'ref', value: filerId }, { ns: xsi, name: 'nil', value: 'true' }]))) : null,
      el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', envelope.sendingMde ?? sendingMde)),
      el(ecf, 'ServiceInteractionProfileCode', webServicesProfile),
      el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', envelope.courtId ?? 'unknown')), optional(j, 'CourtName', envelope.courtName)),
      el(nc, 'DocumentPostDate', el(nc, 'DateTime', envelope.submittedAt ?? new Date(0).toISOString())),
      envelope.serviceContacts.map((contact) =>
        el(ecf, 'ElectronicServiceInformation',
          el(ecf, 'ReceivingMDELocationID', el(nc, 'IdentificationID', contact.location ?? sendingMde)),
          el(ecf, 'ReceivingMDEProfileCode', contact.profile ?? webServicesProfile),
          el(ecf, 'ServiceRecipientID', el(nc, 'IdentificationID', contact.recipientId)))),
      connected,
      leads,
      writeCase(nc, 'Case', envelope, { idPrefix: '', newIndicator: true })),
    prefixes,
  );
}

/** How a case is written: as filed (in the FilingMessage), or as the court records it (docket:CorrectedCase). */
export interface CaseWriting {
  /** Put before every structures:id and the references to them, so a second copy of the case in one message is valid. */
  readonly idPrefix: string;
  readonly newIndicator: boolean;
  /** The court, its location and the judge, when the court has assigned them. */
  readonly court?: { readonly id: string; readonly name: string | null; readonly location: string };
  readonly judge?: { readonly code: string; readonly name: string };
}

/**
 * `j:CaseAugmentation` of a case: the court (its location as the court's sub-unit: ECF has no court-location element
 * on a case), the judge by name and registration code, then the case officials given (attorneys), in schema order.
 */
export function caseJusticeAugmentation(court: CaseWriting['court'] | null, judge: CaseWriting['judge'] | null, officials: readonly XmlElement[] = []): XmlElement {
  return el(j, 'CaseAugmentation',
    court
      ? el(j, 'CaseCourt',
          el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', court.id)),
          el(nc, 'OrganizationSubUnitName', court.location),
          optional(j, 'CourtName', court.name))
      : null,
    judge
      ? el(j, 'CaseJudge',
          el(nc, 'RoleOfPerson', personName(judge.name)),
          el(j, 'JudicialOfficialRegistrationIdentification', el(nc, 'IdentificationID', judge.code)))
      : null,
    officials);
}

/**
 * The whole case of an envelope as an `nc:CaseType` element: title, court and judge, attorneys with whom they
 * represent, category, parties with roles, tracking id, type and number, in schema order.
 */
export function writeCase(namespace: string, name: string, envelope: Pick<Envelope, 'case' | 'parties' | 'attorneys'>, writing: CaseWriting): XmlElement {
  const id = (value: string): string => `${writing.idPrefix}${value}`;
  const court = writing.court;
  const judge = writing.judge;
  const hasJustice = envelope.attorneys.length > 0 || court || judge;
  return el(namespace, name,
    optional(nc, 'CaseTitleText', envelope.case.title),
    hasJustice
      ? caseJusticeAugmentation(court ?? null, judge ?? null,
          envelope.attorneys.map((attorney) =>
            el(j, 'CaseOfficial',
              elAttrs(nc, 'RoleOfPerson', [{ ns: structures, name: 'id', value: id(attorney.id) }], personName(attorney.name)),
              attorney.barNumber ? el(j, 'JudicialOfficialBarMembership', el(j, 'JudicialOfficialBarIdentification', el(nc, 'IdentificationID', attorney.barNumber))) : null,
              attorney.represents.length > 0
                ? el(ecf, 'CaseOfficialAugmentation', attorney.represents.map((party) => elAttrs(ecf, 'CaseRepresentedParty', [{ ns: structures, name: 'ref', value: id(party) }])))
                : null)))
      : null,
    el(ecf, 'CaseAugmentation',
      optional(ecf, 'CaseCategoryCode', envelope.case.category),
      writing.newIndicator ? el(ecf, 'CaseNewIndicator', String(envelope.case.isNew)) : null,
      envelope.parties.map((p) => party(p, id(p.id))),
      envelope.case.trackingId ? el(ecf, 'CaseTrackingID', el(nc, 'IdentificationID', envelope.case.trackingId)) : null,
      optional(ecf, 'CaseTypeCode', envelope.case.type),
      optional(j, 'CaseNumberText', envelope.case.number)));
}

function personName(name: string): XmlElement {
  return el(nc, 'PersonName', el(nc, 'PersonFullName', name));
}

function party(p: Party, partyId: string): XmlElement {
  const details = [el(ecf, 'CaseParticipantRoleCode', p.role ?? 'Party'), p.selfRepresented ? el(ecf, 'CasePartySelfRepresentationIndicator', 'true') : null];
  const id = [{ ns: structures, name: 'id', value: partyId }];
  return el(ecf, 'CaseParty',
    p.kind === 'person'
      ? elAttrs(nc, 'EntityPerson', id, personName(p.name), el(ecf, 'PersonAugmentation', details))
      : elAttrs(nc, 'EntityOrganization', id, el(nc, 'OrganizationName', p.name), el(ecf, 'OrganizationAugmentation', details)));
}

function document_(document: FilingDocument, element: 'FilingLeadDocument' | 'FilingConnectedDocument', parentId: string | null): XmlElement {
  return elAttrs(filing, element, [{ ns: structures, name: 'id', value: document.id }],
    optional(nc, 'DocumentDescriptionText', document.description),
    el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', document.id)),
    optional(nc, 'DocumentSequenceID', document.sequence),
    optional(nc, 'DocumentTitleText', document.title),
    el(ecf, 'DocumentAugmentation',
      document.renditions.map((rendition) =>
        el(ecf, 'DocumentRendition',
          el(nc, 'DocumentIdentification'),
          optional(ecf, 'DocumentRenditionHash', rendition.sha256),
          el(nc, 'Attachment',
            optional(nc, 'BinaryDescriptionText', rendition.description),
            optional(nc, 'BinaryFormatText', rendition.format),
            rendition.attachment.kind === 'cid' ? el(nc, 'BinaryURI', `cid:${rendition.attachment.contentId}`) : rendition.attachment.kind === 'uri' ? el(nc, 'BinaryURI', rendition.attachment.uri) : null,
            rendition.sizeBytes === null ? null : el(nc, 'BinarySizeValue', String(rendition.sizeBytes))))),
      optional(ecf, 'DocumentTypeCode', document.documentType),
      element === 'FilingLeadDocument' ? optional(ecf, 'RegisterActionDescriptionCode', document.filingCode) : null,
      parentId
        ? el(nc, 'DocumentAssociation',
            elAttrs(nc, 'PrimaryDocument', [{ ns: structures, name: 'ref', value: parentId }, { ns: xsi, name: 'nil', value: 'true' }]),
            el(ecf, 'DocumentAssociationAugmentation', el(ecf, 'DocumentRelatedCode', document.relation ?? 'parent')))
        : null,
      document.sensitivity ? el(nc, 'Metadata', el(nc, 'SensitivityText', document.sensitivity)) : null));
}
