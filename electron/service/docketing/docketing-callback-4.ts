import type { Element } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import { readRecordDocketingCallback4 } from '../../../shared/ecf4/record-docketing-callback';
import { clientFault } from '../../efm-sim/sim-fault';
import { reviewRecords } from '../store/review-records';
import { recordDocketingOutcome, type DocketingCallbackContext } from './docketing-callback';

/** What an ECF 4 NotifyDocketingComplete was about, and the filings it docketed now (their filers may be owed). */
export interface DocketingCallback4Result {
  readonly envelopeId: string;
  readonly filingId: string;
  readonly docketedNow: readonly { envelopeId: string; filingId: string }[];
}

/**
 * NotifyDocketingComplete from an ECF 4.0 court record system: one RecordDocketingCallbackMessage about one filing,
 * named by its court filing id (ECF 4 callbacks carry no request message id). Checked against the ECF 4 schemas when
 * a validator is given; the outcome is recorded under the envelope's row lock against the RecordFiling that carried
 * the filing, which is answered once each of its filings has an outcome. A callback sent twice records nothing new.
 */
export async function receiveDocketingCallback4(message: Element, context: DocketingCallbackContext): Promise<DocketingCallback4Result> {
  if (context.validateEcf) {
    const validation = await context.validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`);
    if (!validation.valid) throw clientFault('invalid-ecf-message', `The RecordDocketingCallbackMessage is not valid against the ECF 4.0 schemas: ${validation.output.slice(0, 500)}`);
  }
  const read = readRecordDocketingCallback4(message);
  if (!read.ok) throw clientFault('invalid-ecf-message', read.error.message);
  const { filingId } = read.value;
  const envelopeId = await reviewRecords.envelopeIdOf(context.database, filingId);
  if (!envelopeId || envelopeId === filingId) throw clientFault('not-found', `This court has no filing ${filingId}`);
  const docketedNow: { envelopeId: string; filingId: string }[] = [];
  await context.database.transaction(async (sql) => {
    await reviewRecords.lockEnvelope(sql, envelopeId);
    const deliveries = (await context.deliveries.ofEnvelope(sql, envelopeId))
      .filter((delivery) => delivery.kind === 'record-docketing' && delivery.filingIds.includes(filingId));
    const delivery = deliveries.at(-1);
    if (!delivery) throw clientFault('not-found', `This court sent no RecordFiling for ${filingId}`);
    const at = new Date(context.now()).toISOString();
    const { docketed, docketId, caseNumber, reason } = read.value;
    // The history says which case the record system docketed it in, as the record system names it.
    const said = docketed ? `${filingId} docketed${docketId ? ` as ${docketId}` : ''}${caseNumber ? ` in case ${caseNumber}` : ''}` : undefined;
    if (await recordDocketingOutcome(sql, envelopeId, { filingId, docketed, docketId, reason }, at, said)) docketedNow.push({ envelopeId, filingId });
    const statuses = await Promise.all(delivery.filingIds.map((id) => reviewRecords.docketing(sql, envelopeId, id)));
    if (statuses.every((status) => status !== null)) await context.deliveries.answered(sql, delivery.messageId);
  });
  return { envelopeId, filingId, docketedNow };
}
