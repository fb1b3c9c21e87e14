import type { Page } from '@playwright/test';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

/** A checksum of the page canvas's pixels, its size, and whether pdf.js drew it there or it was drawn ahead. */
const canvasPixels = (page: Page) => page.getByTestId('pdf-page-canvas').evaluate((canvas) => {
  const target = canvas as HTMLCanvasElement;
  const context = target.getContext('2d');
  const pixels = context?.getImageData(0, 0, target.width, target.height).data ?? new Uint8ClampedArray();
  let sum = 0;
  let inked = 0;
  for (let i = 0; i < pixels.length; i += 1) sum = (sum * 31 + (pixels[i] ?? 0)) % 1_000_000_007;
  for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 200) inked += 1;
  return { sum, inked, width: target.width, height: target.height, drawn: target.dataset.drawn };
});

const drawnAhead = 'the envelope under the pointer has its first page drawn ahead: opening it shows what pdf.js draws';
test(drawnAhead, async ({ page, app }) => {
  const plain = demoByAge().filter((d) => d.documents.every((doc) => doc.kind === 'plain'));
  const [first, next] = plain;
  if (!first || !next) throw new Error('two envelopes with plain documents expected');
  await signIn(page, app.url);
  // The viewer is seen once: its zoom and page area are what a page drawn ahead is drawn for.
  await openEnvelope(page, first);
  await expect(page.locator('[data-testid="pdf-page-canvas"][data-rendered="true"]')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Back to queue' }).click();

  await page.getByLabel('Search', { exact: true }).fill(next.envelope.id);
  const row = page.getByRole('row', { name: `Envelope ${next.envelope.id}` });
  await row.hover();
  // The app marks it for DevTools (User Timing): no waiting for a guessed time.
  const marked = (prefix: string): boolean => performance.getEntriesByName('crd: first page drawn ahead')
    .some((mark) => String((mark as PerformanceMark).detail).startsWith(prefix));
  await page.waitForFunction(marked, `${next.envelope.id}/`, { timeout: 30_000 });
  await row.click();
  await expect(page.locator('[data-testid="pdf-page-canvas"][data-rendered="true"]')).toBeVisible();
  const ahead = await canvasPixels(page);
  expect(ahead.drawn).toBe('ahead');
  expect(ahead.inked).toBeGreaterThan(100);

  // Drawn again by pdf.js at the same scale (another zoom, then the same fit): the very same pixels.
  const view = page.getByRole('combobox', { name: 'View' });
  await view.selectOption('1');
  await expect(page.locator('[data-testid="pdf-page-canvas"][data-rendered="true"]')).toBeVisible();
  await view.selectOption('fit-width');
  await expect(page.locator('[data-testid="pdf-page-canvas"][data-rendered="true"][data-drawn="now"]')).toBeVisible();
  const now = await canvasPixels(page);
  expect(now).toEqual({ ...ahead, drawn: 'now' });
});
