const known = new Map<string, boolean>();
let canonical: ReadonlySet<string> | null = null;

/**
 * True when `zone` is an IANA time zone this runtime knows. A canonical name is looked up in the runtime's list;
 * only another spelling (an alias such as `US/Central`) builds a formatter, whose first creation loads the locale
 * data (about 10 ms, more in a cold renderer: the settings are checked before the sign-in screen paints).
 */
export function isKnownTimeZone(zone: string): boolean {
  canonical ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  if (canonical.has(zone)) return true;
  let answer = known.get(zone);
  if (answer === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      answer = true;
    } catch {
      answer = false;
    }
    if (known.size < 1000) known.set(zone, answer);
  }
  return answer;
}

/**
 * A zone that can be formatted in: `zone` when it is known, else UTC (a half-typed zone in Settings, a damaged
 * settings file), so a time is always shown, labelled with the zone it is in, and nothing throws while drawing.
 */
export function usableTimeZone(zone: string | null | undefined): string {
  return zone && isKnownTimeZone(zone) ? zone : 'UTC';
}
