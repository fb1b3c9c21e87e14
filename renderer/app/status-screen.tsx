import type { AppInfo } from '../../shared/app-info';

/** What the app is connected to and where its data lives: the first thing court IT checks. */
export function StatusScreen({ info }: { info: AppInfo }) {
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
        <dt>Data folder</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}
