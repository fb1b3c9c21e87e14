import { explainDeliveryProblem } from '../../shared/outbox/conflict-explanation';
import type { OutboxEntry } from '../db/db';
import { deliverPending } from '../outbox/outbox';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { useCourtTime } from '../ui/court-time';

/**
 * The foot of the review pane, always in view: what still stops the submission, the Submit button (its label says
 * how many decisions go and how many stay for later), the outcome, and the delivery of what was sent.
 */
export function SubmitBar({ problems, disabled, submitting, episode, left, outcome, delivery, onSubmit }: {
  problems: readonly string[]; disabled: boolean; submitting: boolean; episode: number; left: number;
  outcome: { ok: boolean; message: string } | null; delivery: OutboxEntry | null; onSubmit: () => void;
}) {
  const courtTime = useCourtTime();
  const label = submitting ? 'Stamping and submitting…' : left > 0 && episode > 0 ? `Submit ${episode} ${episode === 1 ? 'decision' : 'decisions'} (${left} left for later)` : 'Submit review';
  return (
    <div className="submit-bar" data-testid="submit-bar">
      {problems.length > 0 && !outcome?.ok && <ul className="hint review-problems" data-testid="review-problems">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}
      <div className="submit-row">
        <Button variant="primary" disabled={disabled} onClick={onSubmit} aria-keyshortcuts="Control+Enter">{label}</Button>
      </div>
      {outcome && <Alert tone={outcome.ok ? 'success' : 'error'} testId="submit-outcome">{outcome.message}</Alert>}
      {delivery && (
        <p data-testid="outbox-status" className={`delivery delivery-${delivery.status}`}>
          {delivery.status === 'pending' && `Waiting to reach the EFM (attempt ${delivery.attempts}${delivery.lastError ? `: ${delivery.lastError}` : ''}). `}
          {delivery.status === 'sent' && `Delivered to the EFM ${delivery.sentAt ? courtTime(delivery.sentAt, 'time') : ''}.`}
          {delivery.status === 'failed' && `Refused by the EFM: ${delivery.lastError ?? ''}. ${explainDeliveryProblem(delivery.lastErrorReason, 'failed').what} Your decisions are kept in the Outbox.`}
          {delivery.status === 'exception' && `Not delivered after ${delivery.attempts} attempts (${delivery.lastError ?? ''}); it is on the Outbox's exception list.`}
          {delivery.status === 'discarded' && `Discarded: ${delivery.note ?? ''}`}
          {delivery.status === 'pending' && <Button variant="link" onClick={() => void deliverPending()}>Send now</Button>}
        </p>
      )}
    </div>
  );
}
