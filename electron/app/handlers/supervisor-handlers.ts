import { reviewStatisticsCsv, reviewStatisticsFileName } from '../../../shared/domain/supervision';
import { ok } from '../../../shared/result';
import type { Handlers } from '../../ipc/dispatcher';
import type { HandlerContext } from './handler-context';

type SupervisorChannel = 'supervisor:workload' | 'supervisor:reassign' | 'supervisor:exceptions' | 'supervisor:resolve-exception' | 'supervisor:export-statistics' | 'audit:query' | 'audit:verify';

/** The supervisors' channels (the dispatcher admits supervisors only, by the role the EFM gave at sign-in). */
export function supervisorHandlers(c: HandlerContext): Pick<Handlers, SupervisorChannel> {
  const { efm } = c;
  return {
    'supervisor:workload': ({ from, to }) => efm.withClient((client) => client.getWorkload(from, to)),
    'supervisor:reassign': async ({ envelopeIds, toClerk }) => {
      const outcomes = [];
      for (const envelopeId of envelopeIds) {
        const moved = await efm.withClient((client) => client.reassign(envelopeId, toClerk));
        outcomes.push({ envelopeId, ok: moved.ok, message: moved.ok ? (toClerk ? `Now with ${toClerk}` : 'Back in the pool') : moved.error.message });
      }
      return ok(outcomes);
    },
    'supervisor:exceptions': ({ includeHandled }) => efm.withClient((client) => client.getDocketingExceptions(includeHandled)),
    'supervisor:resolve-exception': ({ exceptionId, action, note }) => efm.withClient((client) => client.resolveDocketingException(exceptionId, action, note)),
    'supervisor:export-statistics': async ({ from, to }) => {
      const snapshot = await efm.withClient((client) => client.getWorkload(from, to));
      if (!snapshot.ok) return snapshot;
      const { courtTimeZone } = await c.settings.get();
      const fileName = reviewStatisticsFileName(from, to, courtTimeZone);
      return ok({ fileName, csv: reviewStatisticsCsv(snapshot.value.reviews, courtTimeZone), rows: snapshot.value.reviews.length });
    },
    'audit:query': async (query) => ok(await c.audit.query(query)),
    'audit:verify': async () => ok(await c.anchoring.verify()),
  };
}
