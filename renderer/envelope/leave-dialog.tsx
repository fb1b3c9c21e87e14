import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';

/**
 * Asked when the clerk leaves an envelope with work not yet submitted. The draft stays on this workstation either
 * way unless the clerk throws it away; the claim goes back to the pool, so another clerk may take the envelope.
 */
export function LeaveDialog({ onStay, onLeave, onDiscard }: { onStay: () => void; onLeave: () => void; onDiscard: () => void }) {
  return (
    <Dialog title="Leave this envelope?" onClose={onStay} testId="leave-dialog"
      description={<p>
        You have decisions or entries that are not submitted. They stay saved as a draft on this workstation and come back
        when you open the envelope again, but the envelope returns to the queue and another clerk may take it meanwhile.
      </p>}
      actions={<>
        <Button variant="primary" onClick={onStay} data-autofocus>Keep reviewing</Button>
        <Button onClick={onLeave}>Leave and keep my draft</Button>
        <Button variant="danger" onClick={onDiscard}>Discard my draft and leave</Button>
      </>} />
  );
}
