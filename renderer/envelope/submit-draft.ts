import { normaliseCaseNumber } from '../../shared/domain/clerk-text';
import { freeTextRejectionReason, type CourtPolicy } from '../../shared/domain/court-policy';
import { courtNow } from '../data/efm-clock';
import type { Envelope } from '../../shared/domain/envelope';
import type { Lease } from '../../shared/domain/review-queue';
import type { Settings } from '../../shared/settings';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import { fetchDocument } from '../data/document-cache';
import { db } from '../db/db';
import { deliverPending, enqueueReview } from '../outbox/outbox';
import { stampInWorker } from '../stamp/stamp-client';
import type { DeferredStamp } from '../../shared/stamp/deferred-stamp';
import { newlyDecided, numberedByRecordSystem, type CaseAssignmentDraft, type DecisionDraft, type EarlierEpisodes } from './review-draft';

/** The outcome of a submit, in words for the clerk. */
export type SubmitOutcome = { ok: true; message: string; delivered: boolean; envelopeComplete: boolean } | { ok: false; message: string };

/**
 * Submits one review episode: the filings decided since the last one. Stamps the lead document of every accepted filing with the court's default templates (in the stamping worker),
 * then submits decisions, case assignment and stamped renditions. The idempotency key is the caller's, so a retry
 * of the same review can never be applied twice.
 */
export async function submitDraft(input: {
  envelope: Envelope;
  /** Decisions and case assignment from earlier episodes, as the EFM reported them. */
  earlier: EarlierEpisodes;
  lease: Lease;
  decisions: ReadonlyMap<string, DecisionDraft>;
  assignment: CaseAssignmentDraft;
  policy: CourtPolicy;
  settings: Settings;
  username: string;
  /** The clerk's name as the EFM knows it (WhoAmI at sign-in): what the stamp prints. */
  clerkName: string;
  idempotencyKey: string;
  courtSealPng: Uint8Array | null;
  /** Per lead document, where the clerk moved each template in the preview. */
  placements?: ReadonlyMap<string, Readonly<Record<string, StampPlacement>>>;
}): Promise<SubmitOutcome> {
  const decidedAt = courtNow().toISOString();
  const caseNumber = input.earlier.assignedCase?.caseNumber ?? (input.envelope.case.isNew ? normaliseCaseNumber(input.assignment.caseNumber) : (input.envelope.case.number ?? ''));
  const filings = newlyDecided(input.envelope, input.decisions, input.earlier);
  const templates = input.settings.stampTemplates.filter((template) => input.settings.defaultStampTemplateIds.includes(template.id));
  const stamped: { documentId: string; sha256: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  const deferredStamps: DeferredStamp[] = [];
  // Seed 000, CMS Case Assignment: the record system numbers the case, so the service stamps once it has.
  const byRecordSystem = numberedByRecordSystem(input.envelope, input.policy, input.earlier);
  let accepts = false;
  for (const filing of filings) {
    if (input.decisions.get(filing.id)?.outcome !== 'accepted') continue;
    accepts = true;
    if (byRecordSystem) {
      const jobs = templates.map((template) => ({ template, placement: input.placements?.get(filing.leadDocument.id)?.[template.id] ?? null }));
      const fields = { status: 'FILED', court: input.policy.courtName, datetime: decidedAt, timeZone: input.policy.timeZone, clerk: input.clerkName, envelopeId: input.envelope.id, filingId: filing.id };
      if (jobs.length > 0) deferredStamps.push({ documentId: filing.leadDocument.id, filingId: filing.id, jobs, fields });
      continue;
    }
    const original = await fetchDocument(input.envelope.id, filing.leadDocument.id);
    if (!original.ok) return { ok: false, message: `Could not fetch ${filing.leadDocument.title ?? filing.id} to stamp it: ${original.error.message}` };
    const outcome = await stampInWorker(original.value.bytes, {
      jobs: templates.map((template) => ({ template, placement: input.placements?.get(filing.leadDocument.id)?.[template.id] ?? null })),
      fields: { status: 'FILED', court: input.policy.courtName, datetime: decidedAt, timeZone: input.policy.timeZone, clerk: input.clerkName, caseNumber, envelopeId: input.envelope.id, filingId: filing.id },
      courtSealPng: input.courtSealPng,
    });
    if (!outcome.ok) return { ok: false, message: `${filing.leadDocument.title ?? filing.id} cannot be stamped: ${outcome.message} ${outcome.inspection.suggestedAction}` };
    // Bytes from the worker are a fresh, unshared ArrayBuffer.
    stamped.push({ documentId: filing.leadDocument.id, sha256: outcome.stampedSha256, bytes: outcome.bytes as Uint8Array<ArrayBuffer> });
  }
  const payload = {
    envelopeId: input.envelope.id,
    fencingToken: input.lease.fencingToken,
    idempotencyKey: input.idempotencyKey,
    decidedAt,
    decisions: filings.map((filing) => {
      const draft = input.decisions.get(filing.id);
      return draft?.outcome === 'rejected'
        ? { outcome: 'rejected' as const, filingId: filing.id, reasonCode: draft.reasonCode || freeTextRejectionReason, note: draft.note.trim() }
        : { outcome: 'accepted' as const, filingId: filing.id, correctedFilingCode: draft?.correctedFilingCode || null, note: draft?.note.trim() || null };
    }),
    caseAssignment: input.envelope.case.isNew && accepts && !input.earlier.assignedCase && !byRecordSystem
      ? { caseNumber, trackingId: null, title: input.assignment.title.trim(), courtLocation: input.assignment.courtLocation.trim(), judge: input.assignment.judge.trim() }
      : null,
    stamped,
    deferredStamps,
  };
  // On disk first (review + outbox, one transaction), then delivered: a crash or an EFM outage loses nothing.
  try {
    await enqueueReview(payload, input.username);
  } catch (cause) {
    return { ok: false, message: `Your decisions were NOT saved: ${(cause as Error).message}. Free disk space or check the workstation, then submit again.` };
  }
  const entry = (await deliverPending(payload.idempotencyKey)) ?? (await db().outbox.get(payload.idempotencyKey));
  const left = input.envelope.filings.length - input.earlier.recorded.length - filings.length;
  const envelopeComplete = left === 0;
  const what = `${filings.length} ${filings.length === 1 ? 'decision' : 'decisions'}`;
  if (entry?.status === 'sent') return { ok: true, delivered: true, envelopeComplete, message: envelopeComplete ? `Submitted ${what}; the envelope's review is complete.` : `Submitted ${what}; ${left} ${left === 1 ? 'filing is' : 'filings are'} left for later.` };
  if (entry?.status === 'failed') return { ok: false, message: `Not submitted: ${entry.lastError ?? 'refused by the EFM'}. Your decisions are kept on this workstation for the record; go back to the queue to see who has the envelope now, or ask your supervisor.` };
  return { ok: true, delivered: false, envelopeComplete, message: `Saved on this workstation. The EFM did not take it yet (${entry?.lastError ?? 'not reachable'}); it will be sent automatically.` };
}
