import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/app-info';
import type { AppError } from '../../shared/errors';
import { getApi } from './api';
import { followEfmClock } from '../data/efm-clock';

/** What the shell shows while `app:info` loads, after it answers, or when it fails. */
export type AppInfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'failed'; error: AppError };

/** Loads `app:info`, reloads it whenever settings change (the EFM mode follows the connection), follows connectivity. */
export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  useEffect(() => {
    const api = getApi();
    let live = true;
    const load = async (): Promise<void> => {
      const result = await api.app.info();
      if (result.ok) followEfmClock(result.value.clock);
      if (live) setState(result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error });
    };
    void load();
    const stop = api.on('settings:changed', () => void load());
    const stopConnectivity = api.on('connectivity:changed', (connectivity) => setState((current) => (current.status === 'ready' ? { status: 'ready', info: { ...current.info, connectivity } } : current)));
    const stopClock = api.on('clock:changed', (clock) => {
      followEfmClock(clock);
      setState((current) => (current.status === 'ready' ? { status: 'ready', info: { ...current.info, clock } } : current));
    });
    return () => {
      live = false;
      stop();
      stopConnectivity();
      stopClock();
    };
  }, []);
  return state;
}
