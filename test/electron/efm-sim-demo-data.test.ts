import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { readEnvelopeXml } from '../../shared/ecf/read-ecf';
import { writeFilingMessage } from '../../shared/ecf/write-filing-message';
import { validateEcf } from '../fixtures/ecf-validate';

const demo = makeDemoEnvelopes();

describe('demo court envelopes', () => {
  it('are 200, deterministic, and cover new and existing cases, every category and 1–4 filings', () => {
    expect(demo).toHaveLength(200);
    expect(makeDemoEnvelopes()[17]).toEqual(demo[17]);
    expect(new Set(demo.map((d) => d.envelope.case.isNew))).toEqual(new Set([true, false]));
    expect(new Set(demo.map((d) => d.envelope.case.category))).toEqual(new Set(['CV', 'CR', 'FA', 'PR', 'SC']));
    expect(new Set(demo.map((d) => d.envelope.filings.length))).toEqual(new Set([1, 2, 3, 4]));
    for (const kind of ['signed', 'encrypted', 'rotated']) expect(demo.some((d) => d.documents.some((doc) => doc.kind === kind)), kind).toBe(true);
  });

  it('existing case numbers match the court pattern', () => {
    for (const { envelope } of demo) if (envelope.case.number) expect(envelope.case.number).toMatch(/^\d{4}-(CV|CR|FA|PR|SC)-\d{6}$/);
  });

  it('written as FilingMessages they validate against the ECF 5.0 schemas and read back to the same envelope', () => {
    for (const { envelope } of demo.slice(0, 12)) {
      const xml = writeFilingMessage(envelope, 'https://efm.demo.invalid/ecf5');
      const result = validateEcf(xml);
      expect(result.valid, `${envelope.id}\n${result.output}`).toBe(true);
      const read = readEnvelopeXml(xml);
      expect(read.ok && read.value).toEqual(envelope);
    }
  });
});
