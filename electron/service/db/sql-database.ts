/** A row as the database returns it: column name → value. */
export type SqlRow = Record<string, unknown>;

/** Runs statements: the database itself, or one transaction of it. */
export interface Sql {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<T extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** What durability the database was opened with, for the health check and for tests. */
export interface DurabilitySettings {
  readonly fsync: string;
  readonly synchronousCommit: string;
  readonly walSyncMethod: string;
}

/**
 * The service's database: embedded PostgreSQL (PGlite) or a PostgreSQL server. Every change the service answers for
 * is made in one {@link SqlDatabase.transaction}, committed before the answer goes out.
 */
export interface SqlDatabase extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction (serializable on PostgreSQL, retried when the server asks for it). */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** The durability settings PostgreSQL reports. */
  durability(): Promise<DurabilitySettings>;
  close(): Promise<void>;
}

/** Reads the durability settings through `SHOW`. */
export async function showDurability(sql: Sql): Promise<DurabilitySettings> {
  const show = async (name: string): Promise<string> => {
    const [row] = await sql.query<Record<string, string>>(`SHOW ${name}`);
    return String(row?.[name] ?? '');
  };
  return { fsync: await show('fsync'), synchronousCommit: await show('synchronous_commit'), walSyncMethod: await show('wal_sync_method') };
}
