import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices, type MainServices } from '../../electron/app/main-services';
import { startLoopbackHost, type LoopbackHost } from '../../electron/loopback/loopback-host';
import type { Dispatch } from '../../electron/ipc/dispatcher';
import type { AppError } from '../../shared/errors';
import { err } from '../../shared/result';

/** A failure the main process answers a channel with instead of running it (tests of what the screens then say). */
export type InjectedFaults = Map<string, AppError>;

/**
 * The app served by a fresh loopback host (own data folder) over the built renderer in `dist/`; `faults` makes a
 * channel fail as the test says.
 */
export const test = base.extend<{ app: LoopbackHost & { dataDir: string; services: MainServices; faults: InjectedFaults } }>({
  // Playwright requires a destructuring pattern for a fixture without dependencies.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-e2e-'));
    const paths = buildPaths(path.resolve('dist', 'electron'));
    const services = createMainServices({ dataDir, version: 'e2e', shell: 'loopback', warmUpDemoEfm: true });
    const faults: InjectedFaults = new Map();
    const fault = (channel: unknown): AppError | undefined => (typeof channel === 'string' ? faults.get(channel) : undefined);
    const dispatch: Dispatch = async (channel, args, ctx) => {
      const injected = fault(channel);
      return injected ? err(injected) : services.dispatch(channel, args, ctx);
    };
    const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch, bus: services.bus });
    await use(Object.assign(host, { dataDir, services, faults }));
    await host.close();
    await services.close();
  },
});

export { expect } from '@playwright/test';
