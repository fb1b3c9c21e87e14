import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** True when a process with this id is running on this machine. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks a data folder for this process (`service.lock` with its pid): a second service on the same folder would
 * corrupt the embedded database, so it is refused with a clear message. A lock left by a process that is gone (a
 * crash, kill -9) is taken over. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = path.join(dataDir, 'service.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(`The data folder ${dataDir} is in use by another Clerk Review service (process ${holder}); stop it first`, { cause: error });
      }
      unlinkSync(file);
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
