import { useState } from 'react';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { rejectionNoteMinLength } from '../../shared/domain/review-decision';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { RejectionFields } from './rejection-fields';

/**
 * Rejects every filing still open in the envelope with one reason and one explanation (a wrong court, a duplicate,
 * a fee not paid). The decisions are filled in for the clerk to see; nothing is sent until Submit.
 */
export function RejectEnvelopeDialog({ open, policy, username, onReject, onCancel }: {
  /** How many filings are still open (not decided in an earlier episode). */
  open: number; policy: CourtPolicy | null; username: string;
  onReject: (reasonCode: string, note: string) => void; onCancel: () => void;
}) {
  const [choice, setChoice] = useState({ reasonCode: '', note: '' });
  const reasonNeeded = (policy?.rejectionReasons.length ?? 1) > 0;
  const ready = (!reasonNeeded || choice.reasonCode !== '') && choice.note.trim().length >= rejectionNoteMinLength;
  return (
    <Dialog title="Reject the whole envelope" onClose={onCancel} testId="reject-envelope-dialog"
      description={<p>All {open} open {open === 1 ? 'filing' : 'filings'} will be rejected with this reason and explanation. You can still change
        any of them before you submit.</p>}
      actions={<>
        <Button variant="danger" disabled={!ready} onClick={() => onReject(choice.reasonCode, choice.note)}>Reject {open} {open === 1 ? 'filing' : 'filings'}</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </>}>
      <RejectionFields idPrefix="whole-envelope" reasonCode={choice.reasonCode} note={choice.note} policy={policy} username={username} onChange={setChoice} />
      {!ready && <p className="hint">{reasonNeeded && !choice.reasonCode ? 'Choose a reason. ' : ''}{choice.note.trim().length < rejectionNoteMinLength ? `The explanation needs at least ${rejectionNoteMinLength} characters.` : ''}</p>}
    </Dialog>
  );
}
