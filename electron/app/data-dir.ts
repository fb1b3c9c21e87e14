import os from 'node:os';
import path from 'node:path';

/** Folder name Electron uses for `userData` (the product name), shared by the loopback host. */
export const dataFolderName = 'Clerk Review Desk';

/**
 * Where settings and local data live when Electron's `app.getPath('userData')` is not available (loopback host,
 * CLI). Matches Electron's choice per platform so both shells see the same settings. `CLERK_REVIEW_DATA_DIR` wins.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.CLERK_REVIEW_DATA_DIR) return path.resolve(env.CLERK_REVIEW_DATA_DIR);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), dataFolderName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', dataFolderName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), dataFolderName);
}
