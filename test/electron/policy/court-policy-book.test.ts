import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCourtPolicy } from '../../../electron/efm-sim/demo-court';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { startWorkstation, type Workstation } from '../../fixtures/main-services-fixture';
import { writeTylerCourt } from '../../fixtures/tyler-code-lists';

const court = writeTylerCourt();
let ws: Workstation;
beforeAll(async () => {
  ws = await startWorkstation('crd-tyler-policy-', {
    court: { ...demoCourtPolicy, courtId: 'adams', courtName: 'Adams County' },
    policyFolder: court.folder,
  });
});
afterAll(async () => {
  await ws.close();
  rmSync(court.folder, { recursive: true, force: true });
});

const demo = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.filings.length >= 2);

describe("a court that publishes Tyler's lists (no judges, its own rejection reasons, zips, a list over 16 MiB)", () => {
  it("a clerk opens a new case with a judge typed in and rejects with the court's reason; the policy is fetched once", async () => {
    if (!demo) throw new Error('no new-case demo envelope with two filings');
    await ws.signIn('clerk1');
    const counts = ws.services.efm.policyBook.counts;
    const policy = await ws.call('policy:get');
    expect(counts).toEqual({ policyRequests: 1, listDownloads: 8 });
    expect(policy).toMatchObject({ courtId: 'adams', courtName: 'Adams County', judges: [] });
    expect((policy.rejectionReasons as unknown[]).length).toBe(3);
    expect((policy.caseCategories as unknown[]).length).toBe(22);
    expect((policy.filingCodes as unknown[]).length).toBe(court.filingCodes);
    // The service publishes its ErrorCodeText list beside the court's: a refusal code reads in words (ECF 5.0 §4.5).
    expect(ws.services.efm.policyBook.held()?.errorCodeName('101')).toBe(
      'The filing cannot be cancelled: clerk review has started or is complete',
    );

    const [first, second] = demo.envelope.filings;
    await ws.call('envelope:get', { envelopeId: demo.envelope.id });
    const corrections = (await ws.call('policy:filing-codes', { caseCategory: '7', caseType: '25003' })) as unknown as {
      code: string;
    }[];
    expect(corrections.length).toBeGreaterThan(0);
    const lease = await ws.call('claim:acquire', { envelopeId: demo.envelope.id });
    const base = {
      envelopeId: demo.envelope.id,
      fencingToken: lease.fencingToken,
      decidedAt: '2026-12-03T10:00:00Z',
      stamped: [],
    };
    const caseAssignment = {
      caseNumber: 'ADAMS-26-CV-0001',
      trackingId: null,
      title: 'Tyler v. Policy',
      courtLocation: 'adams',
      judge: 'Hon. Ruth Typed-In',
    };
    const decisions = [
      { outcome: 'accepted', filingId: first?.id, correctedFilingCode: null, note: null },
      { outcome: 'rejected', filingId: second?.id, reasonCode: 'R-SIG', note: "Page 4 needs the filer's signature." },
      ...demo.envelope.filings
        .slice(2)
        .map((f) => ({
          outcome: 'rejected',
          filingId: f.id,
          reasonCode: 'R-FEE',
          note: 'The fee for this filing was not paid.',
        })),
    ];
    await ws.call('outbox:record', {
      payload: { ...base, idempotencyKey: 'tyler-court-0001', decisions, caseAssignment },
      reviewer: 'clerk1',
    });
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'tyler-court-0001' })).toMatchObject({ status: 'sent' });
    const detail = await ws.call('envelope:get', { envelopeId: demo.envelope.id });
    expect(detail.assignedCase).toMatchObject({
      caseNumber: 'ADAMS-26-CV-0001',
      judge: 'Hon. Ruth Typed-In',
      courtLocation: 'adams',
    });
    // Opening, correcting and submitting asked the court nothing more.
    expect(counts).toEqual({ policyRequests: 1, listDownloads: 8 });

    // The court checks again on its schedule: one GetPolicy, no list downloaded (no version changed).
    expect((await ws.services.efm.refreshPolicy()).ok).toBe(true);
    expect(counts).toEqual({ policyRequests: 2, listDownloads: 8 });
  });

  it("a reason that is not the court's, or a location the court does not have, is refused before it is sent", async () => {
    const other = makeDemoEnvelopes().find((d) => d.envelope.case.isNew && d.envelope.id !== demo?.envelope.id);
    if (!other) throw new Error('no second new-case envelope');
    const lease = await ws.call('claim:acquire', { envelopeId: other.envelope.id });
    const base = {
      envelopeId: other.envelope.id,
      fencingToken: lease.fencingToken,
      decidedAt: '2026-12-03T10:00:00Z',
      stamped: [],
      caseAssignment: null,
    };
    const reject = other.envelope.filings.map((f) => ({
      outcome: 'rejected',
      filingId: f.id,
      reasonCode: 'WRONG-CASE',
      note: 'Filed into the wrong case entirely.',
    }));
    await ws.call('outbox:record', {
      payload: { ...base, idempotencyKey: 'tyler-court-0002', decisions: reject },
      reviewer: 'clerk1',
    });
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'tyler-court-0002' })).toMatchObject({
      status: 'failed',
      lastError: "Choose one of the court's rejection reasons",
    });
    const accept = other.envelope.filings.map((f) => ({
      outcome: 'accepted',
      filingId: f.id,
      correctedFilingCode: null,
      note: null,
    }));
    const caseAssignment = {
      caseNumber: 'ADAMS-26-CV-0002',
      trackingId: null,
      title: 'Other v. Court',
      courtLocation: 'DT',
      judge: 'Hon. Anyone',
    };
    await ws.call('outbox:record', {
      payload: { ...base, idempotencyKey: 'tyler-court-0003', decisions: accept, caseAssignment },
      reviewer: 'clerk1',
    });
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'tyler-court-0003' })).toMatchObject({
      status: 'failed',
      lastError: 'Not one of the court locations in the court policy.',
    });
  });

  it('a new case given the number of a case the court already has is refused by the court, with the number', async () => {
    const envelopes = makeDemoEnvelopes();
    const existing = envelopes.find((d) => !d.envelope.case.isNew && d.envelope.case.number)?.envelope.case.number;
    const fresh = envelopes.filter((d) => d.envelope.case.isNew).at(-1);
    if (!existing || !fresh) throw new Error('demo data lacks an existing case or a new-case envelope');
    expect(await ws.call('cases:get', { caseNumber: existing })).toMatchObject({ caseNumber: existing });
    const lease = await ws.call('claim:acquire', { envelopeId: fresh.envelope.id });
    const accept = fresh.envelope.filings.map((f) => ({
      outcome: 'accepted',
      filingId: f.id,
      correctedFilingCode: null,
      note: null,
    }));
    const payload = {
      envelopeId: fresh.envelope.id,
      fencingToken: lease.fencingToken,
      decidedAt: '2026-12-03T10:00:00Z',
      stamped: [],
      idempotencyKey: 'tyler-court-0004',
      decisions: accept,
      caseAssignment: {
        caseNumber: existing,
        trackingId: null,
        title: 'Again v. Again',
        courtLocation: 'adams',
        judge: 'Hon. Anyone',
      },
    };
    await ws.call('outbox:record', { payload, reviewer: 'clerk1' });
    expect(await ws.call('outbox:deliver', { idempotencyKey: 'tyler-court-0004' })).toMatchObject({
      status: 'failed',
      lastError: `The court already has a case ${existing}: give the new case another number, or docket the filing into that case`,
    });
  });
});
