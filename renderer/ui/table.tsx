import type { ReactNode } from 'react';

/** A data table with its caption, in a frame that scrolls sideways instead of overflowing the page. */
export function Table({ caption, children, className, testId }: { caption?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div className="table-frame">
      <table className={`table${className ? ` ${className}` : ''}`} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
