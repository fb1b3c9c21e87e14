import type { BigIntStats } from 'node:fs';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a crash or power cut leaves either the old or the new content, never half of it:
 * write a temporary file beside it, fsync it, rename it over the target, fsync the folder. `data` may come in parts.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    // Parts are written one after the other: a stamped scan is its original plus the update, never joined in memory.
    if (Array.isArray(data)) for (const part of data as readonly Uint8Array[]) await handle.write(part);
    else await handle.writeFile(data as string | Uint8Array);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/**
 * Writes `file` as a copy of `source` with `appended` after it, as atomically as {@link writeFileAtomic} (the
 * copy is made by the operating system, never held in memory). Refuses when `source` is no longer the file `seen`
 * describes (same inode, size and modification time): what is appended was computed from that file.
 */
export async function copyAndAppendAtomic(source: string, file: string, appended: Uint8Array, seen: BigIntStats): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await copyFile(source, temp);
    await chmod(temp, 0o600);
    const now = await stat(source, { bigint: true });
    const copied = await stat(temp, { bigint: true });
    if (now.ino !== seen.ino || now.size !== seen.size || now.mtimeNs !== seen.mtimeNs || copied.size !== seen.size) {
      throw new Error(`${source} changed while it was being stamped; nothing was written`);
    }
    const handle = await open(temp, 'a');
    try {
      await handle.write(appended);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** fsyncs a folder so a rename or a new file in it survives a power cut (a no-op on Windows). */
export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is already durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
