import { filingDocumentElements4 } from '../../../shared/ecf4/core-filing-message';
import { filedContentId4, recordFilingRequestMessage4 } from '../../../shared/ecf4/record-filing';
import type { ReviewedDocumentOptions4 } from '../../../shared/ecf4/reviewed-document';
import { writePrefixes4 } from '../../../shared/ecf4/namespaces';
import { parseXml } from '../../../shared/xml/safe-xml';
import { rawXml, serializeXml } from '../../../shared/xml/xml-writer';
import type { MimePart } from '../../soap/mtom';
import type { Sql } from '../db/sql-database';
import { reviewRecords } from '../store/review-records';
import { assignedCaseOf, renditionContentId, type ComposeContext, type DocketingRequest } from './compose-record-docketing';
import type { ComposedDocketing } from './cms-deliveries';

/**
 * RecordFiling to a court record system that speaks ECF 4.0, for one accepted filing of an envelope filed in ECF 4
 * (see {@link recordFilingRequestMessage4}). Its documents travel as MTOM parts: every document of the filing under
 * the `cid:` the filer's CoreFilingMessage names it by, as filed, and a file-stamped rendition under its own content
 * id beside it. Checked against the ECF 4.0 schemas when a validator is configured. An envelope filed in ECF 5 is
 * refused with the reason: ECF 4 needs facts an ECF 5 filing does not carry (a civil case's cause of action and
 * relief sought), which the service will not make up.
 */
export async function composeRecordFiling4(sql: Sql, request: DocketingRequest, context: ComposeContext): Promise<ComposedDocketing> {
  const stored = await reviewRecords.envelope(sql, request.envelopeId);
  if (!stored) throw new Error(`no envelope ${request.envelopeId}`);
  if (stored.filedAs !== '4.0' || !stored.filedXml) {
    throw new Error('the court record system takes ECF 4.0 and this envelope was filed in ECF 5.0; docket it in the record system by hand');
  }
  const filed = parseXml(stored.filedXml);
  if (!filed.ok) throw new Error(`the filer's ECF 4 message cannot be read: ${filed.error.message}`);
  const [filingId, ...others] = request.filingIds;
  if (!filingId || others.length > 0) throw new Error('an ECF 4 RecordFiling carries exactly one filing');
  const envelope = stored.demo.envelope;
  const index = envelope.filings.findIndex((candidate) => candidate.id === filingId);
  const filing = envelope.filings[index];
  if (!filing) throw new Error(`no filing ${filingId} in ${request.envelopeId}`);
  const decision = (await reviewRecords.decisionsWithReviewer(sql, request.envelopeId))
    .map(({ decision: d }) => d).find((d) => d.filingId === filingId && d.outcome === 'accepted');
  if (!decision) throw new Error(`${filingId} was not accepted`);
  const stamped = new Map((await reviewRecords.stampedDocuments(sql, request.envelopeId)).map((s) => [s.documentId, s]));
  const group = filingDocumentElements4(filed.value)[index];
  const documents = [
    { document: filing.leadDocument, element: group?.lead ?? null },
    ...filing.connectedDocuments.map((document, at) => ({ document, element: group?.connected[at]?.element ?? null })),
  ];
  const renditions = new Map<string, Omit<ReviewedDocumentOptions4, 'filingCode' | 'docketId'>>();
  const parts: MimePart[] = [];
  for (const { document, element } of documents) {
    const original = await context.original(request.envelopeId, document.id);
    if (!original) throw new Error(`document ${document.id} of ${request.envelopeId} is not on record`);
    const filerCid = filedContentId4(element);
    const asFiled = filerCid ?? renditionContentId('filed', document.id);
    parts.push({ contentId: asFiled, contentType: 'application/pdf', body: original.bytes });
    const stampedRendition = stamped.get(document.id);
    if (stampedRendition) {
      const contentId = renditionContentId('stamped', document.id);
      parts.push({ contentId, contentType: 'application/pdf', body: stampedRendition.bytes });
      renditions.set(document.id, {
        recorded: { documentId: document.id, contentId, sha256: stampedRendition.sha256, sizeBytes: stampedRendition.bytes.length },
        stampedRendition: true, location: `cid:${contentId}`,
      });
    } else {
      renditions.set(document.id, {
        recorded: { documentId: document.id, contentId: asFiled, sha256: original.sha256, sizeBytes: original.bytes.length },
        stampedRendition: false, location: `cid:${asFiled}`,
      });
    }
  }
  const body = recordFilingRequestMessage4({
    sendingMde: context.sendingMde4 ?? context.sendingMde, courtId: context.court.courtId, postedAt: new Date(context.now()).toISOString(),
    envelope, filing, filed: filed.value, filingCode: decision.correctedFilingCode ?? filing.filingCode, note: decision.note,
    assignedCase: assignedCaseOf(stored.assignedCase, context.court), renditions,
  });
  const xml = serializeXml(body, writePrefixes4);
  if (context.validateEcf4) {
    const validation = await context.validateEcf4(xml);
    if (!validation.valid) throw new Error(`it is not valid against the ECF 4.0 schemas: ${validation.output.slice(0, 300)}`);
  }
  return { body: rawXml(xml), parts };
}
