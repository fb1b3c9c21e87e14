import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices } from '../../electron/app/main-services';
import { demoCourtPolicy } from '../../electron/efm-sim/demo-court';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { startLoopbackHost } from '../../electron/loopback/loopback-host';
import { reviewRecords } from '../../electron/service/store/review-records';
import { writeTylerCourt } from '../fixtures/tyler-code-lists';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

test('a court that publishes neither judges nor rejection reasons (ECF 5.0 §5.2.2): the clerk types the judge and writes the reason', async ({
  page,
}) => {
  const court = writeTylerCourt({ filingCodes: 60, perCode: 3 });
  rmSync(path.join(court.folder, 'rejectionreason.xml'));
  const simulator = await new EfmSimulator({
    court: { ...demoCourtPolicy, courtId: 'adams', courtName: 'Adams County' },
    policyFolder: court.folder,
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing' },
  }).start();
  const services = createMainServices({
    dataDir: mkdtempSync(path.join(tmpdir(), 'crd-e2e-tyler-')),
    version: 'e2e',
    shell: 'loopback',
    sharedSimulator: Promise.resolve(simulator),
  });
  const paths = buildPaths(path.resolve('dist', 'electron'));
  const host = await startLoopbackHost({
    rendererDir: paths.rendererDir,
    bootstrapScript: paths.loopbackBootstrap,
    dispatch: services.dispatch,
    bus: services.bus,
  });
  try {
    const target = demoByAge().find((d) => d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind === 'plain'));
    if (!target) throw new Error('no two-filing new case in the demo data');
    const { envelope } = target;
    const [first, second] = envelope.filings;
    if (!first || !second) throw new Error('two filings expected');
    await signIn(page, host.url);
    await openEnvelope(page, target);

    await page.getByTestId(`decision-${first.id}`).getByLabel('Accept').check();
    await page.getByTestId(`decision-${second.id}`).getByLabel('Reject').check();
    const rejection = page.getByTestId(`decision-${second.id}`);
    await expect(rejection.getByText('The court publishes no list of rejection reasons')).toBeVisible();
    await expect(rejection.getByLabel('Rejection reason')).toHaveCount(0);
    await rejection
      .getByLabel(/Explanation for the filer/)
      .fill('The summons names the wrong defendant; correct it and file again.');
    await page.getByLabel('Case number').fill('ADAMS-26-CV-0042');
    await page.getByLabel('Court location').selectOption('adams');
    // No judge list: a text field, with why.
    await expect(page.getByText('The court does not publish this list')).toBeVisible();
    await page.getByLabel('Judge').fill('Hon. Ruth Typed-In');
    await expect(page.getByTestId('review-problems')).toHaveCount(0);
    await page.getByRole('button', { name: 'Submit review' }).click();
    await expect(page.getByTestId('submit-outcome')).toHaveText(
      "Submitted 2 decisions; the envelope's review is complete.",
      { timeout: 30_000 },
    );

    const submission = (await simulator.submissions()).find((s) => s.envelopeId === envelope.id);
    const stored = await reviewRecords.envelope(simulator.database, envelope.id);
    expect(stored?.assignedCase).toMatchObject({
      caseNumber: 'ADAMS-26-CV-0042',
      judge: 'Hon. Ruth Typed-In',
      courtLocation: 'adams',
    });
    const rejected = submission?.decisions.find((d) => d.filingId === second.id);
    expect(rejected).toMatchObject({ outcome: 'rejected', reasonCode: 'OTHER' });
  } finally {
    await host.close();
    await services.close();
    await simulator.close();
    rmSync(court.folder, { recursive: true, force: true });
  }
});
