import { useEffect, useId, useRef, type ReactNode } from 'react';

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog over a dimmed screen: focus moves into it and stays there (Tab cycles), Escape closes it, and
 * focus goes back where it was when it closes. `actions` are its buttons, the first the default.
 */
export function Dialog({ title, description, onClose, children, actions, testId, wide }: {
  title: string; description?: ReactNode; onClose: () => void; children?: ReactNode; actions?: ReactNode; testId?: string; wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? box.current?.querySelector<HTMLElement>(focusable);
    (first ?? box.current)?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Escape') {
      // Handled here: the screen's own Escape (leave the envelope) must not fire too.
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(focusable)];
    if (items.length === 0) return;
    const [first, last] = [items[0], items.at(-1)];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };
  return (
    <div className="dialog-backdrop">
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} className={`dialog${wide ? ' dialog-wide' : ''}`}
        data-testid={testId} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">{title}</h2>
        {description && <div className="dialog-description">{description}</div>}
        {children}
        {actions && <div className="dialog-actions">{actions}</div>}
      </div>
    </div>
  );
}
