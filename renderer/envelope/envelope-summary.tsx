import type { EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { CourtTime } from '../ui/court-time';

/** The envelope's facts: case, filer, parties and who represents whom, payment. */
export function EnvelopeSummary({ detail }: { detail: EnvelopeDetail }) {
  const { envelope, payment } = detail;
  const names = new Map(envelope.parties.map((party) => [party.id, party.name]));
  return (
    <div className="envelope-summary" data-testid="envelope-summary">
      <dl className="facts">
        <dt>Case</dt>
        <dd>{envelope.case.isNew ? 'New case' : envelope.case.number} — {envelope.case.title}</dd>
        <dt>Category</dt>
        <dd>{envelope.case.category} ({envelope.case.type})</dd>
        <dt>Submitted</dt>
        <dd>{envelope.submittedAt ? <CourtTime at={envelope.submittedAt} /> : 'unknown'}</dd>
        <dt>Filer</dt>
        <dd>{envelope.filer}</dd>
        <dt>Court</dt>
        <dd>{envelope.courtName} · {detail.courtLocation}</dd>
        {payment && (
          <>
            <dt>Payment</dt>
            <dd data-testid="payment">
              {payment.totalAmount === null ? 'none' : `${payment.totalAmount.toFixed(2)} ${payment.currency ?? ''}`}
              {payment.cardType && ` · ${payment.cardType} ending ${payment.cardLast4 ?? '????'}`}
              {payment.feeExceptionReason && ` · fee exception: ${payment.feeExceptionReason}`}
            </dd>
          </>
        )}
      </dl>
      <h3>Parties</h3>
      <ul data-testid="parties">
        {envelope.parties.map((party) => (
          <li key={party.id}>{party.name} — {party.role}{party.selfRepresented ? ' (self-represented)' : ''}</li>
        ))}
      </ul>
      {envelope.attorneys.length > 0 && (
        <>
          <h3>Attorneys</h3>
          <ul>
            {envelope.attorneys.map((attorney) => (
              <li key={attorney.id}>{attorney.name}{attorney.barNumber ? ` (bar ${attorney.barNumber})` : ''} for {attorney.represents.map((id) => names.get(id) ?? id).join(', ')}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
