import type { ReactNode } from 'react';

/** The ids a field's control points at with `aria-describedby` (help, error, counter), or undefined when none. */
export type DescribedBy = string | undefined;

/**
 * A labelled form field: the label, the control (rendered by `children` with the ids that describe it), a help
 * line shown before the clerk types, an error in words once there is one, and an optional counter.
 */
export function Field({ id, label, help, error, counter, children }: {
  id: string; label: ReactNode; help?: ReactNode; error?: string | null; counter?: ReactNode;
  children: (describedBy: DescribedBy, invalid: boolean) => ReactNode;
}) {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null, counter ? `${id}-counter` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(ids.length > 0 ? ids.join(' ') : undefined, !!error)}
      {help && <span id={`${id}-help`} className="field-help">{help}</span>}
      {counter && <span id={`${id}-counter`}>{counter}</span>}
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
    </div>
  );
}
