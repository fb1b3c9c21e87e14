/**
 * The XML namespaces of ECF 4.0 (ECF 4.01 keeps them) and the NIEM 2.0 parts it uses, with Tyler's ECF 4
 * extensions. Only the ECF 4 mapping modules use these.
 */
const ecf4 = (name: string): string => `urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:${name}-4.0`;

/** ECF 4.0 namespaces by the prefixes the specification uses. */
export const ns4 = {
  nc: 'http://niem.gov/niem/niem-core/2.0',
  j: 'http://niem.gov/niem/domains/jxdm/4.0',
  structures: 'http://niem.gov/niem/structures/2.0',
  ecf: ecf4('CommonTypes'),
  core: ecf4('CoreFilingMessage'),
  payment: ecf4('PaymentMessage'),
  receipt: ecf4('MessageReceiptMessage'),
  reviewcb: ecf4('ReviewFilingCallbackMessage'),
  paymentreceipt: ecf4('PaymentReceiptMessage'),
  docket: ecf4('RecordDocketingMessage'),
  docketcb: ecf4('RecordDocketingCallbackMessage'),
  casequery: ecf4('CaseQueryMessage'),
  caseresponse: ecf4('CaseResponseMessage'),
  caselistquery: ecf4('CaseListQueryMessage'),
  caselistresponse: ecf4('CaseListResponseMessage'),
  /** The ECF 4.0 Web Services profile's message definitions (ReviewFilingRequestMessage, RecordFilingRequestMessage…). */
  wsmp: 'urn:oasis:names:tc:legalxml-courtfiling:wsdl:WebServicesProfile-Definitions-4.0',
  tyler: 'urn:tyler:ecf:extensions:Common',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** The ECF 4.0 case-type elements that stand for `nc:Case` (civil:CivilCase, …), by the case type they name. */
export const caseTypeElements4 = [
  ['appellate', 'AppellateCase'], ['bankruptcy', 'BankruptcyCase'], ['citation', 'CitationCase'], ['civil', 'CivilCase'],
  ['criminal', 'CriminalCase'], ['domestic', 'DomesticCase'], ['juvenile', 'JuvenileCase'],
].map(([type = '', local = '']) => ({ type, local, uri: ecf4(local) }));

/** The profile code ECF 4.0 messages name their Web Services profile by (ECF 4.0 Web Services SIP). */
export const webServicesProfile4 = 'urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:WebServicesMessaging-2.0';

/** The prefixes the service writes ECF 4.0 messages with (each message serialized on its own). */
export const writePrefixes4 = {
  wsmp: ns4.wsmp, docket: ns4.docket, docketcb: ns4.docketcb, reviewcb: ns4.reviewcb, receipt: ns4.paymentreceipt, payment: ns4.payment,
  message: ns4.receipt, core: ns4.core, caselistquery: ns4.caselistquery, caselistresponse: ns4.caselistresponse, nc: ns4.nc, j: ns4.j, ecf: ns4.ecf, s: ns4.structures, cac: ns4.cac, cbc: ns4.cbc,
} as const;
