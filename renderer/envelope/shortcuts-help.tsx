import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';

/** The keyboard shortcuts of the review screens, shown with `?`. */
export const reviewShortcuts: readonly [string, string][] = [
  ['j / k', 'Next / previous filing'],
  ['a', 'Accept the current filing'],
  ['Shift+A', 'Accept every filing not decided yet'],
  ['r', 'Reject the current filing (opens the reason list)'],
  ['c', 'Go to the case assignment'],
  ['s', 'Show or hide the stamp preview (accepted filing)'],
  ['Ctrl+Enter', 'Submit the review'],
  ['Esc', 'Close the open dialog; otherwise back to the queue (asks first if work is not submitted)'],
  ['?', 'Show or hide this list'],
  ['PageUp / PageDown, Home / End', 'Previous / next page, first / last page of the document'],
  ['Queue: ↑ / ↓, Enter', 'Move through the queue, open an envelope'],
  ['Alt+1 … Alt+6', 'Go to another screen (the envelope stays open under Queue)'],
];

/** The shortcuts of the queue screen, shown with `?` there. */
export const queueShortcuts: readonly [string, string][] = [
  ['↑ / ↓', 'Move through the queue (the envelope under the cursor starts loading)'],
  ['Enter', 'Open the envelope (back from it, the keyboard is on the next one)'],
  ['/', 'Go to the search box'],
  ['Alt+1 … Alt+6', 'Go to another screen'],
  ['?', 'Show or hide this list'],
];

/** The shortcuts every screen has: moving between the screens, and this list. */
export const appShortcuts: readonly [string, string][] = [
  ['Alt+1 … Alt+6', 'Queue, Outbox, Supervisor (supervisors), Status, Stamp, Settings'],
  ['?', 'Show or hide the shortcuts of the screen you are on'],
  ['Tab / Shift+Tab', 'Next / previous control'],
];

/** A list of shortcuts (the review's by default), as a dialog. */
export function ShortcutsHelp({ onClose, shortcuts = reviewShortcuts }: { onClose: () => void; shortcuts?: readonly [string, string][] }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-help"
      actions={<Button variant="primary" onClick={onClose} data-autofocus>Close</Button>}>
      <dl className="facts">
        {shortcuts.map(([keys, action]) => (
          <div key={keys} className="shortcut-row">
            <dt><kbd>{keys}</kbd></dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

/** True when a key press happens while typing, where single-letter shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
}
