import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { MediumFile } from '../../electron/media/portable-medium';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';

type Demo = ReturnType<typeof makeDemoEnvelopes>[number];

/** The demo envelopes oldest first, as the queue lists them by default. */
export function demoByAge(): Demo[] {
  return [...makeDemoEnvelopes()].sort((a, b) => (a.envelope.submittedAt ?? '').localeCompare(b.envelope.submittedAt ?? ''));
}

/**
 * Signs in on the sign-in screen and waits for the demo queue: its 200 envelopes, or (`whole: false`, when a decision
 * waiting on this workstation may be delivered as the clerk signs in, completing its envelope) any count.
 */
export async function signIn(page: Page, url: string, username = 'clerk1', whole = true): Promise<void> {
  // A fresh load even when the page is on the app already (a goto that only changes the fragment would not reload).
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(url);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first sign-in of a workstation may start the embedded demo EFM (its database) on a loaded machine.
  await expect(page.getByTestId('queue-count')).toHaveText(whole ? '200 of 200 envelopes' : /of \d+ envelopes/, { timeout: 30_000 });
}

/** Opens a demo envelope from the queue (scrolled to its row) and waits for the claim. */
export async function openEnvelope(page: Page, target: Demo): Promise<void> {
  await page.getByTestId('queue-scroller').evaluate((element, index) => element.scrollTo({ top: index * 36 }), demoByAge().findIndex((d) => d.envelope.id === target.envelope.id));
  await page.getByRole('row', { name: `Envelope ${target.envelope.id}` }).click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
  // The claim and the envelope's details come back in either order: keys pressed before the filings are shown act
  // on nothing (`j` moves through filings that are not there yet).
  await expect(page.getByTestId('filing-list')).toBeVisible();
}

/** Writes a portable medium as a folder, the way it sits on a USB drive; returns the drive's root. */
export function writeMedium(files: readonly MediumFile[]): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'crd-usb-')), 'USB-DRIVE');
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
  return root;
}

/** Scrolls the queue until the row of this envelope shows (wherever its filing time puts it), and opens it. */
export async function openEnvelopeById(page: Page, envelopeId: string, rows: number): Promise<void> {
  const row = page.getByRole('row', { name: `Envelope ${envelopeId}` });
  for (let top = 0; top < (rows + 1) * 36 && !(await row.isVisible()); top += 360) {
    await page.getByTestId('queue-scroller').evaluate((element, y) => element.scrollTo({ top: y }), top);
  }
  await row.click();
  await expect(page.getByTestId('claim-state')).toContainText('Claimed by you');
}
