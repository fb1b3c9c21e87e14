import { ok } from '../../../shared/result';
import type { Handlers } from '../../ipc/dispatcher';
import type { HandlerContext } from './handler-context';

type ReviewChannel = 'efm:ping' | 'policy:get' | 'policy:filing-codes' | 'cases:find' | 'cases:get' | 'queue:page' | 'envelope:get' | 'envelope:history' | 'document:get' | 'claim:acquire' | 'claim:renew' | 'claim:release';

/** The review desk's reads from the EFM and its claims; a release waits while decisions are still on their way. */
export function reviewHandlers(c: HandlerContext): Pick<Handlers, ReviewChannel> {
  const { efm } = c;
  return {
    'efm:ping': async () => efm.withClient(async (client) => {
      const answer = await client.whoAmI();
      return answer.ok ? ok(null) : answer;
    }),
    'policy:get': async () => {
      const policy = await efm.courtPolicy();
      return policy.ok ? ok(policy.value.policy) : policy;
    },
    'policy:filing-codes': async ({ caseCategory, caseType }) => {
      const policy = await efm.courtPolicy();
      return policy.ok ? ok(policy.value.filingCodesFor(caseCategory, caseType)) : policy;
    },
    'cases:find': async ({ partyNames, category }) => efm.withClient((client) => client.findCases(partyNames, category)),
    'cases:get': async ({ caseNumber }) => efm.withClient((client) => client.getCase(caseNumber)),
    'queue:page': async (request) => efm.withClient((client) => client.getReviewQueue(request)),
    'envelope:get': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelope(envelopeId)),
    'envelope:history': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelopeHistory(envelopeId)),
    'document:get': async ({ envelopeId, documentId }) => efm.withClient((client) => client.getDocument(envelopeId, documentId)),
    'claim:acquire': async ({ envelopeId, leaseMinutes }) => efm.withClient((client) => client.claim(envelopeId, leaseMinutes === undefined ? undefined : leaseMinutes * 60)),
    'claim:renew': async ({ envelopeId, fencingToken }) => efm.withClient((client) => client.renew(envelopeId, fencingToken)),
    'claim:release': async ({ envelopeId, fencingToken }) => {
      // Decisions for this envelope still wait in the outbox: keep the claim until they are delivered.
      const waiting = await c.journal.then((journal) => journal.waitingFor(envelopeId), () => []);
      if (waiting.length === 0) return efm.withClient((client) => client.release(envelopeId, fencingToken));
      c.heldClaims.hold(envelopeId, fencingToken);
      // The EFM is told too: it releases the envelope itself once the last waiting submission lands, even if this
      // workstation is gone by then.
      void efm.withClient((client) => client.release(envelopeId, fencingToken, waiting.at(-1) ?? null));
      return ok(null);
    },
  };
}
