/** The keyboard shortcuts of the review screens, shown with `?`. */
export const reviewShortcuts: readonly [string, string][] = [
  ['j / k', 'Next / previous filing'],
  ['a', 'Accept the current filing'],
  ['r', 'Reject the current filing (opens the reason list)'],
  ['c', 'Go to the case assignment'],
  ['s', 'Show or hide the stamp preview (accepted filing)'],
  ['Ctrl+Enter', 'Submit the review'],
  ['Esc', 'Close the open dialog; otherwise back to the queue (asks first if work is not submitted)'],
  ['?', 'Show or hide this list'],
  ['Queue: ↑ / ↓, Enter', 'Move through the queue, open an envelope'],
];

/** The list of shortcuts, as a dialog. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" className="shortcuts" data-testid="shortcuts-help">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="facts">
        {reviewShortcuts.map(([keys, action]) => (
          <div key={keys} className="shortcut-row">
            <dt><kbd>{keys}</kbd></dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} autoFocus>Close</button>
    </div>
  );
}

/** True when a key press happens while typing, where single-letter shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
}
