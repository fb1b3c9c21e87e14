import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices, type MainServices } from '../../electron/app/main-services';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { startLoopbackHost, type LoopbackHost } from '../../electron/loopback/loopback-host';

/** One workstation: its own main process (data folder, session, audit log) and browser page. */
export interface Workstation {
  readonly page: Page;
  readonly services: MainServices;
  readonly host: LoopbackHost;
  /** Signs in on this workstation's page and waits for the queue. */
  signIn(username: string): Promise<void>;
}

/** Several workstations against one demo EFM, each a loopback host over the built renderer, each in its own browser context. */
export const test = base.extend<{ simulator: EfmSimulator; workstation: (name: string) => Promise<Workstation> }>({
  // eslint-disable-next-line no-empty-pattern
  simulator: async ({}, use) => {
    const simulator = await new EfmSimulator().start();
    await use(simulator);
    await simulator.close();
  },
  workstation: async ({ browser, simulator }, use) => {
    const opened: { host: LoopbackHost; services: MainServices; close: () => Promise<void> }[] = [];
    await use(async (name) => {
      const paths = buildPaths(path.resolve('dist', 'electron'));
      const services = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), `crd-${name}-`)), version: 'e2e', shell: 'loopback', sharedSimulator: Promise.resolve(simulator) });
      const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
      const context = await browser.newContext();
      const page = await context.newPage();
      opened.push({ host, services, close: () => context.close() });
      return {
        page,
        services,
        host,
        signIn: async (username) => {
          await page.goto(host.url);
          await page.getByLabel('User name').fill(username);
          await page.getByLabel('Password').fill(`demo-${username}`);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByTestId('queue-count').waitFor();
        },
      };
    });
    for (const { host, services, close } of opened) {
      await close();
      await host.close();
      await services.close();
    }
  },
});

export { expect } from '@playwright/test';
