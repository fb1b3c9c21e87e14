import type { Element } from '@xmldom/xmldom';
import { caseListResponseMessage, caseResponseMessage, readCaseListRequest, readCaseRequest } from '../../../shared/ecf/case-messages';
import { operationTable } from '../../../shared/ecf/operation-table';
import type { ReviewHeader } from '../../../shared/ecf/review-parts';
import { wrapStandardResponse } from '../../../shared/ecf/standard-operations';
import { caseListQueryMessage4 } from '../../../shared/ecf4/case-query';
import { readCaseListResponse4 } from '../../../shared/ecf4/case-response';
import { writePrefixes4 } from '../../../shared/ecf4/namespaces';
import { rawXml, serializeXml, type XmlElement } from '../../../shared/xml/xml-writer';
import { clientFault, serviceFault } from '../../efm-sim/sim-fault';
import { askStandardMessage } from '../../soap/send-standard-message';
import type { RecordSystemEndpoint } from './cms-deliveries';

/** Who asks an ECF 4 record system, and how the query is checked before it leaves. */
export interface CaseQueryContext4 {
  /** The service's ECF 4.0 FilingReviewMDEPort (ecf:SendingMDELocationID). */
  readonly sendingMde: string;
  readonly courtId: string;
  readonly maxResponseBytes: number;
  readonly validateEcf4?: (xml: string) => Promise<{ valid: boolean; output: string }>;
}

/**
 * GetCase and GetCaseList (ECF 5, from the desktop) against an ECF 4.0 record system: asked as its GetCaseList (a case
 * number as the case's docket id, a party by name; see {@link caseListQueryMessage4}), checked against the ECF 4
 * schemas, and answered in ECF 5 from the cases the record system listed.
 */
export async function askCases4(endpoint: RecordSystemEndpoint, operation: 'GetCase' | 'GetCaseList', message: Element, header: ReviewHeader, context: CaseQueryContext4): Promise<XmlElement> {
  const caseNumber = operation === 'GetCase' ? readCaseRequest(message) : null;
  const { partyName, category } = operation === 'GetCaseList' ? readCaseListRequest(message) : { partyName: null, category: null };
  if (operation === 'GetCase' && !caseNumber) throw clientFault('invalid-request', 'GetCase needs a case number');
  if (operation === 'GetCaseList' && !partyName) throw clientFault('invalid-request', 'GetCaseList needs a party name');
  const query = serializeXml(caseListQueryMessage4(
    { sendingMde: context.sendingMde, courtId: context.courtId, submitter: 'Filing Review service' },
    caseNumber ? { caseNumber } : { partyName: partyName ?? '', category },
  ), writePrefixes4);
  if (context.validateEcf4) {
    const validation = await context.validateEcf4(query);
    if (!validation.valid) throw serviceFault('The service could not write a valid ECF 4.0 case query');
  }
  const answer = await askStandardMessage({
    url: endpoint.url, soapAction: operationTable.GetCaseList4.soapAction, credentials: endpoint.credentials, body: rawXml(query),
    maxResponseBytes: context.maxResponseBytes, timeoutMs: 120_000, ...(endpoint.ca ? { ca: endpoint.ca } : {}),
  });
  if (!answer.ok && !answer.retryable) throw clientFault('invalid-request', `The court record system refused the request (${answer.reason})`);
  if (!answer.ok) throw serviceFault('The court record system did not answer; try again later');
  const cases = readCaseListResponse4(answer.body);
  return operation === 'GetCase'
    ? wrapStandardResponse(operation, caseResponseMessage(header, cases.find((kase) => kase.caseNumber === caseNumber) ?? null))
    : wrapStandardResponse(operation, caseListResponseMessage(header, cases));
}
