import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { signOut } from '../session/sign-out';
import { SignInScreen } from '../session/sign-in-screen';
import { useSession } from '../session/use-session';
import { useAppInfo } from './use-app-info';
import { useWaitingCount } from '../outbox/use-waiting-count';
import { LockScreen } from '../session/lock-screen';
import { useIdleLock } from '../session/use-idle-lock';
import { useSettings } from '../settings/use-settings';
import { CourtTimeZone } from '../ui/court-time';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Alert } from '../ui/alert';
import { ErrorBoundary } from '../ui/error-boundary';
import { appShortcuts, isTyping, ShortcutsHelp } from '../envelope/shortcuts-help';

// Loaded when first opened: the sign-in screen paints with React alone (no IndexedDB code, pdf.js or pdf-lib).
const QueueScreen = lazy(() => import('../queue/queue-screen').then((m) => ({ default: m.QueueScreen })));
const EnvelopeScreen = lazy(() => import('../envelope/envelope-screen').then((m) => ({ default: m.EnvelopeScreen })));
const OutboxScreen = lazy(() => import('../outbox/outbox-screen').then((m) => ({ default: m.OutboxScreen })));
const SupervisorScreen = lazy(() => import('../supervisor/supervisor-screen').then((m) => ({ default: m.SupervisorScreen })));
const StatusScreen = lazy(() => import('./status-screen').then((m) => ({ default: m.StatusScreen })));
const StampToolScreen = lazy(() => import('../stamp/stamp-tool-screen').then((m) => ({ default: m.StampToolScreen })));
const SettingsScreen = lazy(() => import('../settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));

type Screen = 'queue' | 'outbox' | 'supervisor' | 'status' | 'stamp' | 'settings';

/** The window frame: header with EFM mode and connectivity, navigation, and the current screen. */
export function AppShell() {
  const state = useAppInfo();
  const session = useSession();
  const [screen, setScreen] = useState<Screen>('queue');
  const [openEnvelope, setOpenEnvelope] = useState<string | null>(null);
  // What auto-advance did after a Submit: shown until the clerk opens something themselves.
  const [advanceNote, setAdvanceNote] = useState<string | null>(null);
  const openFromQueue = (envelopeId: string): void => {
    setAdvanceNote(null);
    setOpenEnvelope(envelopeId);
  };
  const advance = async (submitted: string, message: string): Promise<void> => {
    // Loaded here, not with the shell: the sign-in screen paints without the queue's database code.
    const [{ nextInView }, { prefetchFirstDocument }] = await Promise.all([import('../queue/queue-navigation'), import('../data/envelope-prefetch')]);
    const next = await nextInView(submitted);
    if (next) prefetchFirstDocument(next.envelopeId, next.firstDocumentId);
    setAdvanceNote(next ? `${message} Now on the next envelope of your queue, ${next.envelopeId}.` : `${message} That was the last envelope of your queue view.`);
    setOpenEnvelope(next?.envelopeId ?? null);
  };
  // Mirror the main process's deliveries (it delivers what earlier sittings left as soon as the clerk signs in).
  useEffect(() => {
    if (!session) return;
    let live = true;
    let stop: (() => void) | null = null;
    void import('../outbox/outbox').then((outbox) => {
      if (live) stop = outbox.startOutboxPump();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [session]);
  const info = state.status === 'ready' ? state.info : null;
  const ready = info !== null;
  // Offline copies past the court's days are wiped as soon as the app runs: a second after the first screen is up,
  // so the IndexedDB code loads after the sign-in screen has painted (an expired copy is never read meanwhile).
  useEffect(() => {
    if (!ready) return;
    const timer = window.setTimeout(() => void import('../offline/offline-store').then((store) => store.wipeOffline('expired')).catch(() => undefined), 1000);
    return () => window.clearTimeout(timer);
  }, [ready]);
  const settings = useSettings();
  const [showHelp, setShowHelp] = useState(false);
  // Alt+digit moves between the screens; `?` lists the keys on screens without their own list (queue, envelope).
  useEffect(() => {
    const order: Screen[] = ['queue', 'outbox', 'supervisor', 'status', 'stamp', 'settings'];
    const onKey = (event: KeyboardEvent): void => {
      const target = order[Number(event.key) - 1];
      if (event.altKey && !event.ctrlKey && !event.metaKey && target && (target !== 'supervisor' || session?.role === 'supervisor') && session && !session.locked) {
        event.preventDefault();
        setScreen(target);
        return;
      }
      if (event.key !== '?' || screen === 'queue' || isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      setShowHelp(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen, session]);
  useIdleLock(settings?.idleLockMinutes ?? null, !!session && !session.locked);
  const locked = session?.locked === true;
  const waiting = useWaitingCount(!!session);
  const offline = info?.connectivity === 'offline';
  // The main process asks the EFM every few seconds (the header shows that last exchange); once it answers again
  // after being away, the outbox delivers what waited.
  const wasOffline = useRef(false);
  useEffect(() => {
    if (offline) wasOffline.current = true;
    else if (wasOffline.current && session && info?.connectivity === 'online') {
      wasOffline.current = false;
      void import('../outbox/outbox').then((outbox) => outbox.deliverPending());
    }
  }, [offline, session, info?.connectivity]);
  return (
    <CourtTimeZone.Provider value={settings?.courtTimeZone ?? null}>
    <div className="shell">
      <header className="shell-header">
        <h1 className="brand">Clerk Review Desk</h1>
        {info && (
          <div className="header-status" aria-live="polite">
            <Badge tone={info.efmMode === 'demo' ? 'demo' : 'neutral'} testId="efm-mode">{info.efmMode === 'demo' ? 'Demo EFM' : 'Court EFM'}</Badge>
            {session && <Badge testId="signed-in-user">{session.username}{session.role === 'supervisor' ? ' (supervisor)' : ''}</Badge>}
            {session && !session.locked && <Button variant="link" className="header-link" onClick={() => void signOut(session.username)}>Sign out</Button>}
            {/* Only what an exchange showed: before the first sign-in nothing has been asked of the EFM yet. */}
            {(session || info.connectivity !== 'unknown') && (
              <Badge tone={info.connectivity === 'online' ? 'ok' : info.connectivity === 'offline' ? 'danger' : 'neutral'} testId="connectivity"
                title="From the EFM's last answer; the workstation asks every few seconds">
                {info.connectivity === 'online' ? 'Online' : info.connectivity === 'offline' ? 'Offline' : 'Connecting…'}
              </Badge>
            )}
          </div>
        )}
      </header>
      {info?.clock?.overLimit && (
        <p role="status" className="offline-banner" data-testid="clock-banner">
          This workstation&apos;s clock is {describeSkew(info.clock.skewMs)} the court&apos;s. Stamps and decisions use the
          court&apos;s time; ask IT to set this workstation&apos;s clock.
        </p>
      )}
      {offline && session && (
        <p role="status" className="offline-banner" data-testid="offline-banner">
          The EFM cannot be reached. Keep reviewing what is on this workstation; {waiting} {waiting === 1 ? 'decision waits' : 'decisions wait'} in the outbox and will be sent when it is back.
        </p>
      )}
      {showHelp && <ShortcutsHelp shortcuts={appShortcuts} onClose={() => setShowHelp(false)} />}
      {locked && session && <main className="shell-main"><LockScreen session={session} /></main>}
      {/* While locked, the screens stay mounted (nothing typed is lost) but hidden and inert: no document is visible. */}
      <div hidden={locked} inert={locked} className="shell-content">
      <nav className="shell-nav" aria-label="Main">
        <button type="button" aria-current={screen === 'queue' ? 'page' : undefined} onClick={() => setScreen('queue')}>
          Queue
        </button>
        {session && (
          <button type="button" aria-current={screen === 'outbox' ? 'page' : undefined} onClick={() => setScreen('outbox')}>
            Outbox{waiting > 0 ? ` (${waiting})` : ''}
          </button>
        )}
        {/* Shown to supervisors only; the main process refuses the supervisor channels to clerks anyway. */}
        {session?.role === 'supervisor' && (
          <button type="button" aria-current={screen === 'supervisor' ? 'page' : undefined} onClick={() => setScreen('supervisor')}>
            Supervisor
          </button>
        )}
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
          <Alert tone="error" title="The app could not start its review services.">{state.error.message} Close the app and open it again; if it keeps happening, tell court IT.</Alert>
        )}
        {info && screen === 'queue' && session === null && <SignInScreen demo={info.efmMode === 'demo'} />}
        {/* The queue stays mounted while an envelope is open, so the clerk comes back to the same place. */}
        <ErrorBoundary where={screen === 'queue' && openEnvelope ? 'envelope' : `${screen} screen`} resetKey={`${screen}|${openEnvelope ?? ''}`}>
        <Suspense fallback={<p>Loading…</p>}>
        {info && screen === 'queue' && session && (
          <div hidden={openEnvelope !== null}>
            <QueueScreen username={session.username} onOpen={openFromQueue} active={openEnvelope === null} />
          </div>
        )}
        {info && screen === 'queue' && session && advanceNote && <Alert tone="success" testId="advance-note">{advanceNote}</Alert>}
        {info && screen === 'queue' && session && openEnvelope && (
          <EnvelopeScreen key={openEnvelope} envelopeId={openEnvelope} username={session.username} clerkName={session.displayName || session.username} onClose={() => setOpenEnvelope(null)}
            onAdvance={(message) => void advance(openEnvelope, message)} />
        )}
        {info && screen === 'outbox' && session && <OutboxScreen username={session.username} supervisor={session.role === 'supervisor'} />}
        {info && screen === 'supervisor' && session?.role === 'supervisor' && <SupervisorScreen />}
        {info && screen === 'status' && <StatusScreen info={info} />}
        {info && screen === 'stamp' && <StampToolScreen />}
        {info && screen === 'settings' && <SettingsScreen />}
        </Suspense>
        </ErrorBoundary>
      </main>
      </div>
    </div>
    </CourtTimeZone.Provider>
  );
}

/** "3 minutes behind" / "45 seconds ahead of": how far the workstation's clock is from the EFM's. */
function describeSkew(skewMs: number): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
  // The EFM ahead means the workstation is behind.
  return skewMs > 0 ? `${amount} behind` : `${amount} ahead of`;
}
