import type { CodeEntry } from '../../shared/domain/court-policy';

/**
 * A field for a value from one of the court's code lists: a list to choose from when the court publishes one, and
 * free entry when it does not (ECF 5.0 §5.2.2: an unpublished or empty list accepts any value).
 */
export function CodeField({
  id,
  label,
  list,
  value,
  onChange,
}: {
  id: string;
  label: string;
  list: readonly CodeEntry[] | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const free = list !== undefined && list.length === 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {free ? (
        <input
          id={id}
          value={value}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Choose…</option>
          {list?.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
        </select>
      )}
      {free && (
        <p id={`${id}-hint`} className="hint">
          The court does not publish this list: type it as the court records it.
        </p>
      )}
    </div>
  );
}
