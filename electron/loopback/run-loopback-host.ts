import { buildPaths } from '../app/build-paths';
import { defaultDataDir } from '../app/data-dir';
import { createMainServices } from '../app/main-services';
import { startLoopbackHost, type LoopbackHost } from './loopback-host';

/** Options of {@link runLoopbackHost}. */
export interface RunLoopbackOptions {
  readonly distElectronDir: string;
  readonly version: string;
  readonly port?: number;
  readonly dataDir?: string;
}

/** Starts the main-process services behind the loopback host; used by `npm run start:browser` and `npm start`. */
export async function runLoopbackHost(options: RunLoopbackOptions): Promise<LoopbackHost> {
  const paths = buildPaths(options.distElectronDir);
  const services = createMainServices({ dataDir: options.dataDir ?? defaultDataDir(), version: options.version, shell: 'loopback', demoEfmInDataFolder: true, warmUpDemoEfm: true });
  const host = await startLoopbackHost({
    rendererDir: paths.rendererDir,
    bootstrapScript: paths.loopbackBootstrap,
    dispatch: services.dispatch,
    bus: services.bus,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const stop = (): void => {
    void host.close().then(() => services.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}

/** Reads `--port N` (or `CLERK_REVIEW_PORT`) for the loopback host. */
export function portFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  const index = argv.indexOf('--port');
  const raw = index >= 0 ? argv[index + 1] : env.CLERK_REVIEW_PORT;
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
}
