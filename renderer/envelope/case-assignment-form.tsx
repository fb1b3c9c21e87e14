import { useEffect, useState } from 'react';
import type { CaseSummary } from '../../shared/domain/case-summary';
import { caseNumberExample, normaliseCaseNumber } from '../../shared/domain/clerk-text';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import type { Envelope } from '../../shared/domain/envelope';
import { getApi } from '../app/api';
import { CodeField } from '../ui/code-field';
import type { CaseAssignmentDraft } from './review-draft';
import { Alert } from '../ui/alert';

/** Manual case assignment for a new case, with a warning when the court already has a case with these parties. */
export function CaseAssignmentForm({ envelope, draft, policy, disabled, onChange }: { envelope: Envelope; draft: CaseAssignmentDraft; policy: CourtPolicy | null; disabled: boolean; onChange: (draft: CaseAssignmentDraft) => void }) {
  const [existing, setExisting] = useState<CaseSummary[]>([]);
  useEffect(() => {
    const partyNames = envelope.parties.map((party) => party.name).filter((name) => name.length >= 2).slice(0, 10);
    if (partyNames.length === 0) return;
    let live = true;
    void getApi().cases.find({ partyNames, category: envelope.case.category }).then((result) => live && result.ok && setExisting(result.value));
    return () => {
      live = false;
    };
  }, [envelope]);
  // A new case needs a number the court does not have yet: looked up (standard GetCase) once the clerk pauses typing.
  const [taken, setTaken] = useState<CaseSummary | null>(null);
  const typedNumber = normaliseCaseNumber(draft.caseNumber);
  const example = policy ? caseNumberExample(policy.caseNumberPattern) : null;
  useEffect(() => {
    setTaken(null);
    if (typedNumber.length < 3) return;
    let live = true;
    const timer = setTimeout(() => {
      void getApi().cases.get({ caseNumber: typedNumber }).then((result) => live && result.ok && setTaken(result.value));
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typedNumber]);
  return (
    <fieldset className="case-assignment" disabled={disabled} data-testid="case-assignment">
      <legend>Case assignment (new case)</legend>
      {existing.length > 0 && (
        <Alert tone="warning" testId="existing-cases">
          The court already has {existing.length === 1 ? 'a case' : `${existing.length} cases`} with these parties: {existing.slice(0, 3).map((kase) => `${kase.caseNumber} (${kase.title ?? 'untitled'})`).join(', ')}. Check this is not a subsequent filing.
        </Alert>
      )}
      <div className="field">
        <label htmlFor="case-number">Case number</label>
        <input id="case-number" value={draft.caseNumber} aria-describedby="case-number-format" autoComplete="off" spellCheck={false}
          onChange={(event) => onChange({ ...draft, caseNumber: event.target.value })}
          onBlur={() => onChange({ ...draft, caseNumber: normaliseCaseNumber(draft.caseNumber) })} />
        {example && <span id="case-number-format" className="hint">Format: {example}</span>}
      </div>
      {taken && (
        <Alert tone="error" testId="case-number-taken">
          The court already has case {taken.caseNumber}{taken.title ? ` (${taken.title})` : ''}. A new case needs a number of its own; if this
          filing belongs in that case, it is not a new case.
        </Alert>
      )}
      <div className="field">
        <label htmlFor="case-title">Case title</label>
        <input id="case-title" value={draft.title} onChange={(event) => onChange({ ...draft, title: event.target.value })} />
      </div>
      <CodeField id="case-location" label="Court location" list={policy?.courtLocations} value={draft.courtLocation} onChange={(courtLocation) => onChange({ ...draft, courtLocation })} />
      <CodeField id="case-judge" label="Judge" list={policy?.judges} value={draft.judge} onChange={(judge) => onChange({ ...draft, judge })} />
    </fieldset>
  );
}
