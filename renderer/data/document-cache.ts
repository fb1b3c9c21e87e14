import type { AppError } from '../../shared/errors';
import type { DocumentContent } from '../../shared/ipc/efm-schemas';
import type { Result } from '../../shared/result';
import { getApi } from '../app/api';
import { isOfflineError, offlineDocument } from '../offline/offline-store';

const cache = new Map<string, DocumentContent>();
// Downloads under way: the viewer asking for a document the prefetch is still fetching waits for that download.
const inFlight = new Map<string, Promise<Result<DocumentContent, AppError>>>();
const limit = 40;

/**
 * A document's bytes, from memory when this sitting already fetched them (the viewer and the stamping of the same
 * document share one download, and a document shown before an EFM outage can still be stamped during it), or from
 * the offline copy when the EFM cannot be reached.
 */
export async function fetchDocument(envelopeId: string, documentId: string): Promise<Result<DocumentContent, AppError>> {
  const key = `${envelopeId}/${documentId}`;
  const cached = cache.get(key);
  if (cached) return { ok: true, value: cached };
  const pending = inFlight.get(key);
  if (pending) return pending;
  const download = downloadDocument(key, envelopeId, documentId);
  inFlight.set(key, download);
  try {
    return await download;
  } finally {
    inFlight.delete(key);
  }
}

async function downloadDocument(key: string, envelopeId: string, documentId: string): Promise<Result<DocumentContent, AppError>> {
  const result = await getApi().document.get({ envelopeId, documentId });
  if (!result.ok && isOfflineError(result.error.code)) {
    // Taken for offline work: the copy in IndexedDB (checked against the EFM's hash when it was stored).
    const stored = await offlineDocument(envelopeId, documentId);
    if (stored) return { ok: true, value: stored };
  }
  if (result.ok) {
    cache.set(key, result.value);
    // Oldest first out: keep memory bounded on long days.
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
  }
  return result;
}
