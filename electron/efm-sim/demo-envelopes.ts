import type { Envelope, Filing, FilingDocument, Party } from '../../shared/domain/envelope';
import type { PaymentSummary } from '../../shared/domain/ecf-status';
import { demoCourtPolicy } from './demo-court';
import { SeededRandom } from './seeded-random';

/** How a demo document's PDF is generated when a client asks for it. */
export type DemoPdfKind = 'plain' | 'signed' | 'encrypted' | 'rotated';

/** Where a demo document's bytes come from. */
export interface DemoDocumentSource {
  readonly contentId: string;
  readonly documentId: string;
  readonly title: string;
  readonly pages: number;
  readonly kind: DemoPdfKind;
}

/** One envelope of the demo court, with what the queue shows beside the ECF message. */
export interface DemoEnvelope {
  readonly envelope: Envelope;
  readonly courtLocation: string;
  readonly documents: readonly DemoDocumentSource[];
  readonly payment: PaymentSummary;
}

const given = ['Maria', 'James', 'Aisha', 'Wei', 'Olivia', 'Diego', 'Fatima', 'Liam', 'Noah', 'Sofia', 'Hiroshi', 'Amara', 'Jonas', 'Elena', 'Kwame', 'Zoë'];
const family = ['Garcia', 'Johnson', 'Nguyen', 'Okafor', 'Smith', 'Kowalski', 'Haddad', 'Brown', 'Patel', 'Rossi', 'Tanaka', 'Müller', "O'Brien", 'Ivanova', 'Mensah', 'Lopez'];
const companies = ['Acme Property Management LLC', 'First Demo Bank, N.A.', 'Riverside Medical Group', 'Blue Harbor Insurance Co.', 'Summit Auto Finance Inc.'];
const firms = ['Lee & Ortiz LLP', 'Harper Legal Group', 'Baxter Whitfield PC', 'Community Legal Aid'];

const filingsByCategory: Record<string, { opening: readonly string[]; later: readonly string[]; types: readonly string[] }> = {
  CV: { opening: ['CV-COMPLT'], later: ['CV-ANSWER', 'CV-MOT', 'CV-MSJ', 'CV-POS', 'GEN-NOTICE', 'GEN-DECL'], types: ['civil'] },
  CR: { opening: ['CR-MOT'], later: ['CR-MOT', 'CR-SUBST', 'GEN-NOTICE'], types: ['criminal'] },
  FA: { opening: ['FA-PET'], later: ['FA-RESP', 'FA-FL150', 'GEN-DECL', 'GEN-NOTICE'], types: ['domestic'] },
  PR: { opening: ['PR-PET'], later: ['GEN-NOTICE', 'GEN-DECL'], types: ['probate'] },
  SC: { opening: ['SC-CLAIM'], later: ['CV-POS', 'GEN-DECL'], types: ['civil'] },
};

/**
 * Generates the demo court's envelopes: new cases and subsequent filings across case categories and court
 * locations, 1–4 filings each with exhibits, submitted over the last ten days. Deterministic for a seed. Some
 * documents are digitally signed, encrypted or have rotated pages, as real submissions do.
 */
export function makeDemoEnvelopes(count = 200, seed = 20261122, now = Date.parse('2026-11-22T15:00:00Z')): DemoEnvelope[] {
  const random = new SeededRandom(seed);
  const policy = demoCourtPolicy;
  const name = (code: string): string => policy.filingCodes.find((entry) => entry.code === code)?.name ?? code;
  const list: DemoEnvelope[] = [];
  for (let index = 1; index <= count; index++) {
    const id = `ENV-2026-${String(index).padStart(6, '0')}`;
    const category = random.pick(policy.caseCategories).code;
    const codes = filingsByCategory[category] ?? filingsByCategory.CV;
    if (!codes) throw new Error('no filing codes');
    const isNew = random.chance(0.4);
    const plaintiff = personOrCompany(random, 'P1', 'Plaintiff', category === 'CR' ? 'person' : undefined);
    const defendant = personOrCompany(random, 'P2', category === 'FA' ? 'Respondent' : 'Defendant');
    const parties: Party[] = category === 'CR' ? [{ ...plaintiff, name: 'People of the State of Demo', kind: 'organization', role: 'Plaintiff' }, { ...defendant, kind: 'person', role: 'Defendant' }] : [plaintiff, defendant];
    const attorney = random.chance(0.75) ? { id: 'A1', name: `${random.pick(given)} ${random.pick(family)}, ${random.pick(firms)}`, barNumber: String(random.int(100000, 399999)), represents: ['P1'] } : null;
    const filingCount = random.int(1, 4);
    const documents: DemoDocumentSource[] = [];
    const filings: Filing[] = [];
    for (let f = 1; f <= filingCount; f++) {
      const code = f === 1 && isNew ? random.pick(codes.opening) : random.pick(codes.later);
      const leadId = `${id}-F${f}`;
      const special: DemoPdfKind = f === 1 && index % 25 === 3 ? 'signed' : f === 1 && index % 40 === 5 ? 'encrypted' : f === 1 && index % 15 === 7 ? 'rotated' : 'plain';
      const lead = document(leadId, 'lead', name(code), code, 'LEAD', `${f}`, null);
      documents.push({ contentId: `${leadId}@demo-efm`, documentId: leadId, title: name(code), pages: random.int(1, 24), kind: special });
      const exhibits: FilingDocument[] = [];
      for (let e = 1; e <= random.int(0, 2); e++) {
        const exhibitId = `${leadId}-X${e}`;
        const title = `Exhibit ${String.fromCharCode(64 + e)}`;
        exhibits.push(document(exhibitId, 'connected', title, null, 'EXHIBIT', `${f}.${e}`, 'parent'));
        documents.push({ contentId: `${exhibitId}@demo-efm`, documentId: exhibitId, title, pages: random.int(1, 12), kind: 'plain' });
      }
      filings.push({ id: leadId, filingCode: code, description: name(code), leadDocument: lead, connectedDocuments: exhibits });
    }
    const submittedAt = new Date(now - random.int(5, 10 * 24 * 60) * 60_000).toISOString();
    const fee = isNew ? 435 : random.chance(0.5) ? 60 : 0;
    list.push({
      courtLocation: random.pick(policy.courtLocations).code,
      documents,
      payment: { totalAmount: fee, currency: 'USD', charges: fee > 0 ? [{ reason: isNew ? 'First paper filing fee' : 'Motion fee', amount: fee }] : [], method: fee > 0 ? 'credit' : null, cardType: fee > 0 ? 'visa' : null, cardLast4: fee > 0 ? String(random.int(1000, 9999)) : null, payerName: attorney?.name ?? parties[0]?.name ?? null, feeExceptionReason: fee === 0 && isNew ? 'waiver' : null },
      envelope: {
        id,
        courtId: policy.courtId,
        courtName: policy.courtName,
        submittedAt,
        filer: attorney?.name ?? parties[0]?.name ?? null,
        sendingMde: 'https://efsp.demo.invalid/ecf5',
        case: {
          isNew,
          number: isNew ? null : `2026-${category}-${String(random.int(1, 999_999)).padStart(6, '0')}`,
          trackingId: isNew ? null : `TRK-${random.int(100000, 999999)}`,
          title: `${parties[0]?.name ?? 'Unknown'} v. ${parties[1]?.name ?? 'Unknown'}`,
          category,
          type: codes.types[0] ?? 'civil',
          augmentations: [],
        },
        parties,
        attorneys: attorney ? [attorney] : [],
        filings,
        serviceContacts: attorney && !isNew ? [{ recipientId: `svc-${random.int(1000, 9999)}`, location: 'https://efsp.demo.invalid/ecf5', profile: 'urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:WebServicesMessaging-5.0' }] : [],
      },
    });
  }
  return markSealed(list);
}

// The three newest envelopes carry a lead document the filer marked SEALED (never taken offline).
function markSealed(list: DemoEnvelope[]): DemoEnvelope[] {
  const newest = new Set([...list].sort((a, b) => (b.envelope.submittedAt ?? '').localeCompare(a.envelope.submittedAt ?? '')).slice(0, 3).map((d) => d.envelope.id));
  return list.map((demo) => (newest.has(demo.envelope.id)
    ? { ...demo, envelope: { ...demo.envelope, filings: demo.envelope.filings.map((filing, i) => (i === 0 ? { ...filing, leadDocument: { ...filing.leadDocument, sensitivity: 'SEALED' } } : filing)) } }
    : demo));
}

function personOrCompany(random: SeededRandom, id: string, role: string, kind?: 'person'): Party {
  if (kind !== 'person' && random.chance(0.25)) return { id, name: random.pick(companies), kind: 'organization', role, selfRepresented: false };
  return { id, name: `${random.pick(given)} ${random.pick(family)}`, kind: 'person', role, selfRepresented: random.chance(0.2) };
}

function document(id: string, role: FilingDocument['role'], title: string, filingCode: string | null, documentType: string, sequence: string, relation: string | null): FilingDocument {
  return {
    id,
    role,
    title,
    description: title,
    documentType,
    filingCode,
    sequence,
    relation,
    renditions: [{ id: null, description: title, format: 'application/pdf', sizeBytes: null, sha256: null, attachment: { kind: 'cid', contentId: `${id}@demo-efm` } }],
  };
}
