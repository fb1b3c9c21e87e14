import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { keepScreenshot } from './keep-screenshot';
import { expect, test } from './loopback-fixture';
import { demoByAge, openEnvelope, signIn } from './review-helpers';

/** True when the element is wholly inside the window once its own pane has scrolled to it; the page never scrolls. */
async function reachable(page: Page, locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
}

/** The page itself does not scroll: everything scrolls inside its pane. */
async function pageScrolls(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
  });
}

const fourFilingNewCase = demoByAge().find((d) => d.envelope.case.isNew && d.envelope.filings.length === 4 && d.documents.every((doc) => doc.kind === 'plain'));

for (const [width, height, name] of [[1280, 720, '1280x720'], [1920, 1080, '1920x1080'], [1024, 768, '1024x768'], [640, 360, '1280x720-at-200-percent']] as const) {
  test(`at ${name}, a four-filing new-case envelope: document, the filing's decision, case assignment and Submit are all reachable without scrolling the page`, async ({ page, app }) => {
    if (!fourFilingNewCase) throw new Error('no four-filing new-case envelope in the demo court');
    await page.setViewportSize({ width, height });
    await signIn(page, app.url);
    await keepScreenshot(page, test.info(), `queue-${name}`);
    await openEnvelope(page, fourFilingNewCase);
    const narrow = width <= 900;
    // The selected filing: the third, chosen from the keyboard.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const third = fourFilingNewCase.envelope.filings[2];
    if (!third) throw new Error('no third filing');
    const decision = page.getByTestId(`decision-${third.id}`);
    await expect(decision.getByLabel('Accept')).toBeEnabled();
    expect(await reachable(page, decision.getByLabel('Accept'))).toBe(true);
    expect(await reachable(page, decision.getByLabel('Reject'))).toBe(true);
    expect(await reachable(page, page.getByLabel('Case number'))).toBe(true);
    expect(await reachable(page, page.getByRole('button', { name: /^Submit/ }))).toBe(true);
    expect(await pageScrolls(page)).toEqual({ x: 0, y: 0 });
    if (narrow) await page.getByRole('tab', { name: 'Document' }).click();
    // The viewer shows the selected filing's lead document, drawn.
    await expect(page.getByTestId('pdf-page-canvas')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('pdf-page-canvas')).toHaveAccessibleName(new RegExp(`^${third.leadDocument.title ?? third.leadDocument.id}, page 1 of`));
    // The document pane is wholly on screen (the page inside it scrolls when it is taller than the pane).
    expect(await reachable(page, page.getByTestId('page-area'))).toBe(true);
    expect(await reachable(page, page.getByRole('button', { name: 'Next page' }))).toBe(true);
    if (narrow) {
      // The review pane is one tab away, Submit still in view there.
      await page.getByRole('tab', { name: 'Filings and decisions' }).click();
      expect(await reachable(page, page.getByRole('button', { name: /^Submit/ }))).toBe(true);
    } else {
      // Side by side: the page drawn and Submit on screen at the same moment, with nothing scrolled.
      const canvas = await page.getByTestId('pdf-page-canvas').boundingBox();
      expect(canvas && canvas.width).toBeGreaterThan(width * 0.35);
    }
    expect(await pageScrolls(page)).toEqual({ x: 0, y: 0 });
    expect(await seriousViolations(page), name).toEqual([]);
    await keepScreenshot(page, test.info(), `envelope-${name}`);
  });
}

test('every screen at 1280×720 and 1920×1080 is kept as a screenshot, and none makes the page scroll sideways', async ({ page, app }) => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(app.url);
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Queue' }).click();
    }
    await expect(page.getByLabel('User name')).toBeVisible();
    await keepScreenshot(page, test.info(), `sign-in-${width}x${height}`);
    await signIn(page, app.url, 'supervisor');
    for (const screen of ['Outbox', 'Supervisor', 'Status', 'Stamp', 'Settings']) {
      await page.getByRole('button', { name: new RegExp(`^${screen}`) }).first().click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      expect((await pageScrolls(page)).x, `${screen} at ${width}×${height}`).toBe(0);
      // Signed in, the Settings preview prints what the stamps will: the court's name and the clerk's.
      if (screen === 'Settings') await expect(page.getByTestId('template-preview')).toContainText('Superior Court of Demo County');
      await keepScreenshot(page, test.info(), `${screen.toLowerCase()}-${width}x${height}`);
    }
    // The lock screen, as the idle lock shows it.
    await page.evaluate(async () => (window as unknown as { api: { session: { lock: () => Promise<unknown> } } }).api.session.lock());
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await keepScreenshot(page, test.info(), `lock-${width}x${height}`);
  }
});
