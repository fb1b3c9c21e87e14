import { useEffect, useState } from 'react';
import type { Session } from '../../shared/domain/session';
import { getApi } from '../app/api';

/** The signed-in session (null when signed out; undefined while loading), kept fresh by `session:changed`. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    const api = getApi();
    let live = true;
    void api.session.current().then((result) => live && setSession(result.ok ? result.value : null));
    const stop = api.on('session:changed', (next) => setSession(next));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return session;
}
