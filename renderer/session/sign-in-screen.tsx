import { useState, type FormEvent } from 'react';
import { getApi } from '../app/api';
import { Alert } from '../ui/alert';

/** Signs the clerk in to the EFM; the password goes to the main process and stays in its memory only. */
export function SignInScreen({ demo }: { demo: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await getApi().session.signIn({ username, password });
    setBusy(false);
    if (!result.ok) setError(result.error.code === 'unauthorized' ? 'The EFM did not accept this user name and password.' : result.error.message);
  };

  return (
    <section aria-labelledby="sign-in-title" className="sign-in">
      <h2 id="sign-in-title">Sign in to the EFM</h2>
      {demo && <p className="hint">Demo EFM: sign in as <code>clerk1</code>, <code>clerk2</code> or <code>supervisor</code>; the password is <code>demo-</code> followed by the name.</p>}
      <form onSubmit={(event) => void submit(event)} className="settings-form">
        <div className="field">
          <label htmlFor="sign-in-user">User name</label>
          <input id="sign-in-user" autoComplete="username" autoFocus value={username} onChange={(event) => setUsername(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy || !username || !password}>{busy ? 'Signing in…' : 'Sign in'}</button>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </form>
    </section>
  );
}
