import { ns } from '../../../shared/ecf/namespaces';
import { writeDocumentStampInformation } from '../../../shared/ecf/stamp-information-messages';
import { el, rawXml, type XmlElement } from '../../../shared/xml/xml-writer';
import type { MimePart } from '../../soap/mtom';
import type { Sql } from '../db/sql-database';
import { reviewRecords } from '../store/review-records';
import type { CmsDelivery } from './cms-deliveries';
import type { ComposeContext } from './compose-record-docketing';

/**
 * The service writes DocumentStampInformation itself (seed 000, CMS Case Assignment, step 2) for a new case whose
 * first filing a clerk accepted: the case as filed, no document binaries and no payment. Checked against the ECF
 * schemas when a validator is configured, like every message the service sends.
 */
export async function composeStampInformation(sql: Sql, delivery: Pick<CmsDelivery, 'messageId' | 'envelopeId' | 'filingIds'>, context: Omit<ComposeContext, 'original'>): Promise<{ body: XmlElement; parts: MimePart[] }> {
  const stored = await reviewRecords.envelope(sql, delivery.envelopeId);
  if (!stored) throw new Error(`no envelope ${delivery.envelopeId}`);
  const header = { messageId: delivery.messageId, sendingMde: context.sendingMde, courtId: context.court.courtId, courtName: context.court.courtName, postedAt: new Date(context.now()).toISOString() };
  const xml = writeDocumentStampInformation({ header, envelope: stored.demo.envelope, filingIds: delivery.filingIds });
  if (context.validateEcf) {
    const validation = await context.validateEcf(xml);
    if (!validation.valid) throw new Error(`it is not schema-valid: ${validation.output.slice(0, 300)}`);
  }
  return { body: el(ns.wrapper, 'DocumentStampInformationRequest', rawXml(xml)), parts: [] };
}
