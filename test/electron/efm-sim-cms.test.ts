import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { SimulatedCms, type CmsFilingResult } from '../../electron/efm-sim/simulated-cms';
import { validateEcf } from '../fixtures/ecf-validate';

const envelope = makeDemoEnvelopes(40).find((d) => d.envelope.filings.length >= 3)?.envelope;
const reviewer = { id: 'clerk1', name: 'Dana Whitaker' };

describe('simulated court record system', () => {
  it('sends one schema-valid callback per envelope in the single-callback model, refused filings to the exception queue', async () => {
    if (!envelope) throw new Error('no envelope with 3 filings');
    const results: CmsFilingResult[] = [];
    const cms = new SimulatedCms({ delayMs: 1, failureRate: 1, model: 'single', random: () => 0.5, validateEcf: async (xml) => validateEcf(xml), onResult: (result) => void results.push(result) });
    cms.record(envelope, envelope.filings.map((f) => ({ filingId: f.id, sha256: null })), reviewer, '2026-11-22T16:00:00Z');
    await cms.whenIdle();
    expect(cms.callbacks).toHaveLength(1);
    expect(cms.callbacks[0]).toMatchObject({ schemaValid: true, result: { filingDocketingStatus: 'unsuccessful' } });
    // The service is told each refusal with its reason and what a retry needs (its exception queue).
    expect(results.map((r) => [r.filing.filingId, r.docketed])).toEqual(envelope.filings.map((f) => [f.id, false]));
    expect(results[0]).toMatchObject({ failureReason: expect.any(String), reviewer, acceptedAt: '2026-11-22T16:00:00Z' });
    expect(cms.statusOf(envelope.filings[0]?.id ?? '')).toBe('unsuccessful');
  });

  it('sends one callback per filing in the per-filing model and dockets them all when nothing fails', async () => {
    if (!envelope) throw new Error('no envelope with 3 filings');
    const results: CmsFilingResult[] = [];
    const cms = new SimulatedCms({ delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, onResult: (result) => void results.push(result) });
    cms.record(envelope, envelope.filings.map((f) => ({ filingId: f.id, sha256: 'b'.repeat(64) })), reviewer, '2026-11-22T16:00:00Z');
    await cms.whenIdle();
    expect(cms.callbacks).toHaveLength(envelope.filings.length);
    expect(cms.callbacks.every((c) => c.result.filingDocketingStatus === 'successful')).toBe(true);
    expect(results.every((r) => r.docketed && r.failureReason === null)).toBe(true);
  });
});
