import { getApi } from '../app/api';
import { fetchDocument } from './document-cache';

const started = new Set<string>();
const firstDocuments = new Map<string, string>();
const kept = 20;

/** The first filing's lead document of an envelope, when the queue or a prefetch has said which it is. */
export function knownFirstDocument(envelopeId: string): string | null {
  return firstDocuments.get(envelopeId) ?? null;
}

/**
 * Fetches, in the background, the first document of an envelope the clerk is about to open (the queue row under
 * the pointer or the keyboard), and opens it in pdf.js, so the viewer draws it from memory. Only the document is
 * kept: it is immutable and checked against the EFM's hash; the envelope itself (claims, decisions) is always read
 * fresh when opened. Opening an envelope calls it too, so the document downloads while the envelope and the claim
 * are asked for.
 */
export function prefetchFirstDocument(envelopeId: string, firstDocumentId?: string | null): void {
  if (started.has(envelopeId)) return;
  started.add(envelopeId);
  if (started.size > kept) started.delete(started.values().next().value as string);
  // The queue names the first document (services since FirstDocumentID): fetched at once. Otherwise the envelope
  // says which it is.
  const documentId = firstDocumentId
    ? Promise.resolve(firstDocumentId)
    : getApi().envelope.get({ envelopeId }).then((answer) => (answer.ok ? answer.value.envelope.filings[0]?.leadDocument.id : undefined));
  void documentId.then(async (id) => {
    if (!id) return;
    firstDocuments.set(envelopeId, id);
    if (firstDocuments.size > kept) firstDocuments.delete(firstDocuments.keys().next().value as string);
    const result = await fetchDocument(envelopeId, id);
    if (!result.ok) return void started.delete(envelopeId);
    // Opened in pdf.js too (its worker is already running while the queue is shown): the viewer starts at drawing.
    const { openAhead } = await import('../pdf/opened-ahead');
    openAhead(envelopeId, id, result.value.bytes);
  }).catch(() => started.delete(envelopeId));
}
