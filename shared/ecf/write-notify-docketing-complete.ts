import type { Envelope } from '../domain/envelope';
import { el, elAttrs, optional, serializeXml } from '../xml/xml-writer';
import { ns } from './namespaces';
import { caseFilingHeader, filingOf, reviewDisposition, writePrefixes, type Reviewer, type ReviewHeader } from './review-parts';

const { nc, j, ecf, structures, docketcallback } = ns;

/** What the court record system did with one accepted filing. */
export interface DocketedFiling {
  readonly filingId: string;
  readonly docketed: boolean;
  /** Docket entry id when docketed. */
  readonly docketId: string | null;
  /** Why not, when the CMS refused it (lands in the exception queue). */
  readonly failureReason: string | null;
  /** SHA-256 of the rendition as recorded (ECF requires it). */
  readonly sha256: string | null;
  readonly acceptedAt: string;
}

/** Input of a NotifyDocketingComplete callback (one filing, or the whole envelope in the single-callback model). */
export interface NotifyDocketingCompleteInput {
  readonly header: ReviewHeader;
  /** The message id of the RecordDocketing this answers (ECF 5.0 example docketcallback: source FilingReview). */
  readonly requestMessageId: string;
  readonly envelope: Envelope;
  readonly reviewer: Reviewer;
  readonly filings: readonly DocketedFiling[];
}

/**
 * Writes `docketcallback:NotifyDocketingCompleteMessage`, the court record system's answer to RecordDocketing: per
 * filing, whether it was docketed, the docket id and the SHA-256 of the recorded rendition, or why it was refused.
 */
export function writeNotifyDocketingComplete(input: NotifyDocketingCompleteInput): string {
  if (input.filings.length === 0) throw new Error('A docketing callback names at least one filing');
  const allDocketed = input.filings.every((f) => f.docketed);
  const leads = input.filings.map((docketed) => {
    const filing = filingOf(input.envelope, docketed.filingId);
    return el(ecf, 'LeadDocumentReview',
      reviewDisposition('accepted', null, docketed.acceptedAt, input.reviewer),
      elAttrs(ecf, 'ReviewedDocument', [{ ns: structures, name: 'id', value: `docketed-${filing.leadDocument.id}` }],
        el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', filing.leadDocument.id)),
        optional(nc, 'DocumentTitleText', filing.leadDocument.title),
        el(ecf, 'DocumentAugmentation',
          docketed.sha256 ? el(ecf, 'DocumentRendition', el(nc, 'DocumentIdentification'), el(ecf, 'DocumentRenditionHash', docketed.sha256), el(nc, 'Attachment', el(nc, 'BinaryFormatText', 'application/pdf'))) : null,
          el(ecf, 'DocumentStatus',
            el(nc, 'StatusText', docketed.docketed ? 'docketed' : 'not docketed'),
            optional(nc, 'StatusDescriptionText', docketed.failureReason),
            el(ecf, 'DocumentDocketingStatusCode', docketed.docketed ? 'accepted' : 'rejected'))),
        docketed.docketId ? el(ecf, 'ReviewedDocumentAugmentation', el(nc, 'CaseDocketID', docketed.docketId)) : null));
  });
  const kase = input.envelope.case;
  const [headerId, ...headerRest] = caseFilingHeader(input.header, 'CourtRecord');
  return serializeXml(
    el(docketcallback, 'NotifyDocketingCompleteMessage',
      headerId,
      el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', input.requestMessageId), el(nc, 'IdentificationCategoryDescriptionText', 'messageID'), el(nc, 'IdentificationSourceText', 'FilingReview')),
      headerRest,
      el(ecf, 'FilingStatus',
        optional(nc, 'StatusDescriptionText', allDocketed ? null : input.filings.filter((f) => !f.docketed).map((f) => `${f.filingId}: ${f.failureReason ?? 'not docketed'}`).join('; ')),
        el(ecf, 'FilingDocketingStatusCode', allDocketed ? 'successful' : 'unsuccessful'),
        el(ecf, 'FilingReviewStatusCode', 'accepted')),
      leads,
      el(nc, 'Case', optional(nc, 'CaseTitleText', kase.title), el(ecf, 'CaseAugmentation', optional(ecf, 'CaseCategoryCode', kase.category), optional(ecf, 'CaseTypeCode', kase.type), optional(j, 'CaseNumberText', kase.number)))),
    { ...writePrefixes, docketcallback },
  );
}
