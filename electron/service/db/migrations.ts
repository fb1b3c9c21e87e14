import type { Sql, SqlDatabase } from './sql-database';

/**
 * A trigger by which any write to `table`'s rows (keyed by envelope_id) marks their envelope changed for incremental
 * queue sync: the SQL of migration 9 (leases) and 10 (decisions), written once.
 */
function touchesItsEnvelope(table: 'leases' | 'decisions'): string[] {
  return [
    `CREATE FUNCTION ${table}_touch() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE envelopes SET change_xid = pg_current_xact_id()
          WHERE envelope_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.envelope_id ELSE NEW.envelope_id END;
         RETURN NULL;
       END $$`,
    `CREATE TRIGGER ${table}_touch AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_touch()`,
  ];
}

/**
 * The service's schema, one step per release; a step is never edited once shipped, only followed by another. The
 * database records which steps it has, so `server` brings an older data folder or PostgreSQL database up to date.
 */
export const migrations: readonly {
  readonly version: number;
  readonly name: string;
  /** Statements separated by `;`, or a list of statements (for function bodies, which hold `;` themselves). */
  readonly sql: string | readonly string[];
}[] = [
  {
    version: 1,
    name: 'review state',
    sql: `
      CREATE TABLE accounts (
        username text PRIMARY KEY,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('clerk', 'supervisor', 'court-it', 'filer')),
        password_hash text NOT NULL,
        disabled_at text,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE sign_in_failures (
        username text PRIMARY KEY,
        count integer NOT NULL,
        first_ms bigint NOT NULL,
        locked_until_ms bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE used_nonces (
        username text NOT NULL,
        nonce text NOT NULL,
        created_ms bigint NOT NULL,
        PRIMARY KEY (username, nonce)
      );
      CREATE INDEX used_nonces_age ON used_nonces (created_ms);
      CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
      CREATE TABLE envelopes (
        envelope_id text PRIMARY KEY,
        received_seq bigserial UNIQUE,
        submitted_at text NOT NULL,
        demo jsonb NOT NULL,
        filing_message_xml text,
        filer_account text,
        sender_key text UNIQUE,
        cancelled boolean NOT NULL DEFAULT false,
        complete boolean NOT NULL DEFAULT false,
        assigned_case jsonb
      );
      CREATE INDEX envelopes_open ON envelopes (submitted_at, envelope_id) WHERE NOT cancelled AND NOT complete;
      CREATE TABLE filings (
        envelope_id text NOT NULL REFERENCES envelopes,
        filing_id text NOT NULL,
        PRIMARY KEY (envelope_id, filing_id)
      );
      CREATE INDEX filings_by_id ON filings (filing_id);
      CREATE TABLE received_documents (
        document_id text PRIMARY KEY,
        envelope_id text NOT NULL REFERENCES envelopes,
        content_type text NOT NULL,
        sha256 text NOT NULL,
        bytes bytea NOT NULL
      );
      CREATE TABLE leases (
        envelope_id text PRIMARY KEY REFERENCES envelopes,
        holder text,
        expires_ms bigint NOT NULL,
        token integer NOT NULL,
        since_ms bigint NOT NULL
      );
      CREATE TABLE decisions (
        envelope_id text NOT NULL REFERENCES envelopes,
        filing_id text NOT NULL,
        seq bigserial UNIQUE,
        decision jsonb NOT NULL,
        reviewer text NOT NULL,
        reviewer_name text NOT NULL,
        claimed_at text,
        decided_at text NOT NULL,
        PRIMARY KEY (envelope_id, filing_id)
      );
      CREATE INDEX decisions_by_time ON decisions (decided_at);
      CREATE TABLE submissions (
        idempotency_key text PRIMARY KEY,
        envelope_id text NOT NULL REFERENCES envelopes,
        seq bigserial UNIQUE,
        clerk text NOT NULL,
        decisions jsonb NOT NULL,
        record_docketing_xml text,
        notify_xml text,
        complete boolean NOT NULL,
        applied_at text NOT NULL
      );
      CREATE TABLE stamped_documents (
        idempotency_key text NOT NULL REFERENCES submissions,
        document_id text NOT NULL,
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (idempotency_key, document_id)
      );
      CREATE TABLE release_after (
        envelope_id text PRIMARY KEY REFERENCES envelopes,
        idempotency_key text NOT NULL,
        clerk text NOT NULL
      );
      CREATE TABLE history (
        seq bigserial PRIMARY KEY,
        envelope_id text NOT NULL REFERENCES envelopes,
        at text NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        detail text
      );
      CREATE INDEX history_by_envelope ON history (envelope_id, seq);
      CREATE TABLE docketing (
        envelope_id text NOT NULL REFERENCES envelopes,
        filing_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('successful', 'unsuccessful')),
        detail text NOT NULL,
        at text NOT NULL,
        PRIMARY KEY (envelope_id, filing_id)
      );
      CREATE TABLE audit_workstations (
        workstation_id text PRIMARY KEY,
        public_key text NOT NULL,
        last_anchor jsonb,
        earlier_keys jsonb NOT NULL DEFAULT '[]'
      );
    `,
  },
  {
    version: 2,
    name: 'queue columns',
    sql: `
      ALTER TABLE envelopes ADD COLUMN court_location text NOT NULL DEFAULT '';
      ALTER TABLE envelopes ADD COLUMN case_category text NOT NULL DEFAULT '';
      ALTER TABLE envelopes ADD COLUMN new_case boolean NOT NULL DEFAULT false;
      ALTER TABLE envelopes ADD COLUMN filer_name text;
      ALTER TABLE envelopes ADD COLUMN filing_codes text[] NOT NULL DEFAULT '{}';
      UPDATE envelopes SET
        court_location = coalesce(demo->>'courtLocation', ''),
        case_category = coalesce(demo->'envelope'->'case'->>'category', ''),
        new_case = coalesce((demo->'envelope'->'case'->>'isNew')::boolean, false),
        filer_name = demo->'envelope'->>'filer',
        filing_codes = coalesce(ARRAY(SELECT f->>'filingCode' FROM jsonb_array_elements(demo->'envelope'->'filings') f WHERE f->>'filingCode' IS NOT NULL), '{}');
      CREATE INDEX envelopes_open_newest ON envelopes (submitted_at DESC, envelope_id DESC) WHERE NOT cancelled AND NOT complete;
      CREATE INDEX envelopes_open_location ON envelopes (court_location, submitted_at, envelope_id) WHERE NOT cancelled AND NOT complete;
      CREATE INDEX leases_holder ON leases (holder, expires_ms);
      CREATE TABLE docketing_exceptions (
        exception_id text PRIMARY KEY,
        envelope_id text NOT NULL REFERENCES envelopes,
        filing_id text NOT NULL,
        reason text NOT NULL,
        at text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'retried', 'resolved')),
        note text,
        handled_by text,
        retry jsonb NOT NULL
      );
      CREATE INDEX docketing_exceptions_open ON docketing_exceptions (at) WHERE status = 'open';
      CREATE TABLE filer_notifications (
        envelope_id text PRIMARY KEY,
        filer_account text NOT NULL,
        xml text NOT NULL,
        waiting_for text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('waiting', 'sending', 'delivered', 'not-reached')),
        attempts integer NOT NULL DEFAULT 0,
        updated_at text NOT NULL
      );
      CREATE INDEX filer_notifications_sending ON filer_notifications (status) WHERE status = 'sending'
    `,
  },
  {
    version: 3,
    name: 'docketing to the record system',
    sql: `
      ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
      ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('clerk', 'supervisor', 'court-it', 'filer', 'record-system'));
      CREATE TABLE cms_deliveries (
        message_id text PRIMARY KEY,
        seq bigserial UNIQUE,
        envelope_id text NOT NULL REFERENCES envelopes,
        filing_ids text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'answered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE INDEX cms_deliveries_pending ON cms_deliveries (seq) WHERE status = 'pending';
    `,
  },
  {
    version: 4,
    name: 'case numbers: the filed case and the case a clerk opened, looked up by number',
    sql: `
      CREATE INDEX envelopes_filed_case ON envelopes ((demo->'envelope'->'case'->>'number'));
      CREATE INDEX envelopes_opened_case ON envelopes ((assigned_case->>'caseNumber'))
    `,
  },
  {
    version: 5,
    name: 'CMS case assignment: DocumentStampInformation deliveries, held docketing, stamps owed until the number is known',
    sql: `
      ALTER TABLE cms_deliveries ADD COLUMN kind text NOT NULL DEFAULT 'record-docketing' CHECK (kind IN ('record-docketing', 'stamp-information'));
      ALTER TABLE cms_deliveries DROP CONSTRAINT cms_deliveries_status_check;
      ALTER TABLE cms_deliveries ADD CONSTRAINT cms_deliveries_status_check CHECK (status IN ('held', 'pending', 'sent', 'answered', 'failed'));
      ALTER TABLE envelopes ADD COLUMN case_assignment text CHECK (case_assignment IN ('awaiting-record-system', 'record-system', 'refused-by-record-system'));
      CREATE TABLE deferred_stamps (
        envelope_id text NOT NULL REFERENCES envelopes,
        document_id text NOT NULL,
        filing_id text NOT NULL,
        idempotency_key text NOT NULL REFERENCES submissions,
        request jsonb NOT NULL,
        PRIMARY KEY (envelope_id, document_id)
      )
    `,
  },
  {
    version: 6,
    name: "the filer's callback composed by the service after docketing: docket ids kept, the message composed when owed",
    sql: `
      ALTER TABLE docketing ADD COLUMN docket_id text;
      ALTER TABLE filer_notifications ALTER COLUMN xml DROP NOT NULL
    `,
  },
  {
    version: 7,
    name: "a supervisor's assignment: the envelope stays the assigned clerk's until they release it or it is moved again",
    sql: `
      ALTER TABLE leases ADD COLUMN assigned_by text
    `,
  },
  {
    version: 8,
    name: 'the service writes RecordDocketing and the filer\'s notice itself: the desktop-written copies are gone',
    sql: `
      ALTER TABLE submissions DROP COLUMN record_docketing_xml;
      ALTER TABLE submissions DROP COLUMN notify_xml
    `,
  },
  {
    version: 9,
    name: "queue changes: each envelope row knows the transaction that last changed it or its claim (incremental sync)",
    sql: [
      'ALTER TABLE envelopes ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()',
      'CREATE INDEX envelopes_changed ON envelopes (change_xid)',
      'CREATE INDEX leases_expiry ON leases (expires_ms)',
      `CREATE FUNCTION envelopes_touch() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.change_xid := pg_current_xact_id(); RETURN NEW; END $$`,
      'CREATE TRIGGER envelopes_touch BEFORE UPDATE ON envelopes FOR EACH ROW EXECUTE FUNCTION envelopes_touch()',
      ...touchesItsEnvelope('leases'),
      // Names this database in change tokens: a token from another database (a reset demo, a restored copy) is
      // answered with the whole queue, never with a wrong list of changes.
      "INSERT INTO counters (name, value) VALUES ('queue-epoch', floor(random() * 1e15)::bigint) ON CONFLICT (name) DO NOTHING",
    ],
  },
  {
    version: 10,
    name: 'a recorded decision changes its envelope for incremental sync (the queue shows partly decided envelopes)',
    sql: [
      ...touchesItsEnvelope('decisions'),
    ],
  },
  {
    version: 11,
    name: 'an envelope knows the ECF version it was filed in and keeps an ECF 4 filer\'s message as sent (#17)',
    sql: [
      "ALTER TABLE envelopes ADD COLUMN filed_as text NOT NULL DEFAULT '5.0' CHECK (filed_as IN ('5.0', '4.0'))",
      'ALTER TABLE envelopes ADD COLUMN filed_xml text',
      "ALTER TABLE filer_notifications ADD COLUMN ecf_version text NOT NULL DEFAULT '5.0' CHECK (ecf_version IN ('5.0', '4.0'))",
    ],
  },
];

/** Brings the database to the newest schema, one step per transaction; several services starting at once wait. */
export async function migrate(database: SqlDatabase): Promise<void> {
  await database.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
  for (const step of migrations) {
    await database.transaction(async (sql: Sql) => {
      if (database.kind === 'postgres') await sql.query('SELECT pg_advisory_xact_lock(4242001)');
      const done = await sql.query('SELECT 1 FROM schema_migrations WHERE version = $1', [step.version]);
      if (done.length > 0) return;
      const statements = typeof step.sql === 'string' ? step.sql.split(';').map((text) => text.trim()).filter(Boolean) : step.sql;
      for (const statement of statements) await sql.query(statement);
      await sql.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [step.version, step.name, new Date().toISOString()]);
    });
  }
}

/** The newest schema version this build knows. */
export const schemaVersion = migrations.at(-1)?.version ?? 0;
