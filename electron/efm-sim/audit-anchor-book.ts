import { createPublicKey, verify } from 'node:crypto';
import { auditHeadStatement, type AuditAnchor } from '../../shared/domain/audit';
import type { SignedAuditHead } from '../../shared/ecf/audit-anchor-messages';
import type { Sql } from '../service/db/sql-database';
import { clientFault } from './sim-fault';

interface WorkstationRow {
  [column: string]: unknown;
  public_key: string;
  last_anchor: AuditAnchor | null;
  earlier_keys: string[];
}

/**
 * The EFM's record of workstations' audit heads (table `audit_workstations`). The first anchor registers the
 * workstation's public key; every anchor must be signed by it, and a head may never go back (a lower sequence, or the
 * same sequence with another hash, means the local log was rewritten): such an anchor is refused and the last good one
 * stays. A workstation that comes back with a new key (its keychain was reset) is accepted, the earlier key kept.
 */
export class AuditAnchorBook {
  constructor(private readonly now: () => number) {}

  /** Records a signed head; throws a client fault when it is not signed by the workstation or goes back. */
  async anchor(sql: Sql, head: SignedAuditHead): Promise<AuditAnchor> {
    if (!verifies(head)) throw clientFault('invalid-request', 'The audit head is not signed by the key it names');
    const [known] = await sql.query<WorkstationRow>('SELECT * FROM audit_workstations WHERE workstation_id = $1 FOR UPDATE', [head.workstationId]);
    const last = known?.last_anchor ?? null;
    if (last && (head.seq < last.seq || (head.seq === last.seq && head.hash !== last.hash))) {
      throw clientFault('invalid-request', `Workstation ${head.workstationId} reported audit record ${head.seq}, but record ${last.seq} was anchored before: its audit log was rewritten`);
    }
    const anchor: AuditAnchor = { workstationId: head.workstationId, seq: head.seq, hash: head.hash, at: head.at, anchoredAt: new Date(this.now()).toISOString() };
    const earlier = known && known.public_key !== head.publicKey ? [...known.earlier_keys, known.public_key] : (known?.earlier_keys ?? []);
    await sql.query(
      `INSERT INTO audit_workstations (workstation_id, public_key, last_anchor, earlier_keys) VALUES ($1, $2, $3::jsonb, $4::jsonb)
       ON CONFLICT (workstation_id) DO UPDATE SET public_key = $2, last_anchor = $3::jsonb, earlier_keys = $4::jsonb`,
      [head.workstationId, head.publicKey, JSON.stringify(anchor), JSON.stringify(earlier)],
    );
    return anchor;
  }

  /** The last anchor of a workstation, or null. */
  async last(sql: Sql, workstationId: string): Promise<AuditAnchor | null> {
    const [row] = await sql.query<WorkstationRow>('SELECT last_anchor FROM audit_workstations WHERE workstation_id = $1', [workstationId]);
    return row?.last_anchor ?? null;
  }
}

function verifies(head: SignedAuditHead): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(head.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(auditHeadStatement(head), 'utf8'), key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}
