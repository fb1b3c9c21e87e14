import { useCallback, useEffect, useState } from 'react';
import { courtDayStart, courtToday } from '../../shared/domain/court-clock';
import { clerkWorkload, type DocketingException, type WorkloadSnapshot } from '../../shared/domain/supervision';
import { useSettings } from '../settings/use-settings';
import { getApi } from '../app/api';
import type { CachedQueueItem } from '../data/queue-cache-db';
import { queueRepository } from '../data/queue-repository';
import { syncQueue } from '../data/queue-sync';
import { AgingChart } from './aging-chart';
import { AuditViewer } from './audit-viewer';
import { ClaimsPanel } from './claims-panel';
import { ExceptionsPanel } from './exceptions-panel';
import { WorkloadTable } from './workload-table';
import { Alert } from '../ui/alert';

/** The day after a court-calendar day (`2026-12-02` → `2026-12-03`). */
const dayAfter = (day: string): string => {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

/**
 * The supervisor's desk: per-clerk workload, queue aging, who holds what (reassign one or many, release stale
 * claims), the docketing exception queue, a CSV of review statistics for a date range, and the audit log.
 */
export function SupervisorScreen() {
  const settings = useSettings();
  const [snapshot, setSnapshot] = useState<WorkloadSnapshot | null>(null);
  const [queue, setQueue] = useState<CachedQueueItem[]>([]);
  const [exceptions, setExceptions] = useState<DocketingException[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // "Today" and the statistics' days are court days, on the court's clock, whatever the workstation's time zone.
  const timeZone = settings?.courtTimeZone ?? null;
  const today = timeZone ? courtToday(timeZone) : null;
  const [fromPicked, setFrom] = useState<string | null>(null);
  const [toPicked, setTo] = useState<string | null>(null);
  const from = fromPicked ?? today ?? '';
  const to = toPicked ?? today ?? '';
  const [now, setNow] = useState(() => new Date());

  const refresh = useCallback(async () => {
    if (!timeZone) return;
    const day = courtToday(timeZone);
    const [workload, open] = await Promise.all([
      getApi().supervisor.workload({ from: courtDayStart(day, timeZone), to: courtDayStart(dayAfter(day), timeZone) }),
      getApi().supervisor.exceptions({ includeHandled: false }),
    ]);
    if (workload.ok) setSnapshot(workload.value);
    else setMessage(workload.error.message);
    if (open.ok) setExceptions(open.value);
    await syncQueue();
    setQueue(await queueRepository.everything());
    setNow(new Date());
  }, [timeZone]);
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
    // Court days, on the court's clock: from the first day's midnight to the midnight after the last.
    if (!timeZone || !from || !to) return;
    const result = await getApi().supervisor.exportStatistics({ from: courtDayStart(from, timeZone), to: courtDayStart(dayAfter(to), timeZone) });
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
      {message && <Alert tone="info" testId="supervisor-message">{message}</Alert>}
      {snapshot && timeZone && today && <WorkloadTable rows={clerkWorkload(snapshot, new Date(courtDayStart(today, timeZone)))} />}
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
