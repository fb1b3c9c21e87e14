import { useState } from 'react';
import { queueRepository, type QueueView } from '../data/queue-repository';
import { makeAvailableOffline } from './offline-store';

const batch = 10;

/**
 * "Make available offline": claims the oldest unclaimed envelopes of the clerk's current view (ten at a time) and
 * stores them with their documents and the court's code lists, for work without the EFM.
 */
export function OfflineButton({ view, username }: { view: QueueView; username: string }) {
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const take = async (): Promise<void> => {
    const ids = (await queueRepository.unclaimed(view, batch)).map((row) => row.envelopeId);
    setBusy(0);
    const outcome = await makeAvailableOffline(ids, username, setBusy);
    setBusy(null);
    const size = (outcome.bytes / 1_048_576).toFixed(1);
    setMessage(`${outcome.envelopes} envelopes with ${outcome.documents} documents (${size} MB) are on this workstation for offline review${outcome.skipped.length ? `; ${outcome.skipped.length} skipped (${outcome.skipped.map((s) => `${s.envelopeId}: ${s.reason}`).join('; ')})` : ''}.`);
  };
  return (
    <>
      <button type="button" disabled={busy !== null} onClick={() => void take()}>{busy === null ? `Make ${batch} available offline` : `Taking… ${busy}/${batch}`}</button>
      {message && <span role="status" data-testid="offline-status">{message}</span>}
    </>
  );
}
