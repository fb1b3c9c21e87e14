import { useState } from 'react';
import { SettingsScreen } from '../settings/settings-screen';
import { StampToolScreen } from '../stamp/stamp-tool-screen';
import { StatusScreen } from './status-screen';
import { useAppInfo } from './use-app-info';

type Screen = 'status' | 'stamp' | 'settings';

/** The window frame: header with EFM mode and connectivity, navigation, and the current screen. */
export function AppShell() {
  const state = useAppInfo();
  const [screen, setScreen] = useState<Screen>('status');
  const info = state.status === 'ready' ? state.info : null;
  return (
    <div className="shell">
      <header className="shell-header">
        <h1 className="brand">Clerk Review Desk</h1>
        {info && (
          <div className="header-status" aria-live="polite">
            <span className={`badge badge-${info.efmMode}`} data-testid="efm-mode">
              {info.efmMode === 'demo' ? 'Demo EFM' : 'Court EFM'}
            </span>
            <span className={`badge badge-${info.connectivity}`} data-testid="connectivity">
              {info.connectivity === 'online' ? 'Online' : info.connectivity === 'offline' ? 'Offline' : 'Connecting…'}
            </span>
          </div>
        )}
      </header>
      <nav className="shell-nav" aria-label="Main">
        <button type="button" aria-current={screen === 'status' ? 'page' : undefined} onClick={() => setScreen('status')}>
          Status
        </button>
        <button type="button" aria-current={screen === 'stamp' ? 'page' : undefined} onClick={() => setScreen('stamp')}>
          Stamp
        </button>
        <button type="button" aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => setScreen('settings')}>
          Settings
        </button>
      </nav>
      <main className="shell-main">
        {state.status === 'loading' && <p>Loading…</p>}
        {state.status === 'failed' && (
          <p role="alert">The app could not reach its main process: {state.error.message}</p>
        )}
        {info && screen === 'status' && <StatusScreen info={info} />}
        {info && screen === 'stamp' && <StampToolScreen />}
        {info && screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
