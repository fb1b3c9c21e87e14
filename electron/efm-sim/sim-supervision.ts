import type { Element } from '@xmldom/xmldom';
import type { ReviewRecord } from '../../shared/domain/supervision';
import type { ReviewOperation } from '../../shared/ecf/clerk-review-service';
import {
  exceptionsResponseElement, readExceptionsRequest, readResolveExceptionRequest, readWorkloadRequest, resolveExceptionResponseElement, whoAmIResponseElement, workloadResponseElement,
} from '../../shared/ecf/supervision-messages';
import type { XmlElement } from '../../shared/xml/xml-writer';
import type { LeaseBook } from './lease-book';
import { clientFault } from './sim-fault';
import type { SimUser } from './sim-users';
import type { SimulatedCms } from './simulated-cms';

/** What the supervision operations read from the simulated EFM. */
export interface SupervisionContext {
  readonly users: readonly SimUser[];
  readonly leases: LeaseBook;
  readonly reviews: readonly ReviewRecord[];
  readonly cms: SimulatedCms;
}

/**
 * The simulator's answers to WhoAmI (anyone) and to the supervisors' operations: workload over a date range and the
 * docketing exception queue. A clerk asking for the latter gets a `forbidden` fault, as from a real EFM.
 */
export function supervisionResponse(operation: Extract<ReviewOperation, 'WhoAmI' | 'GetWorkload' | 'GetDocketingExceptions' | 'ResolveDocketingException'>, body: Element, user: SimUser, context: SupervisionContext): XmlElement {
  if (user.role === 'filer') throw clientFault('forbidden', 'A filer account cannot use the clerk review service');
  if (operation === 'WhoAmI') return whoAmIResponseElement({ userId: user.username, displayName: user.displayName, role: user.role });
  if (user.role !== 'supervisor') throw clientFault('forbidden', 'Only a supervisor can see workload and docketing exceptions');
  switch (operation) {
    case 'GetWorkload': {
      const { from, to } = readWorkloadRequest(body);
      const [start, end] = [Date.parse(from), Date.parse(to)];
      if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) throw clientFault('invalid-request', 'GetWorkload needs a FromDateTime before its ToDateTime');
      return workloadResponseElement({
        clerks: context.users.flatMap((candidate) => (candidate.role === 'filer' ? [] : [{ userId: candidate.username, displayName: candidate.displayName, role: candidate.role }])),
        claims: context.leases.active(),
        reviews: context.reviews.filter((review) => Date.parse(review.decidedAt) >= start && Date.parse(review.decidedAt) < end),
      });
    }
    case 'GetDocketingExceptions': {
      const { includeHandled } = readExceptionsRequest(body);
      return exceptionsResponseElement(context.cms.exceptions.filter((exception) => includeHandled || exception.status === 'open'));
    }
    case 'ResolveDocketingException': {
      const request = readResolveExceptionRequest(body);
      if (!request.action) throw clientFault('invalid-request', 'Action must be retry or resolve');
      if (request.note.trim().length < 3) throw clientFault('invalid-request', 'Say what was done (a note of at least 3 characters)');
      const handled = context.cms.handle(request.exceptionId, request.action, request.note.trim(), user.username);
      if (!handled) throw clientFault('not-found', `No open docketing exception ${request.exceptionId}`);
      return resolveExceptionResponseElement(handled);
    }
  }
}
