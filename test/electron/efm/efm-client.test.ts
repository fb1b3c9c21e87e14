import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { loadPdf } from '../../../shared/pdf/load-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { demoCourtPolicy } from '../../../electron/efm-sim/demo-court';
import { validateEcf } from '../../fixtures/ecf-validate';

let simulator: EfmSimulator;
const client = (username = 'clerk1', password = `demo-${username}`, extra: Partial<ConstructorParameters<typeof EfmClient>[0]> = {}): EfmClient =>
  new EfmClient({ endpoint: simulator.url, credentials: { username, password }, sleep: async () => undefined, ...extra });

beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml), cms: { delayMs: 5, failureRate: 0, model: 'per-filing' } }).start();
});
afterAll(() => simulator.close());

describe('EFM client against the embedded simulator (real SOAP on loopback)', () => {
  it('pages through the whole queue oldest first, with no cap and no duplicates', async () => {
    const clerk = client();
    const seen: string[] = [];
    let cursor: string | null = null;
    const totals: number[] = [];
    do {
      const page = await clerk.getReviewQueue({ pageSize: 37, cursor });
      if (!page.ok) throw new Error(page.error.message);
      totals.push(page.value.totalCount);
      seen.push(...page.value.items.map((item) => `${item.submittedAt}|${item.envelopeId}`));
      cursor = page.value.nextCursor;
    } while (cursor);
    expect(new Set(totals)).toEqual(new Set([200]));
    expect(new Set(seen).size).toBe(200);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by new case and court location', async () => {
    const page = await client().getReviewQueue({ filter: { caseKind: 'new', courtLocations: ['DT'], caseCategories: [], filingCodes: [], submittedFrom: null, submittedTo: null, filerText: null, claim: 'all' } });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.items.length).toBeGreaterThan(0);
    expect(page.value.items.every((item) => item.newCase && item.courtLocation === 'DT')).toBe(true);
  });

  it('reads an envelope and downloads its documents over MTOM, hash-checked', async () => {
    const envelope = await client().getEnvelope('ENV-2026-000003');
    if (!envelope.ok) throw new Error(envelope.error.message);
    expect(envelope.value.envelope.filings.length).toBeGreaterThan(0);
    // The payment travels as a schema-shaped UBL PaymentMessage and reads back to the demo's summary.
    const { makeDemoEnvelopes } = await import('../../../electron/efm-sim/demo-envelopes');
    const demo = makeDemoEnvelopes().find((d) => d.envelope.id === 'ENV-2026-000003');
    expect(envelope.value.payment).toMatchObject({ totalAmount: demo?.payment.totalAmount, cardLast4: demo?.payment.cardLast4 ?? null });
    const first = envelope.value.documents[0];
    if (!first) throw new Error('no document');
    const document = await client().getDocument('ENV-2026-000003', first.documentId);
    if (!document.ok) throw new Error(document.error.message);
    expect(createHash('sha256').update(document.value.bytes).digest('hex')).toBe(first.sha256);
    // Envelope 3's first lead document is the demo court's digitally signed one.
    expect((await loadPdf(document.value.bytes)).inspection.kind).toBe('signed');
  });

  it('lets one clerk hold an envelope; the other sees who; a reassignment fences the first clerk out', async () => {
    const ana = client('clerk1');
    const ben = client('clerk2');
    const lease = await ana.claim('ENV-2026-000010');
    if (!lease.ok) throw new Error(lease.error.message);
    expect(await ben.claim('ENV-2026-000010')).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'claimed-by-other', holder: 'clerk1' } });
    expect(await ana.reassign('ENV-2026-000010', 'clerk2')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await client('supervisor').reassign('ENV-2026-000010', 'clerk2')).toMatchObject({ ok: true, value: { holder: 'clerk2' } });
    expect(await ana.renew('ENV-2026-000010', lease.value.fencingToken)).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'stale-fencing-token' } });
  });

  it('WhoAmI lists the envelopes the clerk holds now, with their tokens, and drops one reassigned away', async () => {
    const ana = client('clerk1');
    const lease = await ana.claim('ENV-2026-000011');
    if (!lease.ok) throw new Error(lease.error.message);
    const before = await ana.whoAmI();
    expect(before).toMatchObject({ ok: true, value: { userId: 'clerk1', role: 'clerk' } });
    expect(before.ok && before.value.heldClaims).toContainEqual({ envelopeId: 'ENV-2026-000011', fencingToken: lease.value.fencingToken });
    expect(await client('supervisor').reassign('ENV-2026-000011', 'clerk2')).toMatchObject({ ok: true });
    const after = await ana.whoAmI();
    expect(after.ok && after.value.heldClaims.map((claim) => claim.envelopeId)).not.toContain('ENV-2026-000011');
    const ben = await client('clerk2').whoAmI();
    expect(ben.ok && ben.value.heldClaims.map((claim) => claim.envelopeId)).toContain('ENV-2026-000011');
  });

  it('submits a partial acceptance with a stamped rendition and schema-valid ECF messages, exactly once', async () => {
    const clerk = client('clerk1');
    const envelopeId = 'ENV-2026-000021';
    const detail = await clerk.getEnvelope(envelopeId);
    const lease = await clerk.claim(envelopeId);
    if (!detail.ok || !lease.ok) throw new Error('setup failed');
    const { envelope } = detail.value;
    const [firstFiling, ...others] = envelope.filings;
    if (!firstFiling) throw new Error('no filing');
    const original = await clerk.getDocument(envelopeId, firstFiling.leadDocument.id);
    if (!original.ok) throw new Error(original.error.message);
    const stampedPdf = await stampPdf(original.value.bytes, { jobs: [{ template: stampPreset('filed') as StampTemplate }], fields: { datetime: '2026-11-22T16:00:00Z', timeZone: 'America/Chicago', caseNumber: envelope.case.number ?? '2026-CV-000999' } });
    if (!stampedPdf.ok) throw new Error(stampedPdf.message);
    const decidedAt = '2026-11-22T16:00:00Z';
    const accepted = { outcome: 'accepted' as const, envelopeId, filingId: firstFiling.id, correctedFilingCode: null, note: null, reviewer: 'clerk1', decidedAt };
    const rejected = others.map((filing) => ({ outcome: 'rejected' as const, envelopeId, filingId: filing.id, reasonCode: 'ILLEGIBLE', note: 'Pages 2 and 3 are blank scans.', reviewer: 'clerk1', decidedAt }));
    const stamped = [{ documentId: firstFiling.leadDocument.id, contentId: `stamped-${firstFiling.leadDocument.id}@clerk-review`, sha256: stampedPdf.stampedSha256, sizeBytes: stampedPdf.bytes.length }];
    const assignedCase = envelope.case.isNew ? { caseNumber: '2026-CV-000999', trackingId: null, title: envelope.case.title ?? 'Untitled', courtLocation: { code: 'DT', name: 'Downtown Courthouse' }, judge: { code: 'J-101', name: 'Hon. Alicia Rivera' } } : null;
    const request = {
      idempotencyKey: `key-${envelopeId}`,
      envelopeId,
      fencingToken: lease.value.fencingToken,
      decisions: [accepted, ...rejected].map((d) => ({ filingId: d.filingId, outcome: d.outcome, reasonCode: 'reasonCode' in d ? d.reasonCode : null, note: d.note, correctedFilingCode: null, decidedAt })),
      assignedCase: assignedCase ? { caseNumber: assignedCase.caseNumber, title: assignedCase.title, courtLocation: assignedCase.courtLocation.code, judge: assignedCase.judge.code } : null,
      stamped: stamped.map((s) => ({ documentId: s.documentId, sha256: s.sha256, contentId: s.contentId })),
    };
    const bytes = new Map([[stamped[0]?.contentId ?? '', stampedPdf.bytes]]);
    expect(await clerk.submitReview(request, bytes)).toMatchObject({ ok: true, value: { result: 'applied', envelopeComplete: true } });
    expect(await clerk.submitReview(request, bytes)).toMatchObject({ ok: true, value: { result: 'duplicate' } });
    const applied = (await simulator.submissions()).filter((s) => s.envelopeId === envelopeId);
    expect(applied).toHaveLength(1);
    expect(createHash('sha256').update(applied[0]?.stamped[0]?.bytes ?? new Uint8Array()).digest('hex')).toBe(stampedPdf.stampedSha256);
    const queue = await clerk.getReviewQueue({ pageSize: 10_000 });
    expect(queue.ok && queue.value.items.some((item) => item.envelopeId === envelopeId)).toBe(false);
    // The court record system answers asynchronously: the accepted filing is docketed, with the stamped hash.
    await simulator.whenDocketingIdle();
    // The service wrote RecordDocketing itself and the record system answered it by its message id.
    expect(await simulator.docketing.ofEnvelope(simulator.database, envelopeId)).toMatchObject([{ status: 'answered', attempts: 1 }]);
    const callbacks = simulator.cms.callbacks.filter((c) => c.envelopeId === envelopeId);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ schemaValid: true, result: { filingDocketingStatus: 'successful', documents: [{ docketingStatus: 'accepted', sha256: stampedPdf.stampedSha256, docketId: expect.stringMatching(/^DKT-/) }] } });
    // The envelope's history tells who did what.
    const history = await clerk.getEnvelopeHistory(envelopeId);
    if (!history.ok) throw new Error(history.error.message);
    expect(history.value.map((event) => event.action)).toEqual(expect.arrayContaining(['claimed', 'accepted', 'stamped', 'submitted', 'docketed']));
    expect(history.value.find((event) => event.action === 'claimed')?.actor).toBe('clerk1');
    // Standard ECF GetFilingStatus tells the same story: accepted and docketed; a rejected filing says why.
    expect(await clerk.getFilingStatus(envelope.case.number, firstFiling.id)).toMatchObject({ ok: true, value: { reviewStatus: 'accepted', docketingStatus: 'successful' } });
    const rejectedFiling = others[0];
    if (rejectedFiling) expect(await clerk.getFilingStatus(envelope.case.number, rejectedFiling.id)).toMatchObject({ ok: true, value: { reviewStatus: 'rejected', explanation: expect.stringContaining('Pages 2 and 3 are blank scans') } });
    expect(await clerk.getFilingStatus(null, 'ENV-2026-000199-F1')).toMatchObject({ ok: true, value: { reviewStatus: 'received', docketingStatus: null } });
  });

  it("reads the court's policy through standard ECF GetPolicy and the Genericode lists it points to", async () => {
    const { CourtPolicyBook } = await import('../../../electron/policy/court-policy-book');
    const loaded = await new CourtPolicyBook().current(client(), 'demo');
    expect(loaded.ok && { ...loaded.value.policy, version: 'demo-1' }).toEqual(demoCourtPolicy);
  });

  it('finds existing cases by party name through standard ECF GetCaseList', async () => {
    const { makeDemoEnvelopes } = await import('../../../electron/efm-sim/demo-envelopes');
    const existing = makeDemoEnvelopes().find((d) => !d.envelope.case.isNew && d.envelope.parties[1]?.kind === 'person');
    const party = existing?.envelope.parties[1]?.name ?? '';
    const found = await client().findCases([party.toUpperCase()], null);
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.some((kase) => kase.caseNumber === existing?.envelope.case.number && kase.parties.includes(party))).toBe(true);
    expect(await client().findCases(['Nobody Byname-Xyz'], null)).toEqual({ ok: true, value: [] });
    // Standard ECF GetCase: the same case by number, and nothing for an unknown number.
    expect(await client().getCase(existing?.envelope.case.number ?? '')).toMatchObject({ ok: true, value: { caseNumber: existing?.envelope.case.number, parties: expect.arrayContaining([party]) } });
    expect(await client().getCase('2099-CV-999999')).toEqual({ ok: true, value: null });
  });

  it('refuses a wrong password with a typed error', async () => {
    expect(await client('clerk1', 'wrong').getReviewQueue()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('EFM client against a misbehaving EFM', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function misbehaving(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/clerk-review`;
  }

  it('times out, retries idempotent calls, and reports a timeout', async () => {
    let calls = 0;
    const endpoint = await misbehaving(() => void calls++);
    const result = await new EfmClient({ endpoint, credentials: { username: 'a', password: 'b' }, timeoutMs: 200, retries: 2, sleep: async () => undefined }).getReviewQueue();
    expect(result).toMatchObject({ ok: false, error: { code: 'efm-timeout' } });
    expect(calls).toBe(3);
  });

  it('never retries a reassignment', async () => {
    let calls = 0;
    const endpoint = await misbehaving(() => void calls++);
    await new EfmClient({ endpoint, credentials: { username: 'a', password: 'b' }, timeoutMs: 200, retries: 3, sleep: async () => undefined }).reassign('E', null);
    expect(calls).toBe(1);
  });

  it('reports garbage, a DOCTYPE answer, a truncated MTOM answer and an oversized answer as bad responses', async () => {
    const answers: [string, string][] = [
      ['text/html', '<html><body>Proxy error</body></html>'],
      ['text/xml', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'],
      ['multipart/related; type="application/xop+xml"; boundary="B"', '--B\r\nContent-Type: application/xop+xml\r\n\r\n<soap:Envelope'],
    ];
    for (const [contentType, body] of answers) {
      const endpoint = await misbehaving((_req, res) => res.writeHead(200, { 'Content-Type': contentType }).end(body));
      const result = await new EfmClient({ endpoint, credentials: { username: 'a', password: 'b' }, sleep: async () => undefined }).getReviewQueue();
      expect(result, contentType).toMatchObject({ ok: false, error: { code: 'efm-bad-response' } });
    }
    const big = await misbehaving((_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end('x'.repeat(2000)));
    expect(await new EfmClient({ endpoint: big, credentials: { username: 'a', password: 'b' }, maxResponseBytes: 1000 }).getReviewQueue()).toMatchObject({ ok: false, error: { code: 'efm-bad-response', reason: 'too-large' } });
  });

  it('reports an unreachable EFM without throwing', async () => {
    const result = await new EfmClient({ endpoint: 'http://127.0.0.1:9/clerk-review', credentials: { username: 'a', password: 'b' }, retries: 1, sleep: async () => undefined }).getReviewQueue();
    expect(result).toMatchObject({ ok: false, error: { code: 'efm-unreachable' } });
  });
});

describe('EFM answers signed with X.509 and a pinned certificate', () => {
  it('accepts answers signed by the pinned EFM key, refuses those from an EFM with another key', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const efmKey = makeSelfSignedIdentity('Demo EFM');
    const other = makeSelfSignedIdentity('Other EFM');
    const signed = await new EfmSimulator({ signing: { keyPem: efmKey.keyPem, certPem: efmKey.certPem } }).start();
    const pinned = new EfmClient({ endpoint: signed.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, pinnedEfmCertPem: efmKey.certPem });
    expect(await pinned.getReviewQueue({ pageSize: 3 })).toMatchObject({ ok: true, value: { totalCount: 200 } });
    // Faults are signed too, and still arrive as typed errors.
    expect(await pinned.claim('ENV-NOPE')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const wrongPin = new EfmClient({ endpoint: signed.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, pinnedEfmCertPem: other.certPem });
    expect(await wrongPin.getReviewQueue()).toMatchObject({ ok: false, error: { code: 'efm-bad-response', reason: 'signature-invalid' } });
    const unsignedEfm = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, pinnedEfmCertPem: efmKey.certPem });
    expect(await unsignedEfm.getReviewQueue()).toMatchObject({ ok: false, error: { reason: 'signature-unsigned' } });
    // A signed MTOM answer: the signature covers the SHA-256 the client checks the document against.
    const documentClient = new EfmClient({ endpoint: signed.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, pinnedEfmCertPem: efmKey.certPem });
    const detail = await documentClient.getEnvelope('ENV-2026-000002');
    expect(detail.ok).toBe(true);
    if (detail.ok) expect((await documentClient.getDocument('ENV-2026-000002', detail.value.documents[0]?.documentId ?? '')).ok).toBe(true);
    await signed.close();
  });

  it('signs requests with the workstation key when configured (the simulator still authenticates the user)', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const workstation = makeSelfSignedIdentity('Workstation 12');
    const signing = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk2', password: 'demo-clerk2' }, signing: { keyPem: workstation.keyPem, certPem: workstation.certPem } });
    expect(await signing.getReviewQueue({ pageSize: 1 })).toMatchObject({ ok: true });
  });
});

describe('message security (seed 000, Network and Security; WS-I Basic Security Profile 1.1)', () => {
  const credentials = { username: 'clerk1', password: 'demo-clerk1' };
  it('with a pinned signer, an answer whose signed Timestamp is stale is refused', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const efmKey = makeSelfSignedIdentity('Demo EFM');
    const stale = await new EfmSimulator({ signing: { keyPem: efmKey.keyPem, certPem: efmKey.certPem }, now: () => Date.now() - 11 * 60_000 }).start();
    const pinned = new EfmClient({ endpoint: stale.url, credentials, pinnedEfmCertPem: efmKey.certPem, retries: 0 });
    expect(await pinned.whoAmI()).toMatchObject({ ok: false, error: { code: 'efm-bad-response', reason: 'stale-answer' } });
    await stale.close();
  });

  it("the EFM's clock is read from every answer: three minutes ahead shows as +180 s", async () => {
    const ahead = await new EfmSimulator({ now: () => Date.now() + 180_000 }).start();
    const readings: number[] = [];
    const client = new EfmClient({ endpoint: ahead.url, credentials, onClock: (skew) => readings.push(skew) });
    expect((await client.whoAmI()).ok).toBe(true);
    expect((await client.getReviewQueue({ pageSize: 1 })).ok).toBe(true);
    expect(readings).toHaveLength(2);
    for (const skew of readings) expect(Math.abs(skew - 180_000)).toBeLessThan(10_000);
    await ahead.close();
  });

  it('a request is verified with the registered certificate its BinarySecurityToken names; an unregistered one is refused', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const registered = makeSelfSignedIdentity('Workstation 7');
    const stranger = makeSelfSignedIdentity('Workstation 99');
    const other = makeSelfSignedIdentity('Workstation 8');
    const strict = await new EfmSimulator({ requestSigners: [other.certPem, registered.certPem] }).start();
    const signedBy = (identity: typeof registered): EfmClient => new EfmClient({ endpoint: strict.url, credentials, signing: { keyPem: identity.keyPem, certPem: identity.certPem }, retries: 0 });
    expect(await signedBy(registered).whoAmI()).toMatchObject({ ok: true });
    const refused = await signedBy(stranger).whoAmI();
    expect(refused.ok || refused.error.message).toBe('The request is signed with a certificate this court has not registered for a workstation');
    expect(await new EfmClient({ endpoint: strict.url, credentials, retries: 0 }).whoAmI()).toMatchObject({ ok: false });
    await strict.close();
  });
});

describe('EFM over TLS', () => {
  it('trusts the EFM certificate given as CA, refuses it without, and does not retry a TLS refusal', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const server = makeSelfSignedIdentity('efm.demo.invalid', 30, '127.0.0.1');
    const tlsSimulator = await new EfmSimulator({ tls: { keyPem: server.keyPem, certPem: server.certPem } }).start();
    expect(tlsSimulator.url).toMatch(/^https:/);
    const trusted = new EfmClient({ endpoint: tlsSimulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, ca: server.certPem });
    expect(await trusted.getReviewQueue({ pageSize: 2 })).toMatchObject({ ok: true, value: { totalCount: 200 } });
    let sleeps = 0;
    const untrusted = new EfmClient({ endpoint: tlsSimulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => void sleeps++ });
    expect(await untrusted.getReviewQueue()).toMatchObject({ ok: false, error: { code: 'efm-unreachable', reason: 'tls' } });
    expect(sleeps).toBe(0);
    await tlsSimulator.close();
  });
});
