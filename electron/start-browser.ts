import { version } from '../package.json';
import { portFromArgs, runLoopbackHost } from './loopback/run-loopback-host';

// `npm run start:browser`: the app in any browser on this machine, through the loopback host.
async function main(): Promise<void> {
  const host = await runLoopbackHost({ distElectronDir: __dirname, version, port: portFromArgs(process.argv) });
  console.log(`Clerk Review Desk (browser host) — open ${host.url}`);
}

main().catch((error: unknown) => {
  console.error(`Could not start the loopback host: ${(error as Error).message}`);
  process.exit(1);
});
