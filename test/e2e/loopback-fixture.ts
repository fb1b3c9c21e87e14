import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices, type MainServices } from '../../electron/app/main-services';
import { startLoopbackHost, type LoopbackHost } from '../../electron/loopback/loopback-host';

/** The app served by a fresh loopback host (own data folder) over the built renderer in `dist/`. */
export const test = base.extend<{ app: LoopbackHost & { dataDir: string; services: MainServices } }>({
  // Playwright requires a destructuring pattern for a fixture without dependencies.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-e2e-'));
    const paths = buildPaths(path.resolve('dist', 'electron'));
    const services = createMainServices({ dataDir, version: 'e2e', shell: 'loopback', warmUpDemoEfm: true });
    const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
    await use(Object.assign(host, { dataDir, services }));
    await host.close();
    await services.close();
  },
});

export { expect } from '@playwright/test';
