import { queueCache } from '../db/queue-cache-db';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { courtPolicy } from '../data/court-policy';
import { getApi } from '../app/api';
import type { CachedQueueItem } from '../db/db';
import { matchesQueueFilter, noQueueFilter, timeInQueue, type QueueViewFilter } from './queue-filter';
import { syncQueue } from './queue-sync';
import { OfflineButton } from '../offline/offline-button';
import { ImportMediumButton } from '../media/import-medium-button';
import { SavedFilters } from './saved-filters';

const rowHeight = 36;

/**
 * The review queue: every envelope awaiting review (cached in IndexedDB, refreshed from the EFM without losing the
 * clerk's place), oldest first, filtered, counted, and virtualised so tens of thousands of rows scroll smoothly.
 */
export function QueueScreen({ username, onOpen }: { username: string; onOpen: (envelopeId: string) => void }) {
  const [rows, setRows] = useState<CachedQueueItem[]>([]);
  const [filter, setFilter] = useState<QueueViewFilter>(noQueueFilter);
  const [policy, setPolicy] = useState<CourtPolicy | null>(null);
  const [status, setStatus] = useState<string>('');
  const [syncing, setSyncing] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => setRows(await queueCache().queue.orderBy('submittedAt').toArray()), []);
  const inFlight = useRef(false);
  const refresh = useCallback(async () => {
    // One sync at a time: a refresh asked for while one runs is the same refresh.
    if (inFlight.current) return;
    inFlight.current = true;
    setSyncing(true);
    const outcome = await syncQueue().finally(() => {
      inFlight.current = false;
    });
    setSyncing(false);
    setStatus(outcome.ok ? `Updated ${new Date().toLocaleTimeString()}: ${outcome.total} envelopes` : `Could not refresh: ${outcome.error.message}`);
    await load();
  }, [load]);

  useEffect(() => {
    void load().then(refresh);
    void courtPolicy().then((loaded) => loaded && setPolicy(loaded));
  }, [load, refresh]);

  // The EFM answers again after an outage: the queue refreshes itself (the cached rows stay on screen meanwhile).
  useEffect(() => getApi().on('connectivity:changed', (connectivity) => {
    if (connectivity === 'online') void refresh();
  }), [refresh]);

  const visible = useMemo(() => rows.filter((row) => matchesQueueFilter(row, filter, username)), [rows, filter, username]);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const now = Date.now();
  // Keyboard: arrows move between rows (scrolling the virtual list), Enter opens.
  const focusRow = (index: number): void => {
    const target = Math.min(Math.max(0, index), visible.length - 1);
    const row = (): HTMLElement | null | undefined => scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    // A rendered row takes the focus at once (fast key repeats must not lose steps); others after scrolling.
    const rendered = row();
    if (rendered) {
      rendered.focus();
      return;
    }
    virtualizer.scrollToIndex(target, { align: 'auto' });
    window.setTimeout(() => row()?.focus(), 30);
  };
  const firstLoad = useRef(true);
  useEffect(() => {
    // On first display, put the keyboard on the oldest envelope (unless the clerk is already somewhere).
    if (firstLoad.current && visible.length > 0 && document.activeElement === document.body) {
      firstLoad.current = false;
      focusRow(0);
    }
  });
  const name = (list: CourtPolicy['courtLocations'] | undefined, code: string): string => list?.find((entry) => entry.code === code)?.name ?? code;

  return (
    <section aria-labelledby="queue-title" className="queue">
      <div className="queue-header">
        <h2 id="queue-title">Review queue</h2>
        <span role="status" data-testid="queue-count">{visible.length} of {rows.length} envelopes</span>
        <button type="button" onClick={() => void refresh()} disabled={syncing}>{syncing ? 'Refreshing…' : 'Refresh'}</button>
        <span className="hint">{status}</span>
        <OfflineButton visible={visible} username={username} />
        <ImportMediumButton onImported={() => void refresh()} />
      </div>
      <div className="queue-filters" role="group" aria-label="Filters">
        <label htmlFor="queue-location">Location</label> <select id="queue-location" value={filter.courtLocation} onChange={(e) => setFilter({ ...filter, courtLocation: e.target.value })}>
          <option value="">All</option>
          {policy?.courtLocations.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
        </select>
        <label htmlFor="queue-category">Category</label> <select id="queue-category" value={filter.caseCategory} onChange={(e) => setFilter({ ...filter, caseCategory: e.target.value })}>
          <option value="">All</option>
          {policy?.caseCategories.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
        </select>
        <label htmlFor="queue-case">Case</label> <select id="queue-case" value={filter.caseKind} onChange={(e) => setFilter({ ...filter, caseKind: e.target.value as QueueViewFilter['caseKind'] })}>
          <option value="all">New and existing</option><option value="new">New cases</option><option value="existing">Existing cases</option>
        </select>
        <label htmlFor="queue-claim">Claimed</label> <select id="queue-claim" value={filter.claim} onChange={(e) => setFilter({ ...filter, claim: e.target.value as QueueViewFilter['claim'] })}>
          <option value="all">All</option><option value="mine">Mine</option><option value="unclaimed">Unclaimed</option>
        </select>
        <label htmlFor="queue-filer">Filer</label> <input id="queue-filer" value={filter.filerText} onChange={(e) => setFilter({ ...filter, filerText: e.target.value })} />
        <label htmlFor="queue-number">Look up</label>{' '}
        <input id="queue-number" value={filter.numberText} placeholder="envelope or case no." onChange={(e) => setFilter({ ...filter, numberText: e.target.value })} />
      </div>
      <SavedFilters filter={filter} onApply={setFilter} />
      <div role="table" aria-label="Envelopes awaiting review" aria-rowcount={visible.length + 1} className="queue-table">
        <div role="row" className="queue-row queue-head">
          {['In queue', 'Location', 'Case', 'Category', 'Filing codes', 'Filer', 'Filings', 'Claimed by'].map((heading) => <span role="columnheader" key={heading}>{heading}</span>)}
        </div>
        <div ref={scroller} className="queue-scroller" data-testid="queue-scroller">
          <div className="queue-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((virtual) => {
              const row = visible[virtual.index];
              if (!row) return null;
              return (
                <div role="row" aria-rowindex={virtual.index + 2} key={row.envelopeId} className="queue-row" data-testid="queue-row" tabIndex={0}
                  aria-label={`Envelope ${row.envelopeId}`} style={{ transform: `translateY(${virtual.start}px)` }}
                  data-index={virtual.index}
                  onClick={() => onOpen(row.envelopeId)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') onOpen(row.envelopeId);
                    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                      event.preventDefault();
                      focusRow(virtual.index + (event.key === 'ArrowDown' ? 1 : -1));
                    }
                  }}>
                  <span role="cell" title={row.submittedAt}>{timeInQueue(row.submittedAt, now)}</span>
                  <span role="cell">{name(policy?.courtLocations, row.courtLocation)}</span>
                  <span role="cell">{row.newCase ? 'New case' : row.caseNumber}</span>
                  <span role="cell">{name(policy?.caseCategories, row.caseCategory)}</span>
                  <span role="cell">{row.filingCodes.join(', ')}</span>
                  <span role="cell">{row.filerName}</span>
                  <span role="cell">{row.filingCount}</span>
                  <span role="cell">{row.claimedBy ?? ''}</span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
