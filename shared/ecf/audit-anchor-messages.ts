import type { Element } from '@xmldom/xmldom';
import type { AuditAnchor, AuditHead } from '../domain/audit';
import { child, textAt } from '../xml/xml-query';
import { el, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

/**
 * The audit-anchor operations of our clerk-review extension service (schemas/clerk-review.xsd): a workstation sends
 * the signed head of its audit chain (with its public key, registered on first use), and asks for the last head the
 * EFM recorded, so a rewrite, truncation or deletion of the local log before that point is found. Both directions.
 */
const { crd } = ns;

/** A signed head as AnchorAuditLog carries it. */
export interface SignedAuditHead extends AuditHead {
  /** The workstation's Ed25519 public key, SPKI DER in base64. */
  readonly publicKey: string;
  /** Ed25519 signature of {@link auditHeadStatement}, base64. */
  readonly signature: string;
}

/** `crd:AnchorAuditLogRequest`. */
export function anchorRequestElement(head: SignedAuditHead): XmlElement {
  return el(crd, 'AnchorAuditLogRequest',
    el(crd, 'WorkstationID', head.workstationId),
    el(crd, 'PublicKey', head.publicKey),
    el(crd, 'Sequence', String(head.seq)),
    el(crd, 'ChainHash', head.hash),
    el(crd, 'HeadDateTime', head.at),
    el(crd, 'Signature', head.signature));
}

/** Reads `crd:AnchorAuditLogRequest`; null when a field is missing. */
export function readAnchorRequest(request: Element): SignedAuditHead | null {
  const field = (name: string): string | null => textAt(request, [crd, name]);
  const workstationId = field('WorkstationID');
  const publicKey = field('PublicKey');
  const seq = field('Sequence');
  const hash = field('ChainHash');
  const at = field('HeadDateTime');
  const signature = field('Signature');
  if (!workstationId || !publicKey || seq === null || !hash || !at || !signature || !/^\d+$/.test(seq)) return null;
  return { workstationId, publicKey, seq: Number(seq), hash, at, signature };
}

/** `crd:GetAuditAnchorRequest`. */
export function getAnchorRequestElement(workstationId: string): XmlElement {
  return el(crd, 'GetAuditAnchorRequest', el(crd, 'WorkstationID', workstationId));
}

/** The workstation a `crd:GetAuditAnchorRequest` asks about. */
export function readGetAnchorRequest(request: Element): string | null {
  return textAt(request, [crd, 'WorkstationID']);
}

/** `crd:AuditAnchorResponse`: the last anchor recorded for the workstation, if any. */
export function anchorResponseElement(anchor: AuditAnchor | null): XmlElement {
  return el(crd, 'AuditAnchorResponse', anchor ? el(crd, 'Anchor',
    el(crd, 'WorkstationID', anchor.workstationId),
    el(crd, 'Sequence', String(anchor.seq)),
    el(crd, 'ChainHash', anchor.hash),
    el(crd, 'HeadDateTime', anchor.at),
    el(crd, 'AnchoredDateTime', anchor.anchoredAt)) : null);
}

/** Reads `crd:AuditAnchorResponse`: the anchor, null when none is recorded, undefined when the answer is malformed. */
export function readAnchorResponse(response: Element): AuditAnchor | null | undefined {
  const anchor = child(response, crd, 'Anchor');
  if (!anchor) return null;
  const seq = textAt(anchor, [crd, 'Sequence']) ?? '';
  const fields = { workstationId: textAt(anchor, [crd, 'WorkstationID']), hash: textAt(anchor, [crd, 'ChainHash']), at: textAt(anchor, [crd, 'HeadDateTime']), anchoredAt: textAt(anchor, [crd, 'AnchoredDateTime']) };
  if (!/^\d+$/.test(seq) || !fields.workstationId || !fields.hash || !fields.at || !fields.anchoredAt) return undefined;
  return { workstationId: fields.workstationId, seq: Number(seq), hash: fields.hash, at: fields.at, anchoredAt: fields.anchoredAt };
}
