/** What happened to a decision the EFM refused, and what the clerk can do about it. */
export interface ConflictExplanation {
  readonly what: string;
  readonly action: string;
}

/**
 * Plain words for a refused or stuck delivery, from the EFM's fault code or the transport's reason. The clerk's own
 * decision is kept either way; these say what happened meanwhile.
 */
export function explainDeliveryProblem(reason: string | null | undefined, status: 'failed' | 'exception'): ConflictExplanation {
  if (status === 'exception') {
    return { what: 'The EFM could not be reached or kept failing, after several attempts.', action: 'Retry when the EFM is back; if it keeps failing, a supervisor can discard it with a note.' };
  }
  switch (reason) {
    case 'stale-fencing-token':
      return { what: 'The envelope was reassigned, released or claimed again by someone else after you opened it.', action: 'Open the queue to see who has it now; ask your supervisor if it should come back to you.' };
    case 'claimed-by-other':
      return { what: 'Another clerk holds this envelope.', action: 'Leave it to them, or ask your supervisor to reassign it to you and retry.' };
    case 'lease-expired':
      return { what: 'Your claim on the envelope expired before the decision arrived.', action: 'Open the envelope again to claim it, then retry.' };
    case 'already-decided':
      return { what: 'This filing was decided by someone else meanwhile.', action: 'Check the envelope history; your decision is kept for the record. Discard it with a note.' };
    case 'cancelled':
      return { what: 'The filer cancelled the filing meanwhile.', action: 'Nothing to docket. Discard your decision with a note.' };
    case 'not-found':
      return { what: 'The EFM no longer knows this envelope or filing.', action: 'Ask your supervisor; discard with a note once settled.' };
    default:
      return { what: 'The EFM refused the decision.', action: 'Read the EFM’s reason, correct what it names and retry, or discard with a note.' };
  }
}
