import { describe, expect, it } from 'vitest';
import { explainDeliveryProblem } from '../../../shared/outbox/conflict-explanation';
import { maxDeliveryAttempts, nextDeliveryStep, isUnknownOutcome } from '../../../shared/outbox/delivery-policy';
import { appError } from '../../../shared/errors';

describe('delivery policy and conflict explanations', () => {
  it('retries transient failures, then moves them to the exception list; refusals are conflicts at once', () => {
    expect(nextDeliveryStep(appError('efm-timeout', 'slow'), 1)).toBe('retry');
    expect(nextDeliveryStep(appError('efm-bad-response', 'garbage'), maxDeliveryAttempts - 1)).toBe('retry');
    expect(nextDeliveryStep(appError('efm-unreachable', 'down'), maxDeliveryAttempts)).toBe('exception');
    expect(nextDeliveryStep(appError('conflict', 'stale', { reason: 'stale-fencing-token' }), 1)).toBe('refused');
  });

  it('asks before resending only when the request may have reached the EFM', () => {
    expect(isUnknownOutcome(appError('efm-timeout', 'x', { reason: 'timeout' }))).toBe(true);
    expect(isUnknownOutcome(appError('efm-unreachable', 'x', { reason: 'reset' }))).toBe(true);
    expect(isUnknownOutcome(appError('efm-unreachable', 'x', { reason: 'unreachable' }))).toBe(false);
    expect(isUnknownOutcome(appError('efm-unreachable', 'x', { reason: 'tls' }))).toBe(false);
  });

  it('says what happened and what the clerk can do, per conflict', () => {
    expect(explainDeliveryProblem('stale-fencing-token', 'failed').what).toMatch(/reassigned/);
    expect(explainDeliveryProblem('already-decided', 'failed').what).toMatch(/decided by someone else/);
    expect(explainDeliveryProblem('cancelled', 'failed')).toMatchObject({ what: expect.stringMatching(/filer cancelled/), action: expect.stringMatching(/Discard/) });
    expect(explainDeliveryProblem('timeout', 'exception').action).toMatch(/Retry/);
  });
});
