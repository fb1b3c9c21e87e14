import { useEffect } from 'react';
import { getApi } from '../app/api';

const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the session after `minutes` without keyboard, mouse or touch activity (the court's idle lock); the main
 * process then refuses case content until the clerk signs in again. Off while nobody is signed in or already locked.
 */
export function useIdleLock(minutes: number | null, active: boolean): void {
  useEffect(() => {
    if (!active || !minutes) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    function lock(): void {
      void getApi().session.lock();
    }
    const reset = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    for (const name of activity) window.addEventListener(name, reset, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of activity) window.removeEventListener(name, reset, { capture: true });
    };
  }, [minutes, active]);
}
