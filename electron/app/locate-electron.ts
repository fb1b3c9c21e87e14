import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the Electron binary is, or why it is not there. */
export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * Finds the Electron binary without `require('electron')`, which would try to download it (and hang or fail
 * on a machine without internet access). Honours `ELECTRON_OVERRIDE_DIST_PATH` like Electron's own loader.
 */
export function locateElectronBinary(electronPackageDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pathFile = path.join(electronPackageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(candidate) ? { found: true, path: candidate } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${candidate})` };
  }
  if (relative === null) return { found: false, reason: 'the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD or no network)' };
  const binary = path.join(electronPackageDir, 'dist', relative);
  return existsSync(binary) ? { found: true, path: binary } : { found: false, reason: `the Electron binary is missing (${binary})` };
}
