import type { ReactNode } from 'react';

/** What an alert says: something failed, needs care, is worth knowing, or went well. */
export type AlertTone = 'error' | 'warning' | 'info' | 'success';

/**
 * A message in a box, in words for a clerk. Errors are announced at once (`role="alert"`); the rest politely
 * (`role="status"`). `actions` are buttons that resolve what the alert says.
 */
export function Alert({ tone, title, children, actions, testId, className }: {
  tone: AlertTone; title?: string; children?: ReactNode; actions?: ReactNode; testId?: string; className?: string;
}) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`alert alert-${tone}${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title && <strong className="alert-title">{title}</strong>}
      {children && <div className="alert-body">{children}</div>}
      {actions && <div className="alert-actions">{actions}</div>}
    </div>
  );
}
