import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCmsZip } from '../../../../electron/cms/cms-zip';
import { EfmClient } from '../../../../electron/efm/efm-client';
import { submitReview } from '../../../../electron/efm/submit-review';
import { makeDemoEnvelopes, type DemoEnvelope } from '../../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../../electron/efm-sim/efm-simulator';
import { docketingExceptions } from '../../../../electron/service/store/docketing-exceptions';
import { reviewRecords } from '../../../../electron/service/store/review-records';
import { validateEcf, validateEcfBatch } from '../../../fixtures/ecf-validate';

const folders: string[] = [];
const services: EfmSimulator[] = [];
afterAll(async () => {
  for (const service of services) await service.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
const envelopes = makeDemoEnvelopes(40);
const twoFilings = envelopes.find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind === 'plain'));
const withConnected = envelopes.find((d) => d !== twoFilings && !d.envelope.case.isNew && d.envelope.filings.some((f) => f.connectedDocuments.length > 0) && d.documents.every((doc) => doc.kind === 'plain'));

async function serviceDroppingTo(folder: string): Promise<EfmSimulator> {
  const service = await new EfmSimulator({ envelopes, cmsDropFolder: folder, validateEcf: async (xml) => validateEcf(xml), docketingRetryDelaysMs: [1, 1] }).start();
  services.push(service);
  return service;
}

async function decide(service: EfmSimulator, demo: DemoEnvelope, outcomes: readonly ('accepted' | 'rejected')[], key: string): Promise<void> {
  const clerk = new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
  const lease = await clerk.claim(demo.envelope.id);
  if (!lease.ok) throw new Error(lease.error.message);
  const decisions = demo.envelope.filings.slice(0, outcomes.length).map((filing, index) => outcomes[index] === 'accepted'
    ? { outcome: 'accepted' as const, filingId: filing.id, correctedFilingCode: null, note: null }
    : { outcome: 'rejected' as const, filingId: filing.id, reasonCode: 'MISSING-SIGNATURE', note: 'The filing is not signed' });
  const done = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
    envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: key, decidedAt: new Date().toISOString(),
    decisions, caseAssignment: null, stamped: [],
  });
  if (!done.ok) throw new Error(done.error.message);
}

describe('a court without an interactive record system: one CMS zip per envelope in its drop folder (seed 000, App. A)', () => {
  it('writes ENVELOPE.zip once the last filing is decided: the RecordDocketing request, payment, FILING/FILING_N.pdf', async () => {
    if (!twoFilings || !withConnected) throw new Error('the demo data lacks the envelopes this test needs');
    const folder = mkdtempSync(path.join(tmpdir(), 'crd-drop-'));
    folders.push(folder);
    const service = await serviceDroppingTo(folder);
    const [first, second] = twoFilings.envelope.filings;
    if (!first || !second) throw new Error('two filings');
    await decide(service, twoFilings, ['accepted'], 'drop-1');
    await service.whenDocketingIdle();
    expect(readdirSync(folder)).toEqual([]);
    await decide(service, { ...twoFilings, envelope: { ...twoFilings.envelope, filings: [second] } }, ['rejected'], 'drop-2');
    await service.whenDocketingIdle();
    expect(readdirSync(folder)).toEqual([`${twoFilings.envelope.id}.zip`]);

    const bytes = readFileSync(path.join(folder, `${twoFilings.envelope.id}.zip`));
    const report = inspectCmsZip(`${twoFilings.envelope.id}.zip`, bytes);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ envelopeId: twoFilings.envelope.id, caseNumber: twoFilings.envelope.case.number });
    // Only the accepted filing, lead document first; every document's hash is the one the message declares.
    expect(report.filings.map((f) => f.filingId)).toEqual([first.id]);
    expect(report.filings[0]?.documents.map((d) => [d.path, d.hashDeclared])).toEqual(
      [first.leadDocument, ...first.connectedDocuments].map((_, n) => [`${first.id}/${first.id}_${n}.pdf`, true]));
    const xml = new TextDecoder().decode(unzipSync(bytes)['request.legal.xml']);
    expect(xml).toContain('<wrappers:RecordDocketingRequest');
    expect(xml).toContain('PaymentMessage');
    expect(xml).toContain(`<nc:BinaryURI>${first.id}/${first.id}_0.pdf</nc:BinaryURI>`);
    // No reference to an MTOM part is left for the docketed filing: the filing message names its files too.
    expect(xml.match(/cid:[^<]*/g)?.filter((ref) => !ref.includes(second.id)) ?? []).toEqual([]);
    expect(xml.split(`<nc:BinaryURI>${first.id}/${first.id}_0.pdf</nc:BinaryURI>`).length).toBeGreaterThan(2);
    for (const set of ['oasis', 'tyler'] as const) {
      const [result] = validateEcfBatch([xml], set);
      expect(result?.valid, `${set}: ${result?.output}`).toBe(true);
    }

    // Handed over is docketed as far as the service can know: the filer's callback is owed and the history says so.
    expect(await reviewRecords.docketing(service.database, twoFilings.envelope.id, first.id)).toBe('successful');
    const history = await reviewRecords.history(service.database, twoFilings.envelope.id);
    expect(history.filter((e) => e.action === 'docketed').map((e) => e.detail)).toEqual([`${first.id} handed to the court record system in ${twoFilings.envelope.id}.zip`]);
    // GetCase answers from the cases the service has seen: there is no record system to ask.
    const clerk = new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    expect(await clerk.getCase(twoFilings.envelope.case.number ?? '')).toMatchObject({ ok: true, value: { caseNumber: twoFilings.envelope.case.number } });

    // Connected documents follow the lead document in the filing's folder.
    await decide(service, withConnected, withConnected.envelope.filings.map(() => 'accepted'), 'drop-3');
    await service.whenDocketingIdle();
    const connected = inspectCmsZip('x.zip', readFileSync(path.join(folder, `${withConnected.envelope.id}.zip`)));
    expect(connected.problems).toEqual([]);
    expect(connected.filings.flatMap((f) => f.documents).length).toBe(withConnected.envelope.filings.reduce((n, f) => n + 1 + f.connectedDocuments.length, 0));
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('a drop folder that cannot be written is retried, then the filings go to the exception queue; a retry writes the whole envelope', async () => {
    if (!twoFilings) throw new Error('no envelope');
    const parent = mkdtempSync(path.join(tmpdir(), 'crd-drop-'));
    folders.push(parent);
    const blocked = path.join(parent, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const service = await serviceDroppingTo(blocked);
    await decide(service, twoFilings, ['accepted', 'accepted'], 'blocked-1');
    await service.whenDocketingIdle();
    const open = await docketingExceptions.list(service.database, false);
    expect(open.filter((e) => e.envelopeId === twoFilings.envelope.id).map((e) => e.reason)).toEqual(
      twoFilings.envelope.filings.map(() => expect.stringContaining('the CMS drop folder cannot be written')));
    expect(existsSync(path.join(parent, `${twoFilings.envelope.id}.zip`))).toBe(false);

    // The folder is back; a supervisor retries one filing's exception: the zip still holds the whole envelope.
    rmSync(blocked);
    const supervisor = new EfmClient({ endpoint: service.url, credentials: { username: 'supervisor', password: 'demo-supervisor' }, sleep: async () => undefined });
    const first = open.find((e) => e.envelopeId === twoFilings.envelope.id);
    expect(await supervisor.resolveDocketingException(first?.exceptionId ?? '', 'retry', 'drop folder remounted')).toMatchObject({ ok: true });
    await service.whenDocketingIdle();
    const report = inspectCmsZip('retry.zip', readFileSync(path.join(blocked, `${twoFilings.envelope.id}.zip`)));
    expect(report.problems).toEqual([]);
    expect(report.filings.map((f) => f.filingId).sort()).toEqual(twoFilings.envelope.filings.map((f) => f.id).sort());
  });

  it('refuses to start with both a record system and a drop folder', () => {
    expect(() => new EfmSimulator({ cmsDropFolder: '/tmp/x', recordSystem: { url: 'http://127.0.0.1:1/CourtRecordMDE', credentials: null } })).toThrow(/no interactive record system/);
    expect(() => new EfmSimulator({ cmsDropFolder: '/tmp/x', caseNumbering: 'record-system' })).toThrow(/clerks number new cases/);
  });
});
