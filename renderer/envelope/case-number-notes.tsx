import { normaliseCaseNumber } from '../../shared/domain/clerk-text';
import { codeName, type CourtPolicy } from '../../shared/domain/court-policy';
import type { Envelope } from '../../shared/domain/envelope';
import type { EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { recordSystemCaseNumberPlaceholder } from '../../shared/stamp/deferred-stamp';

/** The case this new-case envelope was opened as: by a clerk, or numbered by the court's record system. */
export function AssignedCaseNote({ assigned, policy }: { assigned: NonNullable<EnvelopeDetail['assignedCase']>; policy: CourtPolicy | null }) {
  const judge = assigned.judge ? `; judge ${codeName(policy?.judges, assigned.judge)}` : '';
  return assigned.assignedBy === 'record-system'
    ? <p data-testid="assigned-case">Case number <strong>{assigned.caseNumber}</strong>, assigned by the court&apos;s record system ({assigned.title}){judge}.</p>
    : <p data-testid="assigned-case">Opened as case <strong>{assigned.caseNumber}</strong> ({assigned.title}){judge}.</p>;
}

/** Where the court's record system numbers new cases: what the clerk does not type, and what happens instead. */
export function RecordSystemNumberNote({ pending }: { pending: boolean }) {
  return (
    <p role="note" className="hint" data-testid="record-system-numbering">
      {pending
        ? "A filing of this case was accepted. The court's record system is assigning the case number; it shows here, and on the stamps, once assigned."
        : "Number assigned by the court's record system: when you accept, it opens the case and gives its number, court location and judge. The stamps get that number."}
    </p>
  );
}

/** What `{caseNumber}` stamps: the case's number, the clerk's typed one, or the placeholder while the record system numbers it. */
export function caseNumberForStamp(kase: Envelope['case'] | undefined, assigned: { caseNumber: string } | null, byRecordSystem: boolean, typed: string): string {
  if (assigned) return assigned.caseNumber;
  if (!kase?.isNew) return kase?.number ?? '';
  return byRecordSystem ? recordSystemCaseNumberPlaceholder : normaliseCaseNumber(typed);
}
