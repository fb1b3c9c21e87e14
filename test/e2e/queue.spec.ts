import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { keepScreenshot } from './keep-screenshot';
import { expect, test } from './loopback-fixture';

test('a clerk signs in and works the whole queue: cached, counted, filtered, virtualised, refreshed in place', async ({ page, app }) => {
  const demo = makeDemoEnvelopes();
  await page.goto(app.url);
  await page.getByLabel('User name').fill('clerk1');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('did not accept');
  await page.getByLabel('Password').fill('demo-clerk1');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByTestId('signed-in-user')).toHaveText('clerk1');
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  // Virtualised: only the rows in view (plus overscan) are in the DOM.
  expect(await page.getByTestId('queue-row').count()).toBeLessThan(60);
  // Oldest first.
  const oldest = [...demo].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''))[0];
  await expect(page.getByTestId('queue-row').first()).toContainText(oldest?.envelope.case.isNew ? 'New case' : (oldest?.envelope.case.number ?? ''));

  await page.getByLabel('Case', { exact: true }).selectOption('new');
  const newCases = demo.filter((d) => d.envelope.case.isNew).length;
  await expect(page.getByTestId('queue-count')).toHaveText(`${newCases} of 200 envelopes`);
  // Save the filter, clear it, apply it again by name.
  await page.getByLabel('Name', { exact: true }).fill('New cases');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.getByText('Saved "New cases".')).toBeVisible();
  await page.getByLabel('Case', { exact: true }).selectOption('all');
  await expect(page.getByTestId('queue-count')).toHaveText('200 of 200 envelopes');
  await page.getByLabel('Saved filter', { exact: true }).selectOption({ label: 'New cases' });
  await expect(page.getByTestId('queue-count')).toHaveText(`${newCases} of 200 envelopes`);
  await page.getByLabel('Case', { exact: true }).selectOption('all');

  // Looked up by number, as a filer quotes it on the phone: an envelope id, or a case number's start.
  const existing = demo.find((d) => !d.envelope.case.isNew && d.envelope.case.number);
  await page.getByLabel('Search', { exact: true }).fill(existing?.envelope.id.toLowerCase() ?? '');
  await expect(page.getByTestId('queue-count')).toHaveText('1 of 200 envelopes');
  const sameCase = demo.filter((d) => d.envelope.case.number === existing?.envelope.case.number).length;
  await page.getByLabel('Search', { exact: true }).fill(existing?.envelope.case.number ?? '');
  await expect(page.getByTestId('queue-count')).toHaveText(`${sameCase} of 200 envelopes`);
  // Party and filer names are found by the start of any of their words.
  const filerWord = (existing?.envelope.filer ?? '').split(' ')[0] ?? '';
  const byFiler = demo.filter((d) => (d.envelope.filer ?? '').split(' ').some((w) => w.toLowerCase().startsWith(filerWord.toLowerCase()))
    || (d.envelope.case.title ?? '').split(/[^\p{L}\p{N}]+/u).some((w) => w.toLowerCase().startsWith(filerWord.toLowerCase()))).length;
  await page.getByLabel('Search', { exact: true }).fill(filerWord.toUpperCase());
  await expect(page.getByTestId('queue-count')).toHaveText(`${byFiler} of 200 envelopes`);
  await page.getByLabel('Search', { exact: true }).fill('nothing-filed-like-this');
  await expect(page.getByTestId('queue-empty')).toHaveText('No envelope in the queue matches "nothing-filed-like-this" with these filters.');
  await page.getByLabel('Search', { exact: true }).fill('');

  // Columns sort: Submitted switches to newest first.
  await page.getByRole('button', { name: 'Submitted' }).click();
  await expect(page.getByRole('columnheader', { name: /Submitted/ })).toHaveAttribute('aria-sort', 'descending');
  const newest = [...demo].sort((a, b) => (b.envelope.submittedAt ?? '').localeCompare(a.envelope.submittedAt ?? ''))[0];
  await expect(page.getByTestId('queue-row').first()).toHaveAttribute('aria-label', `Envelope ${newest?.envelope.id ?? ''}`);
  await page.getByRole('button', { name: /Submitted/ }).click();

  // A claim taken elsewhere reaches the cache with the next (incremental) refresh.
  const claimed = await app.services.efm.withClient((client) => client.claim(oldest?.envelope.id ?? ''));
  expect(claimed.ok).toBe(true);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByLabel('Claimed', { exact: true }).selectOption('mine');
  await expect(page.getByTestId('queue-count')).toHaveText('1 of 200 envelopes');
  await page.getByLabel('Claimed', { exact: true }).selectOption('all');

  // Refresh keeps the clerk's place.
  const scroller = page.getByTestId('queue-scroller');
  await scroller.evaluate((element) => element.scrollTo({ top: 2000 }));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  expect(await scroller.evaluate((element) => element.scrollTop)).toBe(2000);

  // The cache is real IndexedDB: it survives a reload before the EFM answers again.
  const cached = await page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('clerk-review-desk-queue');
    open.onsuccess = () => {
      const count = open.result.transaction('queue').objectStore('queue').count();
      count.onsuccess = () => resolve(count.result);
      count.onerror = () => reject(count.error);
    };
    open.onerror = () => reject(open.error);
  }));
  expect(cached).toBe(200);
  await keepScreenshot(page, test.info(), 'queue');
});
