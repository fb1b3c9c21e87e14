import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { getApi } from '../app/api';
import { courtPolicy } from '../data/court-policy';
import { prefetchFirstDocument } from '../data/envelope-prefetch';
import type { CachedQueueItem } from '../data/queue-cache-db';
import { noQueueFilter, searchWords, type QueueSort, type QueueViewFilter } from '../data/queue-keys';
import type { QueueView } from '../data/queue-repository';
import { syncQueue } from '../data/queue-sync';
import { ImportMediumButton } from '../media/import-medium-button';
import { OfflineButton } from '../offline/offline-button';
import { timeInQueue } from './queue-filter';
import { SavedFilters } from './saved-filters';
import { useQueueView } from './use-queue-view';
import { Badge } from '../ui/badge';
import { useLocalMarkers, type LocalMarkers } from '../data/local-markers';
import { CourtTime, useCourtTime } from '../ui/court-time';
import { rememberOpened } from './queue-navigation';
import { isTyping, queueShortcuts, ShortcutsHelp } from '../envelope/shortcuts-help';

const rowHeight = 36;

/** A column the clerk can sort by: which sorts its header switches between. */
const sortable: Readonly<Record<string, readonly [QueueSort, QueueSort]>> = { Submitted: ['oldest', 'newest'], Filer: ['filer', 'filer-desc'] };
const headings = ['Envelope', 'Submitted', 'In queue', 'Location', 'Case', 'Category', 'Filing codes', 'Filer', 'Filings', 'Claimed by', 'Status'];

/** A row's markers: partly decided (earlier episodes), taken for offline work here, a draft waiting here. */
function RowMarkers({ row, markers }: { row: CachedQueueItem; markers: LocalMarkers }) {
  const partly = row.decidedCount > 0 && row.decidedCount < row.filingCount;
  const offline = markers.offline.has(row.envelopeId);
  const draft = markers.drafts.has(row.envelopeId);
  if (!partly && !offline && !draft) return null;
  const words = [partly ? `${row.decidedCount} of ${row.filingCount} filings decided` : null, offline ? 'available offline on this workstation' : null,
    draft ? 'your unsubmitted draft is on this workstation' : null].filter(Boolean).join('; ');
  return (
    <span className="row-markers" title={words} data-testid="row-markers">
      {partly && <Badge tone="warning">{row.decidedCount}/{row.filingCount} decided</Badge>}
      {offline && <Badge tone="ok">Offline</Badge>}
      {draft && <Badge>Draft</Badge>}
      <span className="visually-hidden">{words}</span>
    </span>
  );
}

/** Why the queue shows no rows, in the clerk's words. */
function emptyReason(total: number, filter: QueueViewFilter, synced: boolean): string {
  if (!synced && total === 0) return 'Reading the queue from the court…';
  if (total === 0) return 'No envelopes are waiting for review.';
  if (searchWords(filter.search).length > 0) return `No envelope in the queue matches "${filter.search.trim()}" with these filters.`;
  return 'No envelope matches these filters. Choose "All" in a filter to see more.';
}

/**
 * The review queue: every envelope awaiting review (cached in IndexedDB, refreshed from the EFM without losing the
 * clerk's place), read page by page from the cache's indexes for any filter and sort, searched by envelope id, case
 * number, party or filer, and virtualised so hundreds of thousands of rows scroll smoothly.
 */
export function QueueScreen({ username, onOpen, active = true }: {
  username: string; onOpen: (envelopeId: string) => void;
  /** False while an envelope is open over the queue; when it turns true again the keyboard returns to the queue. */
  active?: boolean;
}) {
  const courtTime = useCourtTime();
  const [filter, setFilter] = useState<QueueViewFilter>(noQueueFilter);
  const [sort, setSort] = useState<QueueSort>('oldest');
  const [policy, setPolicy] = useState<CourtPolicy | null>(null);
  // The last refresh: when it finished, or why it failed (formatted on the court's clock as it is shown).
  const [status, setStatus] = useState<Date | string>('');
  const [syncing, setSyncing] = useState(false);
  const [synced, setSynced] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const view: QueueView = useMemo(() => ({ filter, sort, username }), [filter, sort, username]);
  const rows = useQueueView(view);
  const markers = useLocalMarkers(username);
  // Opening starts the first document's download too: it runs beside the envelope and claim requests.
  // The row opened last and where it was: back from the envelope, the keyboard returns there (the next envelope when
  // the one opened was completed and left the queue).
  const returnTo = useRef<{ readonly envelopeId: string; readonly index: number } | null>(null);
  /** The row the keyboard is on (see the effect that keeps it focused). */
  const keyboardRow = useRef<{ readonly envelopeId: string; readonly index: number } | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const open = (row: CachedQueueItem, index?: number): void => {
    if (index !== undefined) returnTo.current = { envelopeId: row.envelopeId, index };
    prefetchFirstDocument(row.envelopeId, row.firstDocumentId);
    rememberOpened(row, view);
    onOpen(row.envelopeId);
  };

  const refresh = useCallback(async () => {
    setSyncing(true);
    const outcome = await syncQueue();
    setSyncing(false);
    setSynced(true);
    setStatus(outcome.ok ? new Date() : `Could not refresh: ${outcome.error.message}`);
  }, []);

  useEffect(() => {
    void refresh();
    void courtPolicy().then((loaded) => loaded && setPolicy(loaded));
  }, [refresh]);

  // Once the queue is up and the window idle, load the envelope screen's code and start pdf.js, so the first
  // envelope opened does not wait for them.
  useEffect(() => {
    const idle = requestIdleCallback(() => {
      void import('../envelope/envelope-screen');
      void import('../pdf/pdfjs').then((pdf) => pdf.warmPdfWorker());
    });
    return () => cancelIdleCallback(idle);
  }, []);

  // The EFM answers again after an outage: the queue refreshes itself (the cached rows stay on screen meanwhile).
  useEffect(() => getApi().on('connectivity:changed', (connectivity) => {
    if (connectivity === 'online') void refresh();
  }), [refresh]);

  const virtualizer = useVirtualizer({ count: rows.matching, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  const { ensure } = rows;
  useEffect(() => ensure(firstIndex, lastIndex), [ensure, firstIndex, lastIndex]);
  const now = Date.now();
  // Keyboard: arrows move between rows (scrolling the virtual list), Enter opens.
  const focusRow = (index: number): void => {
    const target = Math.min(Math.max(0, index), rows.matching - 1);
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
  useEffect(() => {
    const back = returnTo.current;
    if (!active || !back) return;
    // Kept until the rows are drawn: the focus lands on them once they are, even when a sync redraws them first.
    keyboardRow.current = back;
    // After the queue has drawn its rows again: the same envelope when it is still there, else the one now in its place.
    const frame = window.requestAnimationFrame(() => {
      const same = scroller.current?.querySelector<HTMLElement>(`[data-testid="queue-row"][aria-label="Envelope ${CSS.escape(back.envelopeId)}"]`);
      if (same) same.focus();
      else focusRow(back.index);
    });
    return () => window.cancelAnimationFrame(frame);
    // Only when the queue comes back into view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  // The row the keyboard is on. When the rows are drawn again and its element goes (a sync takes the envelope just
  // decided out of the queue, a page of rows was still loading), the focus does not fall to the page: it goes back to
  // the same envelope, or, when that one left the queue, to the one now in its place.
  useEffect(() => {
    const wanted = keyboardRow.current;
    if (!active || !wanted || rows.matching === 0 || document.activeElement !== document.body) return;
    const same = scroller.current?.querySelector<HTMLElement>(`[data-testid="queue-row"][aria-label="Envelope ${CSS.escape(wanted.envelopeId)}"]`);
    const inPlace = scroller.current?.querySelector<HTMLElement>(`[data-testid="queue-row"][data-index="${Math.min(wanted.index, rows.matching - 1)}"]`);
    (same ?? inPlace)?.focus();
  });
  // `?` lists the shortcuts and `/` goes to the search box, unless the clerk is typing or the queue is not in view.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey || document.querySelector('[aria-modal="true"]')) return;
      if (event.key === '?') setShowHelp(true);
      else if (event.key === '/') document.getElementById('queue-search')?.focus();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
  const firstLoad = useRef(true);
  const firstRow = rows.rowAt(0);
  useEffect(() => {
    // On first display, put the keyboard on the oldest envelope (unless the clerk is already somewhere).
    if (firstLoad.current && firstRow && document.activeElement === document.body) {
      firstLoad.current = false;
      focusRow(0);
    }
  });
  const name = (list: CourtPolicy['courtLocations'] | undefined, code: string): string => list?.find((entry) => entry.code === code)?.name ?? code;
  const set = (change: Partial<QueueViewFilter>): void => setFilter({ ...filter, ...change });
  const matching = `${rows.matching.toLocaleString('en-US')}${rows.capped ? '+' : ''}`;
  const sortOf = (heading: string): 'ascending' | 'descending' | undefined => {
    const pair = sortable[heading];
    if (!pair) return undefined;
    return sort === pair[0] ? 'ascending' : sort === pair[1] ? 'descending' : undefined;
  };

  return (
    <section aria-labelledby="queue-title" className="queue">
      {showHelp && <ShortcutsHelp shortcuts={queueShortcuts} onClose={() => setShowHelp(false)} />}
      <div className="queue-header">
        <h2 id="queue-title">Review queue</h2>
        <span role="status" data-testid="queue-count">{matching} of {rows.total.toLocaleString('en-US')} envelopes</span>
        <button type="button" onClick={() => void refresh()} disabled={syncing}>{syncing ? 'Refreshing…' : 'Refresh'}</button>
        <span className="hint">{status instanceof Date ? `Updated ${courtTime(status, 'time')}` : status}</span>
        <OfflineButton view={view} username={username} />
        <ImportMediumButton onImported={() => void refresh()} />
      </div>
      <div className="queue-filters" role="group" aria-label="Filters">
        <label htmlFor="queue-search">Search</label>{' '}
        <input id="queue-search" type="search" value={filter.search} placeholder="envelope, case no., party or filer" maxLength={200}
          onChange={(e) => set({ search: e.target.value })} />
        <label htmlFor="queue-location">Location</label> <select id="queue-location" value={filter.courtLocation} onChange={(e) => set({ courtLocation: e.target.value })}>
          <option value="">All</option>
          {policy?.courtLocations.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
        </select>
        <label htmlFor="queue-category">Category</label> <select id="queue-category" value={filter.caseCategory} onChange={(e) => set({ caseCategory: e.target.value })}>
          <option value="">All</option>
          {policy?.caseCategories.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
        </select>
        <label htmlFor="queue-case">Case</label> <select id="queue-case" value={filter.caseKind} onChange={(e) => set({ caseKind: e.target.value as QueueViewFilter['caseKind'] })}>
          <option value="all">New and existing</option><option value="new">New cases</option><option value="existing">Existing cases</option>
        </select>
        <label htmlFor="queue-claim">Claimed</label> <select id="queue-claim" value={filter.claim} onChange={(e) => set({ claim: e.target.value as QueueViewFilter['claim'] })}>
          <option value="all">All</option><option value="mine">Mine</option><option value="unclaimed">Unclaimed</option>
        </select>
      </div>
      <SavedFilters filter={filter} onApply={setFilter} />
      <div role="table" aria-label="Envelopes awaiting review" aria-rowcount={rows.matching + 1} className="queue-table">
        <div role="row" className="queue-row queue-head">
          {headings.map((heading) => {
            const pair = sortable[heading];
            return (
              <span role="columnheader" key={heading} aria-sort={pair ? (sortOf(heading) ?? 'none') : undefined}>
                {pair ? (
                  <button type="button" className="sort-button" onClick={() => setSort(sort === pair[0] ? pair[1] : pair[0])}>
                    {heading}{sortOf(heading) === 'ascending' ? ' ▲' : sortOf(heading) === 'descending' ? ' ▼' : ''}
                  </button>
                ) : heading}
              </span>
            );
          })}
        </div>
        {rows.matching === 0 && !rows.loading && <p className="queue-empty" data-testid="queue-empty">{emptyReason(rows.total, filter, synced)}</p>}
        <div ref={scroller} className="queue-scroller" data-testid="queue-scroller">
          <div className="queue-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((virtual) => {
              const row = rows.rowAt(virtual.index);
              if (!row) return <div role="row" key={`pending-${virtual.index}`} className="queue-row queue-pending" style={{ transform: `translateY(${virtual.start}px)` }} aria-busy="true" />;
              return (
                <div role="row" aria-rowindex={virtual.index + 2} key={row.envelopeId} className="queue-row" data-testid="queue-row" tabIndex={0}
                  aria-label={`Envelope ${row.envelopeId}`} style={{ transform: `translateY(${virtual.start}px)` }}
                  data-index={virtual.index}
                  onClick={() => open(row, virtual.index)}
                  onPointerEnter={() => prefetchFirstDocument(row.envelopeId, row.firstDocumentId)}
                  onFocus={() => {
                    keyboardRow.current = { envelopeId: row.envelopeId, index: virtual.index };
                    prefetchFirstDocument(row.envelopeId, row.firstDocumentId);
                  }}
                  // Focus moved on by the clerk (not lost with a redrawn row): it is no longer the queue's to keep.
                  onBlur={(event) => {
                    if (event.relatedTarget && !(event.relatedTarget as HTMLElement).closest('[data-testid="queue-row"]')) keyboardRow.current = null;
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') open(row, virtual.index);
                    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                      event.preventDefault();
                      focusRow(virtual.index + (event.key === 'ArrowDown' ? 1 : -1));
                    }
                  }}>
                  <span role="cell" title={row.envelopeId}>{row.envelopeId}</span>
                  <span role="cell"><CourtTime at={row.submittedAt} part="short" /></span>
                  <span role="cell">{timeInQueue(row.submittedAt, now)}</span>
                  <span role="cell">{name(policy?.courtLocations, row.courtLocation)}</span>
                  <span role="cell">{row.newCase ? 'New case' : row.caseNumber}</span>
                  <span role="cell">{name(policy?.caseCategories, row.caseCategory)}</span>
                  <span role="cell">{row.filingCodes.join(', ')}</span>
                  <span role="cell">{row.filerName}</span>
                  <span role="cell">{row.filingCount}</span>
                  <span role="cell">{row.claimedBy ?? ''}</span>
                  <span role="cell"><RowMarkers row={row} markers={markers} /></span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
