import { useState, type FormEvent } from 'react';
import type { Session } from '../../shared/domain/session';
import { signOut } from './sign-out';
import { getApi } from '../app/api';
import { Alert } from '../ui/alert';

/** Shown instead of everything else while the idle lock is on: the user's password unlocks, or sign out. */
export function LockScreen({ session }: { session: Session }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const unlock = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const result = await getApi().session.unlock({ password });
    setPassword('');
    if (!result.ok) setError(result.error.message);
  };
  return (
    <section aria-labelledby="lock-title" className="sign-in" data-testid="lock-screen">
      <h2 id="lock-title">Locked</h2>
      <p>The workstation was locked after a period without activity. Your work is kept; sign in again as {session.displayName} ({session.username}) to continue.</p>
      <form onSubmit={(event) => void unlock(event)} className="settings-form">
        <div className="field">
          <label htmlFor="unlock-password">Password</label>
          <input id="unlock-password" type="password" autoComplete="current-password" autoFocus value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={!password}>Unlock</button>
          <button type="button" onClick={() => void signOut(session.username)}>Sign out</button>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </form>
    </section>
  );
}
