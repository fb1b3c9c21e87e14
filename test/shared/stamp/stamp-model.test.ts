import { describe, expect, it } from 'vitest';
import { layoutStamp, normaliseRotation, visualToUser, type PageGeometry } from '../../../shared/stamp/stamp-layout';
import { fillStampText, formatCourtDateTime } from '../../../shared/stamp/stamp-text';
import { stampPageNumbers, stampPreset, stampPresets, stampTemplateSchema } from '../../../shared/stamp/stamp-template';
import { planStamp } from '../../../shared/stamp/stamp-plan';
import { measureStandardText, toStandardFontText } from '../../../shared/stamp/standard-fonts';

const values = { status: 'FILED', datetime: '2026-07-04T17:05:00Z', timeZone: 'America/Los_Angeles', caseNumber: 'CV-1' };

describe('stamp text', () => {
  it('fills fields, keeps unknown placeholders visible and writes literal braces', () => {
    expect(fillStampText('{status} {caseNumber} p{page}/{pages} {judge} {{x}}', values, 2, 9, 'yyyy')).toBe('FILED CV-1 p2/9 {judge} {x}');
  });

  it('formats date and time in the court time zone, with daylight saving', () => {
    expect(formatCourtDateTime(values.datetime, 'America/Los_Angeles', 'MM/dd/yyyy hh:mm a zzz')).toBe('07/04/2026 10:05 AM PDT');
    expect(formatCourtDateTime('2026-12-01T00:30:00Z', 'America/New_York', 'yyyy-MM-dd HH:mm:ss zzz')).toBe('2026-11-30 19:30:00 EST');
  });

  it('prints names outside the standard fonts without failing', () => {
    // ó is in WinAnsi and stays; Ż, ł, ć are not and lose their marks; 李 has no fallback.
    expect(toStandardFontText('Łukasz Żółć — 李', 'Helvetica')).toBe('Lukasz Zólc — ?');
    expect(measureStandardText('Łódź', 'Helvetica', 10)).toBeGreaterThan(0);
  });
});

describe('stamp templates', () => {
  it('ships valid Filed, Received, Certified copy and page footer presets', () => {
    expect(stampPresets.map((preset) => preset.name)).toEqual(['Filed', 'Received', 'Certified copy', 'Page footer']);
    for (const preset of stampPresets) expect(stampTemplateSchema.safeParse(preset).success).toBe(true);
  });

  it('selects first, last, all and listed pages', () => {
    expect(stampPageNumbers({ kind: 'first' }, 5)).toEqual([1]);
    expect(stampPageNumbers({ kind: 'last' }, 5)).toEqual([5]);
    expect(stampPageNumbers({ kind: 'all' }, 3)).toEqual([1, 2, 3]);
    expect(stampPageNumbers({ kind: 'list', pages: [4, 2, 9, 2] }, 5)).toEqual([2, 4]);
  });
});

describe('stamp layout', () => {
  const letter = (rotation: PageGeometry['rotation']): PageGeometry => ({ cropBox: { x: 10, y: 20, width: 600, height: 800 }, rotation });

  it('maps the visual top-left corner to the right user-space corner for each rotation', () => {
    expect(visualToUser(letter(0), 0, 0)).toEqual([10, 820]);
    expect(visualToUser(letter(90), 0, 0)).toEqual([10, 20]);
    expect(visualToUser(letter(180), 0, 0)).toEqual([610, 20]);
    expect(visualToUser(letter(270), 0, 0)).toEqual([610, 820]);
    expect(normaliseRotation(-90)).toBe(270);
    expect(normaliseRotation(450)).toBe(90);
    expect(normaliseRotation(45)).toBe(0);
  });

  it('anchors in visual space: a top-right stamp on a 90° page sits on the long edge the reader sees on the right', () => {
    const layout = layoutStamp({ anchor: 'top-right', offsetX: 20, offsetY: 10, padding: 4, lineGap: 2 }, [{ text: 'FILED', font: 'Helvetica', size: 12 }], null, 0, letter(90), measureStandardText);
    expect(layout.visualPage).toEqual({ width: 800, height: 600 });
    expect(layout.visualRect.x + layout.visualRect.width).toBeCloseTo(780);
    expect(layout.visualRect.y).toBe(10);
    // Text runs up the page in user space so it reads left to right once the viewer rotates the page.
    expect(layout.matrix.slice(0, 4)).toEqual([0, 1, -1, 0]);
  });
});

describe('a line whose fields are all empty', () => {
  it('is left off the stamp instead of printing a bare label; lines with a value or without fields stay', () => {
    const template = stampPreset('filed');
    if (!template) throw new Error('the filed preset');
    const page = { cropBox: { x: 0, y: 0, width: 612, height: 792 }, rotation: 0 as const };
    const fields = { datetime: '2026-12-07T10:00:00Z', timeZone: 'UTC', court: 'Court', caseNumber: '2026-CV-000123' };
    const without = planStamp(template, { ...fields, clerk: '', envelopeId: '' }, page, 1, 1, null, null).lines.map((line) => line.text);
    expect(without.some((text) => text.startsWith('Clerk'))).toBe(false);
    expect(without.some((text) => text.startsWith('Envelope'))).toBe(false);
    expect(without).toContain('FILED');
    const named = planStamp(template, { ...fields, clerk: 'Dana Whitaker', envelopeId: 'ENV-1' }, page, 1, 1, null, null).lines.map((line) => line.text);
    expect(named).toEqual(expect.arrayContaining(['Clerk: Dana Whitaker', 'Envelope ENV-1']));
  });
});
