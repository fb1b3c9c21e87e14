import pg from 'pg';
import { migrate } from './migrations';
import { showDurability, type Sql, type SqlDatabase, type SqlRow } from './sql-database';

/** SQLSTATEs after which PostgreSQL says to run the transaction again: serialization failure, deadlock. */
const retryable = new Set(['40001', '40P01']);

/**
 * Opens a PostgreSQL server's database (`postgres://user:password@host/db`), migrated to the current schema. Several
 * connections serve concurrent requests; changes to one envelope are serialized by locking its row.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<SqlDatabase> {
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // A connection the server drops while idle must not crash the service; the pool opens another.
  pool.on('error', () => undefined);
  const run = async <T extends SqlRow>(client: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await client.query<T>(text, params ? [...params] : undefined)).rows;
  const database: SqlDatabase = {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({ query: (text, params) => run(client, text, params) } satisfies Sql);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (attempt < 5 && retryable.has((error as { code?: string }).code ?? '')) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    durability: () => showDurability(database),
    close: () => pool.end(),
  };
  await migrate(database);
  return database;
}
