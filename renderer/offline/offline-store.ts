import { courtPolicy, filingCorrections } from '../data/court-policy';
import { documentContentSchema, envelopeDetailSchema, type DocumentContent, type EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { offlineCopyBounds } from '../../shared/settings';
import { hasConfidentialDocuments } from '../../shared/domain/envelope';
import { seal, sealJson, unseal, unsealJson } from './at-rest-cipher';
import type { Lease } from '../../shared/domain/review-queue';
import { getApi } from '../app/api';
import { offlineLeaseMinutes } from '../../shared/domain/supervision';
import { db } from '../db/db';

/** Lease asked for envelopes taken for offline work: a working day. */
export { offlineLeaseMinutes };

/** What a "make available offline" run did. */
export interface OfflineOutcome {
  readonly envelopes: number;
  readonly documents: number;
  readonly bytes: number;
  readonly skipped: readonly { envelopeId: string; reason: string }[];
}

/**
 * Takes envelopes for offline work: claims each with a long lease, then stores the envelope, every document (bytes,
 * SHA-256-checked by the main process) and the court policy with its code lists in IndexedDB, so review, case
 * assignment, stamping and decisions work with the EFM unreachable. Envelope and documents are sealed (AES-256-GCM,
 * key held by the main process) and kept for the court's offline-copy days at most, by `username` (wiped when that
 * clerk signs out). One that cannot be claimed is skipped, with why.
 */
export async function makeAvailableOffline(envelopeIds: readonly string[], username: string, onProgress: (done: number) => void = () => undefined): Promise<OfflineOutcome> {
  const api = getApi();
  const store = db();
  const policy = await courtPolicy();
  const settings = await api.settings.get();
  const days = settings.ok ? settings.value.offlineCopyDays : offlineCopyBounds.default;
  const expiresAt = Date.now() + days * 24 * 60 * 60 * 1000;
  let documents = 0;
  let bytes = 0;
  const skipped: { envelopeId: string; reason: string }[] = [];
  for (const [index, envelopeId] of envelopeIds.entries()) {
    const lease = await api.claim.acquire({ envelopeId, leaseMinutes: offlineLeaseMinutes });
    if (!lease.ok) {
      skipped.push({ envelopeId, reason: lease.error.message });
      continue;
    }
    const detail = await api.envelope.get({ envelopeId });
    if (!detail.ok) {
      skipped.push({ envelopeId, reason: detail.error.message });
      continue;
    }
    if (hasConfidentialDocuments(detail.value.envelope)) {
      // Sealed or confidential filings stay on the EFM: the claim goes back at once.
      await api.claim.release({ envelopeId, fencingToken: lease.value.fencingToken });
      skipped.push({ envelopeId, reason: 'it holds sealed or confidential documents, which are never kept on a workstation' });
      continue;
    }
    const contents: DocumentContent[] = [];
    for (const info of detail.value.documents) {
      const content = await api.document.get({ envelopeId, documentId: info.documentId });
      if (!content.ok) break;
      contents.push(content.value);
    }
    if (contents.length !== detail.value.documents.length) {
      skipped.push({ envelopeId, reason: 'a document could not be downloaded' });
      continue;
    }
    // The filing-code corrections for this case's kind, so a wrong code can be corrected offline too.
    if (policy) await filingCorrections(policy, detail.value.envelope.case.category, detail.value.envelope.case.type);
    const sealed = await sealJson({ ...detail.value, lease: lease.value });
    const sealedDocuments = await Promise.all(contents.map(async ({ bytes, ...meta }) => ({
      key: `${envelopeId}/${meta.documentId}`, envelopeId, expiresAt, sealedMeta: await sealJson(meta), sealedBytes: await seal(bytes),
    })));
    await store.transaction('rw', store.envelopes, store.documents, async () => {
      await store.envelopes.put({ envelopeId, sealed, cachedAt: new Date().toISOString(), expiresAt, heldBy: username, lease: lease.value });
      await store.documents.bulkPut(sealedDocuments);
    });
    documents += contents.length;
    bytes += contents.reduce((sum, content) => sum + content.bytes.length, 0);
    onProgress(index + 1);
  }
  return { envelopes: envelopeIds.length - skipped.length, documents, bytes, skipped };
}

/** The envelope as stored for offline work, or null (none, expired, or not readable with this workstation's key). */
export async function offlineEnvelope(envelopeId: string): Promise<{ detail: EnvelopeDetail; lease: Lease | null } | null> {
  const cached = await db().envelopes.get(envelopeId);
  if (!cached || cached.expiresAt <= Date.now()) return null;
  const detail = envelopeDetailSchema.safeParse(await unsealJson(cached.sealed));
  return detail.success ? { detail: detail.data, lease: cached.lease } : null;
}

/** A document stored for offline work, or null. */
export async function offlineDocument(envelopeId: string, documentId: string): Promise<DocumentContent | null> {
  const cached = await db().documents.get(`${envelopeId}/${documentId}`);
  if (!cached || cached.expiresAt <= Date.now()) return null;
  const [meta, bytes] = await Promise.all([unsealJson(cached.sealedMeta), unseal(cached.sealedBytes)]);
  const content = documentContentSchema.safeParse(meta && bytes ? { ...(meta as object), bytes } : null);
  return content.success ? content.data : null;
}

/**
 * Wipes offline copies: those a clerk took (on that clerk's sign-out), those past the court's days, or all of them
 * (on command). Returns how many envelopes went.
 */
export async function wipeOffline(which: { readonly heldBy: string } | 'expired' | 'all'): Promise<number> {
  const store = db();
  return store.transaction('rw', store.envelopes, store.documents, async () => {
    const doomed = which === 'all' ? await store.envelopes.toArray()
      : which === 'expired' ? await store.envelopes.where('expiresAt').belowOrEqual(Date.now()).toArray()
        : await store.envelopes.where('heldBy').equals(which.heldBy).toArray();
    const ids = doomed.map((entry) => entry.envelopeId);
    await store.envelopes.bulkDelete(ids);
    await store.documents.where('envelopeId').anyOf(ids).delete();
    if (which === 'expired') await store.documents.where('expiresAt').belowOrEqual(Date.now()).delete();
    return ids.length;
  });
}

/** Drops an envelope's offline copy once its review is delivered (its decisions stay in the outbox for the record). */
export async function forgetOffline(envelopeId: string): Promise<void> {
  const store = db();
  await store.transaction('rw', store.envelopes, store.documents, async () => {
    await store.envelopes.delete(envelopeId);
    await store.documents.where('envelopeId').equals(envelopeId).delete();
  });
}

/** True when an EFM error means "not reachable now" (use the offline copy) rather than a real answer. */
export function isOfflineError(code: string): boolean {
  return code === 'efm-unreachable' || code === 'efm-timeout';
}
