import { describe, expect, it } from 'vitest';
import { courtClockText, courtLocalIso } from '../../../shared/domain/court-clock';
import { isKnownTimeZone, usableTimeZone } from '../../../shared/domain/time-zone';
import { formatCourtDateTime } from '../../../shared/stamp/stamp-text';

describe('a time zone that is not one (half typed in Settings, a damaged file)', () => {
  it('is told apart from a real one', () => {
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('America/Chic')).toBe(false);
    // Another spelling of a zone (not in the runtime's canonical list) is known too, and so is UTC.
    expect(isKnownTimeZone('US/Central')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('us/central-ish')).toBe(false);
    expect(usableTimeZone('America/Chic')).toBe('UTC');
    expect(usableTimeZone(null)).toBe('UTC');
  });

  it('never throws where a time is formatted: the time is shown in UTC, and says so', () => {
    const at = '2026-12-02T15:04:05Z';
    expect(courtLocalIso(at, '\u202e日本')).toBe('2026-12-02T15:04:05+00:00');
    expect(courtClockText(at, 'Not/AZone')).toMatch(/UTC$/);
    expect(() => formatCourtDateTime(at, 'x'.repeat(64), '{datetime}')).not.toThrow();
  });
});
