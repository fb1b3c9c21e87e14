import type { Element } from '@xmldom/xmldom';
import type { Envelope } from '../domain/envelope';
import { err, ok, type Result } from '../result';
import { child, children, descendants, textAt } from '../xml/xml-query';
import { el, optional, serializeXml } from '../xml/xml-writer';
import type { EcfReadError } from './ecf-read-error';
import { personName } from './entity-names';
import { ns } from './namespaces';
import { caseFilingHeader, filingOf, reviewDisposition, writePrefixes, type Reviewer, type ReviewHeader } from './review-parts';
import { readAttorneys, readParties } from './filing-message';
import { writeCase } from './write-filing-message';

const { nc, j, ecf, stampinformation, stampinformationcallback } = ns;

/** The case a court record system opened for a new-case filing, as NotifyDocumentStampInformation gives it. */
export interface RecordSystemCase {
  readonly caseNumber: string;
  readonly trackingId: string | null;
  readonly title: string | null;
  /** The court location code (`j:CaseCourt/nc:OrganizationSubUnitName`), when the record system gives one. */
  readonly courtLocation: string | null;
  readonly judge: { readonly code: string | null; readonly name: string } | null;
}

/** What a NotifyDocumentStampInformation says: the case opened, or why the record system did not open one. */
export interface StampInformationAnswer {
  readonly messageId: string | null;
  /** The DocumentStampInformation it answers (its message id, source FilingReview). */
  readonly requestMessageId: string | null;
  readonly assigned: RecordSystemCase | null;
  /** The record system's explanation when it opened no case. */
  readonly refusal: string | null;
}

/**
 * Writes `stampinformation:DocumentStampInformationMessage` (seed 000, CMS Case Assignment, step 2): the new case
 * as filed (parties, attorneys, category, type), without document binaries or payment, asking the record system
 * to open it and say its number, court and judge for the stamps. The lead documents to be stamped are named by
 * further `nc:DocumentIdentification`s (category `documentID`), which the callback's document reviews name back. A
 * new case has no number yet, and the schema requires `j:CaseNumberText`: it goes empty.
 */
export function writeDocumentStampInformation(input: { header: ReviewHeader; envelope: Envelope; filingIds: readonly string[] }): string {
  const { envelope } = input;
  const [headerId, ...headerRest] = caseFilingHeader(input.header);
  return serializeXml(
    el(stampinformation, 'DocumentStampInformationMessage',
      headerId,
      input.filingIds.map((filingId) => el(nc, 'DocumentIdentification',
        el(nc, 'IdentificationID', filingOf(envelope, filingId).leadDocument.id),
        el(nc, 'IdentificationCategoryDescriptionText', 'documentID'),
        el(nc, 'IdentificationSourceText', 'FilingReview'))),
      headerRest,
      envelope.case.trackingId ? el(ecf, 'CaseTrackingID', el(nc, 'IdentificationID', envelope.case.trackingId)) : null,
      el(j, 'CaseNumberText', envelope.case.number ?? ''),
      writeCase(nc, 'Case', envelope, { idPrefix: '', newIndicator: true })),
    { ...writePrefixes, stampinformation },
  );
}

/** What a record system reads of a DocumentStampInformation: enough to open the case and answer. */
export interface StampInformationRequest {
  readonly messageId: string;
  /** The lead documents the stamps are for. */
  readonly documentIds: readonly string[];
  readonly kase: Pick<Envelope, 'case' | 'parties' | 'attorneys'>;
}

/** Reads `stampinformation:DocumentStampInformationMessage` (the record system's side). */
export function readDocumentStampInformation(root: Element): Result<StampInformationRequest, EcfReadError> {
  if (root.namespaceURI !== stampinformation || root.localName !== 'DocumentStampInformationMessage') {
    return err({ kind: 'wrong-message', message: `This is a ${root.localName ?? 'unknown'} message, not DocumentStampInformationMessage.` });
  }
  const [first, ...rest] = children(root, nc, 'DocumentIdentification');
  const messageId = textAt(first ?? null, [nc, 'IdentificationID']);
  if (!messageId) return err({ kind: 'missing-element', message: 'The DocumentStampInformationMessage has no message identifier (nc:DocumentIdentification)' });
  const kase = child(root, nc, 'Case');
  const augmentation = child(kase, ecf, 'CaseAugmentation');
  return ok({
    messageId,
    documentIds: rest.filter((id) => textAt(id, [nc, 'IdentificationCategoryDescriptionText']) === 'documentID').flatMap((id) => textAt(id, [nc, 'IdentificationID']) ?? []),
    kase: {
      case: {
        isNew: true,
        number: null,
        trackingId: textAt(augmentation, [ecf, 'CaseTrackingID'], [nc, 'IdentificationID']),
        title: textAt(kase, [nc, 'CaseTitleText']),
        category: textAt(augmentation, [ecf, 'CaseCategoryCode']),
        type: textAt(augmentation, [ecf, 'CaseTypeCode']),
        augmentations: [],
      },
      parties: readParties(kase),
      attorneys: readAttorneys(kase),
    },
  });
}

/** What the record system writes back: the case it opened (or null with the reason) for these documents. */
export interface NotifyStampInformationInput {
  readonly header: ReviewHeader;
  readonly requestMessageId: string;
  readonly kase: Pick<Envelope, 'case' | 'parties' | 'attorneys'>;
  /** The lead documents the request named (at least one: the schema requires a document review). */
  readonly documentIds: readonly string[];
  readonly reviewer: Reviewer;
  readonly assigned: (RecordSystemCase & { readonly courtId: string; readonly courtName: string | null }) | null;
  readonly refusal: string | null;
}

/**
 * Writes `stampinformationcallback:NotifyDocumentStampInformationMessage` (seed 000, step 4): the whole case with
 * the number, tracking id, title, court location and judge the record system assigned, or, when it opened none, a
 * filing status saying why. The record system's side; the demo record system and the tests use it.
 */
export function writeNotifyDocumentStampInformation(input: NotifyStampInformationInput): string {
  const { kase: envelope, assigned } = input;
  if (input.documentIds.length === 0) throw new Error('A stamp-information callback names at least one document');
  const [headerId, ...headerRest] = caseFilingHeader(input.header, 'CourtRecord');
  const leads = input.documentIds.map((documentId) =>
    el(ecf, 'LeadDocumentReview',
      reviewDisposition('accepted', null, input.header.postedAt, input.reviewer),
      el(ecf, 'ReviewedDocument', el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', documentId)))));
  const kase = assigned
    ? writeCase(nc, 'Case', {
        case: { ...envelope.case, number: assigned.caseNumber, title: assigned.title ?? envelope.case.title, trackingId: assigned.trackingId },
        parties: envelope.parties,
        attorneys: envelope.attorneys,
      }, {
        idPrefix: '', newIndicator: false,
        court: { id: assigned.courtId, name: assigned.courtName, location: assigned.courtLocation ?? '' },
        ...(assigned.judge ? { judge: { code: assigned.judge.code ?? '', name: assigned.judge.name } } : {}),
      })
    : writeCase(nc, 'Case', envelope, { idPrefix: '', newIndicator: true });
  return serializeXml(
    el(stampinformationcallback, 'NotifyDocumentStampInformationMessage',
      headerId,
      el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', input.requestMessageId), el(nc, 'IdentificationCategoryDescriptionText', 'messageID'), el(nc, 'IdentificationSourceText', 'FilingReview')),
      headerRest,
      el(ecf, 'FilingStatus', optional(nc, 'StatusDescriptionText', assigned ? null : (input.refusal ?? 'The record system opened no case')), el(ecf, 'FilingReviewStatusCode', 'accepted')),
      leads,
      kase),
    { ...writePrefixes, stampinformationcallback },
  );
}

/**
 * Reads `stampinformationcallback:NotifyDocumentStampInformationMessage`: the request it answers and the case the
 * record system opened (number, tracking id, title, location, judge by code and name). A callback without a case
 * number opened no case: its filing status description is the reason.
 */
export function readNotifyDocumentStampInformation(root: Element): Result<StampInformationAnswer, EcfReadError> {
  const message = root.namespaceURI === stampinformationcallback && root.localName === 'NotifyDocumentStampInformationMessage'
    ? root
    : (descendants(root, stampinformationcallback, 'NotifyDocumentStampInformationMessage')[0] ?? null);
  if (!message) return err({ kind: 'wrong-message', message: `No stampinformationcallback:NotifyDocumentStampInformationMessage in ${root.nodeName}` });
  const identifications = children(message, nc, 'DocumentIdentification');
  const kase = child(message, nc, 'Case');
  const augmentation = child(kase, ecf, 'CaseAugmentation');
  const caseNumber = textAt(augmentation, [j, 'CaseNumberText']) ?? textAt(message, [j, 'CaseNumberText']);
  const justice = child(kase, j, 'CaseAugmentation');
  const judge = child(justice, j, 'CaseJudge');
  const judgeName = personName(child(judge, nc, 'RoleOfPerson'));
  const judgeCode = textAt(judge, [j, 'JudicialOfficialRegistrationIdentification'], [nc, 'IdentificationID']);
  return ok({
    messageId: textAt(identifications[0] ?? null, [nc, 'IdentificationID']),
    requestMessageId: identifications
      .filter((identification) => textAt(identification, [nc, 'IdentificationSourceText']) === 'FilingReview')
      .map((identification) => textAt(identification, [nc, 'IdentificationID'])).find(Boolean) ?? null,
    assigned: caseNumber
      ? {
          caseNumber,
          trackingId: textAt(augmentation, [ecf, 'CaseTrackingID'], [nc, 'IdentificationID']),
          title: textAt(kase, [nc, 'CaseTitleText']),
          courtLocation: textAt(justice, [j, 'CaseCourt'], [nc, 'OrganizationSubUnitName']),
          judge: judgeName || judgeCode ? { code: judgeCode, name: judgeName ?? judgeCode ?? '' } : null,
        }
      : null,
    refusal: caseNumber ? null : (textAt(message, [ecf, 'FilingStatus'], [nc, 'StatusDescriptionText']) ?? 'The court record system opened no case'),
  });
}
