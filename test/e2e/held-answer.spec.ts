import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices } from '../../electron/app/main-services';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { startLoopbackHost } from '../../electron/loopback/loopback-host';
import { FaultProxy } from '../fixtures/fault-proxy';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

test("the EFM's answer to a submission held back 60 s, the clerk presses Back at once: delivered once, later", async ({ page }) => {
  test.setTimeout(180_000);
  const simulator = await new EfmSimulator().start();
  // The first submission reaches the EFM (which applies it) and its answer is held back for a minute.
  let held = 0;
  const proxy = await new FaultProxy(simulator.url, (request) => {
    if (!String(request.headers.soapaction ?? '').includes('SubmitFilingReview') || held > 0) return 'pass';
    held += 1;
    return 'delay';
  }, 60_000).start();
  const efm = Object.assign(simulator, { url: proxy.url });
  const services = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'crd-e2e-held-')), version: 'e2e', shell: 'loopback', sharedSimulator: Promise.resolve(efm) });
  const paths = buildPaths(path.resolve('dist', 'electron'));
  const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
  try {
    const target = demoByAge().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
    const filing = target?.envelope.filings[0];
    if (!target || !filing) throw new Error('no single-filing existing case');
    const submissions = async (): Promise<number> => (await simulator.submissions()).filter((s) => s.envelopeId === target.envelope.id).length;
    await signIn(page, host.url);
    await openEnvelope(page, target);
    await page.getByTestId(`decision-${filing.id}`).getByLabel('Accept').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await expect(page.getByRole('button', { name: 'Stamping and submitting…' })).toBeVisible();
    // At once: Back to the queue, while the answer is held.
    await page.getByRole('button', { name: 'Back to queue' }).click();
    await expect(page.getByTestId('queue-count')).toBeVisible();
    await expect.poll(() => held, { timeout: 30_000 }).toBe(1);

    // The EFM applied it once; the workstation learns so later (a status check after the lost answer), never twice.
    await page.getByRole('button', { name: /^Outbox/ }).click();
    await expect(page.getByTestId('outbox-counts')).toContainText('1 delivered recently', { timeout: 120_000 });
    expect(await submissions()).toBe(1);
    const [entry] = (await services.dispatch('outbox:journal', { cursor: 0, limit: 10 }, { shell: 'loopback' }) as { ok: true; value: { entries: { state: { status: string } }[] } }).value.entries;
    expect(entry?.state.status).toBe('sent');
    // The claim was held while the decision waited, and went back once it was settled.
    const detail = await services.dispatch('envelope:get', { envelopeId: target.envelope.id }, { shell: 'loopback' });
    expect(detail.ok && (detail.value as { lease: unknown }).lease).toBeNull();
    expect(await submissions()).toBe(1);
  } finally {
    await host.close();
    await services.close();
    await proxy.close();
    await simulator.close();
  }
});
