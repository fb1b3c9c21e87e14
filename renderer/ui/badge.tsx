import type { ReactNode } from 'react';

/** A badge's colour: neutral, good, needs care, bad, or the demo marker. */
export type BadgeTone = 'neutral' | 'ok' | 'warning' | 'danger' | 'demo';

/** A short label in a pill (connection state, role, markers on queue rows). */
export function Badge({ tone = 'neutral', children, testId, title }: { tone?: BadgeTone; children: ReactNode; testId?: string; title?: string }) {
  return <span className={`badge badge-tone-${tone}`} data-testid={testId} title={title}>{children}</span>;
}
