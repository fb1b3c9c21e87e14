import type { AppInfo } from '../../shared/app-info';
import { useState } from 'react';
import { useStorageMode } from '../db/persistent-storage';
import { wipeOffline } from '../offline/offline-store';
import { Alert } from '../ui/alert';

/** What the app is connected to and where its data lives: the first thing court IT checks. */
export function StatusScreen({ info }: { info: AppInfo }) {
  const storage = useStorageMode();
  const [wiped, setWiped] = useState<string | null>(null);
  const wipe = async (): Promise<void> => {
    const count = await wipeOffline('all');
    setWiped(`${count} offline ${count === 1 ? 'copy was' : 'copies were'} removed from this workstation.`);
  };
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <dl className="facts" data-testid="app-info">
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>EFM</dt>
        <dd>{info.efmMode === 'demo' ? 'Embedded demo EFM (no court connection configured)' : info.efmEndpoint}</dd>
        <dt>Running in</dt>
        <dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser (loopback host)'}</dd>
        <dt>Local storage</dt>
        <dd data-testid="storage-mode">
          {storage === 'persistent' && 'Persistent: the browser will not evict saved decisions or offline copies'}
          {storage === 'best-effort' && 'Best-effort: the browser may evict local data under storage pressure (decisions are also journaled by the app)'}
          {storage === 'unknown' && 'Unknown'}
        </dd>
        <dt>Signing key</dt>
        <dd data-testid="signing-key">
          {info.signingKey ? <>Key <code>{info.signingKey.keyId}</code>{info.signingKey.warning ? '' : ', sealed by the system keychain'}</> : 'Not available: the journal and the audit log cannot be signed. Tell court IT.'}
          {info.signingKey?.warning && <Alert tone="warning" testId="signing-key-warning">{info.signingKey.warning}</Alert>}
        </dd>
        <dt>Offline copies</dt>
        <dd>
          Sealed on this workstation, wiped at sign-out and after the court&apos;s days.{' '}
          <button type="button" onClick={() => void wipe()}>Remove all offline copies now</button>
          {wiped && <span role="status" data-testid="offline-wiped"> {wiped}</span>}
        </dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}
