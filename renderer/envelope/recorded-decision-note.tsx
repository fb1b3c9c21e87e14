import type { CourtPolicy } from '../../shared/domain/court-policy';
import type { RecordedDecision } from '../../shared/ipc/efm-schemas';
import { useCourtTime } from '../ui/court-time';

/** A filing decided in an earlier review episode: what was decided, by whom and when. It cannot be changed here. */
export function RecordedDecisionNote({ decision, policy }: { decision: RecordedDecision; policy: CourtPolicy | null }) {
  const when = useCourtTime()(decision.decidedAt);
  const reason = decision.reasonCode ? (policy?.rejectionReasons.find((entry) => entry.code === decision.reasonCode)?.name ?? decision.reasonCode) : null;
  return (
    <p className={`recorded-decision recorded-${decision.outcome}`} data-testid={`recorded-${decision.filingId}`}>
      {decision.outcome === 'accepted' ? 'Accepted' : 'Rejected'} by {decision.reviewerId} on {when}
      {decision.correctedFilingCode && ` as ${decision.correctedFilingCode}`}
      {reason && ` — ${reason}`}
      {decision.note && `: ${decision.note}`}
    </p>
  );
}
