import { createContext, useCallback, useContext } from 'react';
import { usableTimeZone } from '../../shared/domain/time-zone';

/** The court's time zone (Settings), for every time the desk shows; null until Settings are read. */
export const CourtTimeZone = createContext<string | null>(null);

const formats = new Map<string, Intl.DateTimeFormat>();

/** How much of an instant is shown: date and time, the time alone, or a short date and time for a table. */
export type CourtTimePart = 'datetime' | 'time' | 'short';

/**
 * An instant as the court's clock shows it: `12/6/2026, 9:17 PM CST`, the time alone (`9:17 PM CST`), or short
 * (`Dec 6, 9:17 PM`, for a queue column; the zone is the court's, shown in full on hover).
 */
export function formatCourtTime(at: string | number | Date, timeZone: string | null, part: CourtTimePart = 'datetime'): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const key = `${timeZone ?? ''}|${part}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone: usableTimeZone(timeZone) } : {}),
      ...(part === 'datetime' ? { year: 'numeric', month: 'numeric', day: 'numeric' } : part === 'short' ? { month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      ...(part === 'short' ? {} : { timeZoneName: 'short' }),
    });
    formats.set(key, format);
  }
  return format.format(date);
}

/** The formatter of the court's clock for this screen. */
export function useCourtTime(): (at: string | number | Date, part?: CourtTimePart) => string {
  const timeZone = useContext(CourtTimeZone);
  return useCallback((at: string | number | Date, part?: CourtTimePart) => formatCourtTime(at, timeZone, part), [timeZone]);
}

/** An instant in a `<time>` element, shown on the court's clock, its exact value kept in `dateTime`. */
export function CourtTime({ at, part = 'datetime' }: { at: string; part?: CourtTimePart }) {
  const format = useCourtTime();
  return <time dateTime={at} title={part === 'short' ? format(at, 'datetime') : undefined}>{format(at, part)}</time>;
}
