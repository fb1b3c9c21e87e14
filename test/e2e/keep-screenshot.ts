import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

/** Where screenshots are kept after a run (Playwright clears its own output folder at the start of each run). */
export const screenshotDir = path.resolve('artifacts', 'screenshots');

/** Takes a full-page screenshot, keeps it as `artifacts/screenshots/<name>.png` and attaches it to the test's report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
