import { fsyncSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder } from './data-folder-lock';
import { migrate } from './migrations';
import { showDurability, type Sql, type SqlDatabase, type SqlRow } from './sql-database';

/** Counts the fsync calls that reached the operating system (tests check that commits are synced). */
export const pgliteFsyncCalls = { count: 0 };

/** The emscripten file system PGlite runs on, as far as we touch it. */
interface EmscriptenFs {
  lookupPath(path: string, options: object): { node: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } } };
}

/**
 * PGlite starts PostgreSQL with fsync off (`-F`), and its Node file system passes neither fsync nor fdatasync to the
 * operating system. We start it with fsync on, `wal_sync_method=fsync`, and give the data folder's file operations
 * a real fsync, so a commit is on disk before the service answers.
 */
function startParams(): string[] {
  return [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'];
}

function syncToDisk(database: PGlite): void {
  const fs = (database as unknown as { mod: { FS: EmscriptenFs } }).mod.FS;
  const ops = fs.lookupPath('/pglite/data', {}).node.stream_ops;
  ops.fsync = (stream) => {
    if (stream.nfd !== undefined) fsyncSync(stream.nfd);
    pgliteFsyncCalls.count += 1;
    return 0;
  };
}

/** int8 columns (epoch milliseconds, counters) read as numbers, as from the PostgreSQL driver. */
const parsers = { 20: (value: string): number => Number(value) };

let template: Promise<Blob> | null = null;

/** A migrated empty database, made once per process: new in-memory databases start from it in half a second. */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const database = await PGlite.create({ parsers });
    await migrate(wrap(database, false));
    const dump = await database.dumpDataDir('none');
    await database.close();
    return dump;
  })();
  return template;
}

/**
 * Opens the embedded PostgreSQL: in `dataDir` (created when missing, migrated to the current schema), or in memory
 * when `dataDir` is null (tests; gone when closed).
 */
export async function openPglite(dataDir: string | null): Promise<SqlDatabase> {
  if (dataDir === null) {
    const database = await PGlite.create({ loadDataDir: await migratedTemplate(), parsers });
    const wrapped = wrap(database, false);
    await migrate(wrapped);
    return wrapped;
  }
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataFolder(dataDir);
  try {
    const database = await PGlite.create(path.join(dataDir, 'pgdata'), { startParams: startParams(), parsers });
    syncToDisk(database);
    const wrapped = wrap(database, true, unlock);
    await migrate(wrapped);
    return wrapped;
  } catch (error) {
    unlock();
    throw error;
  }
}

function wrap(database: PGlite, durable: boolean, unlock: () => void = () => undefined): SqlDatabase {
  const run = async <T extends SqlRow>(target: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await target.query<T>(text, params ? [...params] : undefined)).rows;
  let closed = false;
  return {
    kind: 'pglite',
    query: (text, params) => run(database, text, params),
    transaction: (work) => database.transaction((tx) => work({ query: (text, params) => run(tx, text, params) } satisfies Sql)),
    durability: async () => (durable ? showDurability({ query: (text, params) => run(database, text, params) }) : { fsync: 'off (in memory)', synchronousCommit: 'on', walSyncMethod: 'none' }),
    close: async () => {
      if (closed) return;
      closed = true;
      await database.close();
      unlock();
    },
  };
}
