import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAnyFilingMessages, readAnyFilingMessage } from '../../../shared/ecf/any-filing-message';
import { readPaymentMessage } from '../../../shared/ecf/payment-message';
import { readFilingXml } from '../../../shared/ecf/read-ecf';
import { defaultXmlLimits, parseXml } from '../../../shared/xml/safe-xml';
import { validateEcfBatch } from '../../fixtures/ecf-validate';
import { mutations, random } from '../../fixtures/xml-mutations';

/** Tyler's ECF 4.0 fixtures beside the repository, and ours written from the same schemas. */
const tylerDir = path.resolve('..', 'shared', 'tyler', 'ecf4', 'fixtures');
const ownDir = path.resolve('test', 'fixtures', 'ecf4');
const tyler = (name: string): string => readFileSync(path.join(tylerDir, name), 'utf8');
const own = (name: string): string => readFileSync(path.join(ownDir, name), 'utf8');
const ownFixtures = [
  'ReviewFilingRequestMessage-civil-existing-two-filings.xml',
  'CoreFilingMessage-domestic-new-confidential.xml',
  'CoreFilingMessage-criminal-existing.xml',
  'ReviewFilingRequestMessage-appellate-notice-of-appeal.xml',
  'CoreFilingMessage-juvenile-new-petition.xml',
  'CoreFilingMessage-citation-traffic.xml',
  'CoreFilingMessage-bankruptcy-existing-two-filings.xml',
];
const tylerFixtures = ['CoreFilingMessage-new-civil.xml', 'ReviewFilingRequestMessage-new-civil.xml', 'RecordFilingRequestMessage-new-civil.xml'];

/** Reads a fixture's first filing, failing the test when it does not read. */
function envelopeOf(xml: string) {
  const read = readFilingXml(xml);
  if (!read.ok) throw new Error(read.error.message);
  expect(read.value.ecfVersion).toBe('4.0');
  return read.value.envelope;
}

describe('the ECF 4.0 fixtures are valid against Tyler\'s ECF 4 schemas before they are read', () => {
  it('every fixture, Tyler\'s and ours, validates', () => {
    const results = validateEcfBatch([...tylerFixtures.map(tyler), ...ownFixtures.map(own)], 'tyler4');
    expect(results.map((result) => result.output.split('\n')[0]?.startsWith('valid') ? 'valid' : result.output)).toEqual(results.map(() => 'valid'));
  });

  it('the validator refuses a fixture with one element renamed (it is not lax)', () => {
    const broken = own(ownFixtures[0] ?? '').replace('<civil:ClassActionIndicator>false</civil:ClassActionIndicator>', '');
    expect(validateEcfBatch([broken], 'tyler4')[0]?.valid).toBe(false);
  });
});

describe('readCoreFilingMessage on Tyler\'s fixtures', () => {
  it('reads the new small-claims case: Tyler\'s case augmentation, lead document and document type', () => {
    const envelope = envelopeOf(tyler('CoreFilingMessage-new-civil.xml'));
    expect(envelope.case).toEqual({ isNew: true, number: null, trackingId: null, title: 'Jane Smith v. Acme Property Management LLC', category: '6198', type: '122776', augmentations: ['civil'] });
    expect(envelope.courtId).toBe('adams');
    expect(envelope.parties).toEqual([
      { id: 'Party1', name: 'Jane Smith', kind: 'person', role: '20646', selfRepresented: false },
      { id: 'Party2', name: 'Acme Property Management LLC', kind: 'organization', role: '20641', selfRepresented: false },
    ]);
    expect(envelope.filer).toBe('Jane Smith');
    expect(envelope.sendingMde).toBe('https://efile.example.org/jurisdictions/illinois/filingassembly/callbacks/FilingAssemblyMDEPort');
    expect(envelope.filings).toHaveLength(1);
    const [filing] = envelope.filings;
    expect(filing?.filingCode).toBe('135453');
    expect(filing?.description).toBe('Small Claims Complaint');
    expect(filing?.leadDocument).toMatchObject({ id: 'Filing1', role: 'lead', documentType: '332', sequence: '0' });
    expect(filing?.leadDocument.renditions).toEqual([
      { id: null, description: 'Small Claims Complaint', format: '5766', sizeBytes: null, sha256: null, attachment: { kind: 'cid', contentId: 'complaint.pdf' } },
    ]);
    expect(filing?.leadDocument.sensitivity).toBeUndefined();
  });

  it('finds the CoreFilingMessage inside ReviewFilingRequestMessage and RecordFilingRequestMessage', () => {
    const reviewed = envelopeOf(tyler('ReviewFilingRequestMessage-new-civil.xml'));
    expect(reviewed.filings[0]?.leadDocument.id).toBe('Filing1');
    const recorded = envelopeOf(tyler('RecordFilingRequestMessage-new-civil.xml'));
    expect(recorded.case.title).toBe('Jane Smith v. Acme Property Management LLC');
  });

  it('reads the payment of Tyler\'s ReviewFilingRequestMessage (a payment account, no card)', () => {
    const root = parseXml(tyler('ReviewFilingRequestMessage-new-civil.xml'));
    if (!root.ok) throw new Error(root.error.message);
    expect(readPaymentMessage(root.value)).toMatchObject({ ok: true, value: { totalAmount: 0, currency: 'USD', payerName: 'Jane Smith', cardLast4: null } });
  });
});

describe('readCoreFilingMessage on fixtures written from the schemas, one for each of the seven case types', () => {
  it('civil, existing case: two filings, connected documents under their lead, the attorney and whom they represent', () => {
    const envelope = envelopeOf(own('ReviewFilingRequestMessage-civil-existing-two-filings.xml'));
    expect(envelope.id).toBe('EFSP-2026-0042');
    expect(envelope.submittedAt).toBe('2026-11-30T15:04:05Z');
    expect(envelope.courtName).toBe('Adams County Circuit Court');
    expect(envelope.case).toMatchObject({ isNew: false, number: '2026-CV-001187', trackingId: 'CT-88213', augmentations: ['civil'], type: null });
    expect(envelope.attorneys).toEqual([{ id: 'Attorney1', name: 'Maria L. Okafor', barNumber: '6291145', represents: ['Party1'] }]);
    expect(envelope.filer).toBe('Maria L. Okafor');
    expect(envelope.parties.map((party) => [party.name, party.kind, party.role])).toEqual([
      ['Northgate Supply Co.', 'organization', 'Plaintiff'], ['Thomas Delaney', 'person', 'Defendant'],
    ]);
    expect(envelope.serviceContacts).toEqual([{ recipientId: 'Party2', location: 'https://efsp.example.org/ecf4/ServiceMDEPort', profile: 'urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:WebServicesMessaging-2.0' }]);
    expect(envelope.filings.map((filing) => ({
      code: filing.filingCode, lead: filing.leadDocument.id, title: filing.leadDocument.title,
      connected: filing.connectedDocuments.map((document) => [document.id, document.filingCode, document.relation]),
    }))).toEqual([
      { code: 'MSJ', lead: 'Motion1', title: "Plaintiff's Motion for Summary Judgment", connected: [['Exhibit1', 'EXH', null], ['Order1', 'PO', 'prior-related']] },
      { code: 'NOA', lead: 'Appearance1', title: null, connected: [] },
    ]);
    expect(envelope.filings[0]?.leadDocument.renditions[0]).toEqual({ id: 'Attachment1', description: 'Motion for Summary Judgment', format: 'application/pdf', sizeBytes: 48213, sha256: null, attachment: { kind: 'cid', contentId: 'motion.pdf' } });
    expect(envelope.filings[0]?.leadDocument.documentType).toBe('Motion');
  });

  it('civil: the card payment is summarised with the last four digits only', () => {
    const root = parseXml(own('ReviewFilingRequestMessage-civil-existing-two-filings.xml'));
    if (!root.ok) throw new Error(root.error.message);
    const payment = readPaymentMessage(root.value);
    expect(payment).toEqual({ ok: true, value: {
      totalAmount: 85.5, currency: 'USD', charges: [{ reason: 'Motion fee', amount: 60 }, { reason: 'Appearance fee', amount: 25.5 }],
      method: '54', cardType: 'VISA', cardLast4: '1111', payerName: 'Maria L. Okafor', feeExceptionReason: null,
    } });
    expect(JSON.stringify(payment)).not.toContain('4111111111111111');
  });

  it('domestic, new case, confidential: every document is confidential; Tyler\'s case type; an inline document', () => {
    const envelope = envelopeOf(own('CoreFilingMessage-domestic-new-confidential.xml'));
    expect(envelope.case).toMatchObject({ isNew: true, number: null, category: 'DR', type: 'DISSOLUTION', augmentations: ['domestic'] });
    expect(envelope.filer).toBe('Ana Ruiz');
    const [filing] = envelope.filings;
    expect(filing?.leadDocument).toMatchObject({ id: 'Petition', sensitivity: 'confidential', documentType: 'Petition' });
    expect(filing?.leadDocument.renditions[0]?.attachment).toEqual({ kind: 'inline', base64Length: 72 });
  });

  it('criminal, existing case: nc: entities, the attorney\'s person found by reference, the filer from the filing attorney', () => {
    const envelope = envelopeOf(own('CoreFilingMessage-criminal-existing.xml'));
    expect(envelope.case).toMatchObject({ isNew: false, number: '2026-CF-000311', augmentations: ['criminal'] });
    expect(envelope.submittedAt).toBe('2026-12-01');
    expect(envelope.attorneys).toEqual([{ id: 'Prosecutor', name: 'Dana Whitfield', barNumber: null, represents: ['State'] }]);
    expect(envelope.filer).toBe('Dana Whitfield');
    expect(envelope.parties.map((party) => party.name)).toEqual(['Dana Whitfield', 'State of Illinois', 'Jordan Pike']);
    expect(envelope.filings[0]?.leadDocument.renditions[0]?.attachment).toEqual({ kind: 'uri', uri: 'https://da.example.gov/documents/55120.pdf' });
  });

  it('appellate, a new appeal: two filings, the judgment connected to the notice, the appeal fee paid by card', () => {
    const xml = own('ReviewFilingRequestMessage-appellate-notice-of-appeal.xml');
    const envelope = envelopeOf(xml);
    expect(envelope.case).toMatchObject({ isNew: true, number: null, title: 'Rivera v. Lakeshore Transit Authority', category: 'APP-CIV', augmentations: ['appellate'] });
    expect(envelope.courtId).toBe('appeals-2');
    expect(envelope.filings.map((filing) => [filing.id, filing.filingCode, filing.connectedDocuments.map((d) => d.description)]))
      .toEqual([['Notice', 'NOAPP', ['Judgment appealed from']], ['Motion', 'MOREC', []]]);
    expect(envelope.attorneys).toEqual([{ id: 'Counsel', name: 'Helen Marsh', barNumber: null, represents: ['Appellant'] }]);
    expect(envelope.parties.map((party) => [party.name, party.role, party.kind])).toEqual([
      ['Helen Marsh', 'Attorney', 'person'], ['Luis Rivera', 'Appellant', 'person'], ['Lakeshore Transit Authority', 'Appellee', 'organization'],
    ]);
    // No submitter named: the filer is the first lead document's filing attorney.
    expect(envelope.filer).toBe('Helen Marsh');
    const root = parseXml(xml);
    if (!root.ok) throw new Error(root.error.message);
    expect(readPaymentMessage(root.value)).toMatchObject({ ok: true, value: { totalAmount: 50, cardLast4: '4242', payerName: 'Helen Marsh', charges: [{ reason: 'Appeal filing fee', amount: 50 }] } });
  });

  it('juvenile, a new dependency case: an agency files; the petition with its affidavit; the filer is the agency', () => {
    const envelope = envelopeOf(own('CoreFilingMessage-juvenile-new-petition.xml'));
    expect(envelope.case).toMatchObject({ isNew: true, title: 'In the Interest of A. M., a Minor', category: 'JA', augmentations: ['juvenile'] });
    expect(envelope.filer).toBe('Adams County Department of Children and Family Services');
    expect(envelope.attorneys).toEqual([]);
    expect(envelope.parties.map((party) => [party.id, party.role])).toEqual([['Agency', 'Petitioner'], ['Child', 'Minor']]);
    expect(envelope.filings.map((filing) => [filing.filingCode, filing.connectedDocuments.map((d) => d.filingCode)])).toEqual([['JPET', ['AFF']]]);
    expect(envelope.filings[0]?.leadDocument.renditions[0]?.attachment).toEqual({ kind: 'cid', contentId: 'petition.pdf' });
  });

  it('citation, a new traffic case: the department files the citation with the officer\'s report connected', () => {
    const envelope = envelopeOf(own('CoreFilingMessage-citation-traffic.xml'));
    expect(envelope.case).toMatchObject({ isNew: true, title: 'City of Adams v. Morgan Lee', category: 'TR', augmentations: ['citation'] });
    expect(envelope.parties.map((party) => [party.name, party.role])).toEqual([['City of Adams Police Department', 'Plaintiff'], ['Morgan Lee', 'Defendant']]);
    expect(envelope.filings.map((filing) => [filing.filingCode, filing.connectedDocuments.map((d) => d.description)])).toEqual([['CIT', ["Officer's report"]]]);
  });

  it('bankruptcy, an existing case: two filings, the proof of claim under the motion, the attorney by bar number', () => {
    const envelope = envelopeOf(own('CoreFilingMessage-bankruptcy-existing-two-filings.xml'));
    expect(envelope.case).toMatchObject({ isNew: false, number: '26-bk-04417', title: 'In re Priya Natesan', augmentations: ['bankruptcy'] });
    expect(envelope.courtId).toBe('bk-north');
    expect(envelope.attorneys).toEqual([{ id: 'Counsel', name: 'Omar Haddad', barNumber: 'IL-6290112', represents: ['Debtor1'] }]);
    expect(envelope.filings.map((filing) => [filing.id, filing.filingCode, filing.connectedDocuments.map((d) => d.filingCode)]))
      .toEqual([['Lien', 'MAVL', ['POC']], ['Schedules', 'AMSCH', []]]);
    expect(envelope.filer).toBe('Omar Haddad');
  });
});

describe('readCoreFilingMessage is as strict as the ECF 5 reader on hostile input', () => {
  const base = tyler('CoreFilingMessage-new-civil.xml');

  it('refuses a DOCTYPE (entity expansion, external entities) before reading', () => {
    const hostile = base.replace('<CoreFilingMessage', '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>\n<CoreFilingMessage');
    expect(readFilingXml(hostile)).toMatchObject({ ok: false, error: { kind: 'doctype' } });
  });

  it('reads by namespace, never by prefix: a CoreFilingMessage in another namespace is no filing', () => {
    const moved = base.replace('xmlns="urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:CoreFilingMessage-4.0"', 'xmlns="urn:example:not-ecf"');
    expect(readFilingXml(moved)).toMatchObject({ ok: false, error: { kind: 'wrong-message' } });
  });

  it('says what is missing: no case, no lead document', () => {
    const noCase = base.replace(/<civil:CivilCase>[\s\S]*<\/civil:CivilCase>/, '');
    expect(readFilingXml(noCase)).toMatchObject({ ok: false, error: { kind: 'missing-element', message: expect.stringContaining('names no case') } });
    const noLead = base.replace(/<tyler:FilingLeadDocument[\s\S]*<\/tyler:FilingLeadDocument>/, '');
    expect(readFilingXml(noLead)).toMatchObject({ ok: false, error: { kind: 'missing-element', message: expect.stringContaining('no FilingLeadDocument') } });
  });

  it('an ECF 4 wrapper without a CoreFilingMessage is named as ECF 4', () => {
    const empty = '<ReviewFilingRequestMessage xmlns="urn:oasis:names:tc:legalxml-courtfiling:wsdl:WebServicesProfile-Definitions-4.0"/>';
    expect(readFilingXml(empty)).toMatchObject({ ok: false, error: { message: expect.stringContaining('ECF 4.0 but carries no CoreFilingMessage') } });
  });

  it('3,000 mutated ECF 4 messages: never throws; refuses or reads each one', () => {
    const rnd = random(20261207);
    const originals = [...tylerFixtures.map(tyler), ...ownFixtures.map(own)];
    const names = Object.keys(mutations);
    let read = 0;
    let refused = 0;
    for (let n = 0; n < 3_000; n++) {
      let text = originals[n % originals.length] ?? '';
      for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) text = (mutations[names[Math.floor(rnd() * names.length)] ?? 'flip'] ?? mutations.flip!)(text, rnd);
      const root = parseXml(text, defaultXmlLimits);
      const found = root.ok ? findAnyFilingMessages(root.value) : [];
      if (found.length > 0 && found.every((filing) => readAnyFilingMessage(filing).ok)) read += 1;
      else refused += 1;
    }
    console.log(`mutated ECF 4 messages: ${read} read, ${refused} refused, of 3000`);
    expect(read + refused).toBe(3_000);
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
