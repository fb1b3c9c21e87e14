import type { KeyboardEvent } from 'react';

/** One tab: its id (what `selected` names) and its label. */
export interface TabItem<T extends string> {
  readonly id: T;
  readonly label: string;
}

/**
 * A row of tabs (`role="tablist"`): click or arrow keys choose; the panel is the caller's, labelled by the tab's id
 * `${idPrefix}-tab-${id}` and itself `${idPrefix}-panel-${id}`.
 */
export function Tabs<T extends string>({ label, idPrefix, tabs, selected, onSelect }: {
  label: string; idPrefix: string; tabs: readonly TabItem<T>[]; selected: T; onSelect: (id: T) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    event.preventDefault();
    onSelect(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button key={tab.id} type="button" role="tab" id={`${idPrefix}-tab-${tab.id}`} aria-selected={tab.id === selected}
          aria-controls={`${idPrefix}-panel-${tab.id}`} tabIndex={tab.id === selected ? 0 : -1} className="tab" onClick={() => onSelect(tab.id)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
