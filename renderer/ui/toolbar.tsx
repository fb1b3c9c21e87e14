import type { ReactNode } from 'react';

/** A row of controls that belong together (`role="toolbar"`), named for screen readers; it scrolls, never wraps. */
export function Toolbar({ label, children, className, testId }: { label: string; children: ReactNode; className?: string; testId?: string }) {
  return <div role="toolbar" aria-label={label} className={`toolbar${className ? ` ${className}` : ''}`} data-testid={testId}>{children}</div>;
}
