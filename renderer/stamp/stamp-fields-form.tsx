import type { StampFieldValues } from '../../shared/stamp/stamp-text';

const editable = [
  ['status', 'Status'],
  ['court', 'Court'],
  ['clerk', 'Clerk'],
  ['caseNumber', 'Case number'],
  ['envelopeId', 'Envelope'],
  ['filingId', 'Filing'],
] as const;

/** The values printed into the stamps' `{field}` placeholders. */
export function StampFieldsForm({ fields, onChange }: { fields: StampFieldValues; onChange: (fields: StampFieldValues) => void }) {
  return (
    <fieldset className="stamp-fields">
      <legend>Stamp fields</legend>
      {editable.map(([name, label]) => (
        <label key={name} className="field">
          <span>{label}</span>
          <input name={name} value={fields[name] ?? ''} onChange={(event) => onChange({ ...fields, [name]: event.target.value })} />
        </label>
      ))}
    </fieldset>
  );
}
