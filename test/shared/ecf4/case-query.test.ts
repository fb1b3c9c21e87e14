import { describe, expect, it } from 'vitest';
import { caseListQueryMessage4, caseListResponseMessage4, readCaseListQuery4 } from '../../../shared/ecf4/case-query';
import { readCaseListResponse4 } from '../../../shared/ecf4/case-response';
import { writePrefixes4 } from '../../../shared/ecf4/namespaces';
import { serializeXml } from '../../../shared/xml/xml-writer';
import { validateEcfBatch } from '../../fixtures/ecf-validate';
import { parsedRoot } from '../../fixtures/parsed-root';

/** The ECF 4.0 case queries the service writes to an ECF 4 record system, and the demo record system's answer. */
const header = { sendingMde: 'https://review.court.example/ecf4/FilingReviewMDEPort', courtId: 'adams', submitter: 'Filing Review service' };
const byNumber = serializeXml(caseListQueryMessage4(header, { caseNumber: '2026-CV-001187' }), writePrefixes4);
const byParty = serializeXml(caseListQueryMessage4(header, { partyName: 'Thomas Delaney', category: 'CV' }), writePrefixes4);
const answer = serializeXml(caseListResponseMessage4(header, [
  { caseNumber: '2026-CV-001187', title: 'Northgate Supply Co. v. Delaney', category: 'CV', parties: [] },
  { caseNumber: '2025-SC-000412', title: null, category: null, parties: [] },
]), writePrefixes4);

const root = parsedRoot;

describe('ECF 4.0 GetCaseList as the service writes it', () => {
  it('the queries (by case number, by party) and the case list are valid against Tyler\'s ECF 4 schemas', () => {
    const results = validateEcfBatch([byNumber, byParty, answer], 'tyler4');
    expect(results.map((result) => result.valid), results.map((result) => result.output).join('\n')).toEqual([true, true, true]);
  });

  it('each says what it was written to say', () => {
    expect(readCaseListQuery4(root(byNumber))).toEqual({ caseNumber: '2026-CV-001187' });
    expect(readCaseListQuery4(root(byParty))).toEqual({ partyName: 'Thomas Delaney', category: 'CV' });
    expect(readCaseListResponse4(root(answer)).map((kase) => [kase.caseNumber, kase.title])).toEqual([
      ['2026-CV-001187', 'Northgate Supply Co. v. Delaney'], ['2025-SC-000412', null],
    ]);
  });
});
