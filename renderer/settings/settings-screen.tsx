import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../shared/errors';
import { idleLockBounds, journalRetentionBounds, offlineCopyBounds, type Settings } from '../../shared/settings';
import { getApi } from '../app/api';
import { ConnectionsEditor } from './connections-editor';
import { CourtItPanel } from './court-it-panel';
import { StampTemplateEditor } from './stamp-template-editor';
import { Alert } from '../ui/alert';

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; error: AppError };

/** Court IT's settings: EFM connections (or the demo EFM), court time zone, idle lock, workstation name. */
export function SettingsScreen() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });

  useEffect(() => {
    void getApi()
      .settings.get()
      .then((result) => (result.ok ? setSettings(result.value) : setLoadError(result.error)));
  }, []);

  if (loadError) return <Alert tone="error" title="Settings could not be read.">{loadError.message}</Alert>;
  if (!settings) return <p>Loading settings…</p>;

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setSave({ status: 'saving' });
    const api = getApi();
    // EFM connections are their own, court-IT-only channel; they go first, so a refusal leaves the rest unsaved too.
    const connections = await api.connections.set({ connections: settings.connections, activeConnectionId: settings.activeConnectionId });
    if (!connections.ok) {
      setSave({ status: 'failed', error: connections.error });
      return;
    }
    const result = await api.settings.set(settings);
    if (result.ok) {
      setSettings(result.value);
      setSave({ status: 'saved' });
    } else {
      setSave({ status: 'failed', error: result.error });
    }
  };
  const fieldError = (field: string): string | undefined =>
    save.status === 'failed' && save.error.field === field ? save.error.message : undefined;

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form className="settings-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <CourtItPanel />
        <ConnectionsEditor settings={settings} onChange={setSettings} fieldError={fieldError} />
        <fieldset>
          <legend>Workstation</legend>
          <TextField label="Court time zone (IANA, e.g. America/Chicago)" name="courtTimeZone" value={settings.courtTimeZone} error={fieldError('courtTimeZone')}
            onChange={(courtTimeZone) => setSettings({ ...settings, courtTimeZone })} />
          <TextField label={`Idle lock after (minutes, ${idleLockBounds.min}–${idleLockBounds.max})`} name="idleLockMinutes" type="number"
            value={String(settings.idleLockMinutes)} error={fieldError('idleLockMinutes')}
            onChange={(value) => setSettings({ ...settings, idleLockMinutes: Number(value) })} />
          <TextField label={`Keep delivered decisions in this workstation's journal for (days, ${journalRetentionBounds.min}–${journalRetentionBounds.max})`}
            name="journalRetentionDays" type="number" value={String(settings.journalRetentionDays)} error={fieldError('journalRetentionDays')}
            onChange={(value) => setSettings({ ...settings, journalRetentionDays: Number(value) })} />
          <TextField label={`Keep offline copies of envelopes for (days, ${offlineCopyBounds.min}–${offlineCopyBounds.max})`}
            name="offlineCopyDays" type="number" value={String(settings.offlineCopyDays)} error={fieldError('offlineCopyDays')}
            onChange={(value) => setSettings({ ...settings, offlineCopyDays: Number(value) })} />
          <TextField label="Workstation name" name="workstationName" value={settings.workstationName} error={fieldError('workstationName')}
            onChange={(workstationName) => setSettings({ ...settings, workstationName })} />
          <label className="checkbox">
            <input type="checkbox" name="autoAdvance" checked={settings.autoAdvance} onChange={(event) => setSettings({ ...settings, autoAdvance: event.target.checked })} />
            {' '}After Submit, open the next envelope of the queue
          </label>
        </fieldset>
        <StampTemplateEditor settings={settings} onChange={setSettings} fieldError={fieldError} />
        <div className="form-actions">
          <button type="submit" disabled={save.status === 'saving'}>Save settings</button>
          {save.status === 'saved' && <Alert tone="success" testId="settings-status">Settings saved.</Alert>}
          {save.status === 'failed' && (
            <Alert tone="error" testId="settings-status" title="Not saved.">{save.error.field ? 'Correct the marked field and save again.' : save.error.message}</Alert>
          )}
        </div>
      </form>
    </section>
  );
}

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  type?: 'text' | 'number';
  error: string | undefined;
  onChange: (value: string) => void;
}

function TextField({ label, name, value, type = 'text', error, onChange }: TextFieldProps) {
  const id = `field-${name.replace('.', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} value={value} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined} onChange={(event) => onChange(event.target.value)} />
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}
