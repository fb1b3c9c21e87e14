/** The XML namespaces of ECF 5.0 and the NIEM 4 parts it uses. Only the ECF mapping modules use these. */
export const ns = {
  nc: 'http://release.niem.gov/niem/niem-core/4.0/',
  j: 'http://release.niem.gov/niem/domains/jxdm/6.1/',
  structures: 'http://release.niem.gov/niem/structures/4.0/',
  cbrn: 'http://release.niem.gov/niem/domains/cbrn/4.1/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  ecf: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/ecf',
  filing: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filing',
  payment: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/payment',
  docket: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/docket',
  docketcallback: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/docketcallback',
  reviewfilingcallback: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/reviewfilingcallback',
  policyresponse: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/policyresponse',
  policyrequest: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/policyrequest',
  cancel: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/cancel',
  filingstatusrequest: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filingstatusrequest',
  filingstatusresponse: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filingstatusresponse',
  filinglistrequest: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filinglistrequest',
  filinglistresponse: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/filinglistresponse',
  caserequest: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/caserequest',
  caseresponse: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/caseresponse',
  caselistrequest: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/caselistrequest',
  caselistresponse: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/caselistresponse',
  stampinformation: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/stampinformation',
  stampinformationcallback: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/stampinformationcallback',
  wrapper: 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/wrappers',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  genericode: 'http://docs.oasis-open.org/codelist/ns/genericode/1.0/',
  /** Our clerk-review extension service (schemas/clerk-review.xsd). */
  crd: 'urn:clerk-review-desk:review:1.0',
  xop: 'http://www.w3.org/2004/08/xop/include',
  xmime: 'http://www.w3.org/2005/05/xmlmime',
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
} as const;

/** Case-type augmentation namespaces (civil, criminal, …): each has a `CaseAugmentation` under `nc:Case`. */
export const caseTypeNamespaces = ['appellate', 'bankruptcy', 'citation', 'civil', 'criminal', 'domestic', 'juvenile', 'attorneydiscipline'].map(
  (type) => [type, `https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/${type}`] as const,
);
