import { useCallback, useEffect, useState } from 'react';
import { clerkWorkload, type DocketingException, type WorkloadSnapshot } from '../../shared/domain/supervision';
import { getApi } from '../app/api';
import type { CachedQueueItem } from '../data/queue-cache-db';
import { queueRepository } from '../data/queue-repository';
import { syncQueue } from '../data/queue-sync';
import { AgingChart } from './aging-chart';
import { AuditViewer } from './audit-viewer';
import { ClaimsPanel } from './claims-panel';
import { ExceptionsPanel } from './exceptions-panel';
import { WorkloadTable } from './workload-table';

const startOfToday = (): Date => {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  return day;
};
const dateInput = (date: Date): string => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * The supervisor's desk: per-clerk workload, queue aging, who holds what (reassign one or many, release stale
 * claims), the docketing exception queue, a CSV of review statistics for a date range, and the audit log.
 */
export function SupervisorScreen() {
  const [snapshot, setSnapshot] = useState<WorkloadSnapshot | null>(null);
  const [queue, setQueue] = useState<CachedQueueItem[]>([]);
  const [exceptions, setExceptions] = useState<DocketingException[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [from, setFrom] = useState(dateInput(startOfToday()));
  const [to, setTo] = useState(dateInput(startOfToday()));
  const [now, setNow] = useState(() => new Date());

  const refresh = useCallback(async () => {
    const today = startOfToday();
    const [workload, open] = await Promise.all([
      getApi().supervisor.workload({ from: today.toISOString(), to: new Date(today.getTime() + 86_400_000).toISOString() }),
      getApi().supervisor.exceptions({ includeHandled: false }),
    ]);
    if (workload.ok) setSnapshot(workload.value);
    else setMessage(workload.error.message);
    if (open.ok) setExceptions(open.value);
    await syncQueue();
    setQueue(await queueRepository.everything());
    setNow(new Date());
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const toggle = (envelopeId: string): void => {
    const next = new Set(selected);
    if (next.has(envelopeId)) next.delete(envelopeId);
    else next.add(envelopeId);
    setSelected(next);
  };
  const reassign = async (envelopeIds: string[], toClerk: string | null): Promise<void> => {
    const result = await getApi().supervisor.reassign({ envelopeIds, toClerk });
    if (!result.ok) return setMessage(result.error.message);
    const failed = result.value.filter((outcome) => !outcome.ok);
    setMessage(`${result.value.length - failed.length} of ${result.value.length} ${toClerk ? `reassigned to ${toClerk}` : 'returned to the pool'}.${failed.map((f) => ` ${f.envelopeId}: ${f.message}`).join('')}`);
    setSelected(new Set());
    await refresh();
  };
  const exportCsv = async (): Promise<void> => {
    const start = new Date(`${from}T00:00:00`);
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    const result = await getApi().supervisor.exportStatistics({ from: start.toISOString(), to: end.toISOString() });
    if (!result.ok) return setMessage(result.error.message);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv' }));
    link.download = result.value.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
    setMessage(`Exported ${result.value.rows} decisions to ${result.value.fileName}.`);
  };
  const clerks = snapshot?.clerks.filter((user) => user.role === 'clerk') ?? [];
  return (
    <section aria-labelledby="supervisor-title" className="supervisor">
      <div className="toolbar">
        <h2 id="supervisor-title">Supervisor</h2>
        <button type="button" onClick={() => void refresh()}>Refresh</button>
      </div>
      {message && <p role="status" data-testid="supervisor-message">{message}</p>}
      {snapshot && <WorkloadTable rows={clerkWorkload(snapshot, startOfToday())} />}
      <div className="panel reassign">
        <h3>Reassign {selected.size} selected</h3>
        <label>Reassign to <select value={target} onChange={(event) => setTarget(event.target.value)}><option value="">Choose a clerk…</option>{clerks.map((clerk) => <option key={clerk.userId} value={clerk.userId}>{clerk.displayName} ({clerk.userId})</option>)}</select></label>
        <button type="button" disabled={selected.size === 0 || !target} onClick={() => void reassign([...selected], target)}>Reassign</button>
        <button type="button" disabled={selected.size === 0} onClick={() => void reassign([...selected], null)}>Back to the pool</button>
      </div>
      {snapshot && <ClaimsPanel claims={snapshot.claims} now={now} selected={selected} onToggle={toggle} onReleaseStale={(ids) => void reassign(ids, null)} />}
      <AgingChart items={queue} now={now} selected={selected} onToggle={toggle} />
      <ExceptionsPanel exceptions={exceptions} onChanged={() => void refresh()} />
      <section aria-labelledby="stats-title" className="panel">
        <h3 id="stats-title">Review statistics</h3>
        <label>Statistics from <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} /></label>
        <label>Statistics to <input type="date" value={to} onChange={(event) => setTo(event.target.value)} /></label>
        <button type="button" onClick={() => void exportCsv()}>Export CSV</button>
      </section>
      <AuditViewer />
    </section>
  );
}
