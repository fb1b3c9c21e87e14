import { getApi } from '../app/api';
import { fetchDocument } from './document-cache';

const started = new Set<string>();
const kept = 20;

/**
 * Fetches, in the background, the first document of an envelope the clerk is about to open (the queue row under
 * the pointer or the keyboard), so the viewer draws it from memory. Only the document is kept: it is immutable and
 * checked against the EFM's hash; the envelope itself (claims, decisions) is always read fresh when opened.
 */
export function prefetchFirstDocument(envelopeId: string): void {
  if (started.has(envelopeId)) return;
  started.add(envelopeId);
  if (started.size > kept) started.delete(started.values().next().value as string);
  void getApi().envelope.get({ envelopeId }).then(async (answer) => {
    const documentId = answer.ok ? answer.value.envelope.filings[0]?.leadDocument.id : undefined;
    if (documentId) await fetchDocument(envelopeId, documentId);
  }).catch(() => started.delete(envelopeId));
}
