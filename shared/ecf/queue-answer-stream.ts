import type { QueueItem, QueuePage } from '../domain/review-queue';
import type { Result } from '../result';
import { streamXml, type XmlError } from '../xml/safe-xml';
import { queueItemFields, queueItemFrom } from './clerk-review-service';
import { ns } from './namespaces';

/** What one streaming pass over a GetReviewQueue answer found. */
export type StreamedQueueAnswer =
  /** The page, and the WS-Security timestamp's Created (the EFM's clock), if the header had one. */
  | { readonly kind: 'page'; readonly page: QueuePage; readonly created: string | null }
  /** The Body holds something else (a Fault, say): the caller reads it with the DOM. */
  | { readonly kind: 'other' };

const envelopes = new Set<string>([ns.soap, ns.soap12]);
const itemFields = new Set<string>(queueItemFields.map((field) => field.element));
const listFields = new Set<string>(queueItemFields.filter((field) => field.kind === 'list').map((field) => field.element));
const pageFields = new Set(['TotalCount', 'RemovedEnvelopeID', 'NextCursor', 'ChangeToken', 'ChangesOnly']);

class NotSoap extends Error {}

/**
 * Reads a SOAP answer to GetReviewQueue in one streaming pass, building the queue items directly (no DOM): the
 * 5,000-item pages of a sync are read in a fraction of the DOM's time and memory. Namespace-checked as the DOM
 * reader is (`readQueueResponse`): only crd elements in their places count, anything else is skipped; the same
 * limits refuse hostile input. Signed answers are not read this way: their signature is checked over the DOM.
 */
export function readQueueAnswerStream(xml: string): Result<StreamedQueueAnswer, XmlError> {
  // The namespace and local name of each open element, by depth (index 0 is the root).
  const uris: string[] = [];
  const locals: string[] = [];
  let inBody = false;
  let other = false;
  let page: { totalCount: number; items: QueueItem[]; removed: string[]; nextCursor: string | null; changeToken: string | null; changesOnly: boolean } | null = null;
  let item: { fields: Map<string, string>; lists: Map<string, string[]> } | null = null;
  let notSoap = false;
  const seen = new Set<string>();
  let created: string | null = null;
  let textOf = '';
  let collecting = false;
  const result = streamXml(xml, {
    open(uri, local, depth) {
      uris[depth - 1] = uri;
      locals[depth - 1] = local;
      collecting = false;
      if (depth === 1 && (!envelopes.has(uri) || local !== 'Envelope')) {
        notSoap = true;
        throw new NotSoap();
      }
      if (depth === 2) inBody = envelopes.has(uri) && local === 'Body';
      if (depth === 3 && inBody) {
        if (page || other) other = true;
        else if (uri === ns.crd && local === 'GetReviewQueueResponse') page = { totalCount: 0, items: [], removed: [], nextCursor: null, changeToken: null, changesOnly: false };
        else other = true;
      }
      if (depth === 4 && page && !other && uri === ns.crd) {
        if (local === 'Item') item = { fields: new Map(), lists: new Map() };
        else if (pageFields.has(local)) collecting = true;
      }
      if (depth === 5 && item && uri === ns.crd && itemFields.has(local)) collecting = true;
      // The WS-Security timestamp: Header/Security/Timestamp/Created.
      if (depth === 5 && !inBody && uri === ns.wsu && local === 'Created' && uris[2] === ns.wsse && locals[2] === 'Security'
        && uris[3] === ns.wsu && locals[3] === 'Timestamp') collecting = true;
      textOf = '';
    },
    text(value) {
      if (collecting) textOf += value;
    },
    close(uri, local, depth) {
      const value = textOf.trim();
      if (collecting && depth === 5 && !inBody) created ??= value || null;
      else if (collecting && depth === 5 && item) {
        if (listFields.has(local)) item.lists.set(local, [...(item.lists.get(local) ?? []), value]);
        // The first of a repeated field counts, as with the DOM reader.
        else if (!item.fields.has(local)) item.fields.set(local, value);
      } else if (collecting && depth === 4 && page) {
        if (local === 'RemovedEnvelopeID') {
          if (value) page.removed.push(value);
        } else if (!seen.has(local)) {
          seen.add(local);
          if (local === 'TotalCount') page.totalCount = Number(value);
          else if (local === 'NextCursor') page.nextCursor = value || null;
          else if (local === 'ChangeToken') page.changeToken = value || null;
          else if (local === 'ChangesOnly') page.changesOnly = value === 'true';
        }
      }
      if (depth === 4 && item && page && uri === ns.crd && local === 'Item') {
        page.items.push(queueItemOf(item));
        item = null;
      }
      collecting = false;
      textOf = '';
    },
  });
  // Not a SOAP envelope at all: the DOM reader says so in its own words.
  if (notSoap) return { ok: true, value: { kind: 'other' } };
  if (!result.ok) return result;
  if (other || !page) return { ok: true, value: { kind: 'other' } };
  const found: typeof page = page;
  return { ok: true, value: { kind: 'page', page: found, created } };
}

function queueItemOf({ fields, lists }: { fields: Map<string, string>; lists: Map<string, string[]> }): QueueItem {
  // As the DOM reader's textAt: trimmed, and an empty element is no value.
  return queueItemFrom((name) => fields.get(name) || null, (name) => lists.get(name) ?? []);
}
