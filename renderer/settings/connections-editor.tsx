import { useEffect, useState } from 'react';
import type { ConnectionTestStep } from '../../shared/ipc/connection-schemas';
import type { EfmConnection, Settings } from '../../shared/settings';
import { getApi } from '../app/api';
import { Alert } from '../ui/alert';

type SecretStatus = { backend: string; warning: string | null; names: string[] };

const blank = (index: number): EfmConnection => ({ id: `court-${index}`, name: 'Court EFM', endpoint: 'https://', courtId: '', username: '', tlsCaPem: null, clientCertPem: null, pinnedEfmCertPem: null });

/**
 * Court IT's EFM connections: endpoint, court, TLS CA, workstation certificate (its key goes to the keychain, never
 * into settings), the EFM's pinned signing certificate; which one is in use (or the demo EFM); "test connection".
 */
export function ConnectionsEditor({ settings, onChange, fieldError }: { settings: Settings; onChange: (settings: Settings) => void; fieldError: (field: string) => string | undefined }) {
  const [secrets, setSecrets] = useState<SecretStatus | null>(null);
  useEffect(() => {
    void getApi().secrets.status().then((result) => result.ok && setSecrets(result.value));
  }, []);
  const update = (index: number, patch: Partial<EfmConnection>): void =>
    onChange({ ...settings, connections: settings.connections.map((connection, i) => (i === index ? { ...connection, ...patch } : connection)) });
  return (
    <fieldset data-testid="connections">
      <legend>EFM connections</legend>
      {secrets?.warning && <Alert tone="warning" testId="secret-backend-warning">{secrets.warning}</Alert>}
      <label><input type="radio" name="active-connection" checked={settings.activeConnectionId === ''} onChange={() => onChange({ ...settings, activeConnectionId: '' })} /> Demo EFM (embedded)</label>
      {settings.connections.map((connection, index) => (
        <ConnectionFields key={index} index={index} connection={connection} active={settings.activeConnectionId === connection.id} secrets={secrets} onSecrets={setSecrets}
          onActivate={() => onChange({ ...settings, activeConnectionId: connection.id })}
          onChange={(patch) => update(index, patch)}
          onRemove={() => onChange({ ...settings, connections: settings.connections.filter((_, i) => i !== index), activeConnectionId: settings.activeConnectionId === connection.id ? '' : settings.activeConnectionId })}
          fieldError={(field) => fieldError(`connections.${index}.${field}`)} />
      ))}
      <button type="button" onClick={() => onChange({ ...settings, connections: [...settings.connections, blank(settings.connections.length + 1)] })}>Add connection</button>
    </fieldset>
  );
}

function ConnectionFields({ index, connection, active, secrets, onSecrets, onActivate, onChange, onRemove, fieldError }: {
  index: number; connection: EfmConnection; active: boolean; secrets: SecretStatus | null; onSecrets: (status: SecretStatus) => void;
  onActivate: () => void; onChange: (patch: Partial<EfmConnection>) => void; onRemove: () => void; fieldError: (field: string) => string | undefined;
}) {
  const [keyPem, setKeyPem] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [testUser, setTestUser] = useState('');
  const [testPassword, setTestPassword] = useState('');
  const [steps, setSteps] = useState<ConnectionTestStep[] | null>(null);
  const hasKey = secrets?.names.includes(`connection:${connection.id}:client-key`) ?? false;
  const id = (name: string): string => `connection-${index}-${name}`;
  const text = (name: 'id' | 'name' | 'endpoint' | 'courtId' | 'username', label: string) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <input id={id(name)} value={connection[name]} aria-invalid={fieldError(name) ? true : undefined} onChange={(event) => onChange({ [name]: event.target.value })} />
      {fieldError(name) && <span className="field-error" role="alert">{fieldError(name)}</span>}
    </div>
  );
  const pem = (name: 'tlsCaPem' | 'clientCertPem' | 'pinnedEfmCertPem', label: string) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <textarea id={id(name)} rows={3} value={connection[name] ?? ''} placeholder="-----BEGIN CERTIFICATE-----" aria-invalid={fieldError(name) ? true : undefined}
        onChange={(event) => onChange({ [name]: event.target.value.trim() ? event.target.value : null })} />
      {fieldError(name) && <span className="field-error" role="alert">{fieldError(name)}</span>}
    </div>
  );
  const storeKey = async (): Promise<void> => {
    const result = await getApi().secrets.setClientKey({ connectionId: connection.id, keyPem });
    setKeyPem('');
    if (result.ok) {
      onSecrets(result.value);
      setMessage(`Client key stored (${result.value.backend}).`);
    } else setMessage(`Key NOT stored: ${result.error.message}`);
  };
  const test = async (): Promise<void> => {
    setSteps(null);
    const result = await getApi().connections.test({ connectionId: connection.id, ...(testPassword ? { username: testUser, password: testPassword } : {}) });
    setTestPassword('');
    if (result.ok) setSteps(result.value);
    else setMessage(result.error.message);
  };
  return (
    <fieldset className="connection" data-testid={`connection-${connection.id}`}>
      <legend>{connection.name || connection.id}</legend>
      <label><input type="radio" name="active-connection" checked={active} onChange={onActivate} /> Use this connection</label>
      {text('name', 'Name')}
      {text('id', 'Identifier')}
      {text('endpoint', 'EFM endpoint (https)')}
      {text('courtId', 'Court identifier')}
      {text('username', 'Default user name')}
      {pem('tlsCaPem', 'Court CA certificate (PEM, optional)')}
      {pem('clientCertPem', 'Workstation certificate (PEM, optional)')}
      {pem('pinnedEfmCertPem', 'EFM signing certificate to pin (PEM, optional)')}
      <div className="field">
        <label htmlFor={id('key')}>Workstation private key — {hasKey ? 'stored in the keychain' : 'not stored'}</label>
        <textarea id={id('key')} rows={2} value={keyPem} placeholder="-----BEGIN PRIVATE KEY----- (saved to the keychain, never to the settings file)" onChange={(event) => setKeyPem(event.target.value)} />
        <button type="button" disabled={!keyPem.trim()} onClick={() => void storeKey()}>Store key</button>
        {hasKey && <button type="button" onClick={() => void getApi().secrets.deleteClientKey({ connectionId: connection.id }).then((result) => result.ok && onSecrets(result.value))}>Remove key</button>}
      </div>
      <div className="field connection-test">
        <label>User <input value={testUser} onChange={(event) => setTestUser(event.target.value)} /></label>
        <label>Password <input type="password" value={testPassword} onChange={(event) => setTestPassword(event.target.value)} /></label>
        <button type="button" onClick={() => void test()}>Test connection</button>
        <span className="hint">Save the settings first; the password is used for this test only.</span>
      </div>
      {steps && (
        <ul data-testid={`connection-test-${connection.id}`}>
          {steps.map((step) => <li key={step.name} className={step.ok ? 'ok' : 'alert'}>{step.ok ? '✔' : '✘'} {step.name}: {step.detail}</li>)}
        </ul>
      )}
      {message && <Alert tone="info">{message}</Alert>}
      <button type="button" onClick={onRemove}>Remove connection</button>
    </fieldset>
  );
}
