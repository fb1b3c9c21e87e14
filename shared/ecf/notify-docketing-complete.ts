import type { Element } from '@xmldom/xmldom';
import type { DocketingResult } from '../domain/ecf-status';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, path, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
import { ns } from './namespaces';

const { nc, ecf, structures, docketcallback } = ns;

/** Reads `docketcallback:NotifyDocketingCompleteMessage`: the filing status and, per document, docketing status, docket id and hash. */
export function readNotifyDocketingComplete(root: Element): Result<DocketingResult, EcfReadError> {
  const message = root.namespaceURI === docketcallback && root.localName === 'NotifyDocketingCompleteMessage' ? root : (descendants(root, docketcallback, 'NotifyDocketingCompleteMessage')[0] ?? null);
  if (!message) return err({ kind: 'wrong-message', message: `No docketcallback:NotifyDocketingCompleteMessage in ${root.nodeName}` });
  const reviews = [...children(message, ecf, 'LeadDocumentReview'), ...children(message, ecf, 'ConnectedDocumentReview')];
  return ok({
    messageId: textAt(message, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']),
    requestMessageId: children(message, nc, 'DocumentIdentification')
      .filter((identification) => textAt(identification, [nc, 'IdentificationSourceText']) === 'FilingReview')
      .map((identification) => textAt(identification, [nc, 'IdentificationID'])).find(Boolean) ?? null,
    filingStatus: textAt(message, [ecf, 'FilingStatus'], [ecf, 'FilingReviewStatusCode']),
    filingDocketingStatus: textAt(message, [ecf, 'FilingStatus'], [ecf, 'FilingDocketingStatusCode']),
    documents: reviews.map((review) => {
      const reviewed = child(review, ecf, 'ReviewedDocument');
      const documentStatus = descendants(reviewed ?? review, ecf, 'DocumentStatus')[0] ?? null;
      return {
        documentId: attr(child(review, ecf, 'Document'), structures, 'ref') ?? attr(reviewed, structures, 'id') ?? textAt(reviewed, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']),
        identificationId: textAt(reviewed, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']),
        reviewStatus: textAt(path(review, [ecf, 'DocumentReviewDisposition'], [ecf, 'DocumentReviewStatus']), [nc, 'StatusText']),
        docketingStatus: textAt(documentStatus, [ecf, 'DocumentDocketingStatusCode']) ?? textAt(documentStatus, [nc, 'StatusText']),
        docketingDetail: textAt(documentStatus, [nc, 'StatusDescriptionText']),
        docketId: reviewed ? (descendants(reviewed, nc, 'CaseDocketID')[0]?.textContent?.trim() || null) : null,
        fileControlId: textAt(reviewed, [nc, 'DocumentFileControlID']),
        sha256: reviewed ? (descendants(reviewed, ecf, 'DocumentRenditionHash').map((e) => e.textContent?.trim() ?? '').find(Boolean) ?? null) : null,
      };
    }),
  });
}
