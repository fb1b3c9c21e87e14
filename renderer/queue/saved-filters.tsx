import { useCallback, useEffect, useState } from 'react';
import { db, type SavedFilter } from '../db/db';
import type { QueueViewFilter } from '../data/queue-keys';
import { savedFilterFrom } from './queue-filter';

/** Named queue filters kept on this workstation: save the current one, apply or delete a saved one. */
export function SavedFilters({ filter, onApply }: { filter: QueueViewFilter; onApply: (filter: QueueViewFilter) => void }) {
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const load = useCallback(async () => setSaved(await db().savedFilters.orderBy('name').toArray()), []);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const existing = await db().savedFilters.where('name').equals(trimmed).first();
    await db().savedFilters.put({ ...(existing?.id === undefined ? {} : { id: existing.id }), name: trimmed, filter: JSON.stringify(filter) });
    setName('');
    setMessage(`Saved "${trimmed}".`);
    await load();
  };
  const apply = (id: string): void => {
    const entry = saved.find((candidate) => String(candidate.id) === id);
    if (!entry) return;
    const filter = savedFilterFrom(entry.filter);
    if (filter) onApply(filter);
    else setMessage(`"${entry.name}" could not be read; delete it and save it again.`);
  };

  return (
    <div className="saved-filters" role="group" aria-label="Saved filters">
      <label htmlFor="saved-filter">Saved filter</label>
      <select id="saved-filter" value="" onChange={(event) => apply(event.target.value)}>
        <option value="">Choose…</option>
        {saved.map((entry) => <option key={entry.id} value={String(entry.id)}>{entry.name}</option>)}
      </select>
      <label htmlFor="saved-filter-name">Name</label>
      <input id="saved-filter-name" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="button" onClick={() => void save()} disabled={!name.trim()}>Save filter</button>
      <span role="status" className="hint">{message}</span>
    </div>
  );
}
