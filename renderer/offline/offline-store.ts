import { courtPolicySchema, type CourtPolicy } from '../../shared/domain/court-policy';
import type { DocumentContent, EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import type { Lease } from '../../shared/domain/review-queue';
import { getApi } from '../app/api';
import { db } from '../db/db';

/** Lease asked for envelopes taken for offline work: a working day. */
export const offlineLeaseMinutes = 480;

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
 * assignment, stamping and decisions work with the EFM unreachable. One that cannot be claimed is skipped, with why.
 */
export async function makeAvailableOffline(envelopeIds: readonly string[], onProgress: (done: number) => void = () => undefined): Promise<OfflineOutcome> {
  const api = getApi();
  const store = db();
  const policy = await api.policy.get();
  if (policy.ok) await store.meta.put({ key: 'policy', value: JSON.stringify(policy.value) });
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
    await store.transaction('rw', store.envelopes, store.documents, async () => {
      await store.envelopes.put({ envelopeId, detail: { ...detail.value, lease: lease.value }, cachedAt: new Date().toISOString(), lease: lease.value });
      await store.documents.bulkPut(contents.map((content) => ({ key: `${envelopeId}/${content.documentId}`, envelopeId, content })));
    });
    documents += contents.length;
    bytes += contents.reduce((sum, content) => sum + content.bytes.length, 0);
    onProgress(index + 1);
  }
  return { envelopes: envelopeIds.length - skipped.length, documents, bytes, skipped };
}

/** The envelope as stored for offline work, or null. */
export async function offlineEnvelope(envelopeId: string): Promise<{ detail: EnvelopeDetail; lease: Lease | null } | null> {
  const cached = await db().envelopes.get(envelopeId);
  return cached ? { detail: cached.detail, lease: cached.lease } : null;
}

/** A document stored for offline work, or null. */
export async function offlineDocument(envelopeId: string, documentId: string): Promise<DocumentContent | null> {
  return (await db().documents.get(`${envelopeId}/${documentId}`))?.content ?? null;
}

/** The court policy (with code lists) as last stored, or null. */
export async function offlinePolicy(): Promise<CourtPolicy | null> {
  const stored = await db().meta.get('policy');
  if (!stored) return null;
  const parsed = courtPolicySchema.safeParse(JSON.parse(stored.value));
  return parsed.success ? parsed.data : null;
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
