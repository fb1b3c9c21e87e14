import type { AppError } from '../errors';

/** After this many transient failures an outbox entry moves to the exception list for a person to decide. */
export const maxDeliveryAttempts = 8;

/** Delay before attempt n+1: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

// Answers that may succeed later: the EFM was away, answered garbage, or nobody is signed in (or the lock is on).
const transient = new Set<AppError['code']>(['efm-unreachable', 'efm-timeout', 'efm-bad-response', 'unauthorized', 'internal']);

/**
 * What to do after a failed delivery: `retry` later (with backoff), move it to the `exception` list after too many
 * attempts, or `refused` when waiting cannot help (stale claim, already decided, invalid review) — a conflict the
 * clerk must see. Nothing is ever dropped.
 */
export function nextDeliveryStep(error: AppError, attempts: number): 'retry' | 'exception' | 'refused' {
  if (!transient.has(error.code)) return 'refused';
  return attempts >= maxDeliveryAttempts ? 'exception' : 'retry';
}

/** Failures after which the EFM may or may not have applied the submission: ask it before sending again. */
export function isUnknownOutcome(error: AppError): boolean {
  // A refused connection or a failed TLS handshake means nothing was sent.
  return error.code === 'efm-timeout' || error.code === 'efm-bad-response' || (error.code === 'efm-unreachable' && error.reason !== 'unreachable' && error.reason !== 'tls');
}
