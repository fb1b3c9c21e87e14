import { useState } from 'react';
import { explainDeliveryProblem } from '../../shared/outbox/conflict-explanation';
import type { OutboxEntry } from '../db/db';
import { deliverPending, discardEntry, reassignWaiting, retryEntry, summaryOf } from './outbox';
import { useOutbox } from './use-outbox';
import { CmsZipPanel } from './cms-zip-panel';
import { CourtTime } from '../ui/court-time';
import { Alert } from '../ui/alert';

const label: Record<OutboxEntry['status'], string> = { pending: 'Waiting to be sent', exception: 'Needs attention', failed: 'Refused by the EFM', discarded: 'Discarded', sent: 'Delivered' };

/**
 * Every decision this workstation made that has not simply been delivered: waiting (with the last error), the
 * exception list after repeated failures, conflicts the EFM refused (what happened, what to do), and discarded ones
 * with their note. Retry or discard with a note; nothing is deleted.
 */
export function OutboxScreen({ username, supervisor = false }: { username: string; supervisor?: boolean }) {
  const entries = useOutbox();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const open = entries.filter((entry) => entry.status !== 'sent');
  const discard = async (entry: OutboxEntry): Promise<void> => {
    try {
      await discardEntry(entry.idempotencyKey, notes[entry.idempotencyKey] ?? '');
      setMessage(`Discarded the decision on ${entry.envelopeId}; it stays on record with your note.`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const reassign = async (entry: OutboxEntry): Promise<void> => {
    const to = (targets[entry.idempotencyKey] ?? '').trim();
    try {
      const moved = await reassignWaiting(entry.idempotencyKey, to, notes[entry.idempotencyKey] ?? '');
      setMessage(`Moved ${moved} waiting ${moved === 1 ? 'decision' : 'decisions'} on ${entry.envelopeId} to ${to}; they are sent when ${to} is signed in here.`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const retry = async (entry: OutboxEntry): Promise<void> => {
    try {
      await retryEntry(entry.idempotencyKey);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="outbox-title">
      <div className="toolbar">
        <h2 id="outbox-title">Outbox</h2>
        <button type="button" onClick={() => void deliverPending()}>Send waiting now</button>
        <span data-testid="outbox-counts">{entries.filter((e) => e.status === 'pending').length} waiting, {entries.filter((e) => e.status === 'exception' || e.status === 'failed').length} need attention, {entries.filter((e) => e.status === 'sent').length} delivered recently</span>
      </div>
      {message && <Alert tone="info">{message}</Alert>}
      {open.length === 0 ? <p>Everything this workstation decided has reached the EFM.</p> : (
        <ul className="outbox-list" data-testid="outbox-list">
          {open.map((entry) => {
            const problem = entry.status === 'failed' || entry.status === 'exception' ? explainDeliveryProblem(entry.lastErrorReason, entry.status) : null;
            return (
              <li key={entry.idempotencyKey} data-testid={`outbox-${entry.envelopeId}`} className={`outbox-${entry.status}`}>
                <strong>{entry.envelopeId}</strong> — {label[entry.status]}: {summaryOf(entry).decisions.map((d) => `${d.filingId} ${d.outcome}`).join(', ')}; decided <CourtTime at={summaryOf(entry).decidedAt} />, {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'}
                {entry.status === 'pending' && entry.reviewer && entry.reviewer !== username && (
                  <div data-testid="waiting-for-clerk">Waiting for {entry.reviewer} to sign in on this workstation: a decision is sent only under the clerk who made it.</div>
                )}
                {entry.lastError && <div>Last answer: {entry.lastError}</div>}
                {problem && <div className="conflict"><div>What happened: {problem.what}</div><div>What you can do: {problem.action}</div></div>}
                {entry.status !== 'discarded' && entry.note && <div data-testid="outbox-note">{entry.note}</div>}
                {entry.status === 'discarded' && <div>Note: {entry.note}</div>}
                {supervisor && entry.status !== 'discarded' && entry.reviewer && entry.reviewer !== username && (
                  <div className="outbox-actions" data-testid="reassign-waiting">
                    <label>Give to clerk <input value={targets[entry.idempotencyKey] ?? ''} autoComplete="off" onChange={(event) => setTargets({ ...targets, [entry.idempotencyKey]: event.target.value })} /></label>
                    <label>Why <input value={notes[entry.idempotencyKey] ?? ''} onChange={(event) => setNotes({ ...notes, [entry.idempotencyKey]: event.target.value })} /></label>
                    <button type="button" onClick={() => void reassign(entry)}>Reassign with note</button>
                  </div>
                )}
                {(entry.status === 'exception' || entry.status === 'failed') && (
                  <div className="outbox-actions">
                    <button type="button" onClick={() => void retry(entry)}>Retry</button>
                    <label>Note <input value={notes[entry.idempotencyKey] ?? ''} onChange={(event) => setNotes({ ...notes, [entry.idempotencyKey]: event.target.value })} /></label>
                    <button type="button" onClick={() => void discard(entry)}>Discard with note</button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <CmsZipPanel delivered={entries.filter((entry) => entry.status === 'sent')} />
    </section>
  );
}
