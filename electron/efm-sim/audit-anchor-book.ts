import { createPublicKey, verify } from 'node:crypto';
import { auditHeadStatement, type AuditAnchor } from '../../shared/domain/audit';
import type { SignedAuditHead } from '../../shared/ecf/audit-anchor-messages';
import { clientFault } from './sim-fault';

/** A workstation's registered key and anchors, as the EFM keeps them. */
interface Workstation {
  publicKey: string;
  last: AuditAnchor | null;
  /** Earlier keys of this workstation (a keychain reset makes a new one); kept for the record. */
  readonly earlierKeys: string[];
}

/**
 * The EFM's record of workstations' audit heads. The first anchor registers the workstation's public key; every
 * anchor must be signed by it, and a head may never go back (a lower sequence, or the same sequence with another
 * hash, means the local log was rewritten): such an anchor is refused and the last good one stays. A workstation
 * that comes back with a new key (its keychain was reset) is accepted, the earlier key kept for the record.
 */
export class AuditAnchorBook {
  readonly #workstations = new Map<string, Workstation>();

  constructor(private readonly now: () => number) {}

  /** Records a signed head; throws a client fault when it is not signed by the workstation or goes back. */
  anchor(head: SignedAuditHead): AuditAnchor {
    if (!verifies(head)) throw clientFault('invalid-request', 'The audit head is not signed by the key it names');
    const known = this.#workstations.get(head.workstationId);
    const last = known?.last ?? null;
    if (last && (head.seq < last.seq || (head.seq === last.seq && head.hash !== last.hash))) {
      throw clientFault('invalid-request', `Workstation ${head.workstationId} reported audit record ${head.seq}, but record ${last.seq} was anchored before: its audit log was rewritten`);
    }
    const anchor: AuditAnchor = { workstationId: head.workstationId, seq: head.seq, hash: head.hash, at: head.at, anchoredAt: new Date(this.now()).toISOString() };
    if (!known) this.#workstations.set(head.workstationId, { publicKey: head.publicKey, last: anchor, earlierKeys: [] });
    else {
      if (known.publicKey !== head.publicKey) {
        known.earlierKeys.push(known.publicKey);
        known.publicKey = head.publicKey;
      }
      known.last = anchor;
    }
    return anchor;
  }

  /** The last anchor of a workstation, or null. */
  last(workstationId: string): AuditAnchor | null {
    return this.#workstations.get(workstationId)?.last ?? null;
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
