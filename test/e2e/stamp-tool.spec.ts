import { makeFormPdf, makeSamplePdf } from '../../electron/demo/pdf-samples';
import { readVisualText } from '../fixtures/pdfjs-text';
import { expect, test } from './loopback-fixture';

test('previews the Filed stamp where the engine draws it, follows a drag, and saves a stamped copy', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A landscape page shown rotated: the preview must put the stamp on the corner the reader sees.
  const pdf = await makeSamplePdf({ title: 'Motion to Compel', pages: [{ rotate: 90 }, {}, {}] });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Stamp', exact: true }).click();
  await page.getByTestId('stamp-file').setInputFiles({ name: 'motion.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
  await expect(page.getByTestId('pdf-inspection')).toContainText('Ready to stamp');
  await page.getByLabel('Case number').fill('2026-CV-000321');

  const canvas = page.getByTestId('pdf-page-canvas');
  const overlay = page.getByTestId('stamp-overlay-filed');
  await expect(overlay).toBeVisible();
  const pageBox = await canvas.boundingBox();
  const stampBox = await overlay.boundingBox();
  if (!pageBox || !stampBox) throw new Error('preview not laid out');
  // 792 × 612 as displayed at 100 %: top-right corner, 24 pt in from both edges.
  expect(pageBox.width).toBeCloseTo(792, 0);
  expect(pageBox.x + pageBox.width - (stampBox.x + stampBox.width)).toBeCloseTo(24, 0);
  expect(stampBox.y - pageBox.y).toBeCloseTo(24, 0);

  // Drag the stamp 300 px left and 200 px down.
  await page.mouse.move(stampBox.x + 20, stampBox.y + 20);
  await page.mouse.down();
  await page.mouse.move(stampBox.x - 130, stampBox.y + 120, { steps: 5 });
  await page.mouse.move(stampBox.x - 280, stampBox.y + 220, { steps: 5 });
  await page.mouse.up();
  const moved = await overlay.boundingBox();
  expect(moved && moved.x - stampBox.x).toBeCloseTo(-300, 0);
  expect(moved && moved.y - stampBox.y).toBeCloseTo(200, 0);

  await page.getByRole('button', { name: 'Stamp and save a copy' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('stamped-download').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('motion-stamped.pdf');
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const stamped = new Uint8Array(Buffer.concat(chunks));
  expect(Buffer.from(stamped.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);

  // pdf.js finds FILED where the clerk dropped the stamp, and the footer on the last page.
  const [first, , last] = await readVisualText(stamped);
  const status = first?.items.find((item) => item.text === 'FILED');
  const dropX = (moved?.x ?? 0) - pageBox.x;
  const dropY = (moved?.y ?? 0) - pageBox.y;
  expect(status && status.x - dropX).toBeGreaterThan(0);
  expect(status && status.x - dropX).toBeLessThan(12);
  expect(status && status.y - dropY).toBeGreaterThan(0);
  expect(status && status.y - dropY).toBeLessThan(20);
  expect(last?.items.some((item) => item.text === 'Page 3 of 3 — 2026-CV-000321')).toBe(true);
  expect(errors).toEqual([]);
});

test('tells the clerk a damaged file cannot be stamped, and what is special about a form', async ({ page, app }) => {
  const pdf = await makeFormPdf();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Stamp', exact: true }).click();
  await page.getByTestId('stamp-file').setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf.subarray(0, 500)) });
  await expect(page.getByTestId('pdf-inspection')).toContainText('damaged and cannot be stamped');
  await expect(page.getByRole('button', { name: 'Stamp and save a copy' })).toBeDisabled();

  await page.getByTestId('stamp-file').setInputFiles({ name: 'form.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
  await expect(page.getByTestId('pdf-inspection')).toContainText('fillable form fields');
});
