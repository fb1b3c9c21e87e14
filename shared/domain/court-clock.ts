import { usableTimeZone } from './time-zone';

/**
 * The court's clock: instants shown and days counted in the court's time zone (Settings, or the court policy),
 * never the workstation's.
 */

/**
 * An instant as the court's wall clock shows it, in ISO 8601 with its offset (`2026-12-02T01:12:24-06:00`): read by
 * people as court time and by spreadsheets and scripts without ambiguity.
 */
export function courtLocalIso(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = wallClock(date, timeZone);
  const offsetMinutes = courtOffsetMinutes(date, timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

function wallClock(date: Date, zone: string): Record<string, string> {
  return Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: usableTimeZone(zone), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((part) => [part.type, part.value])) as Record<string, string>;
}

/** Minutes the court's clock is ahead of UTC at `date` (negative west of Greenwich). */
function courtOffsetMinutes(date: Date, timeZone: string): number {
  const parts = wallClock(date, timeZone);
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The court-calendar day it is now on the court's clock (`2026-12-02`). */
export function courtToday(timeZone: string, now = new Date()): string {
  return (courtLocalIso(now.toISOString(), timeZone) ?? now.toISOString()).slice(0, 10);
}

/**
 * The instant a court-calendar day (`2026-12-02`) begins on the court's clock, as ISO 8601 UTC: the ranges a
 * supervisor picks are court days, whatever the workstation's own time zone.
 */
export function courtDayStart(day: string, timeZone: string): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  const midnight = Date.UTC(year, month - 1, date);
  let instant = midnight - courtOffsetMinutes(new Date(midnight), timeZone) * 60_000;
  // Across a change of offset (daylight saving) the first guess is an hour off: measure again at the guess.
  instant = midnight - courtOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** An instant for people to read on a printed page: `12/6/2026, 9:17:04 PM CST`. */
export function courtClockText(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: usableTimeZone(timeZone), year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
  }).format(date);
}
