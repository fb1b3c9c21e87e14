import { makeDemoMedium } from '../../electron/demo/demo-medium';
import { expect, test } from './loopback-fixture';
import { openEnvelopeById, writeMedium } from './review-helpers';

test('import from a drive: a broken medium is refused with a report, a good one joins the queue with a printable receipt', async ({ page, app }) => {
  const good = await makeDemoMedium();
  const broken = good.filter((file) => !file.path.endsWith('.pdf') || file !== good.find((f) => f.path.endsWith('.pdf')));
  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');

  await page.getByTestId('import-medium').setInputFiles(writeMedium(broken));
  await expect(page.getByTestId('import-report')).toContainText('Not imported');
  await expect(page.getByTestId('import-report')).toContainText('listed but not on the medium');
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');

  await page.getByTestId('import-medium').setInputFiles(writeMedium(good));
  // The court gives the envelope its own identifier (ECF 5.0 §6.2); the filer's ENV-2026-000201 stays its reference.
  await expect(page.getByTestId('import-report')).toContainText(/ENV-\d{4}-R\d{5} is in the review queue/);
  const courtId = /(ENV-\d{4}-R\d{5})/.exec((await page.getByTestId('import-report').textContent()) ?? '')?.[1] ?? '';
  await expect(page.getByTestId('queue-count')).toHaveText('201 of 201 envelopes');
  const receipt = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Print receipt' }).click();
  expect((await receipt).suggestedFilename()).toBe(`receipt-${courtId}.pdf`);
  // The clerk can open it like any other envelope (wherever its filing time puts it in the queue).
  await openEnvelopeById(page, courtId, 201);
  await expect(page.getByTestId('document-page')).toContainText('Page 1 of 2');
});
