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
      el(nc, 'Case',
        optional(nc, 'CaseTitleText', envelope.case.title),
        envelope.attorneys.length > 0
          ? el(j, 'CaseAugmentation', envelope.attorneys.map((attorney) =>
              el(j, 'CaseOfficial',
                elAttrs(nc, 'RoleOfPerson', [{ ns: structures, name: 'id', value: attorney.id }], personName(attorney.name)),
                attorney.barNumber ? el(j, 'JudicialOfficialBarMembership', el(j, 'JudicialOfficialBarIdentification', el(nc, 'IdentificationID', attorney.barNumber))) : null,
                attorney.represents.length > 0
                  ? el(ecf, 'CaseOfficialAugmentation', attorney.represents.map((id) => elAttrs(ecf, 'CaseRepresentedParty', [{ ns: structures, name: 'ref', value: id }])))
                  : null)))
          : null,
        el(ecf, 'CaseAugmentation',
          optional(ecf, 'CaseCategoryCode', envelope.case.category),
          el(ecf, 'CaseNewIndicator', String(envelope.case.isNew)),
          envelope.parties.map(party),
          envelope.case.trackingId ? el(ecf, 'CaseTrackingID', el(nc, 'IdentificationID', envelope.case.trackingId)) : null,
          optional(ecf, 'CaseTypeCode', envelope.case.type),
          optional(j, 'CaseNumberText', envelope.case.number)))),
    prefixes,
  );
}

function personName(name: string): XmlElement {
  return el(nc, 'PersonName', el(nc, 'PersonFullName', name));
}

function party(p: Party): XmlElement {
  const details = [el(ecf, 'CaseParticipantRoleCode', p.role ?? 'Party'), p.selfRepresented ? el(ecf, 'CasePartySelfRepresentationIndicator', 'true') : null];
  const id = [{ ns: structures, name: 'id', value: p.id }];
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
