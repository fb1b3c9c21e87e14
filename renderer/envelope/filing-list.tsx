import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import type { Envelope } from '../../shared/domain/envelope';
import type { DocumentProblem } from '../../shared/domain/unreadable-document';
import type { RecordedDecision } from '../../shared/ipc/efm-schemas';
import { DecisionPanel } from './decision-panel';
import { RecordedDecisionNote } from './recorded-decision-note';
import { undecided, type DecisionDraft } from './review-draft';

/**
 * The envelope's filings, each with its decision (or the one an earlier episode recorded) and its documents. Working
 * on a filing (focus, a choice) makes it the current one, so the viewer shows the document being decided.
 */
export function FilingList({ envelope, current, onCurrent, selected, onSelect, decisions, onDecision, recorded, policy, corrections, readOnly, problems, username }: {
  envelope: Envelope; current: number; onCurrent: (index: number) => void;
  /** The document in the viewer. */
  selected: string | null; onSelect: (documentId: string) => void;
  decisions: ReadonlyMap<string, DecisionDraft>; onDecision: (filingId: string, draft: DecisionDraft) => void;
  recorded: readonly RecordedDecision[]; policy: CourtPolicy | null; corrections: readonly CodeEntry[]; readOnly: boolean;
  /** Documents found unreadable when opened. */
  problems: ReadonlyMap<string, DocumentProblem>;
  /** Whose saved explanations are offered. */
  username: string;
}) {
  return (
    <ol className="filing-list" data-testid="filing-list">
      {envelope.filings.map((filing, index) => {
        const earlier = recorded.find((r) => r.filingId === filing.id);
        return (
          <li key={filing.id} className={index === current ? 'filing current-filing' : 'filing'} aria-current={index === current ? 'step' : undefined}
            onFocus={() => index !== current && onCurrent(index)}>
            <strong>{filing.filingCode}</strong> — {filing.description}
            {earlier
              ? <RecordedDecisionNote decision={earlier} policy={policy} />
              : <DecisionPanel filing={filing} draft={decisions.get(filing.id) ?? undecided} policy={policy} corrections={corrections} disabled={readOnly} username={username}
                  onChange={(draft) => onDecision(filing.id, draft)} />}
            <ul className="filing-documents">
              {[filing.leadDocument, ...filing.connectedDocuments].map((document) => (
                <li key={document.id}>
                  <button type="button" className="document-link" aria-pressed={selected === document.id} onClick={() => onSelect(document.id)}>
                    {document.role === 'lead' ? 'Lead' : (document.relation ?? 'Attachment')}: {document.title ?? document.id}
                  </button>
                  {problems.has(document.id) && <span className="document-problem" data-testid="document-problem-marker"> — cannot be opened</span>}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
