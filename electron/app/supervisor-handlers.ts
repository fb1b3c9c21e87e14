import { appError } from '../../shared/errors';
import { reviewStatisticsCsv } from '../../shared/domain/supervision';
import type { AuditVerification } from '../../shared/domain/audit';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { EfmService } from '../efm/efm-service';
import type { Handlers } from '../ipc/dispatcher';

type SupervisorChannel = 'supervisor:workload' | 'supervisor:reassign' | 'supervisor:exceptions' | 'supervisor:resolve-exception' | 'supervisor:export-statistics' | 'audit:query' | 'audit:verify';

/**
 * The supervisors' channels. Each first checks the role the EFM gave at sign-in: a clerk's renderer asking for them
 * (a modified build, a devtools call) is refused here and the refusal is audited, not only hidden in the UI.
 */
export function supervisorHandlers(efm: EfmService, audit: AuditLog, verifyAudit: () => Promise<AuditVerification>): Pick<Handlers, SupervisorChannel> {
  const asSupervisor = async <T>(what: string, run: (user: string) => Promise<Result<T>>): Promise<Result<T>> => {
    const session = efm.current();
    if (!session) return err(appError('unauthorized', 'Sign in to the EFM first'));
    if (session.role !== 'supervisor') {
      await audit.record({ user: session.username, action: 'access-denied', object: what, outcome: 'refused', detail: 'a supervisor channel was asked for by a clerk' });
      return err(appError('forbidden', 'Only a supervisor can do this'));
    }
    return run(session.username);
  };
  return {
    'supervisor:workload': ({ from, to }) => asSupervisor('workload', () => efm.withClient((client) => client.getWorkload(from, to))),
    'supervisor:reassign': ({ envelopeIds, toClerk }) => asSupervisor(envelopeIds.join(' '), async (user) => {
      const outcomes = [];
      for (const envelopeId of envelopeIds) {
        const moved = await efm.withClient((client) => client.reassign(envelopeId, toClerk));
        const message = moved.ok ? (toClerk ? `Now with ${toClerk}` : 'Back in the pool') : moved.error.message;
        await audit.record({ user, action: 'reassign', object: envelopeId, outcome: moved.ok ? 'ok' : 'failed', detail: `${toClerk ? `to ${toClerk}` : 'to the pool'}${moved.ok ? '' : `: ${message}`}` });
        outcomes.push({ envelopeId, ok: moved.ok, message });
      }
      return ok(outcomes);
    }),
    'supervisor:exceptions': ({ includeHandled }) => asSupervisor('docketing exceptions', () => efm.withClient((client) => client.getDocketingExceptions(includeHandled))),
    'supervisor:resolve-exception': ({ exceptionId, action, note }) => asSupervisor(exceptionId, async (user) => {
      const handled = await efm.withClient((client) => client.resolveDocketingException(exceptionId, action, note));
      await audit.record({ user, action: 'exception', object: exceptionId, outcome: handled.ok ? 'ok' : 'failed', detail: `${action}: ${note}` });
      return handled;
    }),
    'supervisor:export-statistics': ({ from, to }) => asSupervisor('review statistics', async (user) => {
      const snapshot = await efm.withClient((client) => client.getWorkload(from, to));
      if (!snapshot.ok) return snapshot;
      const fileName = `review-statistics_${from.slice(0, 10)}_${to.slice(0, 10)}.csv`;
      await audit.record({ user, action: 'export', object: fileName, outcome: 'ok', detail: `${snapshot.value.reviews.length} decisions from ${from} to ${to}` });
      return ok({ fileName, csv: reviewStatisticsCsv(snapshot.value.reviews), rows: snapshot.value.reviews.length });
    }),
    'audit:query': (query) => asSupervisor('audit log', async () => ok(await audit.query(query))),
    'audit:verify': () => asSupervisor('audit log', async (user) => {
      const result = await verifyAudit();
      await audit.record({ user, action: 'audit-verify', object: 'audit log', outcome: result.valid ? 'ok' : 'failed', detail: result.problem ? `record ${result.problem.seq ?? '?'} (line ${result.problem.line}): ${result.problem.reason}` : `${result.records} records intact` });
      return ok(result);
    }),
  };
}
