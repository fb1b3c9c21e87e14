import type { Element } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import { ns } from '../../../shared/ecf/namespaces';
import { readNotifyDocketingComplete } from '../../../shared/ecf/notify-docketing-complete';
import { children } from '../../../shared/xml/xml-query';
import { clientFault } from '../../efm-sim/sim-fault';
import type { Sql, SqlDatabase } from '../db/sql-database';
import { docketingExceptions } from '../store/docketing-exceptions';
import { reviewRecords } from '../store/review-records';
import type { CmsDeliveries } from './cms-deliveries';
import { docketingOutcomes, type FilingDocketingOutcome } from './docketing-outcomes';

/** Who records what the record system said. */
export interface DocketingCallbackContext {
  readonly database: SqlDatabase;
  readonly deliveries: CmsDeliveries;
  readonly now: () => number;
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
}

/**
 * Records one filing's docketing outcome in the caller's transaction: its status, a history line and, when it was
 * not docketed, an exception for a supervisor. An outcome already recorded is not recorded again (a callback sent
 * twice), and a filing docketed stays docketed. `said`: the history line, when not the record system's words.
 * True when the filing became docketed now.
 */
export async function recordDocketingOutcome(sql: Sql, envelopeId: string, outcome: FilingDocketingOutcome, at: string, said?: string): Promise<boolean> {
  const before = await reviewRecords.docketing(sql, envelopeId, outcome.filingId);
  const status = outcome.docketed ? 'successful' : 'unsuccessful';
  if (before === 'successful' || before === status) return false;
  const detail = said ?? (outcome.docketed
    ? `${outcome.filingId} docketed${outcome.docketId ? ` as ${outcome.docketId}` : ''}`
    : `${outcome.filingId}: ${outcome.reason ?? 'not docketed'}`);
  await reviewRecords.setDocketing(sql, envelopeId, outcome.filingId, status, detail, at, outcome.docketed ? outcome.docketId : null);
  await reviewRecords.record(sql, envelopeId, { at, actor: 'court record system', action: outcome.docketed ? 'docketed' : 'docketing-failed', detail });
  if (!outcome.docketed) {
    const next = await reviewRecords.next(sql, 'docketing-exceptions');
    await docketingExceptions.open(sql, { envelopeId, filingId: outcome.filingId }, outcome.reason ?? 'not docketed', at, next);
  }
  return outcome.docketed;
}

/**
 * NotifyDocketingComplete from the court record system (ECF 5.0, FilingReviewMDE): each message names the
 * RecordDocketing it answers by its message id; the outcomes of that message's filings are recorded under the
 * envelope's row lock. Returns the filings docketed now, whose filers may be owed their callback.
 */
export async function receiveDocketingCallback(body: Element, context: DocketingCallbackContext): Promise<{ envelopeId: string; filingId: string }[]> {
  const messages = children(body, ns.docketcallback, 'NotifyDocketingCompleteMessage');
  if (messages.length === 0) throw clientFault('invalid-request', 'NotifyDocketingComplete holds no docketcallback:NotifyDocketingCompleteMessage');
  const docketed: { envelopeId: string; filingId: string }[] = [];
  for (const message of messages) {
    if (context.validateEcf) {
      const validation = await context.validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`);
      if (!validation.valid) throw clientFault('invalid-ecf-message', `The NotifyDocketingCompleteMessage is not schema-valid: ${validation.output.slice(0, 500)}`);
    }
    const read = readNotifyDocketingComplete(message);
    if (!read.ok) throw clientFault('invalid-ecf-message', read.error.message);
    const requestId = read.value.requestMessageId;
    if (!requestId) throw clientFault('invalid-request', 'The callback does not name the RecordDocketing it answers (an nc:DocumentIdentification whose source is FilingReview)');
    await context.database.transaction(async (sql) => {
      const delivery = await context.deliveries.get(sql, requestId);
      if (!delivery) throw clientFault('not-found', `This court sent no RecordDocketing ${requestId}`);
      await reviewRecords.lockEnvelope(sql, delivery.envelopeId);
      const at = new Date(context.now()).toISOString();
      for (const outcome of docketingOutcomes(read.value, delivery.filingIds)) {
        if (await recordDocketingOutcome(sql, delivery.envelopeId, outcome, at)) docketed.push({ envelopeId: delivery.envelopeId, filingId: outcome.filingId });
      }
      const statuses = await Promise.all(delivery.filingIds.map((filingId) => reviewRecords.docketing(sql, delivery.envelopeId, filingId)));
      if (statuses.every((status) => status !== null)) await context.deliveries.answered(sql, requestId);
    });
  }
  return docketed;
}
