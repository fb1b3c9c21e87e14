import type { Page } from '@playwright/test';
import { errorCodes } from '../../shared/errors';
import { looksLikeDeveloperText } from '../../shared/ipc/clerk-message';
import { SeededRandom } from '../../electron/efm-sim/seeded-random';
import { seriousViolations } from './axe';
import { expect, test } from './loopback-fixture';
import { demoByAge, signIn } from './review-helpers';

/** Developer text of the kinds the review saw on screen, one per injected failure in turn. */
const developerMessages = [
  'Invalid arguments for outbox:record (payload.decisions.0.note): Too big: expected string to have <=2000 characters',
  'Invalid arguments for settings:set (idleLockMinutes)',
  'must match ^\\d{4}-(CV|CR|FA|PR|SC)-\\d{6}$',
  "TypeError: Cannot read properties of undefined (reading 'id') at render (envelope-screen.tsx:120:5)",
];

/** Every line of text on screen that a clerk would read as developer text. */
async function developerLines(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.split('\n').filter((line) => looksLikeDeveloperText(line));
}

test('every error code the app defines, driven through the screens, reaches the clerk in words', async ({ page, app }) => {
  test.setTimeout(240_000);
  const target = demoByAge().find((d) => !d.envelope.case.isNew && d.documents.every((doc) => doc.kind === 'plain'));
  if (!target) throw new Error('no plain existing-case envelope');
  const seen: string[] = [];
  const check = async (where: string): Promise<void> => {
    // The error states are accessible too (axe, once per screen: the first error code).
    if (seen.length < 6) expect(await seriousViolations(page), where).toEqual([]);
    seen.push(where);
    expect(await developerLines(page), where).toEqual([]);
    // And no screen fell over (the error boundary's message is in words too, so it is looked for).
    await expect(page.getByTestId('screen-error'), where).toHaveCount(0);
  };
  for (const [index, code] of errorCodes.entries()) {
    const error = { code, message: developerMessages[index % developerMessages.length] ?? '' };
    // Signing in fails.
    app.faults.set('session:sign-in', error);
    await page.goto(app.url);
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').fill('clerk1');
    await page.getByLabel('Password').fill('demo-clerk1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check(`${code}: sign in`);
    app.faults.delete('session:sign-in');
    await signIn(page, app.url);
    // Refreshing the queue fails.
    app.faults.set('queue:page', error);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await check(`${code}: refresh the queue`);
    app.faults.delete('queue:page');
    // Opening an envelope fails: its details, then its claim, then its document.
    for (const channel of ['envelope:get', 'claim:acquire', 'document:get']) {
      app.faults.set(channel, error);
      await page.getByTestId('queue-scroller').evaluate((element, row) => element.scrollTo({ top: row * 36 }), demoByAge().indexOf(target));
      await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
      // Whatever the screen ends on (a refusal, a read-only claim, or a document already fetched earlier).
      await expect(page.getByRole('alert').or(page.getByTestId('claim-state').filter({ hasText: /Read-only|Claimed by you/ })).first()).toBeVisible();
      if (channel !== 'document:get') await expect(page.getByRole('alert').or(page.getByTestId('claim-state').filter({ hasText: 'Read-only' })).first()).toBeVisible();
      await check(`${code}: open an envelope (${channel} fails)`);
      app.faults.delete(channel);
      await page.getByRole('button', { name: 'Back to queue' }).click();
      if (await page.getByTestId('leave-dialog').isVisible()) await page.getByRole('button', { name: 'Discard my draft and leave' }).click();
    }
    // Saving settings fails.
    app.faults.set('settings:set', error);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await check(`${code}: save settings`);
    app.faults.delete('settings:set');
    await page.getByRole('button', { name: 'Queue' }).click();
  }
  console.log(`clerk-facing errors: ${errorCodes.length} error codes × ${seen.length / errorCodes.length} screens = ${seen.length} screens checked`);
});

test('fuzzed input, through the forms and straight through the API the screens use, is refused in words', async ({ page, app }) => {
  const random = new SeededRandom(20261207);
  const pieces = ['', ' ', '\u200b', '\u202e', '\u0000', '%s', '${x}', '<script>', '\\d{4}', '-1', '1e309', 'NaN', '９', 'x'.repeat(5000), '日本語', '🙂', '0x1F', 'null', '[]', '{}'];
  const fuzz = (): string => Array.from({ length: 1 + random.int(0, 3) }, () => random.pick(pieces)).join('');
  await signIn(page, app.url);
  // The settings form with fuzzed numbers and names.
  await page.getByRole('button', { name: 'Settings' }).click();
  for (let i = 0; i < 12; i++) {
    // A number field takes numbers only; these are out of range, fractional or huge.
    await page.getByLabel(/Idle lock after/).fill(random.pick(['-5', '0', '31', '1e9', '2.5', '99999999999999999999', '']));
    await page.getByLabel('Workstation name').fill(fuzz());
    await page.getByLabel(/Court time zone/).fill(fuzz());
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await developerLines(page), `settings, round ${i}`).toEqual([]);
    await expect(page.getByTestId('screen-error'), `settings, round ${i}`).toHaveCount(0);
  }
  // Straight through the API: fuzzed arguments on every kind of channel; each refusal is in words.
  const refusals = await page.evaluate(async (inputs) => {
    const api = (window as unknown as { api: Record<string, Record<string, (args?: unknown) => Promise<{ ok: boolean; error?: { message: string } }>>> }).api;
    const calls: [string, string][] = [['outbox', 'record'], ['settings', 'set'], ['envelope', 'get'], ['claim', 'acquire'], ['document', 'get'],
      ['queue', 'page'], ['cases', 'find'], ['session', 'signIn'], ['supervisor', 'reassign'], ['policy', 'filingCodes']];
    const messages: string[] = [];
    for (const [domain, method] of calls) {
      for (const input of inputs) {
        const answer = await api[domain]?.[method]?.(input);
        if (answer && !answer.ok && answer.error) messages.push(answer.error.message);
      }
    }
    return messages;
  }, [null, 42, 'x', [], { envelopeId: '' }, { envelopeId: 'x'.repeat(500) }, { payload: { decisions: [{ note: 'x'.repeat(9000) }] } }, { idleLockMinutes: 'abc' }, { username: '', password: 1 }, fuzz()]);
  expect(refusals.length).toBeGreaterThan(50);
  expect(refusals.filter((message) => looksLikeDeveloperText(message))).toEqual([]);
  console.log(`fuzzed API calls refused in words: ${refusals.length}`);
});
