import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPaths } from '../../electron/app/build-paths';
import { createMainServices } from '../../electron/app/main-services';
import { EfmSimulator, type SimulatorOptions } from '../../electron/efm-sim/efm-simulator';
import { startLoopbackHost } from '../../electron/loopback/loopback-host';

/** A court's service configured for one test, and a workstation (the app on the loopback host) signed in to it. */
export interface CourtHost {
  readonly simulator: EfmSimulator;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a service with these options and the app against it; `close` stops both. */
export async function startCourtHost(options: SimulatorOptions, name: string): Promise<CourtHost> {
  const simulator = await new EfmSimulator(options).start();
  const services = createMainServices({
    dataDir: mkdtempSync(path.join(tmpdir(), `crd-e2e-${name}-`)),
    version: 'e2e',
    shell: 'loopback',
    sharedSimulator: Promise.resolve(simulator),
  });
  const paths = buildPaths(path.resolve('dist', 'electron'));
  const host = await startLoopbackHost({ rendererDir: paths.rendererDir, bootstrapScript: paths.loopbackBootstrap, dispatch: services.dispatch, bus: services.bus });
  return {
    simulator,
    url: host.url,
    close: async () => {
      await host.close();
      await services.close();
      await simulator.close();
    },
  };
}
