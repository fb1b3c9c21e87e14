import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/settings';
import { getApi } from '../app/api';

/** The current settings, kept fresh by the `settings:changed` event; null until loaded. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    const api = getApi();
    let live = true;
    void api.settings.get().then((result) => live && result.ok && setSettings(result.value));
    const stop = api.on('settings:changed', (next) => setSettings(next));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return settings;
}
