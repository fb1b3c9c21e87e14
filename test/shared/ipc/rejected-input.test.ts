import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reviewDecisionSchema } from '../../../shared/domain/review-decision';
import { describeRejectedInput } from '../../../shared/ipc/rejected-input';
import { settingsPatchSchema } from '../../../shared/settings';

const first = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues[0];
};
const decision = { outcome: 'rejected', envelopeId: 'E1', filingId: 'F1', reasonCode: 'R', reviewer: 'clerk1', decidedAt: '2026-12-07T10:00:00Z' };

describe('describeRejectedInput: what a clerk reads when the desk sent something the main process refuses', () => {
  it('names the field in words and the limit, never the channel, the path or zod', () => {
    const message = describeRejectedInput(first(z.object({ payload: z.object({ decisions: z.array(reviewDecisionSchema) }) }), { payload: { decisions: [{ ...decision, note: 'x'.repeat(6000) }] } }));
    expect(message).toBe('The note to the filer is longer than the 2,000 characters allowed.');
    expect(message).not.toMatch(/payload|decisions\.0|Too big|outbox:/);
  });

  it('words numeric limits and missing fields', () => {
    const settings = describeRejectedInput(first(settingsPatchSchema, { idleLockMinutes: 100_000 }));
    expect(settings).toMatch(/^The minutes before the screen locks must be at most [\d,]+\.$/);
    expect(describeRejectedInput(first(z.object({ caseNumber: z.string() }), {}))).toBe('The case number is missing.');
    expect(describeRejectedInput(first(z.object({ someThing: z.string().min(3) }), { someThing: 'a' }))).toBe('The some thing needs at least 3 characters.');
  });

  it("keeps a schema's own message, written for clerks", () => {
    expect(describeRejectedInput(first(reviewDecisionSchema, { ...decision, note: 'short' }))).toBe('Explain the rejection to the filer (at least 10 characters).');
  });
});

describe('notes lose bidirectional controls on every side', () => {
  it('the decision schema stores what was typed, in typed order', () => {
    const parsed = reviewDecisionSchema.parse({ ...decision, note: 'Refund \u202egnorw\u202c amount, see rule 4' });
    expect(parsed.note).toBe('Refund gnorw amount, see rule 4');
  });
});
