import { spawn } from 'node:child_process';
import path from 'node:path';
import { version } from '../package.json';
import { locateElectronBinary } from './app/locate-electron';
import { portFromArgs, runLoopbackHost } from './loopback/run-loopback-host';

// `npm start`: the Electron app when its binary is installed, otherwise the same app through the loopback host.
async function main(): Promise<void> {
  const projectRoot = path.resolve(__dirname, '..', '..');
  const electron = locateElectronBinary(path.join(projectRoot, 'node_modules', 'electron'));
  if (electron.found) {
    const child = spawn(electron.path, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const host = await runLoopbackHost({ distElectronDir: __dirname, version, port: portFromArgs(process.argv) });
  console.log(`Electron is not available here (${electron.reason}); serving the app at ${host.url}`);
}

main().catch((error: unknown) => {
  console.error(`Could not start Clerk Review Desk: ${(error as Error).message}`);
  process.exit(1);
});
