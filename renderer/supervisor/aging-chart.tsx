import { useMemo, useState } from 'react';
import { queueAging } from '../../shared/domain/supervision';
import type { CachedQueueItem } from '../data/queue-cache-db';
import { CourtTime } from '../ui/court-time';

/** Time-in-queue histogram of the cached queue, per court location and category, with the oldest envelopes. */
export function AgingChart({ items, now, selected, onToggle }: { items: readonly CachedQueueItem[]; now: Date; selected: ReadonlySet<string>; onToggle: (envelopeId: string) => void }) {
  const [courtLocation, setCourtLocation] = useState('');
  const [caseCategory, setCaseCategory] = useState('');
  const locations = useMemo(() => [...new Set(items.map((item) => item.courtLocation))].sort(), [items]);
  const categories = useMemo(() => [...new Set(items.map((item) => item.caseCategory).filter((c): c is string => !!c))].sort(), [items]);
  const bars = queueAging(items, now, { courtLocation: courtLocation || null, caseCategory: caseCategory || null });
  const highest = Math.max(1, ...bars.map((bar) => bar.count));
  const oldest = items.filter((item) => (!courtLocation || item.courtLocation === courtLocation) && (!caseCategory || item.caseCategory === caseCategory))
    .slice().sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).slice(0, 10);
  return (
    <section aria-labelledby="aging-title" className="panel">
      <h3 id="aging-title">Queue aging</h3>
      <div className="filters">
        <label>Court location <select value={courtLocation} onChange={(event) => setCourtLocation(event.target.value)}><option value="">All</option>{locations.map((code) => <option key={code}>{code}</option>)}</select></label>
        <label>Category <select value={caseCategory} onChange={(event) => setCaseCategory(event.target.value)}><option value="">All</option>{categories.map((code) => <option key={code}>{code}</option>)}</select></label>
      </div>
      <svg role="img" aria-labelledby="aging-title aging-desc" viewBox={`0 -16 ${bars.length * 90} 156`} className="aging-chart" data-testid="aging-chart">
        <desc id="aging-desc">{bars.map((bar) => `${bar.label}: ${bar.count}`).join('; ')}</desc>
        {bars.map((bar, index) => {
          const height = Math.round((bar.count / highest) * 100);
          return (
            <g key={bar.label} transform={`translate(${index * 90 + 10}, 0)`}>
              <rect x="0" y={110 - height} width="70" height={height} className="aging-bar" />
              <text x="35" y={105 - height} textAnchor="middle">{bar.count}</text>
              <text x="35" y="128" textAnchor="middle">{bar.label}</text>
            </g>
          );
        })}
      </svg>
      <h4>Oldest envelopes</h4>
      <ul className="oldest" data-testid="oldest-envelopes">
        {oldest.map((item) => (
          <li key={item.envelopeId}>
            <label>
              <input type="checkbox" checked={selected.has(item.envelopeId)} onChange={() => onToggle(item.envelopeId)} />
              {item.envelopeId} — {item.courtLocation}, {item.caseCategory ?? 'no category'}, waiting since <CourtTime at={item.submittedAt} />{item.claimedBy ? `, with ${item.claimedBy}` : ''}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
