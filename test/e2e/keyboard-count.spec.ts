import { seriousViolations } from './axe';
import { expect, test } from './loopback-fixture';
import { demoByAge, signIn } from './review-helpers';

/** Existing-case envelopes with two filings and plain documents: accepted without typing anything. */
const simple = (d: ReturnType<typeof demoByAge>[number]): boolean =>
  !d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind === 'plain');

test('accepting a two-filing envelope with its stamps takes at most 5 keys from the queue, also right after the previous one', async ({ page, app }) => {
  const byAge = demoByAge();
  // Two such envelopes next to each other in the queue: the second is where the keyboard lands after the first.
  const at = byAge.findIndex((d, i) => simple(d) && !!byAge[i + 1] && simple(byAge[i + 1] as typeof d));
  const [first, second] = [byAge[at], byAge[at + 1]];
  if (!first || !second) throw new Error('no two neighbouring two-filing existing-case envelopes in the demo court');
  await signIn(page, app.url);
  await expect(page.getByTestId('queue-row').first()).toBeFocused();
  // `?` lists the queue's keys; Escape closes the list and the keyboard is back on the row; `/` goes to the search.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toContainText('Go to the search box');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  await expect(page.getByTestId('queue-row').first()).toBeFocused();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.getByTestId('queue-row').first().focus();
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: `Envelope ${first.envelope.id}` })).toBeFocused();

  const counts: number[] = [];
  for (const [n, target] of [first, second].entries()) {
    let keys = 0;
    const press = async (key: string): Promise<void> => {
      keys++;
      await page.keyboard.press(key);
    };
    if (n === 1) {
      // Back from the first envelope: the keyboard is on the next one at once.
      await press('Escape');
      await expect(page.getByRole('row', { name: `Envelope ${target.envelope.id}` })).toBeFocused();
    }
    await press('Enter');
    await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
    await press('Shift+A');
    for (const filing of target.envelope.filings) await expect(page.getByTestId(`decision-${filing.id}`).getByRole('radio', { name: 'Accept' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Submit review' })).toBeEnabled();
    await press('Control+Enter');
    await expect(page.getByTestId('submit-outcome')).toContainText("the envelope's review is complete", { timeout: 30_000 });
    counts.push(keys);
  }
  console.log(`keys to accept a two-filing envelope from the queue: first ${counts[0]}, the next one after it ${counts[1]} (target ≤ 5)`);
  expect(Math.max(...counts)).toBeLessThanOrEqual(5);
  // Stamped: each accepted lead document went to the EFM with the court's stamps.
  const simulator = await app.services.efm.demoSimulator();
  for (const target of [first, second]) {
    const sent = (await simulator?.submissions())?.find((s) => s.envelopeId === target.envelope.id);
    expect(sent?.stamped.map((s) => s.documentId).sort()).toEqual(target.envelope.filings.map((f) => f.leadDocument.id).sort());
  }
});
