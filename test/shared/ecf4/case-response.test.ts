import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaseListResponse, readCaseResponse } from '../../../shared/ecf/case-messages';
import { validateEcfBatch } from '../../fixtures/ecf-validate';
import { parsedRoot } from '../../fixtures/parsed-root';

const list = readFileSync(path.resolve('test', 'fixtures', 'ecf4', 'CaseListResponseMessage-two-cases.xml'), 'utf8');
// The GetCase answer of the same record system: the list's first case in a CaseResponseMessage.
const single = list
  .replace(/CaseListResponseMessage-4\.0/g, 'CaseResponseMessage-4.0').replace(/CaseListResponseMessage/g, 'CaseResponseMessage')
  .replace(/<nc:Case>[\s\S]*<\/nc:Case>\s*/g, '');
const root = parsedRoot;

describe('GetCase and GetCaseList answers of an ECF 4 court record system (#17)', () => {
  it('both answers are valid against Tyler\'s ECF 4 schemas', () => {
    expect(validateEcfBatch([list, single], 'tyler4').map((result) => result.valid)).toEqual([true, true]);
  });

  it('the case list reads into the summaries the duplicate-case warning compares; unnumbered cases left out', () => {
    expect(readCaseListResponse(root(list))).toEqual([
      { caseNumber: '2026-CV-001187', title: 'Northgate Supply Co. v. Delaney', category: '6198', parties: ['Northgate Supply Co.', 'Thomas Delaney'] },
      { caseNumber: '2025-SC-000412', title: 'Delaney v. Marsh', category: 'SC', parties: [] },
    ]);
  });

  it('GetCase reads the one case; a message of another kind reads as none', () => {
    expect(readCaseResponse(root(single))).toMatchObject({ caseNumber: '2026-CV-001187', parties: ['Northgate Supply Co.', 'Thomas Delaney'] });
    expect(readCaseResponse(root('<CaseResponseMessage xmlns="urn:example:other"/>'))).toBeNull();
    expect(readCaseListResponse(root('<a xmlns="urn:example"/>'))).toEqual([]);
  });
});
