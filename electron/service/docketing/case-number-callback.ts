import type { Element } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import type { WireAssignedCase } from '../../../shared/ecf/clerk-review-service';
import { ns } from '../../../shared/ecf/namespaces';
import { readNotifyDocumentStampInformation, type RecordSystemCase } from '../../../shared/ecf/stamp-information-messages';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { nodeSha256Stream } from '../../app/node-sha256';
import type { DeferredStamp } from '../../../shared/stamp/deferred-stamp';
import { children } from '../../../shared/xml/xml-query';
import { clientFault } from '../../efm-sim/sim-fault';
import type { SqlDatabase } from '../db/sql-database';
import { caseAssignments } from '../store/case-assignments';
import { reviewRecords } from '../store/review-records';
import type { CmsDeliveries } from './cms-deliveries';
import { recordDocketingOutcome } from './docketing-callback';

/** What the service needs to take a NotifyDocumentStampInformation. */
export interface CaseNumberCallbackContext {
  readonly database: SqlDatabase;
  readonly deliveries: CmsDeliveries;
  readonly now: () => number;
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** A document as filed, to stamp. */
  readonly original: (envelopeId: string, documentId: string) => Promise<{ readonly bytes: Uint8Array } | null>;
  /** The court seal for templates that show it. */
  readonly courtSealPng: () => Promise<Uint8Array | null>;
}

/**
 * NotifyDocumentStampInformation from the court record system (seed 000, CMS Case Assignment, steps 4–7): the case
 * it opened for a new-case filing. The service stamps the accepted documents with the clerk's templates and the
 * record system's number (the same engine the desktop stamps with), makes that case the envelope's, and releases
 * the RecordDocketing held for it, all recorded in one transaction. When the record system opened no case, the
 * accepted filings go to the exception queue with its reason. A callback sent again is answered and changes nothing.
 */
export async function receiveCaseNumberCallback(body: Element, context: CaseNumberCallbackContext): Promise<void> {
  const messages = children(body, ns.stampinformationcallback, 'NotifyDocumentStampInformationMessage');
  if (messages.length === 0) throw clientFault('invalid-request', 'NotifyDocumentStampInformation holds no stampinformationcallback:NotifyDocumentStampInformationMessage');
  for (const message of messages) {
    if (context.validateEcf) {
      const validation = await context.validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`);
      if (!validation.valid) throw clientFault('invalid-ecf-message', `The NotifyDocumentStampInformationMessage is not schema-valid: ${validation.output.slice(0, 500)}`);
    }
    const read = readNotifyDocumentStampInformation(message);
    if (!read.ok) throw clientFault('invalid-ecf-message', read.error.message);
    const requestId = read.value.requestMessageId;
    if (!requestId) throw clientFault('invalid-request', 'The callback does not name the DocumentStampInformation it answers (an nc:DocumentIdentification whose source is FilingReview)');
    const delivery = await context.deliveries.get(context.database, requestId);
    if (!delivery || delivery.kind !== 'stamp-information') throw clientFault('not-found', `This court sent no DocumentStampInformation ${requestId}`);
    if ((await caseAssignments.state(context.database, delivery.envelopeId)) !== 'awaiting-record-system') continue;
    const at = new Date(context.now()).toISOString();
    const assigned = read.value.assigned;
    if (!assigned) {
      await context.database.transaction(async (sql) => {
        await reviewRecords.lockEnvelope(sql, delivery.envelopeId);
        if ((await caseAssignments.state(sql, delivery.envelopeId)) !== 'awaiting-record-system') return;
        await caseAssignments.refused(sql, delivery.envelopeId);
        const held = (await context.deliveries.ofEnvelope(sql, delivery.envelopeId)).filter((d) => d.status === 'held');
        await context.deliveries.dropHeld(sql, delivery.envelopeId);
        const reason = `The court record system did not open the case: ${read.value.refusal ?? 'no reason given'}`;
        for (const filingId of new Set([...delivery.filingIds, ...held.flatMap((d) => d.filingIds)])) {
          await recordDocketingOutcome(sql, delivery.envelopeId, { filingId, docketed: false, docketId: null, reason }, at);
        }
        await context.deliveries.answered(sql, requestId);
      });
      continue;
    }
    // Stamping is CPU work on documents already on record: done before the transaction, kept only if it commits.
    const owed = await caseAssignments.owedStamps(context.database, delivery.envelopeId);
    const stamped: { idempotencyKey: string; documentId: string; sha256: string; bytes: Uint8Array }[] = [];
    const unstamped: string[] = [];
    for (const { idempotencyKey, stamp } of owed) {
      const result = await stampFor(stamp, assigned.caseNumber, delivery.envelopeId, context);
      if (typeof result === 'string') unstamped.push(`${stamp.documentId}: ${result}`);
      else stamped.push({ idempotencyKey, documentId: stamp.documentId, ...result });
    }
    await context.database.transaction(async (sql) => {
      const stored = await reviewRecords.lockEnvelope(sql, delivery.envelopeId);
      if (!stored || (await caseAssignments.state(sql, delivery.envelopeId)) !== 'awaiting-record-system') return;
      await caseAssignments.numbered(sql, delivery.envelopeId, assignedCaseOf(assigned, stored.demo.envelope.case.title), stamped);
      await reviewRecords.record(sql, delivery.envelopeId, { at, actor: 'court record system', action: 'case-numbered', detail: `opened case ${assigned.caseNumber}` });
      for (const s of stamped) await reviewRecords.record(sql, delivery.envelopeId, { at, actor: 'Filing Review service', action: 'stamped', detail: `${s.documentId} (SHA-256 ${s.sha256.slice(0, 12)}…)` });
      for (const problem of unstamped) await reviewRecords.record(sql, delivery.envelopeId, { at, actor: 'Filing Review service', action: 'stamped', detail: `not stamped, docketed as filed: ${problem}` });
      await context.deliveries.answered(sql, requestId);
      await context.deliveries.releaseHeld(sql, delivery.envelopeId);
    });
  }
  context.deliveries.sendOwed();
}

/** The case the envelope now has, by the codes the record system gave (empty where it gave none). */
function assignedCaseOf(assigned: RecordSystemCase, filedTitle: string | null): WireAssignedCase {
  return {
    caseNumber: assigned.caseNumber,
    title: assigned.title ?? filedTitle ?? '',
    courtLocation: assigned.courtLocation ?? '',
    judge: assigned.judge?.code ?? assigned.judge?.name ?? '',
    assignedBy: 'record-system',
  };
}

/** Stamps one document as the clerk chose, with the record system's number; the reason when it cannot. */
async function stampFor(stamp: DeferredStamp, caseNumber: string, envelopeId: string, context: CaseNumberCallbackContext): Promise<{ sha256: string; bytes: Uint8Array } | string> {
  const original = await context.original(envelopeId, stamp.documentId);
  if (!original) return 'the document is not on record';
  const needsSeal = stamp.jobs.some((job) => job.template.image?.kind === 'court-seal');
  const outcome = await stampPdf(original.bytes, { jobs: stamp.jobs, fields: { ...stamp.fields, caseNumber }, courtSealPng: needsSeal ? await context.courtSealPng() : null }, nodeSha256Stream);
  return outcome.ok ? { sha256: outcome.stampedSha256, bytes: outcome.bytes } : outcome.message;
}
