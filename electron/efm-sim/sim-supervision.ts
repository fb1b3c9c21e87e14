import type { Element } from '@xmldom/xmldom';
import type { ReviewOperation } from '../../shared/ecf/clerk-review-service';
import {
  exceptionsResponseElement, readExceptionsRequest, readResolveExceptionRequest, readWorkloadRequest, resolveExceptionResponseElement, whoAmIResponseElement, workloadResponseElement,
} from '../../shared/ecf/supervision-messages';
import type { XmlElement } from '../../shared/xml/xml-writer';
import type { LeaseBook } from './lease-book';
import { clientFault } from './sim-fault';
import type { SqlDatabase } from '../service/db/sql-database';
import type { Account, AccountStore } from '../service/store/account-store';
import { reviewRecords } from '../service/store/review-records';
import { docketingExceptions } from '../service/store/docketing-exceptions';

/** What the supervision operations read from the simulated EFM. */
export interface SupervisionContext {
  readonly accounts: AccountStore;
  readonly database: SqlDatabase;
  readonly leases: LeaseBook;
  /** Sends a filing to the court record system again (a supervisor's retry). */
  readonly redocket: (envelopeId: string, filingId: string) => Promise<void>;
  /** A supervisor recorded a filing as docketed by hand: the filer's callback may go. */
  readonly docketedByHand?: (envelopeId: string, filingId: string) => void;
  /** Sends an envelope's undelivered notice to the filer's EFSP again (a supervisor's retry). */
  readonly resendFilerNotice?: (envelopeId: string) => Promise<void>;
}

/**
 * The simulator's answers to WhoAmI (anyone) and to the supervisors' operations: workload over a date range and the
 * docketing exception queue. A clerk asking for the latter gets a `forbidden` fault, as from a real EFM.
 */
export async function supervisionResponse(operation: Extract<ReviewOperation, 'WhoAmI' | 'GetWorkload' | 'GetDocketingExceptions' | 'ResolveDocketingException'>, body: Element, user: Account, context: SupervisionContext): Promise<XmlElement> {
  if (user.role !== 'clerk' && user.role !== 'supervisor') throw clientFault('forbidden', 'Only clerks and supervisors use the clerk review service');
  if (operation === 'WhoAmI') {
    const identity = { userId: user.username, displayName: user.displayName, role: user.role };
    return whoAmIResponseElement(identity, await context.leases.heldBy(context.database, user.username));
  }
  if (user.role !== 'supervisor') throw clientFault('forbidden', 'Only a supervisor can see workload and docketing exceptions');
  switch (operation) {
    case 'GetWorkload': {
      const { from, to } = readWorkloadRequest(body);
      const [start, end] = [Date.parse(from), Date.parse(to)];
      if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) throw clientFault('invalid-request', 'GetWorkload needs a FromDateTime before its ToDateTime');
      return workloadResponseElement({
        clerks: (await context.accounts.list()).flatMap((candidate) => (candidate.disabledAt || (candidate.role !== 'clerk' && candidate.role !== 'supervisor') ? [] : [{ userId: candidate.username, displayName: candidate.displayName, role: candidate.role }])),
        claims: await context.leases.active(context.database),
        reviews: await reviewRecords.reviewLog(context.database, new Date(start).toISOString(), new Date(end).toISOString()),
      });
    }
    case 'GetDocketingExceptions': {
      const { includeHandled } = readExceptionsRequest(body);
      return exceptionsResponseElement(await docketingExceptions.list(context.database, includeHandled));
    }
    case 'ResolveDocketingException': {
      const request = readResolveExceptionRequest(body);
      if (!request.action) throw clientFault('invalid-request', 'Action must be retry or resolve');
      if (request.note.trim().length < 3) throw clientFault('invalid-request', 'Say what was done (a note of at least 3 characters)');
      const action = request.action;
      const note = request.note.trim();
      const handled = await context.database.transaction(async (sql) => {
        const done = await docketingExceptions.handle(sql, request.exceptionId, action, note, user.username);
        if (!done) return null;
        const { envelopeId, filingId } = done.exception;
        const at = new Date().toISOString();
        if (done.source.kind === 'filer-notice') {
          const detail = action === 'resolve' ? `the filer was notified by hand: ${note}` : `the filer's notice sent again: ${note}`;
          await reviewRecords.record(sql, envelopeId, { at, actor: user.username, action: action === 'resolve' ? 'filer-notified' : 'filer-notice-resent', detail });
          return done;
        }
        if (action === 'resolve') await reviewRecords.setDocketing(sql, envelopeId, filingId, 'successful', `${filingId} docketed by hand: ${note}`, at);
        await reviewRecords.record(sql, envelopeId, { at, actor: user.username, action: action === 'resolve' ? 'docketed' : 'docketing-retried', detail: action === 'resolve' ? `${filingId} docketed by hand: ${note}` : `${filingId} sent to the court record system again: ${note}` });
        return done;
      });
      if (!handled) throw clientFault('not-found', `No open docketing exception ${request.exceptionId}`);
      // Sent again only once the exception is marked, so two supervisors cannot both retry it.
      if (handled.source.kind === 'filer-notice') {
        if (action === 'retry') await context.resendFilerNotice?.(handled.exception.envelopeId);
        return resolveExceptionResponseElement(handled.exception);
      }
      if (action === 'retry') await context.redocket(handled.exception.envelopeId, handled.exception.filingId);
      if (action === 'resolve') context.docketedByHand?.(handled.exception.envelopeId, handled.exception.filingId);
      return resolveExceptionResponseElement(handled.exception);
    }
  }
}
