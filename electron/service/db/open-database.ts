import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';
import type { SqlDatabase } from './sql-database';

/** Where the service keeps its state, as court IT configures it. */
export type DatabaseLocation = { readonly postgresUrl: string } | { readonly dataDir: string } | 'memory';

/**
 * Opens the service's database. `memory` is an in-memory PGlite (tests, a throwaway demo) — or, when
 * `CRD_SCRATCH_POSTGRES` names a PostgreSQL server, a scratch database created on it and dropped on close: that is
 * how the suite runs the whole service a second time on a real PostgreSQL.
 */
export async function openDatabase(location: DatabaseLocation): Promise<SqlDatabase> {
  if (location === 'memory') {
    const scratchServer = process.env.CRD_SCRATCH_POSTGRES;
    return scratchServer ? openScratchPostgres(scratchServer) : openPglite(null);
  }
  return 'postgresUrl' in location ? openPostgres(location.postgresUrl) : openPglite(location.dataDir);
}

/** A new empty database on a PostgreSQL server, dropped when closed. */
async function openScratchPostgres(serverUrl: string): Promise<SqlDatabase> {
  const name = `crd_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 4);
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropScratch(serverUrl, name);
    },
  };
}

/**
 * Drops a scratch database. The pool's connections end asynchronously on the server, so a drop right after closing
 * may still see them: it is tried again for a few seconds. A scratch database that cannot be dropped is left to the
 * test server (it is empty of anything but test data) rather than failing the test that used it.
 */
async function dropScratch(serverUrl: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: serverUrl });
  await dropper.connect();
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        // 55006: the database is still being accessed (the closed pool's sessions are ending).
        if ((error as { code?: string }).code !== '55006') return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await dropper.end();
  }
}
