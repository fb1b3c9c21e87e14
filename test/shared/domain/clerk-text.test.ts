import { describe, expect, it } from 'vitest';
import { caseNumberExample, neutraliseBidi, normaliseCaseNumber } from '../../../shared/domain/clerk-text';

describe('caseNumberExample: the format shown to clerks instead of the pattern', () => {
  it.each([
    ['^\\d{4}-(CV|CR|FA|PR|SC)-\\d{6}$', '2026-CV-000123'],
    ['^(?:CV|CR)\\d{2}-\\d{5}$', 'CV23-00123'],
    ['^[A-Z]{2}-\\d+$', 'AA-3'],
    ['^\\d{4}[A-Z]{2}[0-9]{6}$', '2026AA000123'],
    ['^\\d{2}\\.\\d{3}$', '23.123'],
  ])('%s → %s', (pattern, example) => {
    expect(caseNumberExample(pattern, 2026)).toBe(example);
  });

  it.each(['^.*$', '^[^x]+$', '^(a|b', '\\w+', '^\\d*$'])('gives none for %s (the form then says "the court\'s format")', (pattern) => {
    expect(caseNumberExample(pattern, 2026)).toBeNull();
  });
});

describe('normaliseCaseNumber', () => {
  it('upper-cases, trims, folds full-width digits and drops invisible and bidirectional characters', () => {
    expect(normaliseCaseNumber(' 2026-cv-000123 ')).toBe('2026-CV-000123');
    expect(normaliseCaseNumber('2026-CV-\u200b000123')).toBe('2026-CV-000123');
    expect(normaliseCaseNumber('\u202e2026-CV-000123\u202c')).toBe('2026-CV-000123');
    expect(normaliseCaseNumber('２０２６-CV-000123')).toBe('2026-CV-000123');
  });
});

describe('neutraliseBidi', () => {
  it('removes overrides, embeddings and isolates, and keeps every letter', () => {
    expect(neutraliseBidi('Refund \u202eevil\u202c here')).toBe('Refund evil here');
    expect(neutraliseBidi('\u2067שלום\u2069 ok')).toBe('שלום ok');
    expect(neutraliseBidi('مرحبا and Grüße')).toBe('مرحبا and Grüße');
  });
});
