import { useEffect, useState } from 'react';
import type { CourtItStatus } from '../../shared/ipc/court-it-schemas';
import { getApi } from '../app/api';
import { CourtTime } from '../ui/court-time';

/**
 * Court IT's own credential on this workstation: set a passphrase (before the first court EFM connection), unlock
 * with it for 15 minutes to change settings, connections and keys, or lock again. Clerks and supervisors cannot.
 */
export function CourtItPanel({ onChange }: { onChange?: (status: CourtItStatus) => void }) {
  const [status, setStatus] = useState<CourtItStatus | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const update = (next: CourtItStatus): void => {
    setStatus(next);
    onChange?.(next);
  };
  useEffect(() => {
    void getApi()['court-it'].status().then((result) => {
      if (!result.ok) return;
      setStatus(result.value);
      onChange?.(result.value);
    });
  }, [onChange]);
  if (!status) return null;
  const run = async (call: () => ReturnType<ReturnType<typeof getApi>['court-it']['status']>, done: string): Promise<void> => {
    const result = await call();
    setPassphrase('');
    setConfirm('');
    if (result.ok) {
      update(result.value);
      setMessage(done);
    } else setMessage(result.error.message);
  };
  const api = getApi()['court-it'];
  return (
    <fieldset data-testid="court-it">
      <legend>Court IT</legend>
      {!status.configured && (
        <>
          <p className="hint">Set a court-IT passphrase before adding a court EFM connection. From then on, settings, connections and keys change only after it is entered.</p>
          <label htmlFor="court-it-new">New court-IT passphrase (12 characters or more)</label>
          <input id="court-it-new" type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
          <label htmlFor="court-it-confirm">Repeat it</label>
          <input id="court-it-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
          <button type="button" onClick={() => (passphrase !== confirm ? setMessage('The two passphrases differ.') : void run(() => api.setPassphrase({ passphrase }), 'Court-IT passphrase set; court IT is unlocked for 15 minutes.'))}>Set passphrase</button>
        </>
      )}
      {status.configured && !status.unlocked && (
        <>
          <label htmlFor="court-it-passphrase">Court-IT passphrase</label>
          <input id="court-it-passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
          <button type="button" onClick={() => void run(() => api.unlock({ passphrase }), 'Court IT unlocked for 15 minutes.')}>Unlock court IT</button>
        </>
      )}
      {status.configured && status.unlocked && (
        <p>
          Court IT unlocked until {status.until ? <CourtTime at={status.until} part="time" /> : ''}.{' '}
          <button type="button" onClick={() => void run(() => api.lock(), 'Court IT locked.')}>Lock court IT</button>
        </p>
      )}
      <span role="status" data-testid="court-it-status">{message}</span>
    </fieldset>
  );
}
