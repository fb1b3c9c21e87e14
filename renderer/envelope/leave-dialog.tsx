/**
 * Asked when the clerk leaves an envelope with work not yet submitted. The draft stays on this workstation either
 * way unless the clerk throws it away; the claim goes back to the pool, so another clerk may take the envelope.
 */
export function LeaveDialog({ onStay, onLeave, onDiscard }: { onStay: () => void; onLeave: () => void; onDiscard: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="leave-title" aria-describedby="leave-text" className="shortcuts" data-testid="leave-dialog">
      <h2 id="leave-title">Leave this envelope?</h2>
      <p id="leave-text">
        You have decisions or entries that are not submitted. They stay saved as a draft on this workstation and come back
        when you open the envelope again, but the envelope returns to the queue and another clerk may take it meanwhile.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onStay} autoFocus>Keep reviewing</button>
        <button type="button" onClick={onLeave}>Leave and keep my draft</button>
        <button type="button" onClick={onDiscard}>Discard my draft and leave</button>
      </div>
    </div>
  );
}
