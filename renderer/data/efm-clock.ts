import type { Clock } from '../../shared/app-info';

let skewMs = 0;

/** Takes the EFM's latest clock reading (from `app:info`, then each `clock:changed`). */
export function followEfmClock(clock: Clock | null): void {
  if (clock) skewMs = clock.skewMs;
}

/**
 * Now, by the EFM's clock: the workstation's time corrected by the skew the EFM's last answer showed. Stamps and
 * decision times use it, so a workstation whose clock is off still stamps the court's time.
 */
export function courtNow(): Date {
  return new Date(Date.now() + skewMs);
}
